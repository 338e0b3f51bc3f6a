/** `exp sweep`: registered from cli/commands.ts. */
import {type Command, InvalidArgumentError} from 'commander';
import {ExitCode} from '../cli/exit-code.js';
import type {Runtime} from '../runtime.js';
import {runSweep} from './sweep.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const int = (value: string) => {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return Number(value);
};

export function registerSweepCommand(program: Command, rt: Runtime): void {
  registerSweepToolCommands(program, rt);
  program
    .command('sweep')
    .description('Run an experiment over seeds and a grid of settings; reuse stored runs; aggregate across seeds')
    .argument('<experiment>', 'experiment name')
    .option('--seeds <list>', "seeds, e.g. 1-5 or 1,3,7 (replace the config seed; default: the sweep block's, else the config seed)")
    .option('--grid <path=v1,v2>', 'a swept config path and its values (JSON each, else strings; repeatable)', collect, [])
    .option('--set <path=value>', 'a fixed override for every run (repeatable)', collect, [])
    .option('--jobs <n>', 'child processes at a time (default: the number of cores; 0 = in this process)', int)
    .option('--max-runs <n>', "more runs than this need --yes (default 64 or the sweep block's maxRuns)", int)
    .option('--yes', 'run even when the sweep is larger than --max-runs', false)
    .option('--force', 're-run runs the store already has', false)
    .option('--store <dir>', 'run store folder (default results/store, or EMBEDLAB_STORE_DIR)')
    .option('--out <dir>', 'sweep report folder (default results/sweeps/<experiment>)')
    .option('--headline <metric>', 'summary key to sort the table by (default: the first)')
    .option('--redis <url>', 'enqueue the runs on BullMQ at this Redis (redis://host:6379) for `exp worker`s and wait')
    .option('--detach', 'with --redis: enqueue and return (prints the sweep id and the commands to watch and collect)', false)
    .option('--status', "run nothing: print each run's state (stored; with --redis also waiting/active/failed) and exit", false)
    .option('--redis-down-ms <n>', 'with --redis: fail when Redis stays unreachable this long (default 60000)', int)
    .option('--shard <i/n>', 'only the runs whose index in the plan is i mod n (CI matrix; merge the stores with exp sweep-merge)')
    .option('--dry-run', 'print the runs and their ids, run nothing', false)
    .option('-q, --quiet', 'print only errors', false)
    .action(
      async (
        experiment: string,
        opts: {
          redisDownMs?: number;
          detach: boolean;
          status: boolean;
          shard?: string;
          redis?: string;
          seeds?: string;
          grid: string[];
          set: string[];
          jobs?: number;
          maxRuns?: number;
          yes: boolean;
          force: boolean;
          store?: string;
          out?: string;
          headline?: string;
          dryRun: boolean;
          quiet: boolean;
        },
        cmd: Command,
      ) => {
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        try {
          const {resolve} = await import('node:path');
          const result = await runSweep(rt, experiment, {
            grid: opts.grid,
            set: opts.set,
            yes: opts.yes,
            force: opts.force,
            dryRun: opts.dryRun,
            detach: opts.detach,
            status: opts.status,
            ...(opts.shard !== undefined ? {shard: opts.shard} : {}),
            ...(opts.redisDownMs !== undefined ? {redisDownMs: opts.redisDownMs} : {}),
            quiet: opts.quiet || Boolean(cmd.optsWithGlobals().quiet),
            signal: controller.signal,
            ...(opts.seeds !== undefined ? {seeds: opts.seeds} : {}),
            ...(opts.redis !== undefined ? {redis: opts.redis} : {}),
            ...(opts.jobs !== undefined ? {jobs: opts.jobs} : {}),
            ...(opts.maxRuns !== undefined ? {maxRuns: opts.maxRuns} : {}),
            ...(opts.store !== undefined ? {storeDir: resolve(rt.cwd, opts.store)} : {}),
            ...(opts.out !== undefined ? {reportDir: resolve(rt.cwd, opts.out)} : {}),
            ...(opts.headline !== undefined ? {headline: opts.headline} : {}),
          });
          if (result.failed.length) throw new ExitCode(1);
        } finally {
          process.removeListener('SIGINT', onSigint);
        }
      },
    );
}

