/**
 * Building a fastText dictionary from raw text as fastText 0.9.2 does (`Dictionary::readWord`,
 * `readFromFile`, `threshold`):
 *
 * - words are runs of bytes between the separators space, \n, \r, \t, \v, \f and NUL; no other
 *   normalisation (case and punctuation stay);
 * - every newline is also the token `</s>` (after the word it ends); text that does not end in a newline
 *   gets no final `</s>`;
 * - `ntokens` counts every token read, `</s>` included, before any threshold;
 * - entries starting with `__label__` are labels; words with fewer than minCount occurrences (labels:
 *   minCountLabel) are dropped; words come first, then labels, each by descending count. Ties keep the
 *   order of first occurrence (fastText's std::sort leaves their order unspecified).
 */
import {EOS} from './ngrams.js';
import type {FastTextDictionary} from './model-file.js';

export const LABEL_PREFIX = '__label__';
/** fastText's MAX_LINE_SIZE: a training line ends after this many in-vocabulary tokens (or at `</s>`). */
export const MAX_LINE_SIZE = 1024;

const NEWLINE = 0x0a;
const decoder = new TextDecoder();

function isSeparator(b: number): boolean {
  return b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09 || b === 0x0b || b === 0x0c || b === 0x00;
}

/** Calls `visit(token)` for each token of the bytes, `</s>` for each newline, as `readWord` reads them. */
export function forEachToken(bytes: Uint8Array, visit: (token: string) => void): void {
  let start = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (isSeparator(b)) {
      if (start >= 0) {
        visit(decoder.decode(bytes.subarray(start, i)));
        start = -1;
      }
      if (b === NEWLINE) visit(EOS);
    } else if (start < 0) start = i;
  }
  if (start >= 0) visit(decoder.decode(bytes.subarray(start)));
}

export interface DictionaryOptions {
  /** __Default:__ 5 (fastText's skipgram / cbow default). */
  minCount?: number;
  /** __Default:__ 0. */
  minCountLabel?: number;
}

/** The dictionary of a corpus (one or more byte arrays read one after another). */
export function buildFastTextDictionary(corpus: readonly Uint8Array[], options: DictionaryOptions = {}): FastTextDictionary {
  const minCount = options.minCount ?? 5;
  const minCountLabel = options.minCountLabel ?? 0;
  const counts = new Map<string, number>();
  let ntokens = 0;
  for (const bytes of corpus) {
    forEachToken(bytes, (token) => {
      ntokens++;
      counts.set(token, (counts.get(token) ?? 0) + 1);
    });
  }
  const kept = [...counts].filter(([w, c]) => c >= (w.startsWith(LABEL_PREFIX) ? minCountLabel : minCount));
  // Stable sort: words before labels, then by descending count; ties in order of first occurrence.
  kept.sort((a, b) => Number(a[0].startsWith(LABEL_PREFIX)) - Number(b[0].startsWith(LABEL_PREFIX)) || b[1] - a[1]);
  const types = Uint8Array.from(kept, ([w]) => (w.startsWith(LABEL_PREFIX) ? 1 : 0));
  const nlabels = types.reduce((n, t) => n + t, 0);
  return {entries: kept.map(([w]) => w), counts: kept.map(([, c]) => c), types, nwords: kept.length - nlabels, nlabels, ntokens};
}

/**
 * The corpus as dictionary ids in reading order (tokens not in the dictionary left out), the form the
 * trainer streams over. Entry ids of labels are kept (they count towards a line, never train).
 */
export function encodeCorpus(corpus: readonly Uint8Array[], dictionary: FastTextDictionary): Int32Array {
  const ids = new Map(dictionary.entries.map((w, i) => [w, i]));
  const out: number[] = [];
  for (const bytes of corpus) {
    forEachToken(bytes, (token) => {
      const id = ids.get(token);
      if (id !== undefined) out.push(id);
    });
  }
  return Int32Array.from(out);
}
