/**
 * All-but-the-top (Mu, Bhat & Viswanath, ICLR 2018): subtract the mean vector, then remove the projections
 * on the top D principal directions, D ~ dim/100:
 *
 *   mu = mean_w v(w);  vt(w) = v(w) - mu;  u_1..u_D = top eigenvectors of C = (1/n) sum_w vt(w) vt(w)^T
 *   v'(w) = vt(w) - sum_k (u_k . vt(w)) u_k
 *
 * PCA is exact: the D x D covariance is accumulated in float64 and eigen-decomposed by Jacobi rotations.
 */
import {ArgumentError, WordVectors} from '@embedlab/core';
import {messages} from '../messages.js';
import {asList} from './retrofit.js';
import {symmetricEigen} from './symmetric-eigen.js';

export interface AllButTheTopOptions {
  /** Principal directions to remove. __Default:__ max(1, round(dim / 100)) (the paper's d/100). */
  components?: number;
  /** Fit mean and directions on the first N rows only (frequent words); applied to all rows. __Default:__ all. */
  fitRows?: number;
}

export interface AllButTheTopResult {
  vectors: WordVectors;
  /** The removed mean (float64). */
  mean: Float64Array;
  /** Removed unit directions, row k = u_k (float64, [components, dim]). */
  directions: Float64Array;
  /** Their variances (eigenvalues of the covariance), and each one's share of the total variance. */
  variances: number[];
  varianceShares: number[];
}

export function allButTheTop(vectors: WordVectors, options: AllButTheTopOptions = {}): AllButTheTopResult {
  const {dim, data} = vectors;
  const components = options.components ?? Math.max(1, Math.round(dim / 100));
  const n = Math.min(options.fitRows ?? vectors.size, vectors.size);
  if (!Number.isInteger(components) || components < 0 || components > dim) {
    throw new ArgumentError(messages.notInRange('allButTheTop components', components, `integers [0, ${dim}]`));
  }
  if (n < 2) throw new ArgumentError(messages.notInRange('allButTheTop fit rows', n, '>= 2 rows'));

  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0, o = r * dim; j < dim; j++) mean[j] = (mean[j] as number) + (data[o + j] as number);
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / n;

  // Upper triangle of sum vt vt^T, row by row (float64).
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) x[j] = (data[o + j] as number) - (mean[j] as number);
    for (let i = 0; i < dim; i++) {
      const xi = x[i] as number;
      if (xi === 0) continue;
      const row = i * dim;
      for (let j = i; j < dim; j++) cov[row + j] = (cov[row + j] as number) + xi * (x[j] as number);
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const c = (cov[i * dim + j] as number) / n;
      cov[i * dim + j] = c;
      cov[j * dim + i] = c;
    }
  }
  const eig = symmetricEigen(cov, dim);
  const directions = eig.vectors.slice(0, components * dim);
  let total = 0;
  for (let i = 0; i < dim; i++) total += Math.max(0, eig.values[i] as number);
  const variances = Array.from(eig.values.subarray(0, components));

  const out = new Float32Array(data.length);
  for (let r = 0; r < vectors.size; r++) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) x[j] = (data[o + j] as number) - (mean[j] as number);
    for (let k = 0; k < components; k++) {
      const u = k * dim;
      let p = 0;
      for (let j = 0; j < dim; j++) p += (directions[u + j] as number) * (x[j] as number);
      for (let j = 0; j < dim; j++) x[j] = (x[j] as number) - p * (directions[u + j] as number);
    }
    for (let j = 0; j < dim; j++) out[o + j] = x[j] as number;
  }
  const varianceShares = variances.map((v) => (total > 0 ? v / total : 0));
  const result = new WordVectors(vectors.words, out, dim, {
    meta: {...vectors.meta, postprocess: [...asList(vectors.meta.postprocess), {method: 'all-but-the-top', components, fitRows: n, varianceShares}]},
    checkFinite: false,
  });
  return {vectors: result, mean, directions, variances, varianceShares};
}
