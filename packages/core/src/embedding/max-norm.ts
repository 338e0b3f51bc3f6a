/**
 * PyTorch's `max_norm` for embeddings (`torch.embedding_renorm_`): before a lookup, every stored row that is
 * looked up and whose L2 norm exceeds `maxNorm` is scaled in place to norm `maxNorm`. The rescale is not
 * part of the gradient. Like PyTorch, the scale is `maxNorm / (norm + 1e-7)`.
 */

/** Renormalise the looked-up rows of a row-major table in place; returns how many rows changed. */
export function renormRows(table: Float32Array, dim: number, ids: Int32Array, maxNorm: number): number {
  const seen = new Set<number>();
  let changed = 0;
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i] as number;
    if (seen.has(r)) continue;
    seen.add(r);
    const base = r * dim;
    let s = 0;
    for (let j = base; j < base + dim; j++) s += (table[j] as number) * (table[j] as number);
    const norm = Math.sqrt(s);
    if (norm > maxNorm) {
      const scale = maxNorm / (norm + 1e-7);
      for (let j = base; j < base + dim; j++) table[j] = (table[j] as number) * scale;
      changed++;
    }
  }
  return changed;
}
