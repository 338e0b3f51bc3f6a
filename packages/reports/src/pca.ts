/**
 * Two-component PCA in float64, small enough to run over a few hundred chosen words in a report.
 *
 * Center the points, form the dim x dim covariance C = Xc^T Xc / (n - 1), then find the top two
 * eigenvectors of C by power iteration (the second kept orthogonal to the first, which on a symmetric
 * PSD matrix equals deflation). The start vector comes from a fixed-seed RNG, so the result is the same
 * on every run; each direction's sign is fixed so its largest-magnitude entry is positive.
 */
import {ArgumentError, createRng} from '@embedlab/core';
import {messages} from './messages.js';

export interface Pca2d {
  /** Projections, row-major n x 2: point i is (scores[2i], scores[2i + 1]). */
  scores: Float64Array;
  /** The two unit principal directions (length dim each). */
  components: [Float64Array, Float64Array];
  /** Variance along each direction (eigenvalues of the sample covariance). */
  variances: [number, number];
  /** Fraction of the total variance each direction explains. */
  explained: [number, number];
  /** Per-dimension mean that was subtracted. */
  mean: Float64Array;
}

export interface PcaOptions {
  /** Stop when a direction moves less than this between iterations (L2). __Default:__ 1e-12. */
  tolerance?: number;
  /** Iteration cap per direction (reached only when the top eigenvalues nearly tie). __Default:__ 10000. */
  maxIterations?: number;
}

const START_SEED = 20240917;

/** PCA of `n` points of dimension `dim`, stored row-major in `data`. */
export function pca2d(data: ArrayLike<number>, n: number, dim: number, options: PcaOptions = {}): Pca2d {
  if (!Number.isInteger(n) || !Number.isInteger(dim) || n < 2 || dim < 2) throw new ArgumentError(messages.pcaTooSmall(n, dim));
  if (data.length !== n * dim) throw new ArgumentError(messages.pcaShape(data.length, n, dim));
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) throw new ArgumentError(messages.pcaNotFinite(i));
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10000;

  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) mean[j]! += data[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= n;
  const centered = new Float64Array(n * dim); // [n, dim]
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) centered[r * dim + j] = data[r * dim + j]! - mean[j]!;

  const cov = new Float64Array(dim * dim); // [dim, dim], symmetric
  for (let r = 0; r < n; r++) {
    const off = r * dim;
    for (let i = 0; i < dim; i++) {
      const xi = centered[off + i]!;
      if (xi === 0) continue;
      for (let j = i; j < dim; j++) cov[i * dim + j]! += xi * centered[off + j]!;
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const c = cov[i * dim + j]! / (n - 1);
      cov[i * dim + j] = c;
      cov[j * dim + i] = c;
    }
  }
  let total = 0;
  for (let i = 0; i < dim; i++) total += cov[i * dim + i]!;

  const rng = createRng(START_SEED);
  // Below this, M v is rounding noise: normalizing it would blow the noise up into a fake direction.
  const zero = 1e-13 * Math.max(total, Number.MIN_VALUE);
  const first = powerIteration(cov, dim, startVector(rng, dim), undefined, tolerance, maxIterations, zero);
  const second = powerIteration(cov, dim, startVector(rng, dim), first.vector, tolerance, maxIterations, zero);
  const components: [Float64Array, Float64Array] = [fixSign(first.vector), fixSign(second.vector)];

  const scores = new Float64Array(n * 2); // [n, 2]
  for (let r = 0; r < n; r++) {
    scores[2 * r] = dot(centered, r * dim, components[0], dim);
    scores[2 * r + 1] = dot(centered, r * dim, components[1], dim);
  }
  const variances: [number, number] = [first.value, second.value];
  const explained: [number, number] = total > 0 ? [first.value / total, second.value / total] : [0, 0];
  return {scores, components, variances, explained, mean};
}

function startVector(rng: ReturnType<typeof createRng>, dim: number): Float64Array {
  const v = new Float64Array(dim);
  for (let i = 0; i < dim; i++) v[i] = rng.float() - 0.5;
  return v;
}

function dot(a: Float64Array, offset: number, b: Float64Array, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += a[offset + j]! * b[j]!;
  return s;
}

/** Removes the component of `v` along unit vector `u`, in place. */
function orthogonalize(v: Float64Array, u: Float64Array | undefined): void {
  if (!u) return;
  const p = dot(v, 0, u, u.length);
  for (let i = 0; i < v.length; i++) v[i]! -= p * u[i]!;
}

/** Scales `v` to unit length in place; returns its former length. */
function normalize(v: Float64Array): number {
  const norm = Math.sqrt(dot(v, 0, v, v.length));
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return norm;
}

/** Top eigenvector of symmetric PSD `m` in the subspace orthogonal to `exclude`, and its eigenvalue. */
function powerIteration(
  m: Float64Array,
  dim: number,
  start: Float64Array,
  exclude: Float64Array | undefined,
  tolerance: number,
  maxIterations: number,
  zero: number,
): {vector: Float64Array; value: number} {
  let v = start;
  orthogonalize(v, exclude);
  normalize(v);
  const w = new Float64Array(dim);
  for (let iter = 0; iter < maxIterations; iter++) {
    for (let i = 0; i < dim; i++) w[i] = dot(m, i * dim, v, dim); // w = M v
    orthogonalize(w, exclude);
    // M v = 0: v lies in the null space (no variance left), so the eigenvalue is 0 and v is as good as any.
    if (normalize(w) <= zero) return {vector: v, value: 0};
    let change = 0;
    for (let i = 0; i < dim; i++) change += (w[i]! - v[i]!) ** 2;
    v = Float64Array.from(w);
    if (Math.sqrt(change) < tolerance) break;
  }
  // Rayleigh quotient v^T M v: the eigenvalue estimate.
  let value = 0;
  for (let i = 0; i < dim; i++) value += v[i]! * dot(m, i * dim, v, dim);
  return {vector: v, value: Math.max(0, value)};
}

/** Flips `v` (in place) so its largest-magnitude entry is positive (first such entry on ties). */
function fixSign(v: Float64Array): Float64Array {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[best]!) + 1e-12) best = i;
  if (v[best]! < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]! + 0; // + 0 turns -0 into 0
  return v;
}
