/**
 * The lookup tables word2vec trains with, computed once in JS and shared by both kernels.
 */
/** word2vec.c EXP_TABLE_SIZE and MAX_EXP. */
export const EXP_TABLE_SIZE = 1000;
export const MAX_EXP = 6;
/**
 * The index factor: word2vec.c writes `EXP_TABLE_SIZE / MAX_EXP / 2`, which is integer arithmetic in C,
 * so 83 rather than 83.33. gensim's Cython does the same. Kept for fidelity.
 */
export const EXP_INDEX_SCALE = Math.trunc(Math.trunc(EXP_TABLE_SIZE / MAX_EXP) / 2);

/** sigmoid table: entry i = sigma((i / 1000 * 2 - 1) * 6), stored as float32 (word2vec's expTable). */
export function sigmoidTable(): Float32Array {
  const t = new Float32Array(EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    t[i] = e / (e + 1);
  }
  return t;
}

/**
 * -log sigma(z) per table bin: bin i holds z in [i/83 - 6, (i+1)/83 - 6) and stores the value at the bin
 * centre, so the loss is within 0.3% of exact there; outside [-6, 6] the kernels use 0 and -z.
 */
export function negLogSigmoidTable(): Float32Array {
  const t = new Float32Array(EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const z = (i + 0.5) / EXP_INDEX_SCALE - MAX_EXP;
    t[i] = Math.log1p(Math.exp(-z));
  }
  return t;
}

/**
 * word2vec's negative-sampling table (InitUnigramTable): word i fills a share count_i^power / sum of
 * `size` slots, in vocabulary order. Words with count 0 (special tokens) never appear.
 */
export function unigramTable(counts: ArrayLike<number>, size: number, power = 0.75): Int32Array {
  const table = new Int32Array(size);
  const v = counts.length;
  let total = 0;
  for (let i = 0; i < v; i++) total += Math.pow(counts[i] as number, power);
  if (!(total > 0)) throw new RangeError('unigramTable: every count is zero');
  // Skip leading zero-count words so the first slot goes to a word that can be sampled.
  let i = 0;
  while (i < v - 1 && !((counts[i] as number) > 0)) i++;
  let d1 = Math.pow(counts[i] as number, power) / total;
  for (let a = 0; a < size; a++) {
    table[a] = i;
    if (a / size > d1) {
      i++;
      while (i < v - 1 && !((counts[i] as number) > 0)) i++;
      if (i < v) d1 += Math.pow(counts[i] as number, power) / total;
    }
    if (i >= v) i = v - 1;
  }
  return table;
}

/**
 * word2vec's subsampling keep probability: (sqrt(f / (sample * total)) + 1) * (sample * total) / f for a
 * word seen f times among `total` training words (values above 1 mean always kept). `sample <= 0` -> all 1.
 */
export function keepProbabilities(counts: ArrayLike<number>, sample: number): Float32Array {
  const out = new Float32Array(counts.length).fill(1);
  if (!(sample > 0)) return out;
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  const threshold = sample * total;
  for (let i = 0; i < counts.length; i++) {
    const f = counts[i] as number;
    out[i] = f > 0 ? ((Math.sqrt(f / threshold) + 1) * threshold) / f : 1;
  }
  return out;
}

/** gensim's cum_table domain (2^31 - 1). */
export const CUM_TABLE_DOMAIN = 2 ** 31 - 1;

/**
 * gensim's negative-sampling table (make_cum_table): entry i = round(cumulative count^power share up to
 * word i * (2^31 - 1)); a draw x in [0, last) picks the first i with cum[i] >= x, so each word is drawn
 * with probability count^power / sum up to 1 part in 2^31. Size = vocabulary, so it stays in cache.
 */
export function cumulativeTable(counts: ArrayLike<number>, power = 0.75): Int32Array {
  const out = new Int32Array(counts.length);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.pow(counts[i] as number, power);
  if (!(total > 0)) throw new RangeError('cumulativeTable: every count is zero');
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += Math.pow(counts[i] as number, power);
    out[i] = Math.round((cumulative / total) * CUM_TABLE_DOMAIN);
  }
  return out;
}

/**
 * Index into a cumulative table for faster sampling: entry k (0..65536) = first word i with
 * cum[i] >= k * 2^15 (V when none). A draw x lies between entries x >> 15 and (x >> 15) + 1, so the
 * bisection only searches that range; the result is the same word.
 */
export function cumulativeBuckets(cum: Int32Array): Int32Array {
  const out = new Int32Array(65537);
  let i = 0;
  for (let k = 0; k <= 65536; k++) {
    const bound = k * 32768;
    while (i < cum.length && cum[i]! < bound) i++;
    out[k] = i;
  }
  return out;
}
