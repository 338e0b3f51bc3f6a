/** Every user-facing message of @embedlab/optimizers, in one place so tests can compare against them. */
export const messages = {
  notPositive: (what: string, value: unknown) => `${what} must be a positive number (got ${String(value)})`,
  notNonNegative: (what: string, value: unknown) => `${what} must be a number >= 0 (got ${String(value)})`,
  notInRange: (what: string, value: unknown, range: string) => `${what} must be in ${range} (got ${String(value)})`,
  notInteger: (what: string, value: unknown) => `${what} must be a positive integer (got ${String(value)})`,
  tableNotMultiple: (length: number, dim: number) => `embedding table has ${length} values, which is not a multiple of the gradient dim ${dim}`,
  tableResized: (had: number, got: number) =>
    `this optimizer holds state for a table of ${had} rows but was given one of ${got} rows; use one optimizer per table (or reset() it)`,
  rowOutOfRange: (row: number, k: number, rows: number) => `sparse gradient row id ${row} (entry ${k}) is out of range [0, ${rows}) for this table`,
  gradValuesLength: (got: number, rows: number, dim: number) => `sparse gradient has ${got} values, expected rows (${rows}) x dim (${dim})`,
  lockMaskLength: (got: number, rows: number) => `lockMask has ${got} entries, expected one per table row (${rows})`,
  unknownOptimizer: (type: unknown) => `unknown optimizer ${JSON.stringify(type)}; expected one of sgd, adagrad, adam`,
  unknownKey: (key: string, allowed: readonly string[]) => `unknown key ${JSON.stringify(key)}; allowed: ${allowed.join(', ')}`,
  inFunction: (fn: string, detail: string) => `${fn}: ${detail}`,
  notIntegerAtLeast: (what: string, min: number, value: unknown) => `${what} must be an integer >= ${min} (got ${String(value)})`,
  countMismatch: (what: string, got: number, expected: number, of: string) => `${what} has ${got} entries, expected one per ${of} (${expected})`,
  docsLabels: (set: string, docs: number, labels: number) => `${set} has ${docs} documents but ${labels} labels`,
  badTokenId: (set: string, doc: number, id: number, position: number, vocabSize: number) =>
    `${set} document ${doc} has token id ${id} at position ${position}, outside [0, ${vocabSize})`,
  badLabel: (set: string, item: number, label: number, numClasses: number) => `${set} label ${item} is ${label}, expected a class index in [0, ${numClasses})`,
  headInitShape: (outputs: number, weights: number, bias: number) =>
    `headInit must have weights [dim, ${outputs}] and bias [${outputs}] (got ${weights} and ${bias} values)`,
  predictionsLabels: (predictions: number, labels: number) => `${predictions} predictions for ${labels} labels`,
  badClassIndex: (item: number, label: number, prediction: number, numClasses: number) =>
    `item ${item} has label ${label} / prediction ${prediction}, expected class indices in [0, ${numClasses})`,
  tablesDiffer: (a: string, b: string) => `drift needs two tables of the same shape (got ${a} and ${b})`,
  rowWordsDiffer: (row: number, before: string, after: string) =>
    `drift needs the same words in the same rows; row ${row} is ${JSON.stringify(before)} before and ${JSON.stringify(after)} after`,
  itemsDiffer: (before: number, after: number) => `${before} items before but ${after} after; both must list the same items in the same order`,
} as const;
