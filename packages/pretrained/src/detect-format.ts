/**
 * Which vector format a file is in, from its name and first bytes.
 *
 * - a first line of two integers `rows dim` is a word2vec / fastText header; without it the file is GloVe;
 * - with a header, `.bin` is word2vec binary and `.txt` / `.vec` text; other names are sniffed: the second
 *   line is text when, after the word, it holds exactly `dim` decimal tokens before its newline.
 */
import {DECIMAL} from './float-parse.js';

export type VectorFormat = 'glove' | 'word2vec' | 'word2vec-binary';

/** Format names accepted in options; `fasttext` is word2vec text with a header (the `.vec` files). */
export type FormatOption = VectorFormat | 'fasttext' | 'auto';

const HEADER = /^[ \t]*(\d+)[ \t]+(\d+)[ \t]*\r?$/;

export function detectFormat(head: Uint8Array, path: string): VectorFormat {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.length);
  const nl = bytes.indexOf(10);
  const first = bytes.toString('latin1', 0, nl < 0 ? Math.min(bytes.length, 256) : Math.min(nl, 256));
  const m = HEADER.exec(first);
  if (!m) return 'glove';
  const name = path.toLowerCase().replace(/\.(gz|zip)$/, '');
  if (name.endsWith('.bin')) return 'word2vec-binary';
  if (name.endsWith('.txt') || name.endsWith('.vec')) return 'word2vec';
  if (nl < 0) return 'word2vec';
  const dim = Number(m[2]);
  const rest = bytes.subarray(nl + 1);
  const sp = rest.indexOf(32);
  if (sp < 0) return 'word2vec';
  const nl2 = rest.indexOf(10, sp);
  const tail = rest.toString('latin1', sp + 1, nl2 < 0 ? rest.length : nl2).trim();
  const tokens = tail === '' ? [] : tail.split(/[ \t]+/);
  return tokens.length === dim && tokens.every((t) => DECIMAL.test(t)) ? 'word2vec' : 'word2vec-binary';
}

/** Normalise a format option (`fasttext` is word2vec text). */
export function resolveFormat(format: FormatOption, head: Uint8Array, path: string): VectorFormat {
  if (format === 'auto') return detectFormat(head, path);
  if (format === 'fasttext') return 'word2vec';
  return format;
}
