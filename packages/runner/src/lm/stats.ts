/**
 * Statistics of language-model runs: validation perplexity with a bootstrap interval over documents (per
 * seed and averaged over seeds), and paired comparisons of two arms on the same documents and seeds.
 *
 * Per document and seed the evaluation keeps the summed negative log-likelihood (nats) and the number of
 * predicted tokens; every loss here is token-weighted: sum of nll / sum of tokens over the (resampled)
 * documents. "Mean over seeds" averages the seeds' losses, so its perplexity exp(mean loss) is the
 * geometric mean of the seeds' perplexities. Across seeds, a Student-t interval of the per-seed
 * differences (n = seeds) says how much the comparison depends on the training seed.
 */
import {bootstrapInterval, pairedBootstrap, type BootstrapOptions} from '@embedlab/evaluators';

/** Summed nll and predicted tokens per validation document, for one trained seed. */
export interface SeedDocumentLosses {
  seed: number;
  /** [documents] summed -log p(target), nats. */
  sums: Float64Array;
  /** [documents] predicted tokens. */
  counts: Float64Array;
}

/** What an LM arm keeps for pairing: document ids (the pairing key) and every seed's per-document losses. */
export interface LmDocumentLosses {
  documents: readonly string[];
  seeds: readonly SeedDocumentLosses[];
}

/** Token-weighted mean loss of `s` over the documents `idx` (all documents when omitted). */
export function lossOver(s: Pick<SeedDocumentLosses, 'sums' | 'counts'>, idx?: ArrayLike<number>): number {
  let sum = 0,
    count = 0;
  const n = idx ? idx.length : s.sums.length;
  for (let k = 0; k < n; k++) {
    const d = idx ? (idx[k] as number) : k;
    sum += s.sums[d] as number;
    count += s.counts[d] as number;
  }
  return count > 0 ? sum / count : NaN;
}

/** Mean over seeds of each seed's token-weighted loss on `idx`. */
export function meanLossOver(seeds: readonly Pick<SeedDocumentLosses, 'sums' | 'counts'>[], idx?: ArrayLike<number>): number {
  let total = 0;
  for (const s of seeds) total += lossOver(s, idx);
  return total / seeds.length;
}

export interface PerplexityEstimate {
  /** Token-weighted mean loss (nats per token). */
  loss: number;
  perplexity: number;
  /** Percentile bootstrap interval of the perplexity over documents. */
  lo: number;
  hi: number;
  documents: number;
  tokens: number;
}

/** Perplexity of one seed (`seeds.length === 1`) or of the mean loss over seeds, with a document bootstrap. */
export function perplexityEstimate(seeds: readonly SeedDocumentLosses[], options: BootstrapOptions): PerplexityEstimate {
  const first = seeds[0];
  if (!first) throw new Error('internal: perplexityEstimate needs at least one seed');
  const n = first.sums.length;
  const loss = meanLossOver(seeds);
  const interval = bootstrapInterval(n, (idx) => Math.exp(meanLossOver(seeds, idx)), options);
  let tokens = 0;
  for (let d = 0; d < n; d++) tokens += first.counts[d] as number;
  return {loss, perplexity: Math.exp(loss), lo: interval.low, hi: interval.high, documents: n, tokens};
}

/** One paired comparison: A - B in validation loss (nats per token). */
export interface LossDifference {
  /** `seed <s>`, `mean of <k> seeds` (document bootstrap) or `across seeds` (Student t over seeds). */
  section: string;
  difference: number;
  lo: number;
  hi: number;
  /** Bootstrap p (documents) or t-test p (across seeds). */
  p: number;
  /** What the interval is over: documents or seeds. */
  over: 'documents' | 'seeds';
  n: number;
}

/**
 * A - B per common seed (paired bootstrap over documents), for the mean over common seeds (the same
 * resampled documents for every seed), and across seeds (t interval of the per-seed differences, when
 * at least two seeds are common). Empty when the two arms were evaluated on different documents.
 */
export function lossDifferences(a: LmDocumentLosses, b: LmDocumentLosses, options: BootstrapOptions): LossDifference[] {
  if (a.documents.length !== b.documents.length || a.documents.some((d, i) => d !== b.documents[i])) return [];
  const n = a.documents.length;
  const bySeed = new Map(b.seeds.map((s) => [s.seed, s]));
  const pairs = a.seeds.flatMap((s) => (bySeed.has(s.seed) ? [[s, bySeed.get(s.seed) as SeedDocumentLosses] as const] : []));
  const out: LossDifference[] = [];
  for (const [sa, sb] of pairs) {
    const c = pairedBootstrap(n, (idx, system) => lossOver(system === 0 ? sa : sb, idx), options);
    out.push({section: `seed ${sa.seed}`, difference: c.difference, lo: c.interval.low, hi: c.interval.high, p: c.pValue, over: 'documents', n});
  }
  if (pairs.length >= 2) {
    const as = pairs.map(([x]) => x),
      bs = pairs.map(([, y]) => y);
    const c = pairedBootstrap(n, (idx, system) => meanLossOver(system === 0 ? as : bs, idx), options);
    out.push({section: `mean of ${pairs.length} seeds`, difference: c.difference, lo: c.interval.low, hi: c.interval.high, p: c.pValue, over: 'documents', n});
    const diffs = pairs.map(([x, y]) => lossOver(x) - lossOver(y));
    const t = tInterval(diffs, options.level ?? 0.95);
    out.push({section: 'across seeds', difference: t.mean, lo: t.lo, hi: t.hi, p: t.p, over: 'seeds', n: diffs.length});
  }
  return out;
}

/** Student-t interval of the mean of `values` (n >= 2) and the two-sided p of "mean = 0". */
export function tInterval(values: readonly number[], level: number): {mean: number; lo: number; hi: number; p: number} {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const q = studentTQuantile(1 - (1 - level) / 2, n - 1);
  const p = se === 0 ? (mean === 0 ? 1 : 0) : 2 * (1 - studentTCdf(Math.abs(mean / se), n - 1));
  return {mean, lo: mean - q * se, hi: mean + q * se, p};
}

/** ln Gamma(x), Lanczos (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta (Numerical Recipes `betacf`). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1,
    d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The `q` quantile of Student's t (bisection on the CDF; |error| < 1e-10). */
export function studentTQuantile(q: number, df: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile level must be in (0, 1), got ${q}`);
  let lo = -1e3,
    hi = 1e3;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** What a run's validation losses say per word and per character (comparable across vocabularies). */
export interface TextMetrics {
  /** exp(nats / words), mean over seeds of the per-word loss, with a document bootstrap. */
  wordPerplexity: PerplexityEstimate;
  /** nats / characters / ln 2, mean over seeds. */
  bitsPerChar: number;
  words: number;
  chars: number;
}

/**
 * Per-word perplexity and bits per character from per-document summed nats: a word's nats are the sum of
 * its tokens' nats (a word split in two tokens costs both), so the total over a document divided by its
 * words is the per-word loss, whatever the vocabulary. `words` and `chars` are per document and must
 * describe the text whose tokens were scored.
 */
export function textMetrics(seeds: readonly SeedDocumentLosses[], words: Float64Array, chars: Float64Array, options: BootstrapOptions): TextMetrics {
  const perWord = seeds.map((s) => ({...s, counts: words}));
  const perChar = seeds.map((s) => ({...s, counts: chars}));
  return {
    wordPerplexity: perplexityEstimate(perWord, options),
    bitsPerChar: meanLossOver(perChar) / Math.LN2,
    words: words.reduce((a, x) => a + x, 0),
    chars: chars.reduce((a, x) => a + x, 0),
  };
}
