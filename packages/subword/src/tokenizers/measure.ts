/**
 * What a subword vocabulary buys on held-out text, per vocabulary size: how many words it cannot
 * represent, how many it must split, how many tokens a word costs, and how big its embedding table is;
 * beside it, a word-level table of the same number of rows.
 */
import type {SubwordTokenizer} from './tokenizer.js';

export interface TokenizerMeasurement {
  kind: string;
  /** Rows of the embedding table (special tokens included). */
  vocabSize: number;
  documents: number;
  /** Pre-tokenized words (the tokenizer's own pre-tokenizer: words and punctuation marks). */
  words: number;
  tokens: number;
  tokensPerWord: number;
  /** Words with at least one unknown token (`[UNK]`); always 0 for byte-level BPE. */
  unknownWords: number;
  unknownWordRate: number;
  /** Words not in the vocabulary as one token (split into two or more). */
  splitWords: number;
  splitWordRate: number;
}

/** Encodes the documents (no special tokens) and counts per pre-tokenized word. */
export async function measureTokenizer(
  tokenizer: SubwordTokenizer,
  documents: readonly string[],
  options: {batchSize?: number} = {},
): Promise<TokenizerMeasurement> {
  const batchSize = options.batchSize ?? 256;
  const unk = tokenizer.unkId;
  let words = 0,
    tokens = 0,
    unknownWords = 0,
    splitWords = 0;
  for (let start = 0; start < documents.length; start += batchSize) {
    for (const e of await tokenizer.encodeBatch(documents.slice(start, start + batchSize) as string[])) {
      tokens += e.ids.length;
      let word: number | null = null,
        pieces = 0,
        hasUnk = false;
      const close = () => {
        if (word === null) return;
        words++;
        if (pieces > 1) splitWords++;
        if (hasUnk) unknownWords++;
      };
      for (let i = 0; i < e.ids.length; i++) {
        const w = e.wordIds[i] ?? null;
        if (w !== word) {
          close();
          word = w;
          pieces = 0;
          hasUnk = false;
        }
        pieces++;
        if (e.ids[i] === unk) hasUnk = true;
      }
      close();
    }
  }
  return {
    kind: tokenizer.kind,
    vocabSize: tokenizer.vocabSize,
    documents: documents.length,
    words,
    tokens,
    tokensPerWord: words === 0 ? 0 : tokens / words,
    unknownWords,
    unknownWordRate: words === 0 ? 0 : unknownWords / words,
    splitWords,
    splitWordRate: words === 0 ? 0 : splitWords / words,
  };
}

export interface WordLevelMeasurement {
  /** Rows: the most frequent training words (ties in string order), or every training word type. */
  vocabSize: number;
  heldOutWords: number;
  /** Held-out word tokens without a row. */
  oovWords: number;
  oovRate: number;
}

/**
 * A word-level table of each size (the most frequent training words, ties in string order as core's
 * Vocabulary orders them) on held-out words; `Infinity` in `sizes` means every training word type.
 */
export function measureWordLevel(trainWords: Iterable<string>, heldOutWords: readonly string[], sizes: readonly number[]): WordLevelMeasurement[] {
  const counts = new Map<string, number>();
  for (const w of trainWords) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
  const rank = new Map(ranked.map((w, i) => [w, i]));
  return sizes.map((size) => {
    const rows = Math.min(size, ranked.length);
    let oov = 0;
    for (const w of heldOutWords) if (!((rank.get(w) ?? Number.POSITIVE_INFINITY) < rows)) oov++;
    return {vocabSize: rows, heldOutWords: heldOutWords.length, oovWords: oov, oovRate: heldOutWords.length === 0 ? 0 : oov / heldOutWords.length};
  });
}
