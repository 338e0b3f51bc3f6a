/**
 * Evaluate a benchmark file given by path, the equivalents of gensim's
 * `KeyedVectors.evaluate_word_pairs(path)` and `evaluate_word_analogies(path)`: the file is read, checked
 * line by line (errors name the file and line), recorded with its sha256, and scored under a protocol
 * (default `gensim`, whose numbers equal gensim 4.2's on the same vectors).
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {basename, extname, resolve} from 'node:path';
import {ArgumentError, ResourceError, type WordVectors} from '@embedlab/core';
import {evaluateAnalogy, type AnalogyOptions, type AnalogyResult} from './analogy.js';
import {parseGoogleAnalogy} from './parse-analogy.js';
import {parseSimilarity} from './parse-similarity.js';
import type {AnalogyProtocolSpec, SimilarityProtocolSpec} from './protocol.js';
import type {SimilarityFormat} from './registry.js';
import {evaluateSimilarity, type SimilarityOptions, type SimilarityResult} from './similarity.js';
import type {AnalogyDataset, FileRecord, SimilarityDataset} from './types.js';

/** A dataset id for a file: its name without the extension. */
export function fileDatasetId(path: string): string {
  return basename(path, extname(path));
}

function readRecorded(path: string): {abs: string; text: string; record: FileRecord} {
  if (typeof path !== 'string' || path === '') throw new ArgumentError(`path must be a non-empty string (got ${String(path)})`);
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new ResourceError(`${abs}: no such file (expected a benchmark file to evaluate)`);
  const bytes = readFileSync(abs);
  return {abs, text: bytes.toString('utf8'), record: {path: abs, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: statSync(abs).size}};
}

/** A Google-format analogy file (`: section` lines, then `a b c d` per line). */
export function loadAnalogyFile(path: string): AnalogyDataset {
  const {abs, text, record} = readRecorded(path);
  return parseGoogleAnalogy(text, abs, fileDatasetId(abs), [record]);
}

export interface SimilarityFileOptions {
  /**
   * Field separator. __Default:__ `auto`: tab if the line has one, else comma, else runs of spaces (gensim
   * takes `delimiter='\t'`; `auto` reads its files too).
   */
  separator?: SimilarityFormat['separator'];
  /** Lines to skip at the top. __Default:__ 0 (lines starting with `#` are always skipped, as in gensim). */
  header?: number;
}

/** A word-pair file: `word1 word2 score` per line. */
export function loadSimilarityFile(path: string, options: SimilarityFileOptions = {}): SimilarityDataset {
  const {abs, text, record} = readRecorded(path);
  const format: SimilarityFormat = {kind: 'similarity', separator: options.separator ?? 'auto', header: options.header ?? 0, columns: [0, 1, 2]};
  return parseSimilarity(text, abs, format, {id: fileDatasetId(abs), files: [record]});
}

/**
 * gensim's `evaluate_word_pairs(path)`: Spearman and Pearson of the vectors' cosines against the file's
 * scores, with coverage (gensim's oov ratio is `1 - coverage`) and bootstrap intervals.
 *
 * @example
 * const r = evaluateWordPairs(vectors, 'wordsim353.tsv');
 * console.log(r.spearman, r.pearson, 1 - r.coverage);
 */
export function evaluateWordPairs(
  vectors: WordVectors,
  path: string,
  protocol: SimilarityProtocolSpec = 'gensim',
  options: SimilarityOptions & SimilarityFileOptions = {},
): SimilarityResult {
  return evaluateSimilarity(vectors, loadSimilarityFile(path, options), protocol, options);
}

/**
 * gensim's `evaluate_word_analogies(path)`: accuracy overall and per section of a Google-format file.
 *
 * @example
 * const r = await evaluateWordAnalogies(vectors, 'questions-words.txt', {base: 'gensim', restrict: 30000});
 * console.log(r.overall.accuracy, r.sections);
 */
export async function evaluateWordAnalogies(
  vectors: WordVectors,
  path: string,
  protocol: AnalogyProtocolSpec = 'gensim',
  options: AnalogyOptions = {},
): Promise<AnalogyResult> {
  return evaluateAnalogy(vectors, loadAnalogyFile(path), protocol, options);
}
