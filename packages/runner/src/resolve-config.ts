/**
 * Raw config + `--seed` + `--set` overrides -> the resolved config: validated by the experiment schema
 * (strict: unknown keys are errors with their dotted path) and every component ref validated by its
 * registry, with all defaults filled in. The result is what config.resolved.json holds and what the
 * run id hashes.
 */
import {ConfigError} from '@embedlab/core';
import {experimentSchema, type ExperimentConfig} from './experiment.js';
import {messages} from './messages.js';
import {applyOverride, parseSet} from './overrides.js';
import type {Registries} from './registries-type.js';
import {configErrorFromZod} from './zod-error.js';

export interface ResolveOptions {
  /** Replaces `seed`. */
  seed?: number;
  /** `path=value` strings, applied in order. */
  set?: readonly string[];
  /** The folder name, checked against `name`. */
  folder?: string;
}

export function resolveConfig(raw: unknown, registries: Registries, options: ResolveOptions = {}): ExperimentConfig {
  // A `sweep` block (exp sweep: seeds, grid) is not part of any run's config.
  let config = raw !== null && typeof raw === 'object' && 'sweep' in raw ? (({sweep: _sweep, ...rest}) => rest)(raw as Record<string, unknown>) : raw;
  for (const s of options.set ?? []) config = applyOverride(config, parseSet(s));
  if (options.seed !== undefined) config = applyOverride(config, {path: ['seed'], value: options.seed});
  const parsed = experimentSchema.safeParse(config);
  if (!parsed.success) throw configErrorFromZod(parsed.error);
  const exp = parsed.data;
  if (options.folder !== undefined && exp.name !== options.folder) {
    throw new ConfigError('name', messages.experimentNameMismatch(`experiments/${options.folder}`, exp.name, options.folder));
  }
  const seen = new Map<string, number>();
  exp.arms.forEach((arm, i) => {
    const prev = seen.get(arm.name);
    if (prev !== undefined) throw new ConfigError(`arms.${i}.name`, `duplicate arm name "${arm.name}" (also arms.${prev}.name)`);
    seen.set(arm.name, i);
  });
  return {
    ...exp,
    arms: exp.arms.map((arm, i) => ({
      ...arm,
      vectors: registries.vectors.resolve(arm.vectors, `arms.${i}.vectors`),
      ...(arm.postprocess ? {postprocess: arm.postprocess.map((ref, k) => registries.postprocess.resolve(ref, `arms.${i}.postprocess.${k}`))} : {}),
    })),
    evaluators: exp.evaluators.map((ref, i) => registries.evaluator.resolve(ref, `evaluators.${i}`)),
    tasks: exp.tasks.map((ref, i) => registries.task.resolve(ref, `tasks.${i}`)),
  };
}
