/**
 * The `exp` subcommands. Each is a few lines that parse options and call the library functions
 * (run.ts, reproduce.ts, report-from-run.ts), so behaviour is testable without the CLI too.
 */
import {type Command, InvalidArgumentError} from 'commander';
import {listExperiments, loadExperiment} from '../load-experiment.js';
import {messages} from '../messages.js';
import {formatDrift, committedExperiments, reproduceExperiment} from '../reproduce.js';
import {resolveExperiment, runExperiment} from '../run.js';
import {reportFromRun} from '../report-from-run.js';
import {reportFromCommitted} from '../report-from-committed.js';
import type {Runtime} from '../runtime.js';
import {ExitCode} from './exit-code.js';
import {registerDataCommands} from './data-commands.js';
import {registerExploreCommands} from './explore-commands.js';
import {registerSweepCommand, registerWorkerCommand} from '../sweep/command.js';

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(messages.badSeedOption(value));
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCommands(program: Command, rt: Runtime): void {
  const quiet = (cmd: Command): boolean => Boolean(cmd.optsWithGlobals().quiet);
  const out = (text: string) => void rt.stdout.write(text);

  program
    .command('run')
    .description('Run an experiment: results/<experiment>/<runId>/, then reports/<experiment>/')
    .argument('<experiment>', 'experiment name (a folder under experiments/)')
    .option('--seed <n>', 'run seed (replaces the config seed)', parseSeed)
    .option('--set <path=value>', 'override a config value; value parsed as JSON, else a string (repeatable)', collect, [])
    .option('--force', 'run even if a complete run of this exact config exists', false)
    .option('-q, --quiet', 'print only errors', false)
    .option('--no-report', 'do not render reports/<experiment>/')
    .action(async (experiment: string, opts: {seed?: number; set: string[]; force: boolean; report: boolean}, cmd: Command) => {
      const options: Parameters<typeof runExperiment>[2] = {set: opts.set, force: opts.force, quiet: quiet(cmd), report: opts.report};
      if (opts.seed !== undefined) options.seed = opts.seed;
      await runExperiment(rt, experiment, options);
    });

  program
    .command('validate')
    .description('Validate an experiment config and print it resolved (every default filled in)')
    .argument('<experiment>', 'experiment name')
    .option('--seed <n>', 'run seed', parseSeed)
    .option('--set <path=value>', 'override a config value (repeatable)', collect, [])
    .action(async (experiment: string, opts: {seed?: number; set: string[]}) => {
      const options: {seed?: number; set: string[]} = {set: opts.set};
      if (opts.seed !== undefined) options.seed = opts.seed;
      const config = await resolveExperiment(rt, experiment, options);
      out(JSON.stringify(config, null, 2) + '\n');
    });

  program
    .command('list')
    .description('List experiments and every registered component with its summary')
    .action(async () => {
      const names = listExperiments(rt.experimentsDir);
      out(`experiments (${rt.experimentsDir}):\n`);
      for (const name of names) {
        let description = '';
        try {
          const raw = (await loadExperiment(rt.experimentsDir, name)).raw as {description?: unknown};
          description = typeof raw.description === 'string' ? raw.description : '';
        } catch (error) {
          description = `(does not load: ${(error as Error).message})`;
        }
        out(`  ${name.padEnd(24)} ${description}\n`);
      }
      if (!names.length) out('  (none)\n');
      for (const [kind, registry] of Object.entries(rt.registries)) {
        out(`\n${kind} components:\n`);
        for (const c of registry.list()) out(`  ${c.name.padEnd(24)} ${c.summary}\n`);
      }
    });

  program
    .command('report')
    .description('Render reports/<experiment>/ from a completed run (default: the latest), or re-render the committed report')
    .argument('<experiment>', 'experiment name')
    .argument('[runId]', 'run id under results/<experiment>/')
    .option(
      '--from-committed',
      'no run folder: re-render reports/<experiment>/ in the current layout from its committed files (summary.json and meta.json kept byte for byte)',
      false,
    )
    .action(async (experiment: string, runId: string | undefined, opts: {fromCommitted: boolean}, cmd: Command) => {
      if (opts.fromCommitted && runId !== undefined)
        cmd.error(`error: --from-committed reads reports/${experiment}/, not a run: drop the run id ${runId}`, {exitCode: 2});
      const dir = opts.fromCommitted
        ? await reportFromCommitted(rt.reportsDir, experiment, {experimentsDir: rt.experimentsDir})
        : await reportFromRun(rt, experiment, runId);
      if (!quiet(cmd)) out(`report: ${dir}\n`);
    });

  program
    .command('reproduce')
    .description('Re-run experiments from their committed reports/<experiment>/summary.json and compare the numbers')
    .argument('[experiment...]', 'experiments (default: every one with a committed summary)')
    .option('-q, --quiet', 'print only the verdicts', false)
    .action(async (experiments: string[], _opts: unknown, cmd: Command) => {
      const names = experiments.length ? experiments : committedExperiments(rt.reportsDir);
      let drifted = 0;
      for (const name of names) {
        const result = await reproduceExperiment(rt, name, {quiet: quiet(cmd)});
        if (result.drifts.length) {
          drifted += result.drifts.length;
          rt.stderr.write(`${name}: ${messages.drift(result.drifts.length)} (run ${result.runId}):\n`);
          for (const d of result.drifts) rt.stderr.write(formatDrift(d) + '\n');
        } else {
          out(messages.noDrift(name, result.compared) + ` (run ${result.runId})\n`);
        }
      }
      if (drifted) throw new ExitCode(1);
    });

  registerDataCommands(program, rt);
  registerExploreCommands(program, rt);
  registerSweepCommand(program, rt);
  registerWorkerCommand(program, rt);
}
