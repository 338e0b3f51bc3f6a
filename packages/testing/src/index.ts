/**
 * Test helpers shared by every embedlab package (a private package, so core can depend on it too).
 */
import * as tf from '@tensorflow/tfjs';
import {expect} from 'chai';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Relative-or-absolute closeness per element; reports the first bad index (tfjs expectArraysClose). */
export function expectArraysClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length, 'array length').to.equal(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number,
      e = expected[i] as number;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e));
    if (!ok) expect.fail(`index ${i}: got ${a}, expected ${e} (tolerance ${tolerance})`);
  }
}

/** Runs `fn` and asserts the number of live tensors is unchanged afterwards. */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  expect(after - before, `tensors leaked (before ${before}, after ${after})`).to.equal(0);
  return result;
}

/** Asserts that `fn` throws (sync or async) an error whose message contains every given fragment. */
export async function expectThrows(fn: () => unknown, ...fragments: (string | RegExp)[]): Promise<Error> {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof Error)) expect.fail(`expected an error containing ${fragments.map(String).join(', ')}, but nothing was thrown`);
  for (const f of fragments) {
    if (typeof f === 'string') expect(caught.message).to.include(f);
    else expect(caught.message).to.match(f);
  }
  return caught;
}

/** A tiny 3-d vector table with known geometry (king - man + woman = queen exactly). */
export const TINY_VECTORS: readonly (readonly [string, readonly number[]])[] = [
  ['the', [1, 0, 0]],
  ['king', [0.6, 0.8, 0.1]],
  ['man', [0.6, 0.1, 0.1]],
  ['woman', [0.1, 0.1, 0.6]],
  ['queen', [0.1, 0.8, 0.6]],
  ['apple', [0, 0, -1]],
];

const tempDirs: string[] = [];
/** A fresh directory under the OS temp dir, removed when the test process exits (so runs leave nothing behind). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (tempDirs.push(dir) === 1) process.once('exit', () => tempDirs.forEach((d) => rmSync(d, {recursive: true, force: true})));
  return dir;
}

let noDataAnnounced = false;
/**
 * Registers tests that need the benchmark data folder (pass core's `dataDir()`): `register(dir)` runs only
 * when there is one. Without it nothing is registered, so the run shows no wall of pending tests, and one
 * line per test process says why.
 */
export function withDataDir(dir: string | undefined, register: (dir: string) => void): void {
  if (dir) {
    register(dir);
    return;
  }
  if (noDataAnnounced) return;
  noDataAnnounced = true;
  console.log(
    '  (tests that need benchmark data not registered: no data folder; set EMBEDLAB_DATA_DIR or put the datasets in ../shared/datasets beside the checkout)',
  );
}