export function registerSweepToolCommands(program: Command, rt: Runtime): void {
  program
    .command('sweep-merge')
    .description('Copy the runs of several run stores (e.g. CI shards) into one; the same id with a different record is refused')
    .argument('<stores...>', 'run store folders to merge')
    .requiredOption('--into <dir>', 'destination run store (created if missing)')
    .action(async (stores: string[], opts: {into: string}) => {
      const {resolve} = await import('node:path');
      const {mergeStores} = await import('./merge.js');
      const r = mergeStores(
        resolve(rt.cwd, opts.into),
        stores.map((s) => resolve(rt.cwd, s)),
      );
      rt.stdout.write(`exp sweep-merge: ${r.copied.length} runs copied, ${r.same.length} already there (same record) -> ${opts.into}\n`);
    });
  program
    .command('sweep-report')
    .description("Re-render a sweep report (HTML, SVG, README) from a sweep.json, or from a run store's runs of one experiment, without running anything")
    .argument('<source>', 'a sweep.json written by exp sweep, or a run store folder (with --experiment)')
    .requiredOption('--out <dir>', 'report folder')
    .option('--experiment <name>', 'with a store: the experiment whose runs to report')
    .option('--headline <metric>', "summary key to sort the table by (default: the sweep.json's, else the first)")
    .action(async (source: string, opts: {out: string; experiment?: string; headline?: string}) => {
      const {resolve} = await import('node:path');
      const {statSync} = await import('node:fs');
      const {ConfigError} = await import('@embedlab/core');
      const {pickHeadline, readSweepJson, runsFromStore, writeSweepReport} = await import('./report.js');
      const {aggregate, pairedAcrossSeeds} = await import('./aggregate.js');
      const {RunStore} = await import('./store.js');
      const path = resolve(rt.cwd, source);
      let input: ReturnType<typeof readSweepJson>;
      if (statSync(path, {throwIfNoEntry: false})?.isDirectory()) {
        if (!opts.experiment) throw new ConfigError('--experiment', 'a run store holds many experiments: name one with --experiment');
        const {runs, skipped} = runsFromStore(new RunStore(path), opts.experiment);
        if (!runs.length) throw new ConfigError('--experiment', `no complete run of ${opts.experiment} in ${source}`);
        for (const id of skipped) rt.stderr.write(`note: ${id} left out (another run of its setting and seed finished first)\n`);
        const aggregates = aggregate(runs);
        input = {
          experiment: opts.experiment,
          headline: '',
          level: 0.95,
          axes: [...new Set(runs.flatMap((r) => Object.keys(r.setting)))],
          runs,
          aggregates,
          paired: pairedAcrossSeeds(runs),
          inputs: {store: source, runs: runs.length, skipped},
        };
      } else input = readSweepJson(path);
      const headline = pickHeadline(input.aggregates, opts.headline ?? (input.headline || undefined));
      await writeSweepReport(resolve(rt.cwd, opts.out), {...input, headline});
      rt.stdout.write(`sweep report: ${opts.out} (${input.runs.length} runs)\n`);
    });
}

export function registerWorkerCommand(program: Command, rt: Runtime): void {
  program
    .command('worker')
    .description('Run sweep runs queued on Redis (BullMQ) by `exp sweep --redis`, each in a child process, until Ctrl-C')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('--concurrency <n>', 'runs at a time', int, 1)
    .option('--lock-ms <n>', "job lock duration; a dead worker's run returns after about lock + stalled interval", int, 30000)
    .option('--stalled-ms <n>', 'stalled-job check interval', int, 30000)
    .action(async (opts: {redis: string; concurrency: number; lockMs: number; stalledMs: number}) => {
      const {startRedisWorker} = await import('./redis.js');
      const w = await startRedisWorker({
        url: opts.redis,
        concurrency: opts.concurrency,
        lockDuration: opts.lockMs,
        stalledInterval: opts.stalledMs,
        env: rt.env,
        cwd: rt.cwd,
        log: (l) => void rt.stdout.write(l + '\n'),
      });
      rt.stdout.write(`worker ready on ${opts.redis}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await w.close();
    });
}
