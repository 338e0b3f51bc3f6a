/**
 * Row-sparse SGD: `w_r -= lr * g_r` for each row r in the gradient. Without weight decay this equals dense
 * SGD exactly, since a dense gradient is zero on every other row.
 */
import {RowSparseOptimizerBase, type RowSparseOptions} from './row-sparse-optimizer.js';

export type SparseSgdOptions = RowSparseOptions;

export class SparseSgd extends RowSparseOptimizerBase {
  readonly type = 'sgd' as const;

  protected allocate(): void {}

  protected updateRow(table: Float32Array, _r: number, offset: number): void {
    const lr = this.learningRate;
    const g = this.g;
    for (let j = 0; j < this.dim; j++) table[offset + j] = (table[offset + j] as number) - lr * (g[j] as number);
  }
}

/** Row-sparse SGD (see `SparseSgd`). */
export function sparseSgd(options: SparseSgdOptions): SparseSgd {
  return new SparseSgd(options);
}
