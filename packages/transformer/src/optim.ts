/**
 * AdamW for the dense parameters (PyTorch `torch.optim.AdamW`: decoupled decay p -= lr * wd * p, then
 * the Adam step with bias correction and eps added to sqrt(v_hat)); the token table goes through the
 * row-sparse `SparseAdam` of @embedlab/optimizers with the global-step bias correction (PyTorch
 * `SparseAdam`), no decay, locked rows skipped. With a tied head every row has a gradient in every step,
 * so the table's update equals dense Adam; untied, rows absent from a batch keep their moments (lazy).
 *
 * Decay follows nanoGPT's rule restricted as the issue asks: matmul weights only; embeddings (token and
 * position tables), LayerNorm gains and biases get none.
 *
 * Also here: global-norm gradient clipping (PyTorch `clip_grad_norm_`) and nanoGPT's warmup + cosine
 * learning-rate schedule.
 */
import {ArgumentError} from '@embedlab/core';
import {SparseAdam, type SparseAdamState} from '@embedlab/optimizers';
import type {Gradients} from './model.js';
import type {ParamSpec, ParamStore} from './params.js';

export interface AdamWOptions {
  learningRate: number;
  /** __Default:__ 0.9 */
  beta1?: number;
  /** __Default:__ 0.95 (nanoGPT) */
  beta2?: number;
  /** __Default:__ 1e-8 (PyTorch) */
  epsilon?: number;
  /** Decoupled decay of matmul weights. __Default:__ 0.1 (nanoGPT) */
  weightDecay?: number;
}

export interface AdamWState {
  step: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
  table: SparseAdamState | null;
}

export class AdamW {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  #step = 0;
  #m = new Map<string, Float32Array>();
  #v = new Map<string, Float32Array>();
  #table: SparseAdam;

  constructor(options: AdamWOptions, lockMask?: Uint8Array) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.95;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.1;
    if (!(this.learningRate > 0)) throw new ArgumentError(`AdamW learningRate: expected a positive number, got ${this.learningRate}`);
    if (!(this.weightDecay >= 0)) throw new ArgumentError(`AdamW weightDecay: expected a number >= 0, got ${this.weightDecay}`);
    this.#table = new SparseAdam({
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      biasCorrection: 'global',
      ...(lockMask ? {lockMask} : {}),
    });
  }

  get step(): number {
    return this.#step;
  }

  /** One update of every dense parameter and of the token table's touched rows, in place. */
  apply(specs: ParamSpec[], params: ParamStore, grads: Gradients, table: Float32Array, embeddingDim: number): void {
    const t = ++this.#step;
    const {beta1: b1, beta2: b2, epsilon: eps, learningRate: lr} = this;
    const c1 = 1 - Math.pow(b1, t),
      c2 = 1 - Math.pow(b2, t);
    for (const spec of specs) {
      const p = params.get(spec.name) as Float32Array;
      const g = grads.dense.get(spec.name) as Float32Array;
      let m = this.#m.get(spec.name),
        v = this.#v.get(spec.name);
      if (!m || !v) {
        m = new Float32Array(p.length);
        v = new Float32Array(p.length);
        this.#m.set(spec.name, m);
        this.#v.set(spec.name, v);
      }
      const decay = spec.decay ? 1 - lr * this.weightDecay : 1;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] as number;
        const mi = (m[i] = b1 * (m[i] as number) + (1 - b1) * gi);
        const vi = (v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi);
        p[i] = (p[i] as number) * decay - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      }
    }
    if (grads.table && grads.touched) {
      this.#table.learningRate = lr;
      const rows: number[] = [];
      grads.touched.forEach((x, r) => {
        if (x === 1) rows.push(r);
      });
      // Tied head: every row has a gradient, so the dense gradient is already the row list's values.
      const all = rows.length === grads.touched.length;
      const values = all ? grads.table : new Float32Array(rows.length * embeddingDim);
      if (!all) rows.forEach((r, k) => values.set(grads.table!.subarray(r * embeddingDim, (r + 1) * embeddingDim), k * embeddingDim));
      this.#table.step(table, {rows: Int32Array.from(rows), values, dim: embeddingDim});
    }
  }

  exportState(): AdamWState {
    const table = this.#table.exportState();
    return {step: this.#step, m: this.#m, v: this.#v, table: table.rows >= 0 ? table : null};
  }

  importState(state: AdamWState): void {
    this.#step = state.step;
    this.#m = new Map([...state.m].map(([k, x]) => [k, Float32Array.from(x)]));
    this.#v = new Map([...state.v].map(([k, x]) => [k, Float32Array.from(x)]));
    if (state.table) this.#table.importState(state.table);
  }
}

/** Global L2 norm of every gradient (dense parameters and the token table), float64. */
export function gradientNorm(grads: Gradients): number {
  let sq = 0;
  for (const g of grads.dense.values()) for (let i = 0; i < g.length; i++) sq += (g[i] as number) * (g[i] as number);
  if (grads.table) for (let i = 0; i < grads.table.length; i++) sq += (grads.table[i] as number) * (grads.table[i] as number);
  return Math.sqrt(sq);
}

/** Scale every gradient in place so the global norm is at most `maxNorm` (PyTorch: coef = max / (norm + 1e-6)). Returns the norm before. */
export function clipGradients(grads: Gradients, maxNorm: number): number {
  const norm = gradientNorm(grads);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) scaleGradients(grads, coef);
  return norm;
}

export function scaleGradients(grads: Gradients, factor: number): void {
  for (const g of grads.dense.values()) for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) * factor;
  if (grads.table) for (let i = 0; i < grads.table.length; i++) grads.table[i] = (grads.table[i] as number) * factor;
}

/** Add `from` into `into` (gradient accumulation). */
export function addGradients(into: Gradients, from: Gradients): void {
  for (const [name, g] of from.dense) {
    const acc = into.dense.get(name) as Float32Array;
    for (let i = 0; i < g.length; i++) acc[i] = (acc[i] as number) + (g[i] as number);
  }
  if (into.table && from.table && into.touched && from.touched) {
    for (let i = 0; i < from.table.length; i++) into.table[i] = (into.table[i] as number) + (from.table[i] as number);
    from.touched.forEach((x, r) => {
      if (x === 1) into.touched![r] = 1;
    });
  }
  into.loss.sum += from.loss.sum;
  into.loss.count += from.loss.count;
}

export interface ScheduleOptions {
  learningRate: number;
  /** Linear warmup steps: lr * (step + 1) / (warmup + 1) (nanoGPT). */
  warmupSteps: number;
  /** Cosine decay from learningRate to minLearningRate ends here; constant minLearningRate after. */
  decaySteps: number;
  minLearningRate: number;
}

/** nanoGPT's `get_lr(it)` for a 0-based step. */
export function learningRateAt(step: number, s: ScheduleOptions): number {
  if (step < s.warmupSteps) return (s.learningRate * (step + 1)) / (s.warmupSteps + 1);
  if (step > s.decaySteps) return s.minLearningRate;
  const ratio = (step - s.warmupSteps) / Math.max(1, s.decaySteps - s.warmupSteps);
  const coeff = 0.5 * (1 + Math.cos(Math.PI * ratio));
  return s.minLearningRate + coeff * (s.learningRate - s.minLearningRate);
}
