/**
 * The two objectives that put images into the text space.
 *
 * DeViSE (Frome et al. 2013): hinge rank loss on dot products between the projected image v and the
 * (unit-length) class vectors t: sum over j != y of max(0, margin - t_y.v + t_j.v), margin 0.1, against every
 * other class vector; mean over the batch.
 *
 * CLIP (Radford et al. 2021): cosine similarities times exp(logitScale), a learned temperature kept in log
 * form; symmetric cross-entropy, images -> class texts and texts -> images. With class names as the texts a
 * batch holds several images per text, so the text -> image direction uses a soft target spread evenly
 * over the images of that class (classes absent from the batch are left out). CLIP clamps the scale at 100
 * (`clampLogitScale` after each step).
 */
import * as tf from '@tensorflow/tfjs';

export const DEVISE_MARGIN = 0.1;
/** CLIP's initial temperature 0.07, in log form: log(1 / 0.07). */
export const CLIP_INIT_LOGIT_SCALE = Math.log(1 / 0.07);
/** CLIP clamps the logit scale to at most 100. */
export const CLIP_MAX_LOGIT_SCALE = Math.log(100);

/** DeViSE hinge rank loss; image [B, D], classes [C, D], labels int32 [B] (indices into classes). */
export function deviseLoss(image: tf.Tensor2D, classes: tf.Tensor2D, labels: tf.Tensor1D, margin = DEVISE_MARGIN): tf.Scalar {
  return tf.tidy(() => {
    const c = classes.shape[0];
    const scores = tf.matMul(image, classes, false, true); // [B, C]
    const onehot = tf.oneHot(labels, c); // [B, C]
    const pos = tf.sum(tf.mul(scores, onehot), 1, true); // [B, 1]
    const hinge = tf.relu(tf.add(tf.sub(scores, pos), margin)); // [B, C]
    const masked = tf.mul(hinge, tf.sub(1, onehot)); // the true class is not a violation
    return tf.mean(tf.sum(masked, 1)) as tf.Scalar;
  });
}

/** Row-wise L2 normalisation (epsilon keeps the gradient finite at zero). */
export function l2normalize(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12))) as tf.Tensor2D);
}

/** CLIP's symmetric cross-entropy; image [B, D], classes [C, D], labels int32 [B], logitScale scalar (log form). */
export function clipLoss(image: tf.Tensor2D, classes: tf.Tensor2D, labels: tf.Tensor1D, logitScale: tf.Scalar): tf.Scalar {
  return tf.tidy(() => {
    const c = classes.shape[0];
    const logits = tf.mul(tf.exp(logitScale), tf.matMul(l2normalize(image), l2normalize(classes), false, true)); // [B, C]
    const onehot = tf.oneHot(labels, c).toFloat(); // [B, C]
    const imageToText = tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(logits, 1)), 1)));
    // texts -> images: per class present, soft target uniform over its images in the batch
    const counts = tf.sum(onehot, 0); // [C]
    const present = tf.cast(tf.greater(counts, 0), 'float32');
    const target = tf.div(onehot, tf.maximum(counts, 1)); // [B, C], columns sum to 1 where present
    const perClass = tf.neg(tf.sum(tf.mul(tf.transpose(target), tf.logSoftmax(tf.transpose(logits), 1)), 1)); // [C]
    const textToImage = tf.div(tf.sum(tf.mul(perClass, present)), tf.sum(present));
    return tf.div(tf.add(imageToText, textToImage), 2) as tf.Scalar;
  });
}

/** CLIP's clamp of the learned log-scale to [0, log 100], applied to the variable after a step. */
export function clampLogitScale(v: tf.Variable): void {
  tf.tidy(() => v.assign(tf.clipByValue(v, 0, CLIP_MAX_LOGIT_SCALE)));
}
