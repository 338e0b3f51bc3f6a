/**
 * The dense parameters of a GPT-style model, named as nanoGPT names them, held as host Float32Arrays (the
 * single source of truth: the trainer uploads them per step, optimizers update them in place, checkpoints
 * write them). The token table is not here: it is the core embedding layer's host table.
 *
 * Layout: a Linear weight is stored [in, out] (so `x @ W`); `toTorchLayout` transposes to PyTorch's
 * [out, in] for export. Init follows nanoGPT: weights N(0, initStd), the two residual projections
 * (`attn.c_proj`, `mlp.c_proj`) N(0, initStd / sqrt(2 nLayers)), biases 0, LayerNorm gains 1.
 */
import {createRng, type Rng} from '@embedlab/core';
import type {ResolvedGptConfig} from './config.js';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** AdamW decays it: matmul weights only (not embeddings, positions, norms or biases). */
  decay: boolean;
  /** A Linear weight stored [in, out], transposed for PyTorch export. */
  linear: boolean;
  init: 'normal' | 'residual' | 'zeros' | 'ones';
}

export type ParamStore = Map<string, Float32Array>;

/** Every dense parameter of the model, in a fixed order (the order of checkpoints and gradient norms). */
export function paramSpecs(config: ResolvedGptConfig): ParamSpec[] {
  const {dModel: C, embeddingDim: E, context: T, vocabSize: V, nLayers: L, mlpRatio} = config;
  const H = mlpRatio * C;
  const specs: ParamSpec[] = [];
  const linear = (name: string, inDim: number, outDim: number, bias: boolean, residual = false) => {
    specs.push({name: `${name}.weight`, shape: [inDim, outDim], decay: true, linear: true, init: residual ? 'residual' : 'normal'});
    if (bias) specs.push({name: `${name}.bias`, shape: [outDim], decay: false, linear: false, init: 'zeros'});
  };
  const norm = (name: string) => {
    specs.push({name: `${name}.weight`, shape: [C], decay: false, linear: false, init: 'ones'});
    specs.push({name: `${name}.bias`, shape: [C], decay: false, linear: false, init: 'zeros'});
  };
  if (E !== C) linear('wte_proj', E, C, false);
  if (config.positions === 'learned') specs.push({name: 'wpe.weight', shape: [T, C], decay: false, linear: false, init: 'normal'});
  for (let i = 0; i < L; i++) {
    norm(`h.${i}.ln_1`);
    linear(`h.${i}.attn.c_attn`, C, 3 * C, true);
    linear(`h.${i}.attn.c_proj`, C, C, true, true);
    norm(`h.${i}.ln_2`);
    linear(`h.${i}.mlp.c_fc`, C, H, true);
    linear(`h.${i}.mlp.c_proj`, H, C, true, true);
  }
  norm('ln_f');
  if (config.headTransform) {
    linear('mlm_head.dense', C, C, true);
    norm('mlm_head.ln');
  }
  if (!config.tie) linear('lm_head', C, V, false);
  if (config.outputBias) specs.push({name: 'lm_bias', shape: [V], decay: false, linear: false, init: 'zeros'});
  return specs;
}

/** Fresh parameters drawn from `rng` in spec order (so a seed gives the same model on every backend). */
export function initParams(config: ResolvedGptConfig, rng: Rng): ParamStore {
  const store: ParamStore = new Map();
  const residualStd = config.initStd / Math.sqrt(2 * config.nLayers);
  for (const spec of paramSpecs(config)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (spec.init === 'ones') data.fill(1);
    else if (spec.init === 'normal' || spec.init === 'residual') {
      const std = spec.init === 'residual' ? residualStd : config.initStd;
      const stream = rng.fork(spec.name);
      for (let i = 0; i < size; i++) data[i] = stream.normal() * std;
    }
    store.set(spec.name, data);
  }
  return store;
}

/** Seeded init from a plain seed. */
export function initParamsFromSeed(config: ResolvedGptConfig, seed: number): ParamStore {
  return initParams(config, createRng(seed).fork('params'));
}

export function countParams(store: ParamStore): number {
  let n = 0;
  for (const data of store.values()) n += data.length;
  return n;
}

/** [rows, cols] row-major -> [cols, rows]. */
export function transpose2d(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c] as number;
  return out;
}

/** A parameter in PyTorch's layout (Linear weights [out, in]) with its PyTorch shape. */
export function toTorchLayout(spec: ParamSpec, data: Float32Array): {data: Float32Array; shape: number[]} {
  if (!spec.linear) return {data, shape: spec.shape};
  const [inDim, outDim] = spec.shape as [number, number];
  return {data: transpose2d(data, inDim, outDim), shape: [outDim, inDim]};
}

/** Inverse of `toTorchLayout`. */
export function fromTorchLayout(spec: ParamSpec, data: Float32Array): Float32Array {
  if (!spec.linear) return data;
  const [inDim, outDim] = spec.shape as [number, number];
  return transpose2d(data, outDim, inDim);
}
