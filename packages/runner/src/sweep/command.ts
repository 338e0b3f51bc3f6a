/** `exp sweep`: registered from cli/commands.ts. */
import {type Command, InvalidArgumentError} from 'commander';
import {ExitCode} from '../cli/run-cli.js';
import type {Runtime} from '../runtime.js';
import {runSweep} from './sweep.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const int = (value: string) => {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return Number(value);
};

export function registerSweepCommand(program: Command, rt: Runtime): void {
  program
    .command('sweep')
    .description('Run an experiment over seeds and a grid of settings; reuse stored runs; aggregate across seeds')
    .argument('<experiment>', 'experiment name')
    .option('--seeds <list>', 'seeds, e.g. 1-5 or 1,3,7 (replace the config seed; default: the sweep block\'s, else the config seed)')
    .option('--grid <path=v1,v2>', 'a swept config path and its values (JSON each, else strings; repeatable)', collect, [])
    .option('--set <path=value>', 'a fixed override for every run (repeatable)', collect, [])
    .option('--jobs <n>', 'child processes at a time (default: the number of cores; 0 = in this process)', int)
    .option('--max-runs <n>', 'more runs than this need --yes (default 64 or the sweep block\'s maxRuns)', int)
    .option('--yes', 'run even when the sweep is larger than --max-runs', false)
    .option('--force', 're-run runs the store already has', false)
    .option('--store <dir>', 'run store folder (default results/store, or EMBEDLAB_STORE_DIR)')
    .option('--out <dir>', 'sweep report folder (default results/sweeps/<experiment>)')
    .option('--headline <metric>', 'summary key to sort the table by (default: the first)')
    .option('--redis <url>', 'enqueue the runs on BullMQ at this Redis (redis://host:6379) for `exp worker`s and wait')
    .option('--dry-run', 'print the runs and their ids, run nothing', false)
    .option('-q, --quiet', 'print only errors', false)
    .action(async (experiment: string, opts: {redis?: string; seeds?: string; grid: string[]; set: string[]; jobs?: number; maxRuns?: number; yes: boolean; force: boolean; store?: string; out?: string; headline?: string; dryRun: boolean; quiet: boolean}, cmd: Command) => {
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
    });
}

export function registerWorkerCommand(program: Command, rt: Runtime): void {
  program
    .command('worker')
    .description('Run sweep runs queued on Redis (BullMQ) by `exp sweep --redis`, each in a child process, until Ctrl-C')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('--concurrency <n>', 'runs at a time', int, 1)
    .option('--lock-ms <n>', 'job lock duration; a dead worker\'s run returns after about lock + stalled interval', int, 30000)
    .option('--stalled-ms <n>', 'stalled-job check interval', int, 30000)
    .action(async (opts: {redis: string; concurrency: number; lockMs: number; stalledMs: number}) => {
      const {startRedisWorker} = await import('./redis.js');
      const w = await startRedisWorker({url: opts.redis, concurrency: opts.concurrency, lockDuration: opts.lockMs, stalledInterval: opts.stalledMs, env: rt.env, cwd: rt.cwd, log: (l) => void rt.stdout.write(l + '\n')});
      rt.stdout.write(`worker ready on ${opts.redis}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await w.close();
    });
}
