/**
 * Datasets given as plain files in a config (`{type: 'similarity', files: ['my-pairs.tsv']}`) instead of a
 * registered id: parsed with the evaluators' readers, recorded with their sha256 like registered ones. The
 * dataset id is the file name without extension.
 */
import {readFileSync, statSync} from 'node:fs';
import {basename, extname, resolve} from 'node:path';
import {parseGoogleAnalogy, parseSimilarity, type AnalogyDataset, type SimilarityDataset} from '@embedlab/evaluators';
import {sha256} from '../run-id.js';

export function fileId(path: string): string {
  return basename(path, extname(path));
}

function record(path: string, bytes: Buffer) {
  return {path, sha256: sha256(bytes), bytes: statSync(path).size};
}

/** A Google-format analogy file (`: section` lines, then `a b c d`). */
export function loadAnalogyFile(path: string): AnalogyDataset {
  const abs = resolve(path);
  const bytes = readFileSync(abs);
  return parseGoogleAnalogy(bytes.toString('utf8'), abs, fileId(abs), [record(abs, bytes)]);
}

/** A similarity file: `word1 word2 score` per line, separated by tab, comma or spaces; `#` lines skipped. */
export function loadSimilarityFile(path: string): SimilarityDataset {
  const abs = resolve(path);
  const bytes = readFileSync(abs);
  return parseSimilarity(bytes.toString('utf8'), abs, {kind: 'similarity', separator: 'auto', header: 0, columns: [0, 1, 2]}, {id: fileId(abs), files: [record(abs, bytes)]});
}
