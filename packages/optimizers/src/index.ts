/**
 * @embedlab/optimizers: training the embedding table and what uses it.
 *
 * - Row-sparse optimizers for the core layer's gradient: `sparseSgd`, `sparseAdagrad`, `sparseAdam`
 *   (PyTorch's SparseAdam and Adagrad formulas), `createRowSparseOptimizer(config)`.
 * - Trainers: `trainWord2Vec` (skip-gram / CBOW with negative sampling, gensim's semantics, Hogwild threads
 *   on a WebAssembly SIMD kernel), `trainGlove` with `countCooccurrences`.
 * - Post-processing: `retrofit` (Faruqui et al.), `allButTheTop` (Mu & Viswanath).
 * - Fine-tuning: `trainTextClassifier` (mean-pooled table + linear head), `evaluateClassifier`, `meanPool`.
 * - Drift: `measureDrift`, `cosineDrift`, `knnOverlap`, `exactNeighbours`, `rankBuckets`, `itemFlips`.
 *
 * The trainers' lookup tables, random generator and kernels are internal (import them from their modules in
 * tests); they may change without notice.
 */
export {
  type RowSparseOptimizer,
  type RowSparseOptimizerType,
  type RowSparseOptions,
  RowSparseOptimizerBase,
} from './sparse/row-sparse-optimizer.js';
export {SparseSgd, sparseSgd, type SparseSgdOptions} from './sparse/sparse-sgd.js';
export {SparseAdagrad, sparseAdagrad, type SparseAdagradOptions} from './sparse/sparse-adagrad.js';
export {SparseAdam, sparseAdam, type SparseAdamOptions, type SparseAdamState, type BiasCorrection} from './sparse/sparse-adam.js';
export {createRowSparseOptimizer, type RowSparseOptimizerConfig} from './sparse/create-optimizer.js';
export {retrofit, type RetrofitOptions, type RetrofitResult} from './postprocess/retrofit.js';
export {allButTheTop, type AllButTheTopOptions, type AllButTheTopResult} from './postprocess/all-but-the-top.js';
export {meanPool, MeanPoolBackward} from './fine-tune/mean-pool.js';
export {evaluateClassifier, type ClassificationMetrics, type MetricsOptions} from './fine-tune/classification-metrics.js';
export {trainTextClassifier, type TextClassifier, type TextClassifierOptions, type OptimizerSpec, type EpochLog} from './fine-tune/text-classifier.js';
export {exactNeighbours, type NeighbourOptions} from './drift/exact-neighbours.js';
export {rankBuckets, sampleBuckets, type RankBucket} from './drift/frequency-buckets.js';
export {
  measureDrift,
  cosineDrift,
  knnOverlap,
  summarize,
  type DriftOptions,
  type DriftReport,
  type BucketDrift,
  type Summary,
  type Table,
} from './drift/drift.js';
export {itemFlips, type ItemFlips} from './drift/item-flips.js';
export {trainWord2Vec, type Word2VecOptions, type Word2VecResult, type EpochRecord, type EpochCallback} from './trainers/word2vec.js';
export {countCooccurrences, type CooccurrenceOptions, type Cooccurrences} from './trainers/cooccurrence.js';
export {trainGlove, gloveWeight, type GloveOptions, type GloveEpochRecord, type GloveResult} from './trainers/glove.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
