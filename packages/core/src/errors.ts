/**
 * Error classes shared by every embedlab package. Each names where the problem is (a config path, a file
 * and line, a tensor argument) and what was expected, so a user can fix the input without reading code.
 */

/** Base class: `code` is a stable machine-readable tag, `message` is for people. */
export class EmbedlabError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad experiment config or option. The message starts with the dotted config path. */
export class ConfigError extends EmbedlabError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super('config', path ? `${path}: ${detail}` : detail);
  }
}

/** Bad data in a file: names the file and, when known, the 1-based line. */
export class DataError extends EmbedlabError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super('data', `${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
  }
}

/** A required resource (dataset, vector file) is missing or fails its checksum. */
export class ResourceError extends EmbedlabError {
  constructor(message: string) {
    super('resource', message);
  }
}

/** A wrong argument to an API call (shape, range, type). */
export class ArgumentError extends EmbedlabError {
  constructor(message: string) {
    super('argument', message);
  }
}
