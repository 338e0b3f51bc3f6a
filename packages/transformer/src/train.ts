/**
 * The language-model training loop (nanoGPT's `train.py`, in one function):
 *
 *   for step in [start, steps):
 *     lr = warmup + cosine schedule(step)
 *     for each of `accumulation` micro-batches: sample B windows of T+1 tokens (seeded by run seed, step,
 *       micro-batch), loss and gradients with dropout masks seeded the same way, summed
 *     average over micro-batches, clip the global norm, AdamW step
 *     every `evalEvery` steps and at the end: validation loss on fixed windows; checkpoint (atomic)
 *
 * Everything random is a function of (seed, step), so a run resumed from a checkpoint draws the same
 * batches and masks as one that never stopped, and its loss curve is the same.
 */
import {ArgumentError, ConfigError, createRng, deriveSeed} from '@embedlab/core';
import {existsSync} from 'node:fs';
import {loadCheckpoint, saveCheckpoint} from './checkpoint.js';
import {maskTokens, type MaskingOptions} from './masking.js';
import type {Gradients, GptModel, LmBatch} from './model.js';
import {AdamW, addGradients, clipGradients, learningRateAt, scaleGradients} from './optim.js';
import {ParallelGradients} from './parallel.js';

export interface LmTrainOptions {
  /** Optimizer steps in total (a resumed run continues up to this). */
  steps: number;
  /** Sequences per micro-batch. */
  batchSize: number;
  /** Tokens per sequence (<= the model's context). */
  length: number;
  /** Micro-batches summed per optimizer step. __Default:__ 1 */
  accumulation?: number;
  /** Threads computing the micro-batches of a step (this one plus workers); more threads than
   * micro-batches leaves some idle. Results do not depend on it. __Default:__ 1 */
  threads?: number;
  /** Seeds batch order, dropout and masking. */
  seed: number;
  /** `causal`: predict the next token (GPT). `masked`: predict the masked tokens of a window (BERT; needs
   * `masking`). __Default:__ `causal` */
  objective?: 'causal' | 'masked';
  /** Masked-LM settings (mask id, special ids, rates); the vocabulary size comes from the model. */
  masking?: Omit<MaskingOptions, 'vocabSize'>;
  learningRate: number;
  /** __Default:__ learningRate / 10 (nanoGPT) */
  minLearningRate?: number;
  /** __Default:__ 0 */
  warmupSteps?: number;
  /** __Default:__ steps */
  decaySteps?: number;
  /** __Default:__ 0.1 */
  weightDecay?: number;
  /** __Default:__ 0.9 */
  beta1?: number;
  /** __Default:__ 0.95 */
  beta2?: number;
  /** Clip the global gradient norm to this; 0 = off. __Default:__ 1.0 */
  gradClip?: number;
  /** Validation every this many steps (and after the last). 0 = only at the end. __Default:__ 0 */
  evalEvery?: number;
  /** Validation windows (of `length` + 1 tokens) read from the validation stream. __Default:__ all. */
  evalWindows?: number;
  /** Save here every `checkpointEvery` steps and at the end (atomically). */
  checkpointPath?: string;
  /** __Default:__ evalEvery, else only at the end. */
  checkpointEvery?: number;
  /** Continue from `checkpointPath` when it exists. __Default:__ false */
  resume?: boolean;
  onProgress?: (p: LmProgress) => void;
  /** Stop after this many steps of this call (tests of resume). */
  stopAfter?: number;
}

export interface LmProgress {
  step: number;
  steps: number;
  loss: number;
  learningRate: number;
  gradNorm: number;
  tokens: number;
  tokensPerSecond: number;
  etaSeconds: number;
  validationLoss?: number;
}

export interface LmHistoryPoint {
  step: number;
  tokens: number;
  loss: number;
  learningRate: number;
  gradNorm: number;
}

export interface LmEvalPoint {
  step: number;
  tokens: number;
  loss: number;
  perplexity: number;
}

export interface LmTrainResult {
  history: LmHistoryPoint[];
  evaluations: LmEvalPoint[];
  /** Step reached (== steps unless stopAfter). */
  step: number;
  /** Step the run started from (> 0 after a resume). */
  resumedFrom: number;
  tokensPerSecond: number;
  seconds: number;
}

export interface LmData {
  /** Training token stream (documents joined with an end-of-text id). */
  train: Int32Array;
  /** Validation token stream. */
  validation: Int32Array;
}

