import {ConfigError, densifyRowGradient, initBackend, type SparseRowGradient} from '@embedlab/core';
import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {createRowSparseOptimizer, sparseAdagrad, sparseAdam, sparseSgd, type RowSparseOptimizer} from '../../src/index.js';

const grad = (rows: number[], values: number[][]): SparseRowGradient => ({
  rows: Int32Array.from(rows),
  values: Float32Array.from(values.flat()),
  dim: values[0]?.length ?? 0,
});

/** A small deterministic table and a sequence of sparse gradients (some rows absent in some steps). */
function fixture(rows: number, dim: number, steps: number, everyRow: boolean): {table: Float32Array; grads: SparseRowGradient[]} {
  const table = Float32Array.from({length: rows * dim}, (_, i) => Math.sin(i + 1));
  const grads: SparseRowGradient[] = [];
  for (let s = 0; s < steps; s++) {
    const ids = everyRow ? [...Array(rows).keys()] : [...Array(rows).keys()].filter((r) => (r + s) % 3 !== 0);
    grads.push(
      grad(
        ids,
        ids.map((r) => Array.from({length: dim}, (_, j) => Math.cos(3 * s + 5 * r + j) * (1 + s))),
      ),
    );
  }
  return {table, grads};
}

/** Runs the same gradients through a tfjs optimizer on a dense variable: the independent reference. */
async function denseReference(
  make: (tf: Awaited<ReturnType<typeof initBackend>>['tf']) => import('@tensorflow/tfjs').Optimizer,
  table: Float32Array,
  grads: SparseRowGradient[],
): Promise<Float32Array> {
  const {tf} = await initBackend();
  const rows = table.length / (grads[0] as SparseRowGradient).dim;
  const w = tf.variable(tf.tensor2d(table, [rows, (grads[0] as SparseRowGradient).dim]), true, `w${Math.random()}`);
  const opt = make(tf);
  for (const g of grads) {
    const dense = tf.tensor2d(densifyRowGradient(g, rows), [rows, g.dim]);
    opt.applyGradients({[w.name]: dense});
    dense.dispose();
  }
  const out = w.dataSync().slice() as Float32Array;
  w.dispose();
  opt.dispose();
  return out;
}

function run(opt: RowSparseOptimizer, table: Float32Array, grads: SparseRowGradient[]): Float32Array {
  const t = table.slice();
  for (const g of grads) opt.step(t, g);
  return t;
}

