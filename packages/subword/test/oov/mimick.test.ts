import {expect} from 'chai';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createRng, DataError} from '@embedlab/core/data';
import {MimickModel, type MimickLoss} from '../../src/oov/mimick.js';

const cos = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let j = 0; j < a.length; j++) {
    ab += (a[j] as number) * (b[j] as number);
    aa += (a[j] as number) ** 2;
    bb += (b[j] as number) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};

/** Random words over a small alphabet, so held-out words share their n-grams with training words. */
function randomWords(n: number, seed: number): string[] {
  const rng = createRng(seed);
  const out = new Set<string>();
  while (out.size < n) out.add(Array.from({length: 3 + rng.int(4)}, () => 'abcde'[rng.int(5)]).join(''));
  return [...out];
}

describe('MimickModel (vectors for unseen words from n-grams)', () => {
  for (const loss of ['l2', 'cosine'] as MimickLoss[]) {
    it(`${loss} loss: analytic gradient equals finite differences (rows and bias, in float64 terms)`, () => {
      const dim = 5;
      const model = new MimickModel(dim, {bucket: 17, minn: 2, maxn: 3});
      const rng = createRng(3);
      for (let i = 0; i < model.rows.length; i++) model.rows[i] = rng.normal() * 0.5;
      for (let j = 0; j < dim; j++) model.bias[j] = rng.normal() * 0.1;
      const target = Float32Array.from({length: dim}, () => rng.normal());
      const word = 'abab'; // repeated n-grams ('ab' twice): each occurrence adds g / k
      const ids = model.ngramIds(word);
      expect(ids.length).to.equal(9); // <a ab ba ab b> and <ab aba bab ab>: 'ab' twice
      const g = new Float64Array(dim);
      MimickModel.lossAndGrad(model.predict(word), target, loss, g);
      const h = 1e-3;
      const check = (arr: Float32Array, index: number, analytic: number) => {
        const keep = arr[index] as number;
        arr[index] = keep + h;
        const up = model.loss(word, target, loss);
        arr[index] = keep - h;
        const down = model.loss(word, target, loss);
        arr[index] = keep;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(numeric - analytic), `index ${index}: numeric ${numeric}, analytic ${analytic}`).to.be.below(2e-3 * Math.max(1, Math.abs(analytic)));
      };
      for (let j = 0; j < dim; j++) check(model.bias, j, g[j] as number);
      const counts = new Map<number, number>();
      for (const r of ids) counts.set(r, (counts.get(r) ?? 0) + 1);
      for (const [r, c] of counts) for (let j = 0; j < dim; j++) check(model.rows, r * dim + j, ((g[j] as number) * c) / ids.length);
      // a row the word does not use has zero gradient
      const unused = [...Array(17).keys()].find((r) => !counts.has(r))!;
      check(model.rows, unused * dim, 0);
    });
  }

  it('learns a table whose vectors are a known function of n-grams: held-out cosine near 1', () => {
    const dim = 8,
      bucket = 997;
    const truth = new MimickModel(dim, {bucket});
    const rng = createRng(11);
    for (let i = 0; i < truth.rows.length; i++) truth.rows[i] = rng.normal();
    for (let j = 0; j < dim; j++) truth.bias[j] = rng.normal() * 0.3;
    const words = randomWords(2200, 5);
    const train = words.slice(0, 2000),
      held = words.slice(2000);
    const targets = new Float32Array(train.length * dim);
    train.forEach((w, i) => targets.set(truth.predict(w), i * dim));
    const model = MimickModel.train(train, targets, dim, {seed: 1, bucket, epochs: 30});
    const heldCos = held.map((w) => cos(model.predict(w), truth.predict(w)));
    const mean = heldCos.reduce((s, x) => s + x, 0) / heldCos.length;
    expect(mean).to.be.above(0.97);
    // the untrained model (epochs 0) is far from it: the test could fail
    const untrained = MimickModel.train(train, targets, dim, {seed: 1, bucket, epochs: 0});
    const before = held.map((w) => cos(untrained.predict(w), truth.predict(w))).reduce((s, x) => s + x, 0) / held.length;
    expect(before).to.be.below(0.8); // the bias alone (the targets' mean) gets 0.64
    const hist = model.info!.history;
    expect(hist[hist.length - 1]!.loss).to.be.below(hist[0]!.loss / 5);
  });

  it('is deterministic by seed, and the seed matters', () => {
    const words = randomWords(300, 2);
    const dim = 4;
    const targets = Float32Array.from({length: words.length * dim}, (_, i) => Math.sin(i));
    const a = MimickModel.train(words, targets, dim, {seed: 7, bucket: 500, epochs: 3, loss: 'cosine'});
    const b = MimickModel.train(words, targets, dim, {seed: 7, bucket: 500, epochs: 3, loss: 'cosine'});
    const c = MimickModel.train(words, targets, dim, {seed: 8, bucket: 500, epochs: 3, loss: 'cosine'});
    expect(Buffer.from(a.rows.buffer).equals(Buffer.from(b.rows.buffer))).to.equal(true);
    expect(Array.from(a.bias)).to.deep.equal(Array.from(b.bias));
    expect(Buffer.from(a.rows.buffer).equals(Buffer.from(c.rows.buffer))).to.equal(false);
  });

  it('saves and loads: same predictions bit for bit, same info; a damaged file is refused with its name', () => {
    const words = randomWords(100, 4);
    const model = MimickModel.train(
      words,
      Float32Array.from({length: words.length * 3}, (_, i) => Math.cos(i)),
      3,
      {seed: 1, bucket: 101, epochs: 2, minn: 2, maxn: 4},
    );
    const dir = mkdtempSync(join(tmpdir(), 'mimick-'));
    try {
      const file = join(dir, 'm.mimick');
      model.save(file);
      const back = MimickModel.load(file);
      expect([back.dim, back.minn, back.maxn, back.bucket, back.lowercase]).to.deep.equal([3, 2, 4, 101, true]);
      for (const w of ['abc', 'whale', 'Ünïcode', '']) expect(Array.from(back.predict(w))).to.deep.equal(Array.from(model.predict(w)));
      expect(back.info).to.deep.equal(model.info);
      const bytes = model.toBytes();
      writeFileSync(file, bytes.subarray(0, bytes.length - 8));
      expect(() => MimickModel.load(file)).to.throw(
        DataError,
        /m\.mimick: Mimick model body is \d+ bytes after the header, expected 1224 \(dim 3, bucket 101\)/,
      );
      writeFileSync(file, 'hello\n');
      expect(() => MimickModel.load(file)).to.throw(DataError, /m\.mimick: not a Mimick model: the header line is not JSON/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('lowercases by default (GloVe 6B is uncased) and predicts the bias for a word without n-grams', () => {
    const m = new MimickModel(2, {bucket: 10});
    expect(Array.from(m.ngramIds('Whale'))).to.deep.equal(Array.from(m.ngramIds('whale')));
    m.bias.set([0.5, -1]);
    expect(Array.from(m.predict(''))).to.deep.equal([0.5, -1]);
  });
});
