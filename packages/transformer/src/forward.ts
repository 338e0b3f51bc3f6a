/**
 * The forward pass as plain differentiable tfjs functions of named weight tensors, so `tf.grads` gives
 * every gradient and a test can check each piece against finite differences.
 *
 *   token rows [N, E] (the core layer's gatherRows)  --(wte_proj if E != C)-->  [N, C]
 *   + positions (learned or sinusoidal table; rotary acts inside attention)  --dropout-->  x [N, C]
 *   per block (pre-LayerNorm, nanoGPT):  x += drop(attn(ln_1(x)));  x += drop(mlp(ln_2(x)))
 *   ln_f(x) -> head: x @ wte^T (tied; through wte_proj^T when E != C) or x @ lm_head  -> logits [N, V]
 *
 * N = B * T, row n = (batch n / T, position n % T). The attention mask is causal when `config.causal`
 * (GPT), none otherwise (BERT): the blocks are the same.
 */
import * as tf from '@tensorflow/tfjs';
import type {ResolvedGptConfig} from './config.js';
import {batchedMatMul} from './attention-matmul.js';
import {applyRope, ropeTables, sinusoidTable} from './positions.js';

export type Weights = ReadonlyMap<string, tf.Tensor>;

export interface ForwardOptions {
  /** Dropout on (training) or off (evaluation). */
  training: boolean;
  /** Seed of this forward's dropout masks (the trainer derives one per step). */
  dropoutSeed?: number;
  /** Also return the residual stream after the embedding sum (layer 0) and after each block. */
  collectLayers?: boolean;
}

/** Swap the last two axes. */
function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1] as number, perm[r - 2] as number];
  return tf.transpose(x, perm);
}

/**
 * a @ b (batched over leading axes) whose gradient uses only untransposed products: dA = dY @ b^T and
 * dB = a^T @ dY with explicit transposes. Why: tfjs-wasm's BatchMatMul with a transpose flag runs 10-20x
 * slower than without (measured: [2048,128] x [20000,128]^T took 6.1 s, the same product with the
 * transpose done first 0.3 s), and autograd of `tf.matMul` uses those flags.
 */
export function matMul<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as [tf.Tensor, tf.Tensor];
    const save = args[2] as tf.GradSaveFunc;
    save([x, y]);
    return {
      value: tf.matMul(x, y),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(dy, swapLast(saved[1] as tf.Tensor)), tf.matMul(swapLast(saved[0] as tf.Tensor), dy)],
    };
  });
  return op(a, b) as T;
}

function weight(w: Weights, name: string): tf.Tensor {
  const t = w.get(name);
  if (!t) throw new Error(`internal: weight ${name} missing`);
  return t;
}

/** Column sums of [N, C] as a [C] tensor, by a product with a row of ones: tfjs-wasm reduces over a
 * leading axis by transposing first, the product runs on XNNPACK. */
function columnSums(x: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]);
}

/** y + bias (a row broadcast) whose bias gradient is a column sum by `columnSums`. */
export function addBias(y: tf.Tensor2D, bias: tf.Tensor): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, b] = args as [tf.Tensor2D, tf.Tensor1D];
    return {value: tf.add(x, b), gradFunc: (dy: tf.Tensor) => [dy, columnSums(dy as tf.Tensor2D)]};
  });
  return op(y, bias) as tf.Tensor2D;
}

/**
 * LayerNorm over the last axis of [N, C]: xhat = (x - mean) / sqrt(var + eps) (biased variance), y =
 * xhat * g + b; one custom op with the closed-form backward
 *   dxhat = dy * g;  dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sqrt(var + eps)
 *   dg = sum_rows(dy * xhat);  db = sum_rows(dy)
 * (row means run along the fast axis; column sums by `columnSums`).
 */
