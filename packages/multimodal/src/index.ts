/**
 * @embedlab/multimodal: images and words in one vector space (DeViSE, CLIP-style), zero-shot on unseen classes.
 */
export {IDX_UBYTE, type IdxArray, type IdxExpect, parseIdx, readIdx, encodeIdx} from './idx.js';
export {
  FASHION_MNIST_ID,
  DEBIAN_FASHION_MNIST_DIR,
  FASHION_MNIST_CLASSES,
  type IdxFileEntry,
  FASHION_MNIST,
  fashionMnistCandidates,
  locateFashionMnist,
  type ImageSplit,
  type FashionMnist,
  loadFashionMnist,
} from './fashion-mnist.js';
export {linear, conv2dSame, reluMaxPool2} from './conv.js';
export {DEVISE_MARGIN, CLIP_INIT_LOGIT_SCALE, CLIP_MAX_LOGIT_SCALE, deviseLoss, l2normalize, clipLoss, clampLogitScale} from './losses.js';
export {type CnnConfig, type ResolvedCnnConfig, resolveCnnConfig, ImageEncoder, imageBatch} from './cnn.js';
export {type TextArm, TEXT_ARMS, classWords, type ClassTextOptions, ClassText} from './class-text.js';
export {
  type Objective,
  type LabelledImages,
  type TrainOptions,
  type TrainedModel,
  trainImageModel,
  embedImages,
  classScores,
  harmonicMean,
  argmaxRows,
} from './train.js';
