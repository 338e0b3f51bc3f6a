/**
 * Row-sparse ("lazy") Adam, PyTorch `SparseAdam` semantics: the first and second moments of a row advance
 * only in steps where the row appears in the gradient. Rows absent from a step keep their moments and
 * values unchanged. Dense Adam instead decays every row's moments every step and keeps moving rows whose
 * gradient is zero (the momentum carries them), so the two differ as soon as some row is absent; they are
 * equal when every row appears in every step.
 *
 * Per appearance of row r (tfjs conventions, epsilon added after bias correction, as `tf.train.adam`):
 *   m_r = b1 m_r + (1 - b1) g_r;   v_r = b2 v_r + (1 - b2) g_r^2
 *   w_r -= lr * (m_r / (1 - b1^t)) / (sqrt(v_r / (1 - b2^t)) + epsilon)
 *
 * Bias correction, `t`:
 * - `'row'` (default): t = the number of steps in which row r appeared. The correction exists to undo the
 *   zero start of m and v, and the number of averaging updates a row's moments have received is its own
 *   count, so each row follows exactly the dense Adam trajectory of the subsequence of steps it appeared in.
 *   With the global step a row first seen late gets m = (1-b1) g, v = (1-b2) g^2 with corrections ~1, so
 *   its first move is lr (1-b1)/sqrt(1-b2) ~ 3.2 lr instead of lr: rare words take oversized early steps.
 * - `'global'`: t = the global step count (what PyTorch's SparseAdam and TF's LazyAdam actually do; use it
 *   to reproduce them).
 * Both equal dense Adam when every row appears in every step.
 */
import {ArgumentError} from '@embedlab/core';
import {messages} from '../messages.js';
import {RowSparseOptimizerBase, checkPositive, type RowSparseOptions} from './row-sparse-optimizer.js';

export type BiasCorrection = 'row' | 'global';

export interface SparseAdamOptions extends RowSparseOptions {
  /** __Default:__ 0.9 */
  beta1?: number;
  /** __Default:__ 0.999 */
  beta2?: number;
  /** __Default:__ 1e-7 (tfjs float32 epsilon). */
  epsilon?: number;
  /** Which step count the bias correction uses; see the file comment. __Default:__ `'row'`. */
  biasCorrection?: BiasCorrection;
}

/** Everything a SparseAdam needs to continue a run (`rows` -1 before the first step). */
export interface SparseAdamState {
  m: Float32Array;
  v: Float32Array;
  rowSteps: Int32Array;
  iterations: number;
  rows: number;
  dim: number;
}

export class SparseAdam extends RowSparseOptimizerBase {
  readonly type = 'adam' as const;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly biasCorrection: BiasCorrection;
  /** [rows, dim] first moments. */
  m = new Float32Array(0);
  /** [rows, dim] second moments. */
  v = new Float32Array(0);
  /** Per-row count of steps in which the row appeared. */
  rowSteps = new Int32Array(0);
  #globalStep = 0;

  constructor(options: SparseAdamOptions) {
    super(options);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.biasCorrection = options.biasCorrection ?? 'row';
    for (const [name, b] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const) {
      if (!(b >= 0 && b < 1)) throw new ArgumentError(messages.notInRange(name, b, '[0, 1)'));
    }
    checkPositive('epsilon', this.epsilon);
    if (this.biasCorrection !== 'row' && this.biasCorrection !== 'global') {
      throw new ArgumentError(messages.notInRange('biasCorrection', this.biasCorrection, "{'row', 'global'}"));
    }
  }

  protected allocate(rows: number, dim: number): void {
    this.m = new Float32Array(rows * dim);
    this.v = new Float32Array(rows * dim);
    this.rowSteps = new Int32Array(rows);
  }

  protected override beginStep(step: number): void {
    this.#globalStep = step;
  }

  protected updateRow(table: Float32Array, r: number, offset: number): void {
    const {beta1: b1, beta2: b2, epsilon: eps, m, v, g} = this;
    const t = (this.rowSteps[r] = (this.rowSteps[r] as number) + 1);
    const step = this.biasCorrection === 'row' ? t : this.#globalStep;
    const c1 = 1 - Math.pow(b1, step);
    const c2 = 1 - Math.pow(b2, step);
    const lr = this.learningRate;
    for (let j = 0; j < this.dim; j++) {
      const o = offset + j;
      const gj = g[j] as number;
      const mj = b1 * (m[o] as number) + (1 - b1) * gj;
      const vj = b2 * (v[o] as number) + (1 - b2) * gj * gj;
      m[o] = mj;
      v[o] = vj;
      table[o] = (table[o] as number) - (lr * (mj / c1)) / (Math.sqrt(vj / c2) + eps);
    }
  }

  /** The moments, per-row step counts and global step, for a checkpoint (views, not copies). */
  exportState(): SparseAdamState {
    return {m: this.m, v: this.v, rowSteps: this.rowSteps, iterations: this.iterations, rows: this.rows, dim: this.dim};
  }

  /** Restore what `exportState` gave (copied), so the next step continues the saved run exactly. */
  importState(state: SparseAdamState): void {
    const size = state.rows * state.dim;
    if (state.m.length !== size || state.v.length !== size || state.rowSteps.length !== state.rows) {
      throw new ArgumentError(
        `SparseAdam state: moments of ${state.m.length} / ${state.v.length} values and ${state.rowSteps.length} row counts do not fit [${state.rows}, ${state.dim}]`,
      );
    }
    this.rows = state.rows;
    this.dim = state.dim;
    this.g = new Float64Array(Math.max(state.dim, 0));
    this.m = Float32Array.from(state.m);
    this.v = Float32Array.from(state.v);
    this.rowSteps = Int32Array.from(state.rowSteps);
    this.restoreIterations(state.iterations);
  }

  protected override extraConfig(): Record<string, unknown> {
    return {beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, biasCorrection: this.biasCorrection};
  }
}

/** Row-sparse lazy Adam (see `SparseAdam`). */
export function sparseAdam(options: SparseAdamOptions): SparseAdam {
  return new SparseAdam(options);
}
