/**
 * @embedlab/evaluators: intrinsic evaluation of word vectors with a recorded protocol.
 *
 * - Datasets: a checksummed registry (`listDatasets`, `getDataset`), resolution from the data folder, the
 *   cache or a pinned mirror (`resolveDataset`), loaders (`loadAnalogyDataset`, `loadSimilarityDataset`,
 *   `loadBats`) and files given by path (`loadSimilarityFile`, `loadAnalogyFile`).
 * - Protocols: presets equal to gensim, word2vec's compute-accuracy and GloVe's evaluate.py
 *   (`PROTOCOL_PRESETS`), partial protocols on a preset, a stable `protocolHash`.
 * - Evaluators: `evaluateAnalogy` (3CosAdd / 3CosMul / PairDirection; counts equal gensim's),
 *   `evaluateBats`, `evaluateSimilarity`, and gensim's by-path forms `evaluateWordPairs` /
 *   `evaluateWordAnalogies`.
 * - Statistics: Spearman/Pearson, bootstrap intervals, paired bootstrap and McNemar comparisons.
 */
export type {
  FileRecord,
  AnalogySection,
  AnalogyQuestion,
  AnalogyDataset,
  BatsPair,
  BatsCategory,
  BatsDataset,
  SimilarityPair,
  SimilarityDataset,
} from './types.js';
export {
  type CaseFolding,
  type AnalogyMethod,
  type Arithmetic,
  type AnalogyProtocol,
  type SimilarityOov,
  type SimilarityProtocol,
  type ProtocolPreset,
  type PresetName,
  type AnalogyProtocolSpec,
  type SimilarityProtocolSpec,
  PROTOCOL_PRESETS,
  resolveAnalogyProtocol,
  resolveSimilarityProtocol,
  resolveProtocol,
  protocolHash,
} from './protocol.js';
export {
  type SimilarityFormat,
  type DatasetFormat,
  type DatasetFile,
  type DatasetAlternative,
  type DatasetEntry,
  listDatasets,
  getDataset,
} from './registry.js';
export {type ResolveOptions, type ResolvedFile, type ResolvedDataset, resolveDataset, isDownloadable, sha256File} from './resolve.js';
export {loadAnalogyDataset, loadSimilarityDataset, loadBats} from './load.js';
export {parseGoogleAnalogy, parseMsrAnalogy} from './parse-analogy.js';
export {parseBatsFile, splitAlternatives} from './parse-bats.js';
export {parseSimilarity} from './parse-similarity.js';
export {
  evaluateWordPairs,
  evaluateWordAnalogies,
  loadSimilarityFile,
  loadAnalogyFile,
  fileDatasetId,
  type SimilarityFileOptions,
} from './evaluate-file.js';
export type {EngineChoice} from './matmul.js';
export {
  type AnalogyItem,
  type AnalogyRecord,
  type Counts,
  type AnalogyResult,
  type AnalogyOptions,
  evaluateAnalogy,
  evaluateAnalogyRestricts,
} from './analogy.js';
export {averageRanks, pearson, spearman} from './stats.js';
export {
  type BootstrapOptions,
  type Interval,
  type PairedComparison,
  bootstrapInterval,
  bootstrapProportion,
  pairedBootstrap,
} from './bootstrap.js';
export {type McNemarResult, mcnemar, mcnemarCounts} from './mcnemar.js';
export {type BatsResult, evaluateBats} from './bats.js';
export {
  type SimilarityRecord,
  type SimilarityResult,
  type SimilarityFiller,
  type SimilarityOptions,
  evaluateSimilarity,
} from './similarity.js';
export {compareSimilarity, compareAnalogy, type AnalogyComparison} from './compare.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
