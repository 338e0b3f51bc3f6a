import * as tf from '@tensorflow/tfjs';
import {createRng, initBackend} from '@embedlab/core';
import {expectArraysClose} from '@embedlab/testing';
import {expect} from 'chai';
import {CLIP_MAX_LOGIT_SCALE, clampLogitScale, clipLoss, deviseLoss} from '../src/losses.js';

// Independent float64 references written from the papers' formulas, differentiated by central differences.
type Mat = number[][];
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const unit = (a: number[]) => {
  const n = Math.sqrt(dot(a, a) + 1e-12);
  return a.map((x) => x / n);
};

function deviseRef(img: Mat, cls: Mat, y: number[], margin = 0.1): number {
  let total = 0;
  img.forEach((v, i) => {
    const pos = dot(cls[y[i] as number] as number[], v);
    cls.forEach((t, j) => {
      if (j !== y[i]) total += Math.max(0, margin - pos + dot(t, v));
    });
  });
  return total / img.length;
}

function clipRef(img: Mat, cls: Mat, y: number[], logitScale: number): number {
  const s = Math.exp(logitScale);
  const I = img.map(unit),
    T = cls.map(unit);
  const L = I.map((v) => T.map((t) => s * dot(v, t))); // [B, C]
  const lse = (xs: number[]) => {
    const m = Math.max(...xs);
    return m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0));
  };
  const imageToText = L.reduce((a, row, i) => a + lse(row) - (row[y[i] as number] as number), 0) / img.length;
  let textToImage = 0,
    present = 0;
  cls.forEach((_, c) => {
    const members = y.map((yi, i) => (yi === c ? i : -1)).filter((i) => i >= 0);
    if (!members.length) return;
    present++;
    const col = L.map((row) => row[c] as number);
    const z = lse(col);
    textToImage += members.reduce((a, i) => a + (z - (col[i] as number)) / members.length, 0);
  });
  return (imageToText + textToImage / present) / 2;
}

function numericGrad(f: (m: Mat) => number, m: Mat, h = 1e-6): Mat {
  return m.map((row, i) =>
    row.map((_, j) => {
      const p = m.map((r) => r.slice()),
        q = m.map((r) => r.slice());
      (p[i] as number[])[j]! += h;
      (q[i] as number[])[j]! -= h;
      return (f(p) - f(q)) / (2 * h);
    }),
  );
}

function randMat(rng: ReturnType<typeof createRng>, r: number, c: number, scale = 1): Mat {
  return Array.from({length: r}, () => Array.from({length: c}, () => rng.normal() * scale));
}

describe('losses', () => {
  before(async () => {
    await initBackend();
  });

  it('DeViSE on a hand-derived case: only violating classes count, margin 0.1', () => {
    // v = (1, 0); t0 = (1, 0) true, t1 = (0.95, 0) inside the margin, t2 = (0, 1) outside it.
    // hinge: t1 -> 0.1 - 1 + 0.95 = 0.05, t2 -> 0.1 - 1 + 0 < 0 -> 0. Loss 0.05.
    const v = deviseLoss(
      tf.tensor2d([[1, 0]]),
      tf.tensor2d([
        [1, 0],
        [0.95, 0],
        [0, 1],
      ]),
      tf.tensor1d([0], 'int32'),
    );
    expect(v.dataSync()[0]).to.be.closeTo(0.05, 1e-6);
  });

  it('CLIP on a hand-derived case: two orthogonal pairs at scale 1', () => {
    // images = texts = e1, e2 (labels 0, 1), scale exp(0) = 1: logits = I. Each row and column: log(1 + e) - 1.
    const v = clipLoss(
      tf.tensor2d([
        [2, 0],
        [0, 3],
      ]),
      tf.tensor2d([
        [1, 0],
        [0, 5],
      ]),
      tf.tensor1d([0, 1], 'int32'),
      tf.scalar(0),
    );
    expect(v.dataSync()[0]).to.be.closeTo(Math.log(1 + Math.E) - 1, 1e-6);
  });

  for (const loss of ['devise', 'clip'] as const) {
    it(`${loss}: value and gradients match a float64 reference and its finite differences`, () => {
      const rng = createRng(loss === 'devise' ? 7 : 8);
      const B = 5,
        C = 4,
        D = 3;
      const img = randMat(rng, B, D, 0.5),
        cls = randMat(rng, C, D, 0.5);
      const y = [0, 2, 2, 3, 1];
      const scale = 0.7; // log-scale: exp(0.7) ~ 2
      const ref = (i: Mat, c: Mat, s = scale) => (loss === 'devise' ? deviseRef(i, c, y) : clipRef(i, c, y, s));
      const labels = tf.tensor1d(y, 'int32');
      const f = (i: tf.Tensor, c: tf.Tensor, s: tf.Tensor) =>
        loss === 'devise' ? deviseLoss(i as tf.Tensor2D, c as tf.Tensor2D, labels) : clipLoss(i as tf.Tensor2D, c as tf.Tensor2D, labels, s as tf.Scalar);
      const [ti, tc, ts] = [tf.tensor2d(img), tf.tensor2d(cls), tf.scalar(scale)];
      expect(f(ti, tc, ts).dataSync()[0]).to.be.closeTo(ref(img, cls), 1e-5);
      // DeViSE has no temperature: differentiate in the image and class vectors only
      const [gi, gc, gs] =
        loss === 'devise'
          ? [...tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b, ts))([ti, tc]), tf.scalar(0)]
          : tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => f(a, b, c))([ti, tc, ts]);
      expectArraysClose(gi!.dataSync(), numericGrad((m) => ref(m, cls), img).flat(), 1e-4);
      expectArraysClose(gc!.dataSync(), numericGrad((m) => ref(img, m), cls).flat(), 1e-4);
      const h = 1e-6,
        ds = (ref(img, cls, scale + h) - ref(img, cls, scale - h)) / (2 * h);
      expect(gs!.dataSync()[0]).to.be.closeTo(loss === 'devise' ? 0 : ds, 1e-4);
      if (loss === 'clip') expect(Math.abs(ds)).to.be.greaterThan(1e-3); // the temperature is really learned
    });
  }

  it('clampLogitScale keeps the CLIP scale within [1, 100]', () => {
    const v = tf.variable(tf.scalar(7));
    clampLogitScale(v);
    expect(v.dataSync()[0]).to.be.closeTo(CLIP_MAX_LOGIT_SCALE, 1e-6);
    v.assign(tf.scalar(-1));
    clampLogitScale(v);
    expect(v.dataSync()[0]).to.equal(0);
  });
});
