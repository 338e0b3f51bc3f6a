export * from './data.js';
export * from './backend.js';
export * from './sparse.js';
export * from './initializers.js';
export * from './lookup.js';
export * from './embedding/embedding-layer.js';
export * from './embedding/lock-mask.js';
export * from './embedding/max-norm.js';
export {tensorStorage, readStorage} from './embedding/tensor-storage.js';
