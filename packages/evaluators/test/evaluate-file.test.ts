import {expect} from 'chai';
import {createHash} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ArgumentError, DataError, ResourceError, WordVectors} from '@embedlab/core';
import {evaluateAnalogy} from '../src/analogy.js';
import {evaluateSimilarity} from '../src/similarity.js';
import {evaluateWordAnalogies, evaluateWordPairs, loadSimilarityFile} from '../src/evaluate-file.js';

// Cosines: (a,b) 0.7071, (a,c) 0, (b,c) 0.7071 (a tie) -> with gold 3, 1, 2 Spearman = 1.5 / sqrt(3) (see
// similarity.test.ts for the ranks).
const vectors = WordVectors.fromEntries([
  ['a', [1, 0]],
  ['b', [1, 1]],
  ['c', [0, 1]],
  ['d', [-1, 0]],
]);

describe('evaluate a benchmark file by path (gensim evaluate_word_pairs / evaluate_word_analogies)', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'embedlab-eval-file-'))));
  after(() => rmSync(dir, {recursive: true, force: true}));

  it('evaluateWordPairs: Spearman by hand, OOV pair dropped and counted, file recorded with its sha256', () => {
    const text = '# a comment, skipped as gensim does\na\tb\t3\na\tc\t1\nb\tc\t2\na\tzz\t5\n';
    const path = join(dir, 'pairs.tsv');
    writeFileSync(path, text);
    const r = evaluateWordPairs(vectors, path, {restrict: null, caseFolding: 'none'}, {bootstrap: false});
    expect(r.spearman).to.be.closeTo(1.5 / Math.sqrt(3), 1e-12);
    expect(r).to.include({dataset: 'pairs', pairsTotal: 4, pairsUsed: 3, oovPairs: 1, coverage: 0.75});
    expect(r.files[0]!.sha256).to.equal(createHash('sha256').update(text).digest('hex'));
  });

  it('reads comma and space separated files alike (separator auto)', () => {
    for (const [name, sep] of [
      ['c.csv', ','],
      ['s.txt', '  '],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, `a${sep}b${sep}3\na${sep}c${sep}1\nb${sep}c${sep}2\n`);
      expect(evaluateWordPairs(vectors, path, {restrict: null}, {bootstrap: false}).spearman).to.be.closeTo(1.5 / Math.sqrt(3), 1e-12);
    }
  });

  it('a bad line is a DataError naming the file and line', () => {
    const path = join(dir, 'bad.tsv');
    writeFileSync(path, 'a\tb\t3\na\tc\tseven\n');
    expect(() => loadSimilarityFile(path))
      .to.throw(DataError)
      .with.property('message')
      .that.matches(/bad\.tsv.*2/);
  });

  it('evaluateWordAnalogies: a - b + c answered by hand, per section', async () => {
    // a : b :: d : ?  ->  b^ - a^ + d^ = (0.707 - 1 - 1, 0.707) = (-1.293, 0.707). Candidates (inputs
    // excluded): c (0, 1) scores 0.707, e (0.6, 0.8) scores -0.776 + 0.566 < 0: c is predicted.
    const v = WordVectors.fromEntries([
      ['a', [1, 0]],
      ['b', [1, 1]],
      ['c', [0, 1]],
      ['d', [-1, 0]],
      ['e', [0.6, 0.8]],
    ]);
    const path = join(dir, 'questions.txt');
    writeFileSync(path, ': right\na b d c\n: wrong\na b d e\n');
    const r = await evaluateWordAnalogies(v, path, {restrict: null, caseFolding: 'none'}, {bootstrap: false});
    expect(r.sections.map((s) => [s.section, s.correct, s.evaluated])).to.deep.equal([
      ['right', 1, 1],
      ['wrong', 0, 1],
    ]);
    expect(r.overall).to.include({correct: 1, evaluated: 2, accuracy: 0.5});
  });
});

describe('evaluators refuse wrong arguments with typed errors', () => {
  it('vectors that are not WordVectors, datasets of the wrong kind, a missing file', async () => {
    const ds = {id: 'x', pairs: [], files: [], scoreRange: [0, 1] as [number, number], duplicatePairs: 0, reversedPairs: 0};
    expect(() => evaluateSimilarity({words: ['a']} as never, ds)).to.throw(ArgumentError, /^vectors must be a WordVectors \(got an object\)/);
    expect(() => evaluateSimilarity(vectors, null as never)).to.throw(ArgumentError, /^dataset must be a SimilarityDataset/);
    let err: unknown;
    await evaluateAnalogy(vectors, ds as never).catch((e: unknown) => (err = e));
    expect(err)
      .to.be.instanceOf(ArgumentError)
      .with.property('message')
      .that.matches(/^dataset must be an AnalogyDataset/);
    expect(() => evaluateWordPairs(vectors, join(tmpdir(), 'embedlab-no-such-file.tsv'))).to.throw(ResourceError, /embedlab-no-such-file\.tsv: no such file/);
  });
});
