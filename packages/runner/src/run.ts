/**
 * Runs one experiment end to end.
 *
 *   load experiments/<name>/experiment.ts
 *     -> resolve config (--set, --seed, zod + registries; defaults filled)      config.resolved.json
 *     -> run id = UTC time + sha256(resolved config)[0:8]
 *     -> build components (evaluators, tasks)
 *     -> for each arm: build vectors (load / init / train) -> evaluate            metrics.jsonl
 *     -> tasks over all arms (downstream classifiers)                             metrics.jsonl
 *     -> summary + meta, rename <runId>.incomplete -> <runId>                     summary.json, meta.json
 *     -> render reports/<experiment>/ (atomic swap)                               report + summary.json
 *
 * Any error or Ctrl-C before the rename removes the partial folder, and the report is only written after
 * the rename, so a failed run never leaves a half result or touches a report.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {cpus, homedir, platform, arch} from 'node:os';
import {ConfigError, cacheDir, dataDir, deriveSeed, initBackend} from '@embedlab/core';
import type {BuildContext} from './context.js';
import type {ExperimentConfig} from './experiment.js';
import {loadExperiment} from './load-experiment.js';
import {messages} from './messages.js';
import {gitInfo, packageVersions, type GitInfo, type RunMeta} from './meta.js';
import type {MetricRow} from './metric-row.js';
import {chooseProgress} from './progress.js';
import {resolveConfig} from './resolve-config.js';
import type {ArmVectors} from './registries-type.js';
import {RunFolder, listRuns} from './run-folder.js';
import {configHash, makeRunId} from './run-id.js';
import type {Runtime} from './runtime.js';
import {buildSummary, type Summary} from './summary.js';
import {pairedTable, resultsTable} from './table.js';
import {protocolInfo} from './protocol.js';
import {pairedRows, type PairableResult} from './paired.js';
import {pcaArtifactRows} from './pca-groups.js';
import {portableDataDir, portablePaths} from './portable-paths.js';

export interface RunOptions {
  seed?: number;
  set?: readonly string[];
  force?: boolean;
  quiet?: boolean;
  /** Render reports/<experiment>/ afterwards. __Default:__ true (false for `reproduce`). */
  report?: boolean;
  /** Use this (resolved) config instead of the experiment file's (for `reproduce`). */
  config?: unknown;
  /** Print the final table. __Default:__ true unless quiet. */
  table?: boolean;
}

export interface RunResult {
  runId: string;
  runDir: string;
  config: ExperimentConfig;
  rows: MetricRow[];
  summary: Summary;
  meta: RunMeta;
}

/** Load and resolve an experiment's config (what `validate` prints). */
export async function resolveExperiment(rt: Runtime, name: string, options: RunOptions = {}): Promise<ExperimentConfig> {
  const raw = options.config ?? (await loadExperiment(rt.experimentsDir, name)).raw;
  const resolveOptions: {seed?: number; set?: readonly string[]; folder: string} = {folder: name};
  if (options.seed !== undefined) resolveOptions.seed = options.seed;
  if (options.set !== undefined) resolveOptions.set = options.set;
  return resolveConfig(raw, rt.registries, resolveOptions);
}

