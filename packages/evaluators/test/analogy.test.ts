import {expect} from 'chai';
import {WordVectors} from '@embedlab/core';
import {evaluateAnalogy, evaluateAnalogyRestricts} from '../src/analogy.js';
import type {AnalogyDataset} from '../src/types.js';

const S2 = Math.SQRT1_2;

function dataset(questions: [string, string, string, string][], sections = ['s']): AnalogyDataset {
  return {
    id: 'fixture',
    sections: sections.map((name, i) => ({name, kind: i === 0 ? 'semantic' : 'syntactic'})),
    questions: questions.map(([a, b, c, d], i) => ({a, b, c, answers: [d], section: 0, line: i + 1})),
    files: [],
    duplicateQuestions: 0,
  };
}

const js = {engine: 'js' as const, bootstrap: false as const};

describe('evaluateAnalogy: rules on hand-derived fixtures', () => {
  // a=e1, b=e2, c=e3, query b-a+c = (-1, 1, 1). 'C' (a case variant of c) scores 1.8/(|q| 1.183) = 0.878,
  // 'd' 1.5/(|q| 1.118) = 0.775, so the answer depends on whether the variant may be predicted.
  const variantVectors = WordVectors.fromEntries([
    ['a', [1, 0, 0]],
    ['b', [0, 1, 0]],
    ['c', [0, 0, 1]],
    ['C', [-0.2, 0.6, 1]],
    ['d', [0, 0.5, 1]],
    ['e', [0, -1, 0]],
  ]);
  const q = dataset([['a', 'b', 'c', 'd']]);

  it('exclusion by string drops case variants of the question words (gensim): d', async () => {
    const r = await evaluateAnalogy(variantVectors, q, {caseFolding: 'upper', exclusion: 'string', restrict: null}, js);
    expect(r.records![0]!.predicted).to.equal('d');
    expect(r.overall.correct).to.equal(1);
  });

  it('exclusion by row index lets a case variant win (word2vec, GloVe): C, counted wrong', async () => {
    const r = await evaluateAnalogy(variantVectors, q, {caseFolding: 'upper', exclusion: 'index', restrict: null, searchDepth: null}, js);
    expect(r.records![0]!.predicted).to.equal('C');
    expect(r.overall.correct).to.equal(0);
  });

  it('gensim search depth: with all top-k taken by excluded variants the question is wrong', async () => {
    // Only 'C' outranks 'd' among non-query rows, so depth 1 fails and depth 2 succeeds.
    const d1 = await evaluateAnalogy(variantVectors, q, {caseFolding: 'upper', restrict: null, searchDepth: 1}, js);
    const d2 = await evaluateAnalogy(variantVectors, q, {caseFolding: 'upper', restrict: null, searchDepth: 2}, js);
    expect([d1.overall.correct, d2.overall.correct]).to.deep.equal([0, 1]);
  });

  // Case-folding collision: 'up' folds onto 'Up' (row 0, first wins) under upper folding.
  // upper: query k - (0,1,0) + m = (0.707, -0.293, 1): r1 scores 1.207, r2 0.5 (times 1/|q|).
  // none:  query k - (1,0,0) + m = (-0.293, 0.707, 1): r1 0.5, r2 1.207.
  const collision = WordVectors.fromEntries([
    ['Up', [0, 1, 0]],
    ['up', [1, 0, 0]],
    ['k', [0, 0, 1]],
    ['m', [S2, S2, 0]],
    ['r1', [1, 0, 1]],
    ['r2', [0, 1, 1]],
  ]);
  const cq = dataset([['up', 'k', 'm', 'r1']]);

  it('case folding: the first (most frequent) variant supplies the vector', async () => {
    const upper = await evaluateAnalogy(collision, cq, {caseFolding: 'upper', restrict: null}, js);
    const none = await evaluateAnalogy(collision, cq, {caseFolding: 'none', restrict: null}, js);
    expect(upper.records![0]!.predicted).to.equal('r1');
    expect(none.records![0]!.predicted).to.equal('r2');
    expect([upper.overall.correct, none.overall.correct]).to.deep.equal([1, 0]);
  });

  it('lower folding maps mixed-case questions onto lower-case vocabulary', async () => {
    const v = WordVectors.fromEntries([
      ['a', [1, 0, 0]],
      ['b', [0, 1, 0]],
      ['c', [0, 0, 1]],
      ['d', [-1, 1, 1]],
    ]);
    const r = await evaluateAnalogy(v, dataset([['A', 'B', 'C', 'D']]), {caseFolding: 'lower', restrict: null}, js);
    const n = await evaluateAnalogy(v, dataset([['A', 'B', 'C', 'D']]), {caseFolding: 'none', restrict: null}, js);
    expect(r.overall.correct).to.equal(1);
    expect(n.overall).to.include({evaluated: 0, oov: 1});
  });

  const basic = WordVectors.fromEntries([
    ['a', [1, 0, 0]],
    ['b', [0, 1, 0]],
    ['c', [0, 0, 1]],
    ['d', [-1, 1, 1]],
    ['far', [1, -1, -1]],
  ]);
  const oovSet = dataset([
    ['a', 'b', 'c', 'd'],
    ['a', 'b', 'c', 'zzz'],
    ['qqq', 'b', 'c', 'd'],
  ]);

  it('OOV skip leaves questions out of the denominator; wrong keeps them as errors (dummy4unknown)', async () => {
    const skip = await evaluateAnalogy(basic, oovSet, {oov: 'skip', restrict: null}, js);
    const wrong = await evaluateAnalogy(basic, oovSet, {oov: 'wrong', restrict: null}, js);
    expect(skip.overall).to.include({correct: 1, evaluated: 1, total: 3, oov: 2, accuracy: 1});
    expect(skip.overall.coverage).to.be.closeTo(1 / 3, 1e-12);
    expect(wrong.overall).to.include({correct: 1, evaluated: 3, total: 3, oov: 2});
    expect(wrong.overall.accuracy).to.be.closeTo(1 / 3, 1e-12);
    expect(skip.records!.map((x) => x.status)).to.deep.equal(['answered', 'oov', 'oov']);
  });

  it('restrict N makes words beyond row N unknown and removes them as candidates', async () => {
    // With restrict 3, 'd' (row 3) is outside: the question is skipped.
    const [r3, r5] = await evaluateAnalogyRestricts(basic, dataset([['a', 'b', 'c', 'd']]), {restrict: null}, [3, 5], js);
    expect(r3!.overall).to.include({evaluated: 0, oov: 1});
    expect(r3!.restrict).to.equal(3);
    expect(r5!.overall).to.include({evaluated: 1, correct: 1});
  });

  it('ties: the lower row wins', async () => {
    const twin = [-1, 1, 1];
    const first = WordVectors.fromEntries([
      ['a', [1, 0, 0]],
      ['b', [0, 1, 0]],
      ['c', [0, 0, 1]],
      ['x', twin],
      ['y', twin],
    ]);
    const second = WordVectors.fromEntries([
      ['a', [1, 0, 0]],
      ['b', [0, 1, 0]],
      ['c', [0, 0, 1]],
      ['y', twin],
      ['x', twin],
    ]);
    for (const arithmetic of ['gensim', 'float32', 'float64'] as const) {
      const r1 = await evaluateAnalogy(first, dataset([['a', 'b', 'c', 'x']]), {restrict: null, arithmetic}, js);
      const r2 = await evaluateAnalogy(second, dataset([['a', 'b', 'c', 'x']]), {restrict: null, arithmetic}, js);
      expect([r1.records![0]!.predicted, r2.records![0]!.predicted], arithmetic).to.deep.equal(['x', 'y']);
    }
  });

  // a=e1, b=e2, c=e3 in 4-d. x1: cos to (a, b, c) = (0, 0.9, 0.1): 3CosAdd 1.0 (best),
  // 3CosMul 0.95*0.55/0.5 = 1.045. x2: (0, 0.5, 0.45): 3CosAdd 0.95, 3CosMul 0.75*0.725/0.5 = 1.0875 (best).
  const mul = WordVectors.fromEntries([
    ['a', [1, 0, 0, 0]],
    ['b', [0, 1, 0, 0]],
    ['c', [0, 0, 1, 0]],
    ['x1', [0, 0.9, 0.1, Math.sqrt(0.18)]],
    ['x2', [0, 0.5, 0.45, Math.sqrt(0.5475)]],
  ]);
  const mq = dataset([['a', 'b', 'c', 'x2']]);

  for (const arithmetic of ['gensim', 'float32', 'float64'] as const) {
    it(`3CosMul and 3CosAdd disagree where hand computation says (${arithmetic})`, async () => {
      const add = await evaluateAnalogy(mul, mq, {method: '3CosAdd', restrict: null, arithmetic}, js);
      const cm = await evaluateAnalogy(mul, mq, {method: '3CosMul', restrict: null, arithmetic}, js);
      expect(add.records![0]!.predicted).to.equal('x1');
      expect(cm.records![0]!.predicted).to.equal('x2');
    });
  }

  it("3CosMul's epsilon matters when a candidate is opposite to a", async () => {
    // y: cos to (a, b, c) = (-1, 0, 0) -> (0.5*0.5)/(0 + eps): huge for small eps. z: (0, 0.6, 0.6) -> 0.8*0.8/0.5 = 1.28.
    const v = WordVectors.fromEntries([
      ['a', [1, 0, 0, 0]],
      ['b', [0, 1, 0, 0]],
      ['c', [0, 0, 1, 0]],
      ['y', [-1, 0, 0, 0]],
      ['z', [0, 0.6, 0.6, Math.sqrt(0.28)]],
    ]);
    const small = await evaluateAnalogy(v, dataset([['a', 'b', 'c', 'z']]), {method: '3CosMul', cosMulEpsilon: 1e-6, restrict: null}, js);
    const big = await evaluateAnalogy(v, dataset([['a', 'b', 'c', 'z']]), {method: '3CosMul', cosMulEpsilon: 1, restrict: null}, js);
    // eps 1e-6: y = 0.25/1e-6 wins. eps 1: y = 0.25/1 = 0.25, z = 0.64/1.5 = 0.427 wins.
    expect([small.records![0]!.predicted, big.records![0]!.predicted]).to.deep.equal(['y', 'z']);
  });

  it('PairDirection picks the candidate whose offset from c points along b - a', async () => {
    // b - a = (-1, 1, 0). p: p - c = (-1, 1, 0) exactly (cos 1); n is nearer c but points elsewhere.
    const v = WordVectors.fromEntries([
      ['a', [1, 0, 0]],
      ['b', [0, 1, 0]],
      ['c', [0, 0, 1]],
      ['n', [0.1, 0.1, 1]],
      ['p', [-1, 1, 1]],
    ]);
    const pd = await evaluateAnalogy(v, dataset([['a', 'b', 'c', 'p']]), {method: 'PairDirection', restrict: null, arithmetic: 'float64'}, js);
    expect(pd.records![0]!.predicted).to.equal('p');
  });

  it('reports semantic/syntactic splits, per-section counts and gold ranks', async () => {
    const ds = dataset(
      [
        ['a', 'b', 'c', 'd'],
        ['a', 'b', 'c', 'far'],
      ],
      ['sem', 'syn'],
    );
    ds.questions[1]!.section = 1;
    const r = await evaluateAnalogy(basic, ds, {restrict: null}, {...js, ranks: true});
    expect(r.semantic).to.deep.equal({correct: 1, evaluated: 1, accuracy: 1});
    expect(r.syntactic).to.deep.equal({correct: 0, evaluated: 1, accuracy: 0});
    expect(r.sections.map((s) => s.section)).to.deep.equal(['sem', 'syn']);
    // 'far' = -(d): the only other allowed candidate 'd' outranks it.
    expect(r.records!.map((x) => x.goldRank)).to.deep.equal([1, 2]);
    expect(r.protocolHash).to.match(/^[0-9a-f]{16}$/);
    expect(JSON.parse(JSON.stringify(r))).to.deep.equal(r);
  });

  it('bootstrap intervals for overall, semantic/syntactic and every section', async () => {
    const ds = dataset(
      [
        ['a', 'b', 'c', 'd'],
        ['a', 'b', 'c', 'far'],
      ],
      ['sem', 'syn'],
    );
    ds.questions[1]!.section = 1;
    const r = await evaluateAnalogy(basic, ds, {restrict: null}, {engine: 'js', bootstrap: {seed: 3, resamples: 40}});
    expect([r.overall.interval!.resamples, r.semantic!.interval!.seed]).to.deep.equal([40, 3]);
    // One question per section: every resample of section 'sem' is all-correct, of 'syn' all-wrong.
    expect([r.sections[0]!.interval!.low, r.sections[0]!.interval!.high, r.sections[1]!.interval!.high]).to.deep.equal([1, 1, 0]);
  });

  it('the tfjs engine gives the same answers as the plain TypeScript engine', async () => {
    const a = await evaluateAnalogy(variantVectors, q, {caseFolding: 'upper', restrict: null}, {bootstrap: false, engine: 'js'});
    const b = await evaluateAnalogy(variantVectors, q, {caseFolding: 'upper', restrict: null}, {bootstrap: false, engine: 'tfjs'});
    expect(b.records).to.deep.equal(a.records);
    expect(b.engine.name).to.match(/^tfjs-/);
  });
});

