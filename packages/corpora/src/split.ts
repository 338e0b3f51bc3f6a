/** Seeded train/test splits of a document list, optionally stratified by label. */
import {ArgumentError, createRng} from '@embedlab/core/data';
import type {Document} from './document.js';
import {messages} from './messages.js';

export interface SplitOptions {
  /** Fraction of documents (of each label, when stratified) that go to test, in (0, 1). */
  testFraction: number;
  seed: number;
  /** Keep each label's share equal in train and test. Every document needs a label. __Default:__ false. */
  stratify?: boolean;
}

export interface Split<T> {
  train: T[];
  test: T[];
}

/**
 * Split documents. Test size per group is `round(n * testFraction)`; which documents go to test is a seeded
 * shuffle (core `createRng`; one stream per label when stratified). Both halves keep the input order, so
 * the same seed and input always give the same split.
 */
export function trainTestSplit<T extends Pick<Document, 'id' | 'label'>>(docs: readonly T[], options: SplitOptions): Split<T> {
  const {testFraction, seed, stratify = false} = options;
  if (typeof testFraction !== 'number' || !(testFraction > 0 && testFraction < 1)) throw new ArgumentError(messages.badFraction(testFraction));
  const rng = createRng(seed);
  const groups = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const key = stratify ? d.label : '';
    if (key === undefined) throw new ArgumentError(messages.missingLabel(d.id));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  });
  const isTest = new Uint8Array(docs.length);
  // Labels in sorted order so the streams do not depend on which label comes first in the input.
  for (const key of [...groups.keys()].sort()) {
    const members = groups.get(key) as number[];
    const order = (stratify ? rng.fork(`label:${key}`) : rng).shuffle([...members]);
    const nTest = Math.round(members.length * testFraction);
    for (let k = 0; k < nTest; k++) isTest[order[k] as number] = 1;
  }
  const train: T[] = [],
    test: T[] = [];
  docs.forEach((d, i) => (isTest[i] ? test : train).push(d));
  return {train, test};
}

/** Read a whole corpus into an array (for splits and small corpora). */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const d of source) out.push(d);
  return out;
}
