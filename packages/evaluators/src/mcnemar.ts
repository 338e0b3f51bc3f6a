/**
 * McNemar's test for two systems answering the same questions: only discordant questions count
 * (b = A right and B wrong, c = A wrong and B right).
 */
export interface McNemarResult {
  b: number;
  c: number;
  /** Two-sided exact binomial p-value: min(1, 2 P(X <= min(b, c))), X ~ Bin(b + c, 1/2). */
  exactP: number;
  /** Continuity-corrected chi-square statistic (|b - c| - 1)^2 / (b + c) and its p-value (1 d.o.f.). */
  chi2: number;
  chi2P: number;
}

export function mcnemar(a: readonly boolean[], bFlags: readonly boolean[]): McNemarResult {
  if (a.length !== bFlags.length) throw new RangeError(`mcnemar: ${a.length} vs ${bFlags.length} outcomes; pair the same questions`);
  let b = 0,
    c = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && !bFlags[i]) b++;
    else if (!a[i] && bFlags[i]) c++;
  }
  return mcnemarCounts(b, c);
}

export function mcnemarCounts(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n === 0) return {b, c, exactP: 1, chi2: 0, chi2P: 1};
  const k = Math.min(b, c);
  // P(X <= k) for Bin(n, 1/2), summed in log space (n can be thousands).
  let logC = 0; // log C(n, 0)
  let tail = 0;
  const logHalfN = -n * Math.LN2;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log((n - i + 1) / i);
    tail += Math.exp(logC + logHalfN);
  }
  const exactP = Math.min(1, 2 * tail);
  const chi2 = Math.max(0, Math.abs(b - c) - 1) ** 2 / n;
  return {b, c, exactP, chi2, chi2P: erfc(Math.sqrt(chi2 / 2))};
}

/** Complementary error function: Numerical Recipes' erfcc Chebyshev fit (fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
