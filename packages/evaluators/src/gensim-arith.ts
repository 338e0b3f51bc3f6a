/**
 * gensim 4.2's float32 arithmetic, reproduced operation by operation so near-ties rank as they do there.
 *
 * - `fill_norms`: np.linalg.norm(vectors, axis=1) = sqrt(add.reduce(x*x)) in float32; numpy's pairwise sum
 *   for a row of <= 128 values keeps 8 float32 partial sums, combines them as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))
 *   and adds the remainder sequentially.
 * - unit vectors: vectors[i] / norms[i] (float32 division).
 * - `get_mean_vector`: mean = 0; mean += b; mean += c; mean += -a (float32); mean /= 3.
 * - `matutils.unitvec`: BLAS snrm2 (OpenBLAS accumulates in double), then sscal by float32(1.0 / norm).
 * - `most_similar`: dists = dot(vectors, mean) / norms (float32 BLAS sgemv, then float32 division).
 */
const f32 = Math.fround;

/** numpy float32 pairwise sum of x[off .. off+n) squared (n <= 128 path). */
export function numpySumSquaresF32(x: Float32Array, off: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f32(res + f32(x[off + i]! * x[off + i]!));
    return res;
  }
  if (n > 128) {
    // numpy splits in halves (rounded to a multiple of 8) above the block size.
    let n2 = n >> 1;
    n2 -= n2 % 8;
    return f32(numpySumSquaresF32(x, off, n2) + numpySumSquaresF32(x, off + n2, n - n2));
  }
  const r = new Array<number>(8);
  for (let j = 0; j < 8; j++) r[j] = f32(x[off + j]! * x[off + j]!);
  let i = 8;
  for (; i < n - (n % 8); i += 8) {
    for (let j = 0; j < 8; j++) r[j] = f32(r[j]! + f32(x[off + i + j]! * x[off + i + j]!));
  }
  let res = f32(f32(f32(r[0]! + r[1]!) + f32(r[2]! + r[3]!)) + f32(f32(r[4]! + r[5]!) + f32(r[6]! + r[7]!)));
  for (; i < n; i++) res = f32(res + f32(x[off + i]! * x[off + i]!));
  return res;
}

/** gensim's float32 row norms for the first `rows` rows. */
export function gensimNorms(data: Float32Array, dim: number, rows: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = Math.sqrt(numpySumSquaresF32(data, r * dim, dim));
  return out;
}

/**
 * gensim's unit query for most_similar(positive=[b, c], negative=[a]) from the unit rows of a, b, c
 * (row indices into `unit`). Returns float32 values in a Float32Array (`out` when given: no allocation per query).
 */
export function gensimQuery(unit: Float32Array, dim: number, ra: number, rb: number, rc: number, out?: Float32Array): Float32Array {
  const mean = out ?? new Float32Array(dim);
  const oa = ra * dim,
    ob = rb * dim,
    oc = rc * dim;
  for (let j = 0; j < dim; j++) mean[j] = f32(f32(unit[ob + j]! + unit[oc + j]!) - unit[oa + j]!);
  for (let j = 0; j < dim; j++) mean[j] = mean[j]! / 3;
  // snrm2 accumulates squares in double in OpenBLAS's x86_64 kernel.
  let s = 0;
  for (let j = 0; j < dim; j++) s += mean[j]! * mean[j]!;
  const len = f32(Math.sqrt(s));
  if (len > 0) {
    const alpha = f32(1 / len);
    for (let j = 0; j < dim; j++) mean[j] = mean[j]! * alpha;
  }
  return mean;
}

/** Dot product in float64 (the float32 inputs' exact products, summed with double rounding). */
export function dotF64(x: Float32Array, off: number, y: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += x[off + j]! * (y[j] as number);
  return s;
}