export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor, eps: number): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, g, b] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const mean = tf.mean(input, 1, true); // [N, 1]
    const centered = tf.sub(input, mean);
    const inv = tf.rsqrt(tf.add(tf.mean(tf.square(centered), 1, true), eps)); // [N, 1]
    const xhat = tf.mul(centered, inv) as tf.Tensor2D;
    save([xhat, inv, g]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xh, invStd, gs] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
      const dxhat = tf.mul(dy, gs);
      const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, 1, true)), tf.mul(xh, tf.mean(tf.mul(dxhat, xh), 1, true))), invStd);
      return [dx, columnSums(tf.mul(dy, xh) as tf.Tensor2D), columnSums(dy as tf.Tensor2D)];
    };
    return {value: tf.add(tf.mul(xhat, g), b), gradFunc};
  });
  return op(x, gain, bias) as tf.Tensor2D;
}

const GELU_C = Math.sqrt(2 / Math.PI);
/** GELU, tanh approximation (GPT-2; PyTorch `GELU(approximate='tanh')`). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.square(x), x), 0.044715)), GELU_C);
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

function dropout<T extends tf.Tensor>(x: T, rate: number, options: ForwardOptions, site: number): T {
  if (!options.training || rate === 0) return x;
  const seed = ((options.dropoutSeed ?? 0) * 1000003 + site * 7919) % 2147483647;
  return tf.dropout(x, rate, undefined, seed) as T;
}

/** x @ W + b for x [N, in], W [in, out]. */
function linear(x: tf.Tensor2D, w: Weights, name: string, bias = true): tf.Tensor2D {
  const y: tf.Tensor2D = matMul(x, weight(w, `${name}.weight`));
  return bias ? addBias(y, weight(w, `${name}.bias`)) : y;
}

/** Fixed tensors a forward of length T needs (mask, position tables); cheap to rebuild per call. */
interface Constants {
  mask?: tf.Tensor2D; // [T, T] additive: 0 on and below the diagonal, -1e9 above
  ropeCos?: tf.Tensor2D; // [T, hd]
  ropeSin?: tf.Tensor2D;
  sinusoid?: tf.Tensor2D; // [T, C]
}

function constants(config: ResolvedGptConfig, T: number): Constants {
  const out: Constants = {};
  if (config.causal) {
    const m = new Float32Array(T * T);
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m[i * T + j] = -1e9;
    out.mask = tf.tensor2d(m, [T, T]);
  }
  const hd = config.dModel / config.nHeads;
  if (config.positions === 'rope') {
    const {cos, sin} = ropeTables(T, hd, config.ropeBase);
    out.ropeCos = tf.tensor2d(cos, [T, hd]);
    out.ropeSin = tf.tensor2d(sin, [T, hd]);
  }
  if (config.positions === 'sinusoidal') out.sinusoid = tf.tensor2d(sinusoidTable(T, config.dModel, config.ropeBase), [T, config.dModel]);
  return out;
}

/** Multi-head self-attention on [B*T, C] rows; returns the output projection [B*T, C]. */
export function attention(
  x: tf.Tensor2D,
  w: Weights,
  prefix: string,
  config: ResolvedGptConfig,
  B: number,
  T: number,
  k: Constants,
  options: ForwardOptions,
  site: number,
): tf.Tensor2D {
  const C = config.dModel,
    H = config.nHeads,
    hd = C / H;
  const qkv = linear(x, w, `${prefix}.c_attn`); // [N, 3C]
  // Three 4-d transposes instead of one 5-d transpose + unstack, and keys transposed straight to
  // [B, H, hd, T] when no rotation needs them as [B, H, T, hd] (tfjs-wasm transposes are slow).
  const [qf, kf, vf] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]; // [N, C] each
  const toHeads = (t: tf.Tensor2D, perm: number[]) => tf.transpose(tf.reshape(t, [B, T, H, hd]), perm) as tf.Tensor4D;
  let q = toHeads(qf, [0, 2, 1, 3]); // [B, H, T, hd]
  const v = toHeads(vf, [0, 2, 1, 3]);
  let keyT: tf.Tensor4D; // [B, H, hd, T]
  if (k.ropeCos && k.ropeSin) {
    q = applyRope(q, k.ropeCos, k.ropeSin);
    keyT = swapLast(applyRope(toHeads(kf, [0, 2, 1, 3]), k.ropeCos, k.ropeSin)) as tf.Tensor4D;
  } else keyT = toHeads(kf, [0, 2, 3, 1]);
  let scores = batchedMatMul(tf.mul(q, 1 / Math.sqrt(hd)) as tf.Tensor4D, keyT, matMul); // [B, H, T, T]; scaling q is 4x cheaper than scores
  if (k.mask) scores = tf.add(scores, k.mask);
  const att = dropout(tf.softmax(scores, -1), config.dropout, options, site);
  const y = batchedMatMul(att, v, matMul); // [B, H, T, hd]
  const merged = tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [B * T, C]) as tf.Tensor2D; // [N, C]
  return linear(merged, w, `${prefix}.c_proj`);
}

