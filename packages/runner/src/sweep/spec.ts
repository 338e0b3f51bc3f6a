/**
 * Sweep specs: `--seeds 1-5`, `--grid path=v1,v2` (repeatable) or a `sweep: {seeds, grid, maxRuns}` block in
 * the experiment config, expanded to one resolved config per (setting, seed). Every grid value goes through
 * the runner's `--set` machinery and the full config validation before anything runs; an unknown grid key
 * gets its config path and a did-you-mean.
 */
import {ConfigError} from '@embedlab/core';
import {z} from 'zod';
import {closest} from '../did-you-mean.js';
import type {ExperimentConfig} from '../experiment.js';
import type {Registries} from '../registries-type.js';
import {resolveConfig} from '../resolve-config.js';

export interface GridAxis {
  /** Dotted config path, as for `--set`. */
  path: string;
  values: unknown[];
}

export interface SweepSpec {
  seeds: number[];
  grid: GridAxis[];
  /** More runs than this need `--yes`. */
  maxRuns: number;
}

export const DEFAULT_MAX_RUNS = 64;

export const sweepBlockSchema = z.strictObject({
  seeds: z.union([z.array(z.number().int()), z.string()]).optional(),
  grid: z.record(z.string(), z.array(z.unknown()).min(1)).optional(),
  maxRuns: z.number().int().positive().optional(),
});
export type SweepBlock = z.infer<typeof sweepBlockSchema>;

/** `1-5` -> [1..5]; `1,3,7` -> [1,3,7]; `1-3,10` -> [1,2,3,10]. */
export function parseSeeds(text: string): number[] {
  const out: number[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const range = /^(-?\d+)-(-?\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) throw new ConfigError('sweep.seeds', `bad seed range "${part}" (end before start)`);
      for (let s = a; s <= b; s++) out.push(s);
    } else if (/^-?\d+$/.test(part)) out.push(Number(part));
    else throw new ConfigError('sweep.seeds', `bad seeds "${text}": expected integers and ranges, e.g. 1-5 or 1,3,7`);
  }
  if (!out.length) throw new ConfigError('sweep.seeds', `bad seeds "${text}": no seed`);
  return [...new Set(out)];
}

/** `optimizer.lr=0.01,0.025` -> {path, values: [0.01, 0.025]}; each value parsed as JSON, else a string. */
export function parseGrid(arg: string): GridAxis {
  const eq = arg.indexOf('=');
  if (eq <= 0 || eq === arg.length - 1) throw new ConfigError('', `bad --grid "${arg}": expected path=value1,value2,...`);
  const path = arg.slice(0, eq).trim();
  const text = arg.slice(eq + 1);
  let values: unknown[];
  try {
    const parsed: unknown = JSON.parse(`[${text}]`);
    values = parsed as unknown[];
  } catch {
    values = text.split(',').map((v) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    });
  }
  return {path, values};
}

/** Grid from the CLI (if any axis given) else the config block; seeds likewise. */
export function sweepSpec(block: SweepBlock | undefined, cli: {seeds?: string; grid?: readonly string[]; maxRuns?: number}): SweepSpec {
  const seeds = cli.seeds !== undefined ? parseSeeds(cli.seeds) : typeof block?.seeds === 'string' ? parseSeeds(block.seeds) : (block?.seeds ?? []);
  const grid = cli.grid?.length ? cli.grid.map(parseGrid) : Object.entries(block?.grid ?? {}).map(([path, values]) => ({path, values}));
  const seen = new Set<string>();
  for (const axis of grid) {
    if (seen.has(axis.path)) throw new ConfigError(axis.path, 'grid key given twice');
    seen.add(axis.path);
  }
  return {seeds: [...new Set(seeds)], grid, maxRuns: cli.maxRuns ?? block?.maxRuns ?? DEFAULT_MAX_RUNS};
}

/** Splits the `sweep` block off a raw experiment config (the run configs never contain it). */
export function splitSweepBlock(raw: unknown): {raw: unknown; block: SweepBlock | undefined} {
  if (raw === null || typeof raw !== 'object' || !('sweep' in raw)) return {raw, block: undefined};
  const {sweep, ...rest} = raw as Record<string, unknown>;
  const parsed = sweepBlockSchema.safeParse(sweep);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(['sweep', ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'invalid sweep block');
  }
  return {raw: rest, block: parsed.data};
}

export interface SweepRunPlan {
  /** `path=value` settings of this run's grid point (JSON values), in grid order. */
  setting: Record<string, unknown>;
  /** Stable label of the setting, e.g. `arms.0.vectors.noise=0.1`. */
  settingKey: string;
  seed: number | undefined;
  config: ExperimentConfig;
}

/** Cartesian product of the grid (first axis outermost), times the seeds. */
export function expandSweep(raw: unknown, registries: Registries, spec: SweepSpec, options: {folder?: string; set?: readonly string[]} = {}): SweepRunPlan[] {
  const base = resolveConfig(raw, registries, {...(options.folder ? {folder: options.folder} : {}), set: options.set ?? []});
  for (const axis of spec.grid) checkGridPath(raw, base, registries, axis.path, options.set ?? []);
  let points: Record<string, unknown>[] = [{}];
  for (const axis of spec.grid) points = points.flatMap((p) => axis.values.map((v) => ({...p, [axis.path]: v})));
  const seeds: (number | undefined)[] = spec.seeds.length ? spec.seeds : [undefined];
  const plans: SweepRunPlan[] = [];
  for (const setting of points) {
    const sets = Object.entries(setting).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    const settingKey = sets.join(' ') || '(base)';
    for (const seed of seeds) {
      let config: ExperimentConfig;
      try {
        config = resolveConfig(raw, registries, {
          ...(options.folder ? {folder: options.folder} : {}),
          set: [...(options.set ?? []), ...sets],
          ...(seed === undefined ? {} : {seed}),
        });
      } catch (error) {
        if (error instanceof ConfigError)
          throw new ConfigError(
            error.path,
            `${error.path ? error.message.slice(error.path.length + 2) : error.message} (grid setting ${settingKey}${seed === undefined ? '' : `, seed ${seed}`})`,
          );
        throw error;
      }
      plans.push({setting, settingKey, seed, config});
    }
  }
  return plans;
}

/** An unknown grid path fails with the path and the closest existing key. */
function checkGridPath(raw: unknown, base: unknown, registries: Registries, path: string, set: readonly string[]): void {
  const parts = path.split('.');
  let node: unknown = base;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i] as string;
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.includes(key)) {
      node = (node as Record<string, unknown>)[key];
      continue;
    }
    // Absent from the resolved config: an optional key is fine if the config still validates with it.
    try {
      resolveConfig(raw, registries, {set: [...set, `${path}=null`]});
      return;
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      if (!/unknown key/.test(msg) && !Array.isArray(node)) return; // a known optional key; its values are checked later
      const here = parts.slice(0, i + 1).join('.');
      const guess = Array.isArray(node) ? undefined : closest(key, keys);
      throw new ConfigError(
        here,
        `unknown grid key${guess ? `; did you mean "${parts.slice(0, i).concat(guess).join('.')}"?` : ` (known here: ${keys.join(', ')})`}`,
      );
    }
  }
}

export function describeSpec(spec: SweepSpec, runs: number): string {
  const grid = spec.grid.map((a) => `${a.path} x${a.values.length}`).join(', ') || 'no grid';
  return `${runs} runs: ${grid}; seeds ${spec.seeds.length ? spec.seeds.join(',') : '(config seed)'}`;
}
