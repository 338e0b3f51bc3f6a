/**
 * Eigen-decomposition of a small real symmetric matrix (float64) by the cyclic Jacobi method: robust and
 * exact to rounding for the D x D covariance matrices of word vectors (D <= ~1000).
 */
export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Row k (offset k * n) is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

/** `a` is row-major n x n and symmetric; it is not modified. */
export function symmetricEigen(a: Float64Array, n: number, maxSweeps = 100): SymmetricEigen {
  const m = a.slice();
  const v = new Float64Array(n * n); // columns are eigenvectors
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0,
      diag = 0;
    for (let i = 0; i < n; i++) {
      diag += (m[i * n + i] as number) ** 2;
      for (let j = i + 1; j < n; j++) off += (m[i * n + j] as number) ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number;
        if (apq === 0) continue;
        const app = m[p * n + p] as number,
          aqq = m[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < n; k++) {
          // rotate columns p, q of m
          const mkp = m[k * n + p] as number,
            mkq = m[k * n + q] as number;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          // rotate rows p, q of m
          const mpk = m[p * n + k] as number,
            mqk = m[q * n + k] as number;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number,
            vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((x, y) => (m[y * n + y] as number) - (m[x * n + x] as number));
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, k) => {
    values[k] = m[col * n + col] as number;
    for (let i = 0; i < n; i++) vectors[k * n + i] = v[i * n + col] as number;
  });
  return {values, vectors};
}
