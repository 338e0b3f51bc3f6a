export {messages} from './messages.js';
export * from './sparse/row-sparse-optimizer.js';
export * from './sparse/sparse-sgd.js';
export * from './sparse/sparse-adagrad.js';
export * from './sparse/sparse-adam.js';
export * from './sparse/create-optimizer.js';
export * from './postprocess/retrofit.js';
export * from './postprocess/all-but-the-top.js';
export * from './fine-tune/mean-pool.js';
export * from './fine-tune/classification-metrics.js';
export * from './fine-tune/text-classifier.js';
export * from './drift/exact-neighbours.js';
export * from './drift/frequency-buckets.js';
export * from './drift/drift.js';
export * from './drift/item-flips.js';
export * from './trainers/index.js'; // trainers: word2vec SGNS/CBOW and GloVe
