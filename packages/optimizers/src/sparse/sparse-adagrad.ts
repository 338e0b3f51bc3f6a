/**
 * Row-sparse AdaGrad with the tfjs conventions (`tf.train.adagrad`):
 *   acc_r += g_r^2;   w_r -= lr * g_r / sqrt(acc_r + epsilon)
 * with the accumulator starting at `initialAccumulatorValue` (tfjs 0.1; GloVe's C code uses 1, PyTorch 0).
 * A row absent from a step has a zero dense gradient, so its accumulator and value would not change in the
 * dense algorithm either: without weight decay this equals dense AdaGrad exactly.
 */
import {RowSparseOptimizerBase, checkNonNegative, checkPositive, type RowSparseOptions} from './row-sparse-optimizer.js';

export interface SparseAdagradOptions extends RowSparseOptions {
  /** Starting value of every accumulator. __Default:__ 0.1 (tfjs). */
  initialAccumulatorValue?: number;
  /** Added inside the square root. __Default:__ 1e-7 (tfjs float32 epsilon). */
  epsilon?: number;
}

export class SparseAdagrad extends RowSparseOptimizerBase {
  readonly type = 'adagrad' as const;
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  /** [rows, dim] sum of squared gradients; float32 like the table. */
  accumulator = new Float32Array(0);

  constructor(options: SparseAdagradOptions) {
    super(options);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
    checkNonNegative('initialAccumulatorValue', this.initialAccumulatorValue);
    checkPositive('epsilon', this.epsilon);
  }

  protected allocate(rows: number, dim: number): void {
    this.accumulator = new Float32Array(rows * dim).fill(this.initialAccumulatorValue);
  }

  protected updateRow(table: Float32Array, _r: number, offset: number): void {
    const {learningRate: lr, epsilon: eps, accumulator: acc, g} = this;
    for (let j = 0; j < this.dim; j++) {
      const gj = g[j] as number;
      const a = (acc[offset + j] as number) + gj * gj;
      acc[offset + j] = a;
      table[offset + j] = (table[offset + j] as number) - (lr * gj) / Math.sqrt(a + eps);
    }
  }

  protected override extraConfig(): Record<string, unknown> {
    return {initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon};
  }
}

/** Row-sparse AdaGrad (see `SparseAdagrad`). */
export function sparseAdagrad(options: SparseAdagradOptions): SparseAdagrad {
  return new SparseAdagrad(options);
}