describe('row-sparse optimizers', () => {
  describe('closed-form single steps', () => {
    it('SGD: w -= lr * g on the listed rows only', () => {
      const t = Float32Array.from([1, 2, 3, 4, 5, 6]);
      const n = sparseSgd({learningRate: 0.1}).step(
        t,
        grad(
          [0, 2],
          [
            [0.5, -1],
            [2, 0],
          ],
        ),
      );
      expect(n).to.equal(2);
      expectArraysClose(t, [1 - 0.05, 2 + 0.1, 3, 4, 5 - 0.2, 6]);
    });

    it('AdaGrad: acc = 0.1 + g^2, w -= lr g / sqrt(acc + eps)', () => {
      const t = Float32Array.from([1, 2, 3, 4]);
      const opt = sparseAdagrad({learningRate: 0.5});
      opt.step(t, grad([1], [[3, -4]]));
      expectArraysClose(t, [1, 2, 3 - (0.5 * 3) / Math.sqrt(9.1 + 1e-7), 4 + (0.5 * 4) / Math.sqrt(16.1 + 1e-7)]);
      expectArraysClose(opt.accumulator, [0.1, 0.1, 9.1, 16.1]);
    });

    it('Adam: the first step moves each element by lr * g / (|g| + eps)', () => {
      const t = Float32Array.from([1, 2, 3, 4]);
      sparseAdam({learningRate: 0.01, epsilon: 1e-8}).step(t, grad([0], [[0.3, -2]]));
      expectArraysClose(t, [1 - (0.01 * 0.3) / (0.3 + 1e-8), 2 + (0.01 * 2) / (2 + 1e-8), 3, 4]);
    });

    it('weight decay adds wd * w to the gradient of touched rows only', () => {
      const t = Float32Array.from([1, 2, 3, 4]);
      sparseSgd({learningRate: 0.1, weightDecay: 0.5}).step(t, grad([1], [[1, 1]]));
      expectArraysClose(t, [1, 2, 3 - 0.1 * (1 + 1.5), 4 - 0.1 * (1 + 2)]);
    });

    it('clipNorm rescales the whole sparse gradient; clipValue clamps elements', () => {
      const t = new Float32Array(4);
      // global norm of [3, 4] is 5; clipped to 1 -> [0.6, 0.8]
      sparseSgd({learningRate: 1, clipNorm: 1}).step(t, grad([0], [[3, 4]]));
      expectArraysClose(t, [-0.6, -0.8, 0, 0]);
      const u = new Float32Array(4);
      sparseSgd({learningRate: 1, clipValue: 2}).step(
        u,
        grad(
          [0, 1],
          [
            [3, -1],
            [-5, 0.5],
          ],
        ),
      );
      expectArraysClose(u, [-2, 1, 2, -0.5]);
    });
  });

  describe('equality with dense tfjs optimizers over several steps', () => {
    it('SGD equals tf.train.sgd', async () => {
      const {table, grads} = fixture(7, 3, 6, false);
      const want = await denseReference((tf) => tf.train.sgd(0.05), table, grads);
      expectArraysClose(run(sparseSgd({learningRate: 0.05}), table, grads), want, 1e-5);
    });

    it('AdaGrad equals tf.train.adagrad (rows absent from some steps)', async () => {
      const {table, grads} = fixture(7, 3, 6, false);
      const want = await denseReference((tf) => tf.train.adagrad(0.3, 0.1), table, grads);
      expectArraysClose(run(sparseAdagrad({learningRate: 0.3}), table, grads), want, 1e-5);
    });

    for (const biasCorrection of ['row', 'global'] as const) {
      it(`Adam (${biasCorrection} bias correction) equals tf.train.adam when every row appears every step`, async () => {
        const {table, grads} = fixture(5, 4, 6, true);
        const want = await denseReference((tf) => tf.train.adam(0.02, 0.9, 0.999, 1e-7), table, grads);
        expectArraysClose(run(sparseAdam({learningRate: 0.02, biasCorrection}), table, grads), want, 1e-5);
      });
    }
  });

  describe('lazy Adam', () => {
    it('rows absent from a step keep their values and moments; dense Adam keeps moving them', async () => {
      const t = Float32Array.from([1, 1, 2, 2]);
      const opt = sparseAdam({learningRate: 0.1});
      const steps = [
        grad(
          [0, 1],
          [
            [1, 1],
            [1, 1],
          ],
        ),
        grad([0], [[1, 1]]),
      ];
      opt.step(t, steps[0] as SparseRowGradient);
      const row1 = t.slice(2, 4);
      const m1 = opt.m.slice(2, 4);
      const v1 = opt.v.slice(2, 4);
      opt.step(t, steps[1] as SparseRowGradient);
      expect(Array.from(t.slice(2, 4))).to.deep.equal(Array.from(row1));
      expect(Array.from(opt.m.slice(2, 4))).to.deep.equal(Array.from(m1));
      expect(Array.from(opt.v.slice(2, 4))).to.deep.equal(Array.from(v1));
      expect(Array.from(opt.rowSteps)).to.deep.equal([2, 1]);
      // Dense Adam with a zero gradient for row 1 in step 2 still moves it (momentum): the stated difference.
      const dense = await denseReference((tf) => tf.train.adam(0.1, 0.9, 0.999, 1e-7), Float32Array.from([1, 1, 2, 2]), steps);
      expect(Math.abs((dense[2] as number) - (row1[0] as number))).to.be.greaterThan(1e-3);
      // Row 0 appeared in both steps, so it matches dense Adam.
      expectArraysClose(t.slice(0, 2), dense.slice(0, 2), 1e-5);
    });

    it('per-row bias correction: a row first seen at step 3 moves like a first Adam step; global does not', () => {
      const steps = [grad([0], [[1]]), grad([0], [[1]]), grad([1], [[0.5]])];
      const rowWise = run(sparseAdam({learningRate: 0.1, epsilon: 1e-8}), Float32Array.from([0, 0]), steps);
      expect(rowWise[1]).to.be.closeTo(-0.1 * (0.5 / (0.5 + 1e-8)), 1e-7);
      const global = run(sparseAdam({learningRate: 0.1, epsilon: 1e-8, biasCorrection: 'global'}), Float32Array.from([0, 0]), steps);
      // m = 0.1 * 0.5, v = 0.001 * 0.25, corrected with t = 3 (PyTorch SparseAdam).
      const mHat = (0.1 * 0.5) / (1 - 0.9 ** 3);
      const vHat = (0.001 * 0.25) / (1 - 0.999 ** 3);
      expect(global[1]).to.be.closeTo((-0.1 * mHat) / (Math.sqrt(vHat) + 1e-8), 1e-6);
    });
  });

  describe('lock mask and padding row', () => {
    for (const make of [
      (o: {lockMask: Uint8Array; paddingIdx: number}) => sparseSgd({learningRate: 0.1, ...o}),
      (o: {lockMask: Uint8Array; paddingIdx: number}) => sparseAdagrad({learningRate: 0.1, ...o}),
      (o: {lockMask: Uint8Array; paddingIdx: number}) => sparseAdam({learningRate: 0.1, ...o}),
    ]) {
      const opt = make({lockMask: Uint8Array.from([0, 1, 0, 0]), paddingIdx: 3});
      it(`${opt.type}: frozen and padding rows stay bit-identical, others move`, () => {
        const t = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
        const before = t.slice();
        const n = opt.step(
          t,
          grad(
            [0, 1, 2, 3],
            [
              [1, 1],
              [1, 1],
              [1, 1],
              [1, 1],
            ],
          ),
        );
        expect(n).to.equal(2);
        expect(Array.from(t.slice(2, 4))).to.deep.equal(Array.from(before.slice(2, 4)));
        expect(Array.from(t.slice(6, 8))).to.deep.equal(Array.from(before.slice(6, 8)));
        expect(t[0]).to.be.lessThan(1);
        expect(t[4]).to.be.lessThan(5);
      });
    }
  });

  describe('errors', () => {
    it('rejects rows out of range, a wrong lock mask, a resized table and bad options', async () => {
      await expectThrows(() => sparseSgd({learningRate: 0.1}).step(new Float32Array(4), grad([2], [[1, 1]])), 'row id 2', '[0, 2)');
      await expectThrows(() => sparseSgd({learningRate: 0.1, lockMask: new Uint8Array(3)}).step(new Float32Array(4), grad([0], [[1, 1]])), 'lockMask has 3');
      const opt = sparseAdagrad({learningRate: 0.1});
      opt.step(new Float32Array(4), grad([0], [[1, 1]]));
      await expectThrows(() => opt.step(new Float32Array(6), grad([0], [[1, 1]])), '2 rows', '3 rows');
      await expectThrows(() => sparseAdam({learningRate: 0.1, beta1: 1}), 'beta1', '[0, 1)');
      await expectThrows(() => sparseSgd({learningRate: -1}), 'learningRate must be a positive number');
    });

    it('createRowSparseOptimizer names the config path', async () => {
      expect(createRowSparseOptimizer({type: 'adam', learningRate: 0.1}).type).to.equal('adam');
      const e1 = await expectThrows(() => createRowSparseOptimizer({type: 'rmsprop'} as never, 'arms.tuned.optimizer'), 'arms.tuned.optimizer.type', 'rmsprop');
      expect(e1).to.be.instanceOf(ConfigError);
      await expectThrows(() => createRowSparseOptimizer({type: 'sgd', learningRate: 1, beta1: 0.9} as never), 'optimizer.beta1', 'unknown key');
      await expectThrows(() => createRowSparseOptimizer({type: 'sgd', learningRate: 0}), 'optimizer: learningRate');
    });
  });
});
