/**
 * Held-out classification metrics: accuracy, and precision / recall / F1 of one positive class (spam).
 * Zero-division rule (scikit-learn's `zero_division=0`): precision is 0 when nothing was predicted
 * positive, recall is 0 when there are no positive labels, F1 is 0 when precision + recall is 0.
 */
import {ArgumentError} from '@embedlab/core';
import {messages} from '../messages.js';

export interface ClassificationMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** confusion[true][predicted], counts. */
  confusion: number[][];
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Number of items. */
  support: number;
  positiveClass: number;
}

export interface MetricsOptions {
  /** The class whose precision, recall and F1 are reported. __Default:__ 1 (spam). */
  positiveClass?: number;
  /** Size of the confusion matrix. __Default:__ max label + 1, at least 2. */
  numClasses?: number;
}

/** Metrics of predicted labels against true labels (both class indices). */
export function evaluateClassifier(predicted: ArrayLike<number>, labels: ArrayLike<number>, options: MetricsOptions = {}): ClassificationMetrics {
  if (predicted.length !== labels.length)
    throw new ArgumentError(messages.inFunction('evaluateClassifier', messages.predictionsLabels(predicted.length, labels.length)));
  const pos = options.positiveClass ?? 1;
  let maxLabel = 1;
  for (let i = 0; i < labels.length; i++) maxLabel = Math.max(maxLabel, labels[i] as number, predicted[i] as number);
  const c = options.numClasses ?? maxLabel + 1;
  const confusion = Array.from({length: c}, () => new Array<number>(c).fill(0));
  let correct = 0,
    tp = 0,
    fp = 0,
    fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number,
      p = predicted[i] as number;
    if (!(Number.isInteger(y) && y >= 0 && y < c && Number.isInteger(p) && p >= 0 && p < c)) {
      throw new ArgumentError(messages.inFunction('evaluateClassifier', messages.badClassIndex(i, y, p, c)));
    }
    (confusion[y] as number[])[p]!++;
    if (y === p) correct++;
    if (p === pos && y === pos) tp++;
    else if (p === pos) fp++;
    else if (y === pos) fn++;
  }
  const n = labels.length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    accuracy: n === 0 ? 0 : correct / n,
    precision,
    recall,
    f1,
    confusion,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: n - tp - fp - fn,
    support: n,
    positiveClass: pos,
  };
}
