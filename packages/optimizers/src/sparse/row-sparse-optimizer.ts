/**
 * The shared part of the row-sparse ("lazy") optimizers: each step receives a core `SparseRowGradient`
 * (unique row ids + one summed gradient row each) and updates a row-major Float32Array table in place,
 * touching only those rows. Rows that are frozen (lock mask = 1) or the padding row are skipped entirely:
 * neither their values nor their optimizer state change.
 *
 * Order of operations per step (as PyTorch does with clip_grad_norm_ before optimizer.step()):
 *   1. clipping of the whole sparse gradient (`clipNorm`, then `clipValue`),
 *   2. coupled L2 weight decay `g += weightDecay * w` (touched rows only: lazy, unlike dense decay),
 *   3. the optimizer's own row update.
 * Arithmetic is done in float64 per element and stored as float32 (table and state).
 */
import {ArgumentError, type SparseRowGradient} from '@embedlab/core';
import {messages} from '../messages.js';

export type RowSparseOptimizerType = 'sgd' | 'adagrad' | 'adam';

/** Options shared by every row-sparse optimizer. */
export interface RowSparseOptions {
  /** Step size. Mutable afterwards through `optimizer.learningRate` (schedules). */
  learningRate: number;
  /** One byte per table row: 1 = frozen (never updated, state untouched), 0 = trainable. */
  lockMask?: Uint8Array;
  /** The padding row (e.g. `vocab.padId`): never updated, like PyTorch's `padding_idx`. */
  paddingIdx?: number;
  /** Coupled L2 decay added to the gradient of touched rows only. __Default:__ 0. */
  weightDecay?: number;
  /** Rescale the whole sparse gradient so its global L2 norm is at most this. __Default:__ off. */
  clipNorm?: number;
  /** Clamp each gradient element to [-clipValue, clipValue] (GloVe's `-grad-clip`). __Default:__ off. */
  clipValue?: number;
}

export interface RowSparseOptimizer {
  readonly type: RowSparseOptimizerType;
  /** Current step size; assign to implement a schedule. */
  learningRate: number;
  /** Number of `step` calls so far (the global step). */
  readonly iterations: number;
  /**
   * Apply one update for `grad` to `table` ([rows, grad.dim], row-major) in place.
   * Returns the number of rows actually changed (frozen and padding rows are not counted).
   */
  step(table: Float32Array, grad: SparseRowGradient): number;
  /** Forget all optimizer state (moments, accumulators, step counters). */
  reset(): void;
  /** The resolved options, for run metadata. */
  config(): Record<string, unknown>;
}

export function checkPositive(what: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new ArgumentError(messages.notPositive(what, value));
}

export function checkNonNegative(what: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) throw new ArgumentError(messages.notNonNegative(what, value));
}

/** Validation, clipping, lock mask, padding and decay; subclasses implement `updateRow` and state. */
export abstract class RowSparseOptimizerBase implements RowSparseOptimizer {
  abstract readonly type: RowSparseOptimizerType;
  learningRate: number;
  readonly lockMask: Uint8Array | undefined;
  readonly paddingIdx: number | undefined;
  readonly weightDecay: number;
  readonly clipNorm: number | undefined;
  readonly clipValue: number | undefined;
  #iterations = 0;
  /** Rows of the table the state was sized for (set on the first step). */
  protected rows = -1;
  protected dim = -1;
  /** Scratch row: the effective gradient of the row being updated (float64). */
  protected g = new Float64Array(0);

  constructor(options: RowSparseOptions) {
    checkPositive('learningRate', options.learningRate);
    this.learningRate = options.learningRate;
    this.lockMask = options.lockMask;
    this.paddingIdx = options.paddingIdx;
    this.weightDecay = options.weightDecay ?? 0;
    checkNonNegative('weightDecay', this.weightDecay);
    if (options.clipNorm !== undefined) checkPositive('clipNorm', options.clipNorm);
    if (options.clipValue !== undefined) checkPositive('clipValue', options.clipValue);
    this.clipNorm = options.clipNorm;
    this.clipValue = options.clipValue;
  }

