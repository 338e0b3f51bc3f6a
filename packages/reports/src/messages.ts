/** Every user-facing message of @embedlab/reports, in one place so tests can compare against them. */
export const messages = {
  emptyRows: (what: string) => `${what}: no rows to plot; pass at least one row`,
  notFinite: (what: string, index: number, field: string, value: unknown) => `${what}: rows[${index}].${field} must be a finite number (got ${String(value)})`,
  notString: (what: string, index: number, field: string, value: unknown) =>
    `${what}: rows[${index}].${field} must be a non-empty string (got ${JSON.stringify(value) ?? String(value)})`,
  outOfRange: (what: string, index: number, field: string, value: number, lo: number, hi: number) =>
    `${what}: rows[${index}].${field} = ${value} is outside [${lo}, ${hi}]`,
  noXField: () => 'trainingCurvesSpec: every row needs a numeric `step` or every row needs a numeric `epoch` (or set options.x)',
  badStep: (step: unknown) => `driftHistogramSpec: options.step must be a positive finite number (got ${String(step)})`,
  badExtent: (extent: readonly unknown[]) => `driftHistogramSpec: options.extent must be [lo, hi] with finite lo < hi (got [${extent.map(String).join(', ')}])`,
  pcaShape: (length: number, n: number, dim: number) => `pca2d: data has ${length} values, expected n x dim = ${n} x ${dim} = ${n * dim}`,
  pcaTooSmall: (n: number, dim: number) => `pca2d: needs at least 2 points and 2 dimensions (got n = ${n}, dim = ${dim})`,
  pcaNotFinite: (index: number) => `pca2d: data holds a NaN or infinite value at flat index ${index}`,
  duplicatePcaWord: (word: string, first: string, second: string) =>
    `pcaMapRows: word ${JSON.stringify(word)} is in group ${JSON.stringify(first)} and again in ${JSON.stringify(second)}; each word may appear once`,
  tooFewPcaWords: (found: number) => `pcaMapRows: only ${found} of the requested words have vectors; a PCA map needs at least 2`,
  wrongVectorLength: (word: string, got: number, dim: number) => `pcaMapRows: the vector of ${JSON.stringify(word)} has ${got} values, expected dim = ${dim}`,
  tableWidth: (row: number, got: number, want: number) => `markdownTable: row ${row} has ${got} cells, expected ${want} (one per header)`,
  alignWidth: (got: number, want: number) => `markdownTable: options.align has ${got} entries, expected ${want} (one per header)`,
  badDigits: (digits: unknown) => `number formatting: digits must be an integer in [0, 20] (got ${String(digits)})`,
  badChartId: (id: unknown) =>
    `writeReport: chart id ${JSON.stringify(id)} must match /^[A-Za-z0-9][A-Za-z0-9_-]*$/ (it becomes a file name and an element id)`,
  duplicateChartId: (id: string) => `writeReport: chart id ${JSON.stringify(id)} is used twice`,
  reservedChartId: (id: string) => `writeReport: chart id ${JSON.stringify(id)} would overwrite a report file; pick another id`,
  badExtraFile: (name: unknown) => `writeReport: extra file name ${JSON.stringify(name)} must be a plain file name matching /^[A-Za-z0-9][A-Za-z0-9._-]*$/`,
  reservedExtraFile: (name: string) => `writeReport: extra file ${JSON.stringify(name)} would overwrite a report file; pick another name`,
  chartFailed: (id: string, detail: string) => `writeReport: chart ${JSON.stringify(id)} failed to render, nothing was written: ${detail}`,
  notAReportDir: (dir: string) => `writeReport: ${dir} exists, is not empty and holds no report.json from a previous report; refusing to replace it`,
  vendorMissing: (pkg: string, file: string) =>
    `writeReport: cannot find ${file} of package ${pkg} (needed to inline it into index.html); is ${pkg} installed?`,
} as const;
