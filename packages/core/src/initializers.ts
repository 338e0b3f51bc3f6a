/**
 * Named, seeded initializers for embedding tables. Each produces a row-major [rows, dim] Float32Array from
 * our own `createRng`, so a seed gives the same table on every backend and platform (tfjs' own
 * initializers use seedrandom and treat seed 0 as "unseeded").
 *
 * A spec is plain JSON, so it goes into a layer config and `config.resolved.json` unchanged.
 */
import {ArgumentError} from './errors.js';
import {messages} from './messages.js';
import {assertSeed, createRng} from './rng.js';

export type InitializerName = 'randomUniform' | 'randomNormal' | 'glorotUniform' | 'zeros';

export const INITIALIZER_NAMES: readonly InitializerName[] = ['randomUniform', 'randomNormal', 'glorotUniform', 'zeros'];

/** Uniform on [minval, maxval). __Default:__ [-0.05, 0.05], as Keras' and tfjs' Embedding. */
export interface RandomUniformSpec {
  name: 'randomUniform';
  seed: number;
  minval?: number;
  maxval?: number;
}

/** Normal N(mean, stddev²). __Default:__ mean 0, stddev 0.05 (Keras `RandomNormal`; PyTorch uses stddev 1). */
export interface RandomNormalSpec {
  name: 'randomNormal';
  seed: number;
  mean?: number;
  stddev?: number;
}

/** Uniform on ±sqrt(6 / (rows + dim)): Keras' fan_in = rows, fan_out = dim for a 2-d weight. */
export interface GlorotUniformSpec {
  name: 'glorotUniform';
  seed: number;
}

export interface ZerosSpec {
  name: 'zeros';
}

export type InitializerSpec = RandomUniformSpec | RandomNormalSpec | GlorotUniformSpec | ZerosSpec;

/**
 * Turn a name or a (possibly partial) spec into a complete spec with every default filled in.
 * `seed` is used when the spec has none; a random initializer without any seed is an error.
 */
export function resolveInitializer(identifier: InitializerName | Partial<InitializerSpec> | undefined, seed?: number): InitializerSpec {
  const spec = (typeof identifier === 'string' ? {name: identifier} : {name: 'randomUniform', ...identifier}) as Record<string, unknown>;
  const name = spec.name as string;
  if (!(INITIALIZER_NAMES as readonly string[]).includes(name)) throw new ArgumentError(messages.unknownInitializer(name, INITIALIZER_NAMES));
  if (name === 'zeros') return {name: 'zeros'};
  const s = spec.seed ?? seed;
  if (s === undefined) throw new ArgumentError(messages.initializerNeedsSeed(name));
  assertSeed(s);
  switch (name) {
    case 'randomUniform': {
      const minval = finite(spec.minval ?? -0.05, 'minval');
      const maxval = finite(spec.maxval ?? 0.05, 'maxval');
      if (!(maxval > minval)) throw new ArgumentError(messages.badInitializerParam(name, 'maxval', `greater than minval ${minval}`, maxval));
      return {name, seed: s, minval, maxval};
    }
    case 'randomNormal': {
      const stddev = finite(spec.stddev ?? 0.05, 'stddev');
      if (!(stddev > 0)) throw new ArgumentError(messages.badInitializerParam(name, 'stddev', 'positive', stddev));
      return {name, seed: s, mean: finite(spec.mean ?? 0, 'mean'), stddev};
    }
    default:
      return {name: 'glorotUniform', seed: s};
  }

  function finite(v: unknown, param: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(messages.badInitializerParam(name, param, 'a finite number', v));
    return v;
  }
}

/** A fresh row-major [rows, dim] table drawn from a spec (resolved first, so partial specs work). */
export function initializeTable(identifier: InitializerName | Partial<InitializerSpec>, rows: number, dim: number, seed?: number): Float32Array {
  const spec = resolveInitializer(identifier, seed);
  const out = new Float32Array(rows * dim);
  if (spec.name === 'zeros') return out;
  const rng = createRng(spec.seed);
  switch (spec.name) {
    case 'randomUniform':
    case 'glorotUniform': {
      const [lo, hi] =
        spec.name === 'randomUniform' ? [spec.minval as number, spec.maxval as number] : [-Math.sqrt(6 / (rows + dim)), Math.sqrt(6 / (rows + dim))];
      const width = hi - lo;
      for (let i = 0; i < out.length; i++) out[i] = lo + width * rng.float();
      break;
    }
    case 'randomNormal': {
      const mean = spec.mean as number,
        stddev = spec.stddev as number;
      for (let i = 0; i < out.length; i++) out[i] = mean + stddev * rng.normal();
      break;
    }
  }
  return out;
}