function check(options: LmTrainOptions, model: GptModel, data: LmData): void {
  const positive = (name: keyof LmTrainOptions) => {
    const v = options[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
      throw new ConfigError(`train.${name}`, `expected a positive integer, got ${JSON.stringify(v)}`);
  };
  positive('steps');
  positive('batchSize');
  positive('length');
  if (options.length > model.config.context)
    throw new ConfigError('train.length', `sequence length ${options.length} is longer than model.context ${model.config.context}`);
  if (!(options.learningRate > 0)) throw new ConfigError('train.learningRate', `expected a positive number, got ${options.learningRate}`);
  if ((options.objective ?? 'causal') === 'masked' && !options.masking)
    throw new ConfigError('train.masking', 'the masked objective needs masking settings (at least maskId)');
  if (options.objective !== undefined && options.objective !== 'causal' && options.objective !== 'masked')
    throw new ConfigError('train.objective', `expected causal or masked, got ${JSON.stringify(options.objective)}`);
  if (data.train.length < options.length + 2) throw new ArgumentError(`training stream has ${data.train.length} tokens; a window needs ${options.length + 1}`);
}

/** B random windows of T+1 tokens (nanoGPT's get_batch), seeded. */
export function sampleBatch(stream: Int32Array, batch: number, length: number, seed: number): LmBatch {
  const rng = createRng(seed);
  const inputs = new Int32Array(batch * length),
    targets = new Int32Array(batch * length);
  for (let b = 0; b < batch; b++) {
    const start = rng.int(stream.length - length);
    inputs.set(stream.subarray(start, start + length), b * length);
    targets.set(stream.subarray(start + 1, start + length + 1), b * length);
  }
  return {inputs, targets, batch, length};
}

/**
 * The masked-LM version of a batch: the windows' tokens (the causal inputs), masked with a stream seeded
 * by `seed`; targets are the original ids at chosen positions and -1 elsewhere.
 */
export function maskBatch(batch: LmBatch, masking: MaskingOptions, seed: number): LmBatch {
  const {inputs, targets} = maskTokens(batch.inputs, createRng(seed), masking);
  return {...batch, inputs, targets};
}

/**
 * Validation windows: consecutive non-overlapping windows of `length` targets (each token predicted once),
 * at most `limit` of them, grouped in batches.
 */
export function validationBatches(stream: Int32Array, batch: number, length: number, limit = Infinity): LmBatch[] {
  const windows = Math.min(limit, Math.floor((stream.length - 1) / length));
  const out: LmBatch[] = [];
  for (let w0 = 0; w0 < windows; w0 += batch) {
    const b = Math.min(batch, windows - w0);
    const inputs = new Int32Array(b * length),
      targets = new Int32Array(b * length);
    for (let k = 0; k < b; k++) {
      const start = (w0 + k) * length;
      inputs.set(stream.subarray(start, start + length), k * length);
      targets.set(stream.subarray(start + 1, start + length + 1), k * length);
    }
    out.push({inputs, targets, batch: b, length});
  }
  return out;
}

/**
 * Mean loss over the validation windows. With `masking`, window batch k is masked with a stream seeded by
 * (masking.seed, k): the same masks at every evaluation.
 */
export function validationLoss(
  model: GptModel,
  stream: Int32Array,
  batch: number,
  length: number,
  limit?: number,
  masking?: {options: MaskingOptions; seed: number},
): {loss: number; tokens: number} {
  let sum = 0,
    count = 0;
  for (const [k, plain] of validationBatches(stream, batch, length, limit).entries()) {
    const b = masking ? maskBatch(plain, masking.options, deriveSeed(masking.seed, `validation-mask:${k}`)) : plain;
    const s = model.evaluate(b);
    sum += s.sum;
    count += s.count;
  }
  return {loss: count ? sum / count : NaN, tokens: count};
}

export async function trainLm(modelIn: GptModel, data: LmData, options: LmTrainOptions): Promise<LmTrainResult & {model: GptModel}> {
  let model = modelIn;
  check(options, model, data);
  const accumulation = options.accumulation ?? 1;
  const masking = options.objective === 'masked' ? {...(options.masking as Omit<MaskingOptions, 'vocabSize'>), vocabSize: model.config.vocabSize} : undefined;
  const schedule = {
    learningRate: options.learningRate,
    minLearningRate: options.minLearningRate ?? options.learningRate / 10,
    warmupSteps: options.warmupSteps ?? 0,
    decaySteps: options.decaySteps ?? options.steps,
  };
  const makeOptimizer = (m: GptModel) =>
    new AdamW(
      {learningRate: options.learningRate, weightDecay: options.weightDecay ?? 0.1, beta1: options.beta1 ?? 0.9, beta2: options.beta2 ?? 0.95},
      m.embedding.getLockMask() ?? undefined,
    );
  let optimizer = makeOptimizer(model);
  let history: LmHistoryPoint[] = [];
  let evaluations: LmEvalPoint[] = [];
  let start = 0;
  if (options.resume && options.checkpointPath && existsSync(options.checkpointPath)) {
    const saved = loadCheckpoint(options.checkpointPath, {expect: model.config});
    const trainer = saved.trainer as {step?: number; seed?: number; history?: LmHistoryPoint[]; evaluations?: LmEvalPoint[]};
    if (trainer.seed !== options.seed)
      throw new ConfigError(
        'train.seed',
        `checkpoint ${options.checkpointPath} was trained with seed ${trainer.seed}, this run has ${options.seed}; use a new checkpoint path or the same seed`,
      );
    model.dispose();
    model = saved.model;
    optimizer = makeOptimizer(model);
    if (saved.optimizer) optimizer.importState(saved.optimizer);
    start = trainer.step ?? 0;
    history = trainer.history ?? [];
    evaluations = trainer.evaluations ?? [];
  }
  const tokensPerStep = options.batchSize * options.length * accumulation;
  const evalEvery = options.evalEvery ?? 0;
  const checkpointEvery = options.checkpointEvery ?? evalEvery;
  const save = (step: number) => {
    if (options.checkpointPath)
      saveCheckpoint(options.checkpointPath, model, optimizer.exportState(), {
        step,
        seed: options.seed,
        history,
        evaluations,
        options: {...options, onProgress: undefined},
      });
  };
  const evaluate = (step: number) => {
    const {loss} = validationLoss(
      model,
      data.validation,
      options.batchSize,
      options.length,
      options.evalWindows,
      masking ? {options: masking, seed: options.seed} : undefined,
    );
    const point = {step, tokens: step * tokensPerStep, loss, perplexity: Math.exp(loss)};
    evaluations.push(point);
    return point;
  };
  const parallel = await ParallelGradients.start(model, Math.min(options.threads ?? 1, accumulation));
  const began = performance.now();
  const end = Math.min(options.steps, options.stopAfter !== undefined ? start + options.stopAfter : Infinity);
  let step = start;
  try {
    for (; step < end; step++) {
      const lr = learningRateAt(step, schedule);
      optimizer.learningRate = lr;
      const jobs = Array.from({length: accumulation}, (_, micro) => {
        const windows = sampleBatch(data.train, options.batchSize, options.length, deriveSeed(options.seed, `batch:${step}:${micro}`));
        return {
          batch: masking ? maskBatch(windows, masking, deriveSeed(options.seed, `mask:${step}:${micro}`)) : windows,
          dropoutSeed: deriveSeed(options.seed, `dropout:${step}:${micro}`),
        };
      });
      const parts = await parallel.compute(model, jobs);
      const grads = parts[0] as Gradients;
      for (const g of parts.slice(1)) addGradients(grads, g);
      if (accumulation > 1) scaleGradients(grads, 1 / accumulation);
      const gradNorm = options.gradClip === 0 ? NaN : clipGradients(grads, options.gradClip ?? 1);
      optimizer.apply(model.specs, model.params, grads, model.table, model.config.embeddingDim);
      const loss = grads.loss.sum / Math.max(1, grads.loss.count);
      history.push({step: step + 1, tokens: (step + 1) * tokensPerStep, loss, learningRate: lr, gradNorm});
      const done = step + 1;
      let validation: number | undefined;
      if ((evalEvery > 0 && done % evalEvery === 0) || done === options.steps) validation = evaluate(done).loss;
      if (checkpointEvery > 0 && done % checkpointEvery === 0 && done !== options.steps) save(done);
      const seconds = (performance.now() - began) / 1000;
      const rate = ((done - start) * tokensPerStep) / Math.max(seconds, 1e-9);
      options.onProgress?.({
        step: done,
        steps: options.steps,
        loss,
        learningRate: lr,
        gradNorm,
        tokens: done * tokensPerStep,
        tokensPerSecond: rate,
        etaSeconds: ((options.steps - done) * tokensPerStep) / rate,
        ...(validation !== undefined ? {validationLoss: validation} : {}),
      });
    }
  } finally {
    await parallel.close();
  }
  if (step === options.steps || options.stopAfter !== undefined) save(step);
  model.embedding.setTable(model.table); // the tfjs variable mirrors the host table again
  const seconds = (performance.now() - began) / 1000;
  return {model, history, evaluations, step, resumedFrom: start, seconds, tokensPerSecond: ((step - start) * tokensPerStep) / Math.max(seconds, 1e-9)};
}