  get iterations(): number {
    return this.#iterations;
  }

  step(table: Float32Array, grad: SparseRowGradient): number {
    const {dim, rows: ids, values} = grad;
    if (dim <= 0 || table.length % dim !== 0) throw new ArgumentError(messages.tableNotMultiple(table.length, dim));
    if (values.length !== ids.length * dim) throw new ArgumentError(messages.gradValuesLength(values.length, ids.length, dim));
    const rows = table.length / dim;
    if (this.rows < 0) {
      if (this.lockMask && this.lockMask.length !== rows) throw new ArgumentError(messages.lockMaskLength(this.lockMask.length, rows));
      this.rows = rows;
      this.dim = dim;
      this.g = new Float64Array(dim);
      this.allocate(rows, dim);
    } else if (this.rows !== rows || this.dim !== dim) {
      throw new ArgumentError(messages.tableResized(this.rows, rows));
    }
    for (let k = 0; k < ids.length; k++) {
      const r = ids[k] as number;
      if (!(r >= 0 && r < rows) || !Number.isInteger(r)) throw new ArgumentError(messages.rowOutOfRange(r, k, rows));
    }
    this.#iterations++;
    this.beginStep(this.#iterations);

    let scale = 1;
    if (this.clipNorm !== undefined) {
      let sq = 0;
      for (let i = 0; i < values.length; i++) sq += (values[i] as number) * (values[i] as number);
      const norm = Math.sqrt(sq);
      if (norm > this.clipNorm) scale = this.clipNorm / norm;
    }
    const clip = this.clipValue;
    const wd = this.weightDecay;
    const g = this.g;
    let changed = 0;
    for (let k = 0; k < ids.length; k++) {
      const r = ids[k] as number;
      if (r === this.paddingIdx || (this.lockMask !== undefined && this.lockMask[r] === 1)) continue;
      const src = k * dim;
      const dst = r * dim;
      for (let j = 0; j < dim; j++) {
        let x = (values[src + j] as number) * scale;
        if (clip !== undefined) x = x > clip ? clip : x < -clip ? -clip : x;
        if (wd !== 0) x += wd * (table[dst + j] as number);
        g[j] = x;
      }
      this.updateRow(table, r, dst);
      changed++;
    }
    return changed;
  }

  reset(): void {
    this.rows = -1;
    this.dim = -1;
    this.#iterations = 0;
    this.allocate(0, 0);
  }

  config(): Record<string, unknown> {
    const out: Record<string, unknown> = {type: this.type, learningRate: this.learningRate, weightDecay: this.weightDecay};
    if (this.paddingIdx !== undefined) out.paddingIdx = this.paddingIdx;
    if (this.lockMask !== undefined) out.lockedRowCount = this.lockMask.reduce((s, x) => s + (x === 1 ? 1 : 0), 0);
    if (this.clipNorm !== undefined) out.clipNorm = this.clipNorm;
    if (this.clipValue !== undefined) out.clipValue = this.clipValue;
    return {...out, ...this.extraConfig()};
  }

  /** (Re)allocate per-row state for a [rows, dim] table; called with (0, 0) by reset(). */
  protected abstract allocate(rows: number, dim: number): void;
  /** Called once per step before any row is updated, with the new global step (1-based). */
  protected beginStep(_step: number): void {}
  /** Update row `r` (table offset `offset`) with the effective gradient in `this.g`. */
  protected abstract updateRow(table: Float32Array, r: number, offset: number): void;
  protected extraConfig(): Record<string, unknown> {
    return {};
  }
  /** Set the global step count (when restoring saved state). */
  protected restoreIterations(iterations: number): void {
    this.#iterations = iterations;
  }
}
