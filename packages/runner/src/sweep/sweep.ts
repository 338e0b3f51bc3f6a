/**
 * `exp sweep`: expand a sweep, give each run its identity, reuse the runs the store already has (unless
 * `force`), execute the rest (local pool of child processes, or in-process with `jobs: 0`), then aggregate
 * across seeds and write the sweep report.
 */
import {createHash} from 'node:crypto';
import {join} from 'node:path';
import {cpus} from 'node:os';
import {ConfigError, dataDir, initBackend} from '@embedlab/core';
import {loadExperiment} from '../load-experiment.js';
import type {Runtime} from '../runtime.js';
import {aggregate, pairedAcrossSeeds, type MetricAggregate, type PairedAggregate, type SweepRunResult} from './aggregate.js';
import {executeJob, type SweepJob} from './execute-one.js';
import {codeIdentity, datasetChecksums, runIdentity, storeRunId, type IdentityInputs} from './identity.js';
import {runPool, type JobOutcome, type PoolProgress} from './pool.js';
import {pickHeadline, writeSweepReport} from './report.js';
import {describeSpec, expandSweep, splitSweepBlock, sweepSpec, type SweepRunPlan} from './spec.js';
import {RunStore} from './store.js';

export interface SweepOptions {
  seeds?: string;
  grid?: readonly string[];
  set?: readonly string[];
  maxRuns?: number;
  yes?: boolean;
  force?: boolean;
  /** Child processes at a time; 0 runs in this process (tests). __Default:__ the number of cores. */
  jobs?: number;
  /** __Default:__ `<results>/store` (EMBEDLAB_STORE_DIR overrides). */
  storeDir?: string;
  /** __Default:__ `<results>/sweeps/<experiment>`. */
  reportDir?: string;
  headline?: string;
  quiet?: boolean;
  /** Only expand and print the plan. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Enqueue on BullMQ at this Redis URL and wait for `exp worker`s instead of the local pool. */
  redis?: string;
  /** With `redis`: enqueue and return (no waiting, no report); re-running without it collects. */
  detach?: boolean;
  /** Run nothing: print each run's state (stored / queued / running / failed / missing) and return. */
  status?: boolean;
  /** `i/n`: only the runs whose index in the plan is i mod n (CI matrix shards; merge with `exp sweep-merge`). */
  shard?: string;
  /** With `redis`: fail when Redis stays unreachable this long (ms). __Default:__ 60000. */
  redisDownMs?: number;
}

/** `1/4` -> {index: 1, count: 4}; index in [0, count). */
export function parseShard(text: string): {index: number; count: number} {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new ConfigError('--shard', `bad shard "${text}": expected i/n with 0 <= i < n, e.g. 0/2`);
  return {index, count};
}

/** A short id for a set of runs (the same sweep asks for the same runs): sha256 of the sorted store ids. */
export function sweepId(ids: readonly string[]): string {
  return `sweep-${createHash('sha256')
    .update([...new Set(ids)].sort().join('\n'))
    .digest('hex')
    .slice(0, 12)}`;
}

export interface PlannedRun extends SweepRunPlan {
  id: string;
  identity: string;
  seedValue: number;
}

export interface SweepResult {
  planned: PlannedRun[];
  reused: string[];
  ran: string[];
  failed: JobOutcome[];
  aggregates: MetricAggregate[];
  paired: PairedAggregate[];
  reportDir?: string;
  sweepId?: string;
}

export async function planSweep(
  rt: Runtime,
  experiment: string,
  options: SweepOptions,
): Promise<{planned: PlannedRun[]; describe: string; inputs: IdentityInputs}> {
  const {raw, block} = splitSweepBlock((await loadExperiment(rt.experimentsDir, experiment)).raw);
  const spec = sweepSpec(block, {
    ...(options.seeds !== undefined ? {seeds: options.seeds} : {}),
    grid: options.grid ?? [],
    ...(options.maxRuns !== undefined ? {maxRuns: options.maxRuns} : {}),
  });
  const runs = spec.grid.reduce((n, a) => n * a.values.length, 1) * Math.max(1, spec.seeds.length);
  if (runs > spec.maxRuns && !options.yes && !options.dryRun) {
    throw new ConfigError('sweep', `${describeSpec(spec, runs)}: more than ${spec.maxRuns} runs; pass --yes to run them (or --max-runs N)`);
  }
  const plans = expandSweep(raw, rt.registries, spec, {folder: experiment, set: options.set ?? []});
  const backend = rt.env.EMBEDLAB_BACKEND || rt.env.TF_BACKEND || (await initBackend()).name;
  const inputs: IdentityInputs = {code: codeIdentity(rt.cwd), datasets: datasetChecksums(dataDir(rt.env)), backend};
  const planned = plans.map((p) => {
    const identity = runIdentity(p.config, inputs);
    return {...p, identity, id: storeRunId(p.config.name, identity), seedValue: p.config.seed};
  });
  return {planned, describe: describeSpec(spec, runs), inputs};
}

