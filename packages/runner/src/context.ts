/**
 * What every component receives when it is built and run: its own seed, where data lives, a progress
 * reporter, a logger, and a per-run memo so that arms share expensive inputs (GloVe is parsed once).
 */
import type {EvaluationConfig} from './experiment.js';
import type {PairableResult} from './paired.js';
import type {ProgressReporter} from './progress.js';

/**
 * The seed rule (one for every component): each random stream of a run is `deriveSeed(parent, label)`,
 * a chain that starts at the run seed.
 * - A component's seed is `deriveSeed(runSeed, configPath)` (`ctx.seed`), and each stream inside it is
 *   `deriveSeed(ctx.seed, '<what>')`: `'split'`, `'word2vec'`, `` `bootstrap:${dataset}` ``.
 * - A stream that must not depend on where an arm sits in a config (a model several experiments train
 *   identically: the language model's `lm:model:<seed>` / `lm:train:<seed>`, the OOV-row fill `lm:oov`)
 *   takes the run seed as parent instead, so `lm-compare`'s arms equal `lm-random`'s bit for bit.
 * Labels are stable strings; changing one changes the numbers (and `exp reproduce` says so).
 */
export interface BuildContext {
  /** This component's seed: deriveSeed(run seed, config path). Never 0. */
  readonly seed: number;
  /** The run seed from the config (`--seed`). */
  readonly runSeed: number;
  /** Dotted config path of the component being built (`arms.1.vectors`). */
  readonly path: string;
  /** The arm being built or evaluated (undefined for tasks). */
  readonly arm?: string;
  /** EMBEDLAB_DATA_DIR, resolved; undefined when unset. */
  readonly dataDir: string | undefined;
  /** EMBEDLAB_CACHE_DIR or ~/.cache/embedlab. */
  readonly cacheDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** The experiment's evaluation settings (protocol preset, restrict, interval settings). */
  readonly evaluation: EvaluationConfig;
  readonly progress: ProgressReporter;
  /** One line of human output (suppressed by --quiet). */
  log(line: string): void;
  /** Compute once per run under a key, share the promise afterwards. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Inputs to record in meta.json (dataset files with sha256, vector sources, ...). */
  recordInput(kind: string, name: string, info: Record<string, unknown>): void;
  /**
   * Bulky per-item rows for charts (similarity pairs, per-word drift): kept out of metrics.jsonl, written
   * to `artifacts/<kind>.jsonl` in the run folder, `arm` filled in from the context.
   */
  addArtifact(kind: string, rows: readonly Record<string, unknown>[]): void;
  /**
   * Keep an evaluation result (with records) of this arm on `dataset`, for paired comparisons between
   * arms once every arm is evaluated. Absent outside a run.
   */
  keepForPairing?(dataset: string, kept: PairableResult): void;
}
