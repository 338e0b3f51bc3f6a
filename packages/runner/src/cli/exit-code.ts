/** Thrown by a command to end the CLI with this exit code (after it printed why). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
