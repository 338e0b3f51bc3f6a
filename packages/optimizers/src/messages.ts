/** Every user-facing message of @embedlab/optimizers, in one place so tests can compare against them. */
export const messages = {
  notPositive: (what: string, value: unknown) => `${what} must be a positive number (got ${String(value)})`,
  notNonNegative: (what: string, value: unknown) => `${what} must be a number >= 0 (got ${String(value)})`,
  notInRange: (what: string, value: unknown, range: string) => `${what} must be in ${range} (got ${String(value)})`,
  notInteger: (what: string, value: unknown) => `${what} must be a positive integer (got ${String(value)})`,
  tableNotMultiple: (length: number, dim: number) =>
    `embedding table has ${length} values, which is not a multiple of the gradient dim ${dim}`,
  tableResized: (had: number, got: number) =>
    `this optimizer holds state for a table of ${had} rows but was given one of ${got} rows; use one optimizer per table (or reset() it)`,
  rowOutOfRange: (row: number, k: number, rows: number) =>
    `sparse gradient row id ${row} (entry ${k}) is out of range [0, ${rows}) for this table`,
  gradValuesLength: (got: number, rows: number, dim: number) =>
    `sparse gradient has ${got} values, expected rows (${rows}) x dim (${dim})`,
  lockMaskLength: (got: number, rows: number) => `lockMask has ${got} entries, expected one per table row (${rows})`,
  unknownOptimizer: (type: unknown) => `unknown optimizer ${JSON.stringify(type)}; expected one of sgd, adagrad, adam`,
  unknownKey: (key: string, allowed: readonly string[]) => `unknown key ${JSON.stringify(key)}; allowed: ${allowed.join(', ')}`,
} as const;
