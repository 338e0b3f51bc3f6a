/**
 * The part of @embedlab/core that does not need TensorFlow.js: errors, seeded random streams, atomic
 * writes, Vocabulary, WordVectors and the data/cache paths. Import it as `@embedlab/core/data` where tfjs
 * is not needed (the loaders, the corpora): loading tfjs costs ~0.3 s of process start-up.
 */
export {EmbedlabError, ConfigError, DataError, ResourceError, ArgumentError} from './errors.js';
export {type Rng, createRng, deriveSeed, hashString, assertSeed} from './rng.js';
export {writeFileAtomic} from './atomic-write.js';
export {Vocabulary, countTokens, type VocabularyOptions, type VocabularyJson} from './vocabulary.js';
export {WordVectors, cosine, type Neighbour, type NearestOptions, type VectorsMeta, type WordTable} from './word-vectors.js';
export {DATA_DIR_ENV, CACHE_DIR_ENV, DEFAULT_DATA_DIR, dataDir, cacheDir, checkoutRoot, isCi} from './paths.js';
export {stableJson} from './stable-json.js';
export {
  downloadBytes,
  downloadFile,
  NetworkError,
  type FetchLike,
  type RetryOptions,
  type DownloadBytesOptions,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
} from './download.js';
export {describeValue, checkArgument, checkInteger, checkInstance, checkArrayField} from './arguments.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
