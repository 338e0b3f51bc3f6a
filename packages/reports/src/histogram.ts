/**
 * Fixed-width histogram binning in TS, so a report embeds a few hundred bin rows instead of one row per
 * word (vocabularies run to 10^5 words). Bins are [start, start + step), the last one closed.
 */

export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

/** Rounds away float noise in bin edges (0.1 + 0.2 -> 0.3) so edges print cleanly. */
function cleanEdge(x: number): number {
  return Number(x.toFixed(10));
}

/**
 * Counts `values` into bins of width `step` covering `[lo, hi]`. Values outside `[lo, hi]` go to the
 * nearest end bin, so every value is counted once.
 */
export function histogramBins(values: Iterable<number>, lo: number, hi: number, step: number): HistogramBin[] {
  const nBins = Math.max(1, Math.round((hi - lo) / step));
  const counts = new Array<number>(nBins).fill(0);
  for (const v of values) {
    // The small epsilon puts a value that is an edge up to float noise (0.3 vs 0.30000000000000004) in the bin it starts.
    const i = Math.floor((v - lo) / step + 1e-9);
    counts[Math.min(nBins - 1, Math.max(0, i))]! += 1;
  }
  return counts.map((count, i) => ({start: cleanEdge(lo + i * step), end: cleanEdge(lo + (i + 1) * step), count}));
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
