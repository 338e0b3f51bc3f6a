/**
 * @embedlab/pretrained: pretrained word vectors in and out.
 *
 * - readers: `readVectors(path, options)` (GloVe, word2vec text/binary, fastText .vec; .gz and .zip)
 * - writers: `writeGloveText`, `writeWord2vecText`, `writeWord2vecBinary`, `writeProjector`
 * - the embedded default `glove-6b-100d` (`loadEmbeddedDefault`) and named sources (`loadVectorSource`)
 * - alignment to a task vocabulary (`alignToVocabulary`)
 */
export * from './read-vectors.js';
export * from './write-vectors.js';
export {formatFloat32, writeFloat32} from './float-format.js';
export {parseFloat32Token} from './float-parse.js';
export * from './detect-format.js';
export * from './vector-cache.js';
export * from './embedded-default.js';
export * from './sources.js';
export * from './load-source.js';
export * from './zip-extract.js';
export * from './align.js';
export {messages} from './messages.js';
