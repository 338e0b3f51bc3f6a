import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {evaluateClassifier} from '../../src/index.js';

describe('evaluateClassifier', () => {
  it('accuracy, precision, recall, F1 and confusion by hand', () => {
    const m = evaluateClassifier([1, 0, 0, 1, 1], [1, 1, 0, 0, 1]);
    expect(m.accuracy).to.equal(3 / 5);
    expect(m.precision).to.be.closeTo(2 / 3, 1e-12);
    expect(m.recall).to.be.closeTo(2 / 3, 1e-12);
    expect(m.f1).to.be.closeTo(2 / 3, 1e-12);
    expect(m.confusion).to.deep.equal([
      [1, 1],
      [1, 2],
    ]);
    expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives]).to.deep.equal([2, 1, 1, 1]);
  });

  it('zero division gives 0 (nothing predicted positive)', () => {
    const m = evaluateClassifier([0, 0], [1, 0]);
    expect([m.precision, m.recall, m.f1, m.accuracy]).to.deep.equal([0, 0, 0, 0.5]);
  });

  it('another positive class and a length mismatch', async () => {
    expect(evaluateClassifier([0, 2, 2], [0, 2, 1], {positiveClass: 2}).precision).to.equal(0.5);
    await expectThrows(() => evaluateClassifier([0], [0, 1]), '1 predictions for 2 labels');
  });
});
