/** Load a registered dataset: resolve its files (checksummed), parse them, record each file's sha256. */
import {readFileSync} from 'node:fs';
import {basename, dirname} from 'node:path';
import {ArgumentError} from '@embedlab/core';
import {messages} from './messages.js';
import {parseGoogleAnalogy, parseMsrAnalogy} from './parse-analogy.js';
import {parseBatsFile} from './parse-bats.js';
import {parseSimilarity} from './parse-similarity.js';
import {resolveDataset, type ResolvedFile, type ResolveOptions} from './resolve.js';
import type {AnalogyDataset, BatsDataset, FileRecord, SimilarityDataset} from './types.js';

const record = (f: ResolvedFile): FileRecord => ({path: f.path, sha256: f.sha256, bytes: f.bytes});

export async function loadAnalogyDataset(id: string, options: ResolveOptions = {}): Promise<AnalogyDataset> {
  const r = await resolveDataset(id, options);
  const files = r.files.map(record);
  const fmt = r.format;
  if (fmt.kind === 'google-analogy') return parseGoogleAnalogy(readFileSync(r.files[0]!.absPath, 'utf8'), r.files[0]!.absPath, r.id, files);
  if (fmt.kind === 'msr-analogy') {
    const [q, a] = r.files as [ResolvedFile, ResolvedFile];
    return parseMsrAnalogy(readFileSync(q.absPath, 'utf8'), readFileSync(a.absPath, 'utf8'), {questions: q.absPath, answers: a.absPath}, r.id, files);
  }
  throw new ArgumentError(messages.wrongTask(r.id, fmt.kind === 'bats' ? 'BATS (use loadBats)' : r.entry.task, 'a question-file analogy set'));
}

export async function loadSimilarityDataset(id: string, options: ResolveOptions = {}): Promise<SimilarityDataset> {
  const r = await resolveDataset(id, options);
  const fmt = r.format; // the entry's layout, or that of the alternative copy found
  if (fmt.kind !== 'similarity') throw new ArgumentError(messages.wrongTask(r.id, r.entry.task, 'similarity'));
  const f = r.files[0]!;
  return parseSimilarity(readFileSync(f.absPath, 'utf8'), f.absPath, fmt, {
    id: r.id,
    files: [record(f)],
    ...(r.entry.scoreRange ? {scoreRange: r.entry.scoreRange} : {}),
  });
}

export async function loadBats(options: ResolveOptions & {id?: string} = {}): Promise<BatsDataset> {
  const r = await resolveDataset(options.id ?? 'bats-3.0', options);
  if (r.entry.format.kind !== 'bats') throw new ArgumentError(messages.wrongTask(r.id, r.entry.task, 'BATS'));
  const categories = r.files.map((f) => ({
    name: basename(f.path).replace(/\.txt$/, ''),
    group: basename(dirname(f.path)),
    file: f.path,
    pairs: parseBatsFile(readFileSync(f.absPath, 'utf8'), f.absPath),
  }));
  return {id: r.id, categories, files: r.files.map(record)};
}
