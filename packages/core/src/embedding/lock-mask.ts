/**
 * Per-row lock masks: one byte per table row, 1 = the row is frozen (its gradient is zero), 0 = it trains.
 * This generalises gensim's `vectors_lockf` to the on/off case: freeze the pretrained rows, train the new
 * ones. In a layer config the mask is stored as half-open row ranges so a 50k-row mask stays small.
 */
import {ArgumentError} from '../errors.js';
import {messages} from '../messages.js';

/** Half-open row range `[start, end)`. */
export type RowRange = readonly [start: number, end: number];

/** A lock mask as given by a caller: one 0/1 entry per row, or half-open row ranges of frozen rows. */
export type LockMaskSpec = ArrayLike<number> | {readonly ranges: readonly RowRange[]};

/** Either form of {@link LockMaskSpec} as a checked, fresh Uint8Array of length `rows`. */
export function resolveLockMask(spec: LockMaskSpec, rows: number): Uint8Array {
  if (typeof spec === 'object' && spec !== null && 'ranges' in spec && !('length' in spec)) return rangesToLockMask(spec.ranges, rows);
  return toLockMask(spec as ArrayLike<number>, rows);
}

/** Check a mask (any 0/1 array of length `rows`) and return it as a fresh Uint8Array. */
export function toLockMask(mask: ArrayLike<number>, rows: number): Uint8Array {
  if (mask.length !== rows) throw new ArgumentError(messages.lockMaskLength(mask.length, rows));
  const out = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = mask[i] as number;
    if (v !== 0 && v !== 1) throw new ArgumentError(messages.badLayerArg(`lockMask[${i}]`, '0 or 1', v));
    out[i] = v;
  }
  return out;
}

/** A mask with the rows of every range set to 1. Ranges may overlap. */
export function rangesToLockMask(ranges: readonly RowRange[], rows: number): Uint8Array {
  const out = new Uint8Array(rows);
  for (const range of ranges) {
    const [start, end] = Array.isArray(range) ? range : [NaN, NaN];
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= rows)) {
      throw new ArgumentError(messages.lockedRange(range, rows));
    }
    out.fill(1, start, end);
  }
  return out;
}

/** The maximal runs of 1s in a mask, ascending: `[1,1,0,1]` gives `[[0, 2], [3, 4]]`. */
export function lockMaskToRanges(mask: Uint8Array): [number, number][] {
  const ranges: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= mask.length; i++) {
    const on = i < mask.length && mask[i] === 1;
    if (on && start < 0) start = i;
    else if (!on && start >= 0) {
      ranges.push([start, i]);
      start = -1;
    }
  }
  return ranges;
}
