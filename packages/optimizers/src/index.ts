export {messages} from './messages.js';
export * from './sparse/row-sparse-optimizer.js';
export * from './sparse/sparse-sgd.js';
export * from './sparse/sparse-adagrad.js';
export * from './sparse/sparse-adam.js';
export * from './sparse/create-optimizer.js';
export * from './postprocess/retrofit.js';
export * from './postprocess/all-but-the-top.js';
