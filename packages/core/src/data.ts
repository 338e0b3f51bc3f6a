/**
 * The part of @embedlab/core that does not need TensorFlow.js: errors, seeded random streams, atomic
 * writes, Vocabulary, WordVectors and the data/cache paths. Import it as `@embedlab/core/data` where tfjs
 * is not needed (the loaders, the corpora): loading tfjs costs ~0.3 s of process start-up.
 */
export * from './errors.js';
export {messages} from './messages.js';
export * from './rng.js';
export * from './atomic-write.js';
export * from './vocabulary.js';
export * from './word-vectors.js';
export * from './paths.js';
export {stableJson} from './stable-json.js';
export * from './arguments.js';
