/**
 * @embedlab/pretrained: pretrained word vectors in and out. Read GloVe text, word2vec text/binary and
 * fastText .vec (`readVectors`, format detected, parallel SIMD parser, values equal to parseFloat), write
 * them (`writeGloveText`, `writeWord2vecText`, `writeWord2vecBinary`, `writeProjector`), load named sources
 * with checksummed downloads and a binary cache (`loadVectorSource`, `loadEmbeddedDefault`: GloVe 6B 100d
 * shipped in npm), and align a table to a model's vocabulary (`alignToVocabulary`, OOV policies). No tfjs.
 *
 * The float formatting/parsing, the binary cache format and the zip reader are on
 * `@embedlab/pretrained/internal` (shared with benches and tests; no stability promise).
 */
export {readVectors, type ReadOptions, type ReadMeta, type ReadProgress} from './read-vectors.js';
export {
  writeGloveText,
  writeWord2vecText,
  writeWord2vecBinary,
  writeProjector,
  gloveTextSha256,
  type VectorTable,
  type WriteResult,
} from './write-vectors.js';
export {detectFormat, resolveFormat, type VectorFormat, type FormatOption} from './detect-format.js';
export {EMBEDDED_SOURCE, EMBEDDED_PACKAGE, EMBEDDED_TEXT_SHA256, type EmbeddedOptions, loadEmbeddedDefault} from './embedded-default.js';
export {listVectorSources, findVectorSource, type VectorSource, type VectorDownload} from './sources.js';
export {loadVectorSource, type LoadSourceOptions} from './load-source.js';
export {
  alignToVocabulary,
  columnStats,
  wordsFor,
  type AlignOptions,
  type AlignCoverage,
  type AlignedEmbedding,
  type OovPolicy,
  type OovPredictor,
} from './align.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
