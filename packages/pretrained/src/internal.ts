/**
 * @embedlab/pretrained/internal: pieces benches and tests share that are not part of the user API: the
 * float32 text formatting and parsing, the `.evf` binary cache, the zip reader, row selection, thread
 * defaults. They may change without notice.
 */
export {formatFloat32, writeFloat32} from './float-format.js';
export {parseFloat32Token} from './float-parse.js';
export {formatTextRows, type ByteSink} from './write-vectors.js';
export {writeVectorCache, readVectorCache, type CacheRead} from './vector-cache.js';
export {embeddedJsonPath} from './embedded-default.js';
export {selectRows} from './load-source.js';
export {extractZip, safeEntryPath, type ExtractOptions} from './zip-extract.js';
export {defaultThreads} from './read-vectors.js';