describe('evaluateAnalogy: concurrency', () => {
  it('concurrent evaluations on different vectors do not mix their question words', async () => {
    const v1 = WordVectors.fromEntries([
      ['a', [1, 0, 0]],
      ['b', [0, 1, 0]],
      ['c', [0, 0, 1]],
      ['d', [-1, 1, 1]],
      ['e', [1, -1, -1]],
    ]);
    const v2 = WordVectors.fromEntries([
      ['a', [1, 0, 0]],
      ['b', [0, 1, 0]],
      ['c', [0, 0, 1]],
      ['e', [-1, 1, 1]],
      ['d', [1, -1, -1]],
    ]);
    const ds: AnalogyDataset = {
      id: 'c',
      sections: [{name: 's'}],
      questions: [{a: 'a', b: 'b', c: 'c', answers: ['d'], section: 0, line: 1}],
      files: [],
      duplicateQuestions: 0,
    };
    const [r1, r2] = await Promise.all([
      evaluateAnalogy(v1, ds, {restrict: null}, {bootstrap: false}),
      evaluateAnalogy(v2, ds, {restrict: null}, {bootstrap: false}),
    ]);
    expect([r1.records![0]!.predicted, r2.records![0]!.predicted]).to.deep.equal(['d', 'e']);
  });
});