export async function runSweep(rt: Runtime, experiment: string, options: SweepOptions = {}): Promise<SweepResult> {
  const say = (line: string) => {
    if (!options.quiet) rt.stdout.write(line + '\n');
  };
  if (options.redis) await (await import('./redis.js')).checkRedis(options.redis);
  let {planned, describe, inputs} = await planSweep(rt, experiment, options);
  const storeDir = options.storeDir ?? (rt.env.EMBEDLAB_STORE_DIR ? join(rt.cwd, rt.env.EMBEDLAB_STORE_DIR) : join(rt.resultsDir, 'store'));
  const store = new RunStore(storeDir);
  store.removeStale();
  const shard = options.shard ? parseShard(options.shard) : undefined;
  if (shard) planned = planned.filter((_, i) => i % shard.count === shard.index);
  const unique = [...new Map(planned.map((p) => [p.id, p])).values()];
  const id = sweepId(unique.map((p) => p.id));
  const reused = options.force ? [] : unique.filter((p) => store.has(p.id)).map((p) => p.id);
  const todo = unique.filter((p) => !reused.includes(p.id));
  say(
    `exp sweep ${experiment} (${id}${shard ? `, shard ${shard.index}/${shard.count}: ${planned.length} runs` : ''}): ${describe}; backend ${inputs.backend}; store ${storeDir}; ${reused.length} reused, ${todo.length} to run`,
  );
  if (options.status) {
    const states = options.redis
      ? await (await import('./redis.js')).jobStates(
          options.redis,
          todo.map((p) => p.id),
        )
      : new Map<string, string>();
    const counts = new Map<string, number>();
    for (const p of unique) {
      const state = reused.includes(p.id) ? 'stored' : (states.get(p.id) ?? 'missing');
      counts.set(state, (counts.get(state) ?? 0) + 1);
      say(`  ${p.id}  ${p.settingKey}  seed ${p.seedValue}  ${state}`);
    }
    say(`${id}: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')} of ${unique.length}`);
    return {planned, reused, ran: [], failed: [], aggregates: [], paired: []};
  }
  if (options.dryRun) {
    for (const p of planned) say(`  ${p.id}  ${p.settingKey}  seed ${p.seedValue}${reused.includes(p.id) ? '  (stored)' : ''}`);
    return {planned, reused, ran: [], failed: [], aggregates: [], paired: []};
  }
  const jobs: SweepJob[] = todo.map((p) => ({
    storeDir,
    config: p.config,
    identity: {id: p.id, identity: p.identity, experiment: p.config.name, setting: p.setting, settingKey: p.settingKey, seed: p.seedValue, inputs},
    ...(options.force ? {force: true} : {}),
  }));
  const width = options.jobs ?? cpus().length;
  let failed: JobOutcome[] = [];
  if (options.detach) {
    if (!options.redis) throw new ConfigError('--detach', 'needs --redis (the local pool runs inside this process)');
    if (jobs.length) await (await import('./redis.js')).enqueue(options.redis, jobs);
    const again = sameSweepCommand(experiment, options);
    say(`${id}: ${jobs.length} runs enqueued on ${options.redis} (${reused.length} already stored); \`exp worker --redis ${options.redis}\` runs them`);
    say(`  watch:   ${again} --status`);
    say(`  collect: ${again}   (waits for the rest, then aggregates and writes the report)`);
    return {planned, reused, ran: [], failed: [], aggregates: [], paired: [], sweepId: id};
  }
  if (jobs.length) {
    const progress = progressPrinter(rt, options.quiet ?? false);
    if (options.redis) {
      const {runOnRedis} = await import('./redis.js');
      failed = (
        await runOnRedis(jobs, {
          url: options.redis,
          onProgress: progress,
          ...(options.redisDownMs !== undefined ? {downMs: options.redisDownMs} : {}),
          ...(options.signal ? {signal: options.signal} : {}),
        })
      ).filter((o) => !o.ok);
    } else if (width === 0) {
      let done = 0;
      for (const job of jobs) {
        if (options.signal?.aborted) break;
        try {
          await executeJob(rt, job);
        } catch (error) {
          failed.push({id: job.identity.id, ok: false, error: (error as Error).message});
        }
        done++;
        progress({done: done - failed.length, running: 0, failed: failed.length, total: jobs.length, eta: undefined});
      }
    } else {
      const outcomes = await runPool(jobs, {width, env: rt.env, cwd: rt.cwd, onProgress: progress, ...(options.signal ? {signal: options.signal} : {})});
      failed = outcomes.filter((o) => !o.ok);
    }
    progress.end?.();
    store.removeStale(); // temp folders of killed children
  }
  if (options.signal?.aborted) throw new ConfigError('', `sweep interrupted: ${store.list().length} complete runs in ${storeDir}, no partial run kept`);
  for (const f of failed) rt.stderr.write(`run ${f.id} failed: ${f.error}\n`);
  const results: (SweepRunResult & {id: string; reused: boolean})[] = [];
  for (const p of planned) {
    if (!store.has(p.id)) continue;
    const run = store.read(p.id);
    results.push({id: p.id, reused: reused.includes(p.id), settingKey: p.settingKey, setting: p.setting, seed: p.seedValue, numbers: run.summary.numbers});
  }
  const aggregates = aggregate(results);
  const paired = pairedAcrossSeeds(results);
  const result: SweepResult = {
    sweepId: id,
    planned,
    reused,
    ran: todo.map((p) => p.id).filter((id) => !failed.some((f) => f.id === id)),
    failed,
    aggregates,
    paired,
  };
  if (results.length) {
    const headline = pickHeadline(aggregates, options.headline);
    const reportDir = options.reportDir ?? join(rt.resultsDir, 'sweeps', experiment);
    await writeSweepReport(reportDir, {
      experiment,
      headline,
      level: 0.95,
      axes: [...new Set(planned.flatMap((p) => Object.keys(p.setting)))],
      runs: results,
      aggregates,
      paired,
      sweepId: id,
      inputs: {
        code: inputs.code,
        backend: inputs.backend,
        datasets: `${Object.keys(inputs.datasets).length} files, sha256 of their checksums ${createHash('sha256').update(JSON.stringify(inputs.datasets)).digest('hex').slice(0, 16)}`,
      },
    });
    result.reportDir = reportDir;
    say(`sweep report: ${reportDir}`);
    const top = aggregates.filter((a) => a.metric === headline).sort((x, y) => y.mean - x.mean);
    for (const a of top)
      say(`  ${headline}  ${a.settingKey.padEnd(40)} mean ${a.mean.toFixed(4)} sd ${a.sd.toFixed(4)} [${a.lo.toFixed(4)}, ${a.hi.toFixed(4)}] n=${a.n}`);
  }
  return result;
}

