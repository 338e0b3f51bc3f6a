/**
 * Loading a vector source by name or path, once per run (the memo shares it between arms): a named source
 * of @embedlab/pretrained (the embedded default `glove-6b-100d`, GloVe/word2vec/fastText downloads), or a
 * vector file (format sniffed).
 */
import {existsSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import type {WordVectors} from '@embedlab/core';
import {findVectorSource, listVectorSources, loadVectorSource} from '@embedlab/pretrained';
import {z} from 'zod';
import type {BuildContext} from '../context.js';
import {didYouMean} from '../did-you-mean.js';
import {messages} from '../messages.js';

/** Repeated words shown in the warning and kept in meta.json. */
const DUPLICATE_EXAMPLES = 5;

/** A config field naming vector rows: a named source or a file, checked when the config is read. */
export const vectorSourceParam = z
  .string()
  .min(1)
  .default('glove-6b-100d')
  .superRefine((source, check) => {
    const problem = sourceProblem(source);
    if (problem) check.addIssue({code: 'custom', message: problem});
  });

/** null when `source` is a named source or an existing file; else why not (with a did-you-mean). */
export function sourceProblem(source: string, cwd = process.cwd()): string | null {
  if (findVectorSource(source)) return null;
  const file = resolve(cwd, source);
  if (existsSync(file) && statSync(file).isFile()) return null;
  return `"${source}" is neither a named vector source nor a file${didYouMean(
    source,
    listVectorSources().map((s) => s.name),
  )}`;
}

/** The vectors of `source`, loaded once per run and recorded in meta.json inputs. */
export function loadSource(ctx: BuildContext, source: string, options: {limit?: number} = {}): Promise<WordVectors> {
  const key = `vectors:${source}:${options.limit ?? 'all'}`;
  return ctx.memo(key, async () => {
    const t0 = performance.now();
    const named = findVectorSource(source) !== undefined;
    const bytes = named ? 0 : statSync(source).size;
    const task = named ? {update() {}, tick() {}, done() {}} : ctx.progress.start(`read ${source}`, bytes, 'bytes');
    const vectors = await loadVectorSource(named ? source : resolve(source), {
      cacheDir: ctx.cacheDir,
      ...(named ? {} : {sha256: true}),
      ...(options.limit !== undefined ? {limit: options.limit} : {}),
      onProgress: (p) => task.update(p.bytes),
      onDownloadProgress: (p) => ctx.log(`download ${source}: ${JSON.stringify(p)}`),
    });
    task.done();
    const info: Record<string, unknown> = {rows: vectors.size, dim: vectors.dim};
    for (const [k, v] of Object.entries(vectors.meta)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') info[k] = v;
    // The readers keep the first row of a repeated word and count the rest (meta.duplicates, duplicateExamples).
    const duplicates = typeof vectors.meta.duplicates === 'number' ? vectors.meta.duplicates : 0;
    const examples = Array.isArray(vectors.meta.duplicateExamples) ? (vectors.meta.duplicateExamples as string[]).slice(0, DUPLICATE_EXAMPLES) : [];
    Object.assign(info, {duplicates, duplicateExamples: examples});
    ctx.recordInput('vectors', source, info);
    ctx.log(`vectors ${source}: ${vectors.size} x ${vectors.dim} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    if (duplicates > 0) ctx.log(messages.duplicateWords(source, duplicates, examples));
    return vectors;
  });
}
