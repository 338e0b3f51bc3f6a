/**
 * Word-pair similarity reader: separator, header lines and the three columns come from the registry entry
 * (or the caller). Lines starting with '#' and blank lines are skipped, as gensim's evaluate_word_pairs does.
 * Duplicate and reversed pairs are kept and counted.
 */
import {DataError} from '@embedlab/core';
import {splitLines} from './lines.js';
import {messages} from './messages.js';
import type {SimilarityFormat} from './registry.js';
import type {FileRecord, SimilarityDataset, SimilarityPair} from './types.js';

function splitFields(line: string, sep: SimilarityFormat['separator']): string[] {
  if (sep === 'whitespace') return line.trim().split(/\s+/);
  if (sep === 'auto') return line.includes('\t') ? line.split('\t') : line.includes(',') ? line.split(',') : line.trim().split(/\s+/);
  return line.split(sep);
}

export function parseSimilarity(
  text: string,
  file: string,
  format: SimilarityFormat,
  meta: {id?: string; files?: FileRecord[]; scoreRange?: [number, number]} = {},
): SimilarityDataset {
  const pairs: SimilarityPair[] = [];
  const [c1, c2, cs] = format.columns;
  const need = Math.max(c1, c2, cs) + 1;
  const seen = new Set<string>();
  let duplicates = 0,
    reversed = 0;
  splitLines(text).forEach((raw, i) => {
    if (i < format.header) return;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const f = splitFields(raw, format.separator).map((x) => x.trim());
    if (f.length < need)
      throw new DataError(
        file,
        i + 1,
        messages.wrongFieldCount(`at least ${need} fields (word1, word2, score in columns ${c1 + 1}, ${c2 + 1}, ${cs + 1})`, f.length),
      );
    const w1 = f[c1]!,
      w2 = f[c2]!,
      s = f[cs]!;
    if (!w1 || !w2) throw new DataError(file, i + 1, messages.emptyField('word'));
    const score = s === '' ? NaN : Number(s);
    if (!Number.isFinite(score)) throw new DataError(file, i + 1, messages.badScore(s, cs + 1));
    const key = `${w1}\u0000${w2}`;
    if (seen.has(key)) duplicates++;
    else if (seen.has(`${w2}\u0000${w1}`)) reversed++;
    seen.add(key);
    pairs.push({w1, w2, score, line: i + 1});
  });
  return {id: meta.id ?? file, pairs, files: meta.files ?? [], scoreRange: meta.scoreRange ?? [NaN, NaN], duplicatePairs: duplicates, reversedPairs: reversed};
}