/** The command that asks for the same runs (printed by --detach to watch or collect the sweep). */
function sameSweepCommand(experiment: string, o: SweepOptions): string {
  const q = (v: string) => (/^[\w.,:/=@+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  const args = ['pnpm exp sweep', experiment];
  if (o.seeds !== undefined) args.push('--seeds', q(o.seeds));
  for (const g of o.grid ?? []) args.push('--grid', q(g));
  for (const s of o.set ?? []) args.push('--set', q(s));
  if (o.shard) args.push('--shard', o.shard);
  if (o.storeDir) args.push('--store', q(o.storeDir));
  if (o.reportDir) args.push('--out', q(o.reportDir));
  if (o.headline) args.push('--headline', q(o.headline));
  if (o.maxRuns !== undefined) args.push('--max-runs', String(o.maxRuns));
  if (o.yes) args.push('--yes');
  args.push('--redis', q(o.redis ?? ''));
  return args.join(' ');
}

type Printer = ((p: PoolProgress) => void) & {end?: () => void};

/** Progress on a terminal (one rewritten line), every finished run as a line elsewhere, nothing in CI or quiet. */
function progressPrinter(rt: Runtime, quiet: boolean): Printer {
  if (quiet || rt.ci) return () => {};
  const tty = Boolean((rt.stderr as {isTTY?: boolean}).isTTY);
  let last = '';
  const printer: Printer = (p) => {
    const line = `runs: ${p.done} done, ${p.running} running, ${p.failed} failed of ${p.total}${p.eta === undefined ? '' : `; ETA ${Math.round(p.eta)}s`}`;
    if (line === last) return;
    last = line;
    rt.stderr.write(tty ? `\r${line}\x1b[K` : line + '\n');
  };
  printer.end = () => {
    if (tty) rt.stderr.write('\n');
  };
  return printer;
}