/** Linear(C, rC) -> GELU -> Linear(rC, C). */
export function mlp(x: tf.Tensor2D, w: Weights, prefix: string): tf.Tensor2D {
  return linear(gelu(linear(x, w, `${prefix}.c_fc`)) as tf.Tensor2D, w, `${prefix}.c_proj`);
}

export interface HiddenStates {
  /** ln_f of the last block's output [N, C]: what the head reads. */
  final: tf.Tensor2D;
  /** With `collectLayers`: the residual stream [N, C] after the embedding sum (0) and each block (1..L). */
  layers: tf.Tensor2D[];
}

/** Token rows [B*T, E] to the final hidden states. */
export function hiddenStates(w: Weights, tokenRows: tf.Tensor2D, config: ResolvedGptConfig, B: number, T: number, options: ForwardOptions): HiddenStates {
  const k = constants(config, T);
  let x: tf.Tensor2D = config.embeddingDim !== config.dModel ? matMul(tokenRows, weight(w, 'wte_proj.weight')) : tokenRows;
  if (config.positions === 'learned' || k.sinusoid) {
    const table = k.sinusoid ?? (tf.slice(weight(w, 'wpe.weight'), [0, 0], [T, config.dModel]) as tf.Tensor2D);
    x = tf.reshape(tf.add(tf.reshape(x, [B, T, config.dModel]), table), [B * T, config.dModel]);
  }
  x = dropout(x, config.dropout, options, 1);
  const layers: tf.Tensor2D[] = options.collectLayers ? [x] : [];
  const eps = config.layerNormEps;
  for (let i = 0; i < config.nLayers; i++) {
    const p = `h.${i}`;
    const a: tf.Tensor2D = attention(
      layerNorm(x, weight(w, `${p}.ln_1.weight`), weight(w, `${p}.ln_1.bias`), eps),
      w,
      `${p}.attn`,
      config,
      B,
      T,
      k,
      options,
      10 + 3 * i,
    );
    x = tf.add(x, dropout(a, config.dropout, options, 11 + 3 * i)) as tf.Tensor2D;
    const m = mlp(layerNorm(x, weight(w, `${p}.ln_2.weight`), weight(w, `${p}.ln_2.bias`), eps), w, `${p}.mlp`);
    x = tf.add(x, dropout(m, config.dropout, options, 12 + 3 * i)) as tf.Tensor2D;
    if (options.collectLayers) layers.push(x);
  }
  return {final: layerNorm(x, weight(w, 'ln_f.weight'), weight(w, 'ln_f.bias'), eps), layers};
}

/** Logits [N, V] from final hidden states: tied to `table` [V, E] (through wte_proj^T when E != C) or lm_head. */
export function headLogits(w: Weights, final: tf.Tensor2D, config: ResolvedGptConfig, table?: tf.Tensor2D): tf.Tensor2D {
  let x = final;
  if (config.headTransform) {
    x = gelu(linear(x, w, 'mlm_head.dense')) as tf.Tensor2D;
    x = layerNorm(x, weight(w, 'mlm_head.ln.weight'), weight(w, 'mlm_head.ln.bias'), config.layerNormEps);
  }
  let logits: tf.Tensor2D;
  if (!config.tie) logits = matMul(x, weight(w, 'lm_head.weight'));
  else {
    if (!table) throw new Error('internal: a tied head needs the token table tensor');
    const h: tf.Tensor2D = config.embeddingDim !== config.dModel ? matMul(x, swapLast(weight(w, 'wte_proj.weight'))) : x; // [N, E]
    logits = matMul(h, swapLast(table)); // [N, V]
  }
  return config.outputBias ? addBias(logits, weight(w, 'lm_bias')) : logits;
}
