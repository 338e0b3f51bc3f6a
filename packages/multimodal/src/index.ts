/**
 * @embedlab/multimodal: images and words in one vector space (DeViSE, CLIP-style), zero-shot on unseen classes.
 */
export * from './idx.js';
export * from './fashion-mnist.js';
export * from './conv.js';
export * from './losses.js';
export * from './cnn.js';
export * from './class-text.js';
export * from './train.js';