export async function runExperiment(rt: Runtime, name: string, options: RunOptions = {}): Promise<RunResult> {
  const started = new Date();
  const t0 = performance.now();
  const config = await resolveExperiment(rt, name, options);
  const hash = configHash(config);
  const runId = makeRunId(config, started);
  const experimentDir = join(rt.resultsDir, config.name);
  const git = gitInfo(rt.cwd);
  if (!options.force) {
    const previous = sameRun(experimentDir, hash, git);
    if (previous) throw new ConfigError('', messages.runExists(previous));
  }

  const say = (line: string) => {
    if (!options.quiet) rt.stdout.write(line + '\n');
  };
  const backend = await initBackend(rt.env.EMBEDLAB_BACKEND ?? rt.env.TF_BACKEND);
  const data = dataDir(rt.env);
  say(
    `exp run ${config.name}: backend ${backend.name} (tfjs ${backend.tfjsVersion}); data ${data ?? '(none: set EMBEDLAB_DATA_DIR or put ../shared/datasets beside the checkout)'}; run ${runId}`,
  );

  const folder = new RunFolder(experimentDir, runId);
  const onSignal = (signal: NodeJS.Signals) => {
    folder.discard();
    rt.stderr.write(messages.interrupted(signal) + '\n');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    folder.writeJson('config.resolved.json', config);
    const {rows, seeds, inputs, armInfo, artifacts} = await executeConfig(rt, config, {
      say,
      quiet: options.quiet ?? false,
      emit: (newRows) => folder.appendLines('metrics.jsonl', newRows),
      emitArtifact: (kind, newRows) => folder.appendLines(`artifacts/${kind}.jsonl`, newRows),
    });

    const protocol = protocolInfo(config.evaluation);
    const summary = buildSummary({config, runId, configHash: hash, protocolHash: protocol.hash, rows});
    const ended = new Date();
    // Recorded paths are relative to the project, $EMBEDLAB_DATA_DIR/..., $EMBEDLAB_CACHE_DIR/... or ~/...,
    // never this machine's absolute paths (the record is committed).
    const meta: RunMeta = portablePaths<RunMeta>(
      {
        experiment: config.name,
        runId,
        configHash: hash,
        git,
        node: process.version,
        tfjs: backend.tfjsVersion,
        packages: packageVersions(),
        backend: {name: backend.name, skipped: backend.skipped},
        seeds: {run: config.seed, components: seeds},
        inputs,
        protocol,
        dataDir: data === undefined ? null : portableDataDir(data, rt.cwd),
        arms: armInfo,
        startedAt: started.toISOString(),
        endedAt: ended.toISOString(),
        durationSeconds: secondsSince(t0),
        argv: rt.argv,
        platform: {os: platform(), arch: arch(), cpus: cpus().length},
      },
      {project: rt.cwd, dataDir: data, cacheDir: cacheDir(rt.env), home: homedir()},
    );
    folder.writeJson('summary.json', summary);
    folder.writeJson('meta.json', meta);
    const runDir = folder.complete();
    say(`run complete in ${meta.durationSeconds?.toFixed(1)}s: ${runDir}`);
    if (options.table ?? !options.quiet) {
      rt.stdout.write(
        '\n' +
          resultsTable(
            rows,
            config.arms.map((a) => a.name),
          ),
      );
      const paired = pairedTable(rows);
      if (paired) rt.stdout.write('\nPaired comparisons (same items; difference A - B):\n' + paired);
    }
    if (options.report ?? true) {
      // Imported here: the report writer (vega-lite and friends) is ~1 CPU second of start-up that runs which
      // write no report (sweep children) should not pay.
      const {writeExperimentReport} = await import('./report.js');
      const dir = await writeExperimentReport(rt.reportsDir, {config, summary, rows, meta, artifacts, experimentsDir: rt.experimentsDir});
      say(`report: ${dir}`);
    }
    return {runId, runDir, config, rows, summary, meta};
  } catch (error) {
    folder.discard();
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

export interface ExecuteResult {
  rows: MetricRow[];
  seeds: Record<string, number>;
  inputs: RunMeta['inputs'];
  armInfo: Record<string, unknown>;
  artifacts: Map<string, Record<string, unknown>[]>;
}

/**
 * Build the components of a resolved config, produce every arm's vectors, evaluate them, run the tasks.
 * No files are written here: `emit` receives each batch of rows as soon as it exists (run.ts appends them
 * to metrics.jsonl; `exp eval` only prints them).
 */
export async function executeConfig(
  rt: Runtime,
  config: ExperimentConfig,
  options: {
    say: (line: string) => void;
    quiet: boolean;
    emit?: (rows: MetricRow[]) => void;
    emitArtifact?: (kind: string, rows: readonly Record<string, unknown>[]) => void;
  },
): Promise<ExecuteResult> {
  const {say} = options;
  const data = dataDir(rt.env);
  const memo = new Map<string, Promise<unknown>>();
  const inputs: RunMeta['inputs'] = [];
  const artifacts = new Map<string, Record<string, unknown>[]>();
  const progress = chooseProgress(rt.stderr, {quiet: options.quiet, ci: rt.ci});
  const base: Omit<BuildContext, 'seed' | 'path'> = {
    runSeed: config.seed,
    dataDir: data,
    cacheDir: cacheDir(rt.env),
    env: rt.env,
    evaluation: config.evaluation,
    progress,
    log: say,
    memo<T>(key: string, make: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) memo.set(key, (p = make()));
      return p;
    },
    recordInput(kind, inputName, info) {
      if (!inputs.some((i) => i.kind === kind && i.name === inputName)) inputs.push({kind, name: inputName, ...info});
    },
    addArtifact() {
      throw new Error('internal: addArtifact is only available while building or evaluating a component');
    },
  };
  // dataset -> arm -> result with records, for paired comparisons after every arm is evaluated
  const kept = new Map<string, Map<string, PairableResult>>();
  // Arms seed by name, not position, so an arm gives the same numbers in `compare` as in its own experiment.
  const seedLabel = (path: string, arm?: string) => (arm !== undefined && path.startsWith('arms.') ? `arm:${arm}` : path);
  const ctxFor = (path: string, arm?: string): BuildContext => {
    const ctx: BuildContext = {
      ...base,
      path,
      seed: deriveSeed(config.seed, seedLabel(path, arm)),
      addArtifact(kind, rows) {
        const withArm = rows.map((r) => ({...(arm === undefined ? {} : {arm}), ...r}));
        let list = artifacts.get(kind);
        if (!list) artifacts.set(kind, (list = []));
        list.push(...withArm);
        options.emitArtifact?.(kind, withArm);
      },
      ...(arm === undefined
        ? {}
        : {
            keepForPairing(dataset: string, result: PairableResult) {
              let byArm = kept.get(dataset);
              if (!byArm) kept.set(dataset, (byArm = new Map()));
              byArm.set(arm, result);
            },
          }),
    };
    return arm === undefined ? ctx : {...ctx, arm};
  };
  const seeds: Record<string, number> = {};
  const evaluators = await Promise.all(config.evaluators.map((ref, i) => rt.registries.evaluator.build(ref, base, `evaluators.${i}`)));
  const tasks = await Promise.all(config.tasks.map((ref, i) => rt.registries.task.build(ref, base, `tasks.${i}`)));
  config.evaluators.forEach((_, i) => (seeds[`evaluators.${i}`] = deriveSeed(config.seed, `evaluators.${i}`)));
  config.tasks.forEach((_, i) => (seeds[`tasks.${i}`] = deriveSeed(config.seed, `tasks.${i}`)));

  const rows: MetricRow[] = [];
  const emit = (newRows: MetricRow[]) => {
    rows.push(...newRows);
    options.emit?.(newRows);
  };
  const arms = new Map<string, ArmVectors>();
  const armInfo: Record<string, unknown> = {};
  for (const [i, arm] of config.arms.entries()) {
    const path = `arms.${i}.vectors`;
    seeds[path] = deriveSeed(config.seed, seedLabel(path, arm.name));
    say(`arm ${arm.name}: ${arm.vectors.type}`);
    const ta = performance.now();
    const builder = await rt.registries.vectors.build(arm.vectors, base, path);
    let vectors = await builder.build(ctxFor(path, arm.name));
    const post: Record<string, unknown>[] = [];
    for (const [k, ref] of (arm.postprocess ?? []).entries()) {
      const postPath = `arms.${i}.postprocess.${k}`;
      seeds[postPath] = deriveSeed(config.seed, seedLabel(postPath, arm.name));
      const processor = await rt.registries.postprocess.build(ref, base, postPath);
      const out = await processor.apply(vectors, ctxFor(postPath, arm.name));
      vectors = {...vectors, vectors: out.vectors};
      post.push(out.info ?? {type: ref.type});
    }
    arms.set(arm.name, vectors);
    armInfo[arm.name] = {
      ...vectors.info,
      ...(post.length ? {postprocess: post} : {}),
      trained: vectors.trained,
      words: vectors.vectors.size,
      dim: vectors.vectors.dim,
      seconds: secondsSince(ta),
    };
    emit((vectors.rows ?? []).map((r) => ({...r, arm: arm.name, exact: r.exact ?? !vectors.trained})));
    ctxFor(path, arm.name).addArtifact('pca', pcaArtifactRows(vectors.vectors));
    for (const [j, evaluator] of evaluators.entries()) {
      const out = await evaluator.evaluate(vectors, ctxFor(`evaluators.${j}`, arm.name));
      emit(out.map((r) => ({...r, arm: arm.name, exact: vectors.trained ? false : (r.exact ?? true)})));
    }
    say(`arm ${arm.name}: done in ${secondsSince(ta).toFixed(1)}s`);
  }
  if (config.arms.length > 1) {
    const tp = performance.now();
    const exactArms = new Set([...arms].filter(([, v]) => !v.trained).map(([name]) => name));
    emit(
      pairedRows(
        kept,
        config.arms.map((a) => a.name),
        config.evaluation,
        config.seed,
        exactArms,
      ),
    );
    say(`paired comparisons: ${secondsSince(tp).toFixed(1)}s`);
  }
  kept.clear();
  for (const [i, task] of tasks.entries()) {
    const out = await task.run(arms, ctxFor(`tasks.${i}`));
    emit(out.map((r) => ({...r, exact: r.exact ?? false})));
  }

  return {rows, seeds, inputs, armInfo, artifacts};
}

/**
 * A complete earlier run of the same resolved config on the same, clean code (same commit, no edits):
 * running it again would only repeat it. A dirty tree or another commit may change the numbers, so those
 * runs do not count.
 */
function sameRun(experimentDir: string, hash: string, git: GitInfo): string | undefined {
  for (const id of listRuns(experimentDir)
    .filter((r) => r.endsWith(hash.slice(0, 8)))
    .reverse()) {
    const dir = join(experimentDir, id);
    try {
      const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as RunMeta;
      if (meta.configHash === hash && meta.git.commit === git.commit && !meta.git.dirty && !git.dirty) return dir;
    } catch {
      // unreadable meta: not evidence of an identical run
    }
  }
  return undefined;
}

function secondsSince(t: number): number {
  return (performance.now() - t) / 1000;
}
