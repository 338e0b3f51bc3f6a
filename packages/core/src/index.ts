/**
 * @embedlab/core: the embedding layer and the data types every embedlab package shares.
 *
 * - The layer: `embeddingLayer` / `EmbedlabEmbedding` (a tfjs layer with a row-sparse gradient, lock
 *   mask, padding row, max-norm), `embeddingLookup` (the op), `sparseRowGradient` (what it gives an
 *   optimizer), table initializers.
 * - Data: `Vocabulary`, `WordVectors` (nearest, analogy, similarity), seeded `createRng` / `deriveSeed`,
 *   `writeFileAtomic`, `dataDir` / `cacheDir`, the error classes. These are also on the tfjs-free entry
 *   `@embedlab/core/data`.
 * - `initBackend`: picks and starts the tfjs backend (wasm by default) and says which.
 *
 * Kernels and helpers other embedlab packages share are on `@embedlab/core/internal` (no stability promise).
 */
export * from './data.js';
export {type BackendName, type BackendInfo, initBackend, describeBackend} from './backend.js';
export {type SparseRowGradient, sparseRowGradient, densifyRowGradient} from './sparse.js';
export {
  type InitializerName,
  INITIALIZER_NAMES,
  type RandomUniformSpec,
  type RandomNormalSpec,
  type GlorotUniformSpec,
  type ZerosSpec,
  type InitializerSpec,
  resolveInitializer,
  initializeTable,
} from './initializers.js';
export {type LookupOptions, embeddingLookup} from './lookup.js';
export {type EmbedlabEmbeddingArgs, EmbedlabEmbedding, embeddingLayer} from './embedding/embedding-layer.js';
export {type RowRange, type LockMaskSpec, resolveLockMask} from './embedding/lock-mask.js';
