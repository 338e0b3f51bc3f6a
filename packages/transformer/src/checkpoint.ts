/**
 * Checkpoints: one safetensors file holding the model in nanoGPT's names and PyTorch's layout (a
 * `GPT` module's `load_state_dict` takes the `transformer.*` / `lm_head.weight` tensors after
 * `strict=False` for the tied head), the optimizer state (`optimizer.*`, embedlab's layout) and
 * metadata (config, step, trainer state) as JSON strings. Written atomically; a file that does not
 * match what the caller expects is refused before anything is built or overwritten.
 */
import {DataError} from '@embedlab/core';
import {type GptConfig, type ResolvedGptConfig, resolveGptConfig} from './config.js';
import {GptModel} from './model.js';
import type {AdamWState} from './optim.js';
import {fromTorchLayout, paramSpecs, type ParamStore, toTorchLayout} from './params.js';
import {readSafetensors, type SafeTensor, writeSafetensors} from './safetensors.js';

export const CHECKPOINT_FORMAT = 'embedlab-gpt/1';

/** The file name of a dense parameter: nanoGPT's, under `transformer.` except the untied head. */
export function fileName(name: string): string {
  return name === 'lm_head.weight' ? name : `transformer.${name}`;
}

export interface CheckpointContents {
  model: GptModel;
  optimizer: AdamWState | null;
  /** Whatever the trainer stored (step, history, options). */
  trainer: Record<string, unknown>;
}

export function saveCheckpoint(path: string, model: GptModel, optimizer: AdamWState | null, trainer: Record<string, unknown>): void {
  const tensors = new Map<string, SafeTensor>();
  const {vocabSize: V, embeddingDim: E} = model.config;
  tensors.set('transformer.wte.weight', {dtype: 'F32', shape: [V, E], data: model.table});
  for (const spec of model.specs) {
    const {data, shape} = toTorchLayout(spec, model.params.get(spec.name) as Float32Array);
    tensors.set(fileName(spec.name), {dtype: 'F32', shape, data});
  }
  const lock = model.embedding.getLockMask();
  if (lock) tensors.set('embedlab.wte.lock_mask', {dtype: 'I32', shape: [V], data: Int32Array.from(lock)});
  if (optimizer) {
    for (const spec of model.specs) {
      const m = optimizer.m.get(spec.name),
        v = optimizer.v.get(spec.name);
      if (m && v) {
        const mt = toTorchLayout(spec, m),
          vt = toTorchLayout(spec, v); // the same layout as the weight
        tensors.set(`optimizer.m.${spec.name}`, {dtype: 'F32', shape: mt.shape, data: mt.data});
        tensors.set(`optimizer.v.${spec.name}`, {dtype: 'F32', shape: vt.shape, data: vt.data});
      }
    }
    if (optimizer.table) {
      const t = optimizer.table;
      tensors.set('optimizer.table.m', {dtype: 'F32', shape: [t.rows, t.dim], data: t.m});
      tensors.set('optimizer.table.v', {dtype: 'F32', shape: [t.rows, t.dim], data: t.v});
      tensors.set('optimizer.table.row_steps', {dtype: 'I32', shape: [t.rows], data: t.rowSteps});
    }
  }
  const metadata: Record<string, string> = {
    format: CHECKPOINT_FORMAT,
    config: JSON.stringify(model.config),
    freeze: model.freeze,
    optimizer: JSON.stringify(optimizer ? {step: optimizer.step, tableIterations: optimizer.table?.iterations ?? null} : null),
    trainer: JSON.stringify(trainer),
  };
  writeSafetensors(path, tensors, metadata);
}

function tensor(file: string, tensors: Map<string, SafeTensor>, name: string, shape: number[]): SafeTensor {
  const t = tensors.get(name);
  if (!t) throw new DataError(file, undefined, `checkpoint has no tensor ${name}`);
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new DataError(file, undefined, `tensor ${name} has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}] for this model`);
  }
  return t;
}

/**
 * Load a checkpoint. With `expect`, the stored config must equal it field by field (a mismatch names the
 * field); the caller can then resume without silently changing the model.
 */
export function loadCheckpoint(path: string, options: {expect?: GptConfig; seed?: number} = {}): CheckpointContents {
  const {tensors, metadata} = readSafetensors(path);
  if (metadata.format !== CHECKPOINT_FORMAT)
    throw new DataError(path, undefined, `format ${JSON.stringify(metadata.format)} is not ${CHECKPOINT_FORMAT} (not an embedlab GPT checkpoint)`);
  let config: ResolvedGptConfig;
  try {
    config = resolveGptConfig(JSON.parse(metadata.config ?? 'null') as GptConfig, 'checkpoint.config');
  } catch (error) {
    throw new DataError(path, undefined, `stored config is unusable: ${(error as Error).message}`);
  }
  if (options.expect) {
    const want = resolveGptConfig(options.expect);
    for (const key of Object.keys(want) as (keyof ResolvedGptConfig)[]) {
      if (want[key] !== config[key])
        throw new DataError(
          path,
          undefined,
          `checkpoint was made with model.${key} = ${JSON.stringify(config[key])}, but this run has ${JSON.stringify(want[key])}`,
        );
    }
  }
  const specs = paramSpecs(config);
  const params: ParamStore = new Map();
  for (const spec of specs) {
    const torchShape = spec.linear ? [spec.shape[1] as number, spec.shape[0] as number] : spec.shape;
    const t = tensor(path, tensors, fileName(spec.name), torchShape);
    params.set(spec.name, fromTorchLayout(spec, t.data as Float32Array));
  }
  const table = tensor(path, tensors, 'transformer.wte.weight', [config.vocabSize, config.embeddingDim]).data as Float32Array;
  const lock = tensors.get('embedlab.wte.lock_mask');
  const freeze = (metadata.freeze ?? 'none') as 'none' | 'all' | 'pretrained-rows';
  const model = new GptModel(
    config,
    {seed: options.seed ?? 0, table: {pretrained: table, freeze, ...(lock ? {pretrainedRows: Uint8Array.from(lock.data as Int32Array)} : {})}},
    params,
  );
  let optimizer: AdamWState | null = null;
  const optMeta = JSON.parse(metadata.optimizer ?? 'null') as {step: number; tableIterations: number | null} | null;
  if (optMeta) {
    const m = new Map<string, Float32Array>(),
      v = new Map<string, Float32Array>();
    for (const spec of specs) {
      if (!tensors.has(`optimizer.m.${spec.name}`)) continue;
      const torchShape = spec.linear ? [spec.shape[1] as number, spec.shape[0] as number] : spec.shape;
      m.set(spec.name, fromTorchLayout(spec, tensor(path, tensors, `optimizer.m.${spec.name}`, torchShape).data as Float32Array));
      v.set(spec.name, fromTorchLayout(spec, tensor(path, tensors, `optimizer.v.${spec.name}`, torchShape).data as Float32Array));
    }
    const V = config.vocabSize,
      E = config.embeddingDim;
    optimizer = {
      step: optMeta.step,
      m,
      v,
      table:
        optMeta.tableIterations === null
          ? null
          : {
              m: tensor(path, tensors, 'optimizer.table.m', [V, E]).data as Float32Array,
              v: tensor(path, tensors, 'optimizer.table.v', [V, E]).data as Float32Array,
              rowSteps: tensor(path, tensors, 'optimizer.table.row_steps', [V]).data as Int32Array,
              iterations: optMeta.tableIterations,
              rows: V,
              dim: E,
            },
    };
  }
  return {model, optimizer, trainer: JSON.parse(metadata.trainer ?? '{}') as Record<string, unknown>};
}
