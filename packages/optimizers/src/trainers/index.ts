export * from './word2vec.js';
export {trainerMessages} from './messages.js';
export {
  cumulativeBuckets,
  cumulativeTable,
  CUM_TABLE_DOMAIN,
  keepProbabilities,
  negLogSigmoidTable,
  sigmoidTable,
  unigramTable,
  EXP_TABLE_SIZE,
  MAX_EXP,
  EXP_INDEX_SCALE,
} from './tables.js';
export {Lcg64} from './lcg.js';
export * from './cooccurrence.js';
export * from './glove.js';
