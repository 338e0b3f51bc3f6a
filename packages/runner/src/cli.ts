#!/usr/bin/env node
/** `pnpm exp ...`: a thin wrapper; everything lives in runCli so tests can call it in-process. */
import {runCli} from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
