/**
 * The `exp` command line, callable in-process: `runCli(argv, {stdout, stderr, cwd, env})` resolves to
 * the exit code (0 ok, 1 error or drift, 2 usage error). `src/cli.ts` is only a wrapper around it.
 */
import {Command, CommanderError, Option} from 'commander';
import {EmbedlabError} from '@embedlab/core';
import type {OutputStream} from '../progress.js';
import type {Registries} from '../registries-type.js';
import {createRuntime, type Runtime} from '../runtime.js';
import {registerCommands} from './commands.js';
import {ExitCode} from './exit-code.js';

export {ExitCode};

export interface CliOptions {
  stdout?: OutputStream;
  stderr?: OutputStream;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Component registries. __Default:__ the wired ones from registries.ts. */
  registries?: Registries;
}

/** Thrown by commands to end with a given exit code after printing their own message. */

export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  try {
    const registries = options.registries ?? (await import('../registries.js')).registries;
    const rt: Runtime = createRuntime({
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
      stdout,
      stderr,
      registries,
      argv: ['exp', ...argv],
    });
    const program = new Command('exp')
      .description('Run, validate, report and reproduce embedlab experiments; evaluate vectors ad hoc.')
      .exitOverride()
      .configureOutput({writeOut: (s) => void stdout.write(s), writeErr: (s) => void stderr.write(s)})
      .showHelpAfterError('(run with --help for usage)')
      .showSuggestionAfterError(true);
    program.addOption(new Option('-q, --quiet', 'print only errors and results').default(false));
    registerCommands(program, rt);
    await program.parseAsync([...argv], {from: 'user'});
    return 0;
  } catch (error) {
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof EmbedlabError) {
      stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
