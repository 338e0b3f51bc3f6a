/** Every user-facing message of @embedlab/runner, in one place so tests can compare against them. */
export const messages = {
  wrongKind: (name: string, kind: string, registry: string) => `component "${name}" is a ${kind}, not a ${registry}`,
  duplicateComponent: (kind: string, name: string) => `duplicate ${kind} "${name}": component names must be unique`,
  unknownComponent: (kind: string, name: string) => `unknown ${kind} "${name}"`,
  expectedRef: (kind: string) => `expected a ${kind} reference like {type: "<name>", ...params}`,
  expectedType: (kind: string, names: readonly string[]) => `expected the name of a ${kind} (one of ${names.join(', ')})`,
  unknownExperiment: (name: string) => `unknown experiment "${name}"`,
  noExperimentsDir: (dir: string) => `no experiments folder at ${dir}`,
  experimentNoDefault: (file: string) => `${file} must \`export default defineExperiment({...})\``,
  experimentNameMismatch: (file: string, name: string, folder: string) => `${file}: config name "${name}" differs from its folder "${folder}"`,
  badSet: (arg: string) => `--set expects path=value (got ${JSON.stringify(arg)})`,
  setThroughScalar: (path: string, at: string) => `--set ${path}: ${at} is not an object or array, so it has no keys`,
  badSeedOption: (value: string) => `--seed expects an integer (got ${JSON.stringify(value)})`,
  runExists: (dir: string) => `a complete run of this exact config on this exact (clean) code already exists at ${dir}; pass --force to run it again`,
  noRuns: (experiment: string, dir: string) => `no complete runs of "${experiment}" under ${dir}; run \`pnpm exp run ${experiment}\` first`,
  unknownRun: (experiment: string, runId: string) => `no complete run "${runId}" of "${experiment}"`,
  noCommittedSummary: (file: string) => `no committed summary at ${file}; run the experiment and commit its report first`,
  noDataDir: () => 'EMBEDLAB_DATA_DIR is not set; point it at a folder of benchmark datasets (e.g. ../shared/datasets)',
  interrupted: (signal: string) => `interrupted by ${signal}; the partial run folder was removed and no report was touched`,
  runFailed: (dir: string) => `run failed; removed the partial run folder ${dir}; no report was touched`,
  duplicateWords: (source: string, count: number, examples: readonly string[]) =>
    `warning: ${source}: ${count} row(s) repeat an earlier word and were dropped (the first row of a word is kept, as gensim does)` +
    (examples.length ? `: ${examples.map((w) => JSON.stringify(w)).join(', ')}${count > examples.length ? ', ...' : ''}` : ''),
  drift: (count: number) => `${count} number(s) drifted from the committed summary`,
  noDrift: (experiment: string, count: number) => `${experiment}: all ${count} numbers match the committed summary`,
} as const;
