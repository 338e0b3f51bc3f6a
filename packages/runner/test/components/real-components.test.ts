/**
 * The wired components end to end on tiny inputs whose results are worked out by hand
 * (test/fixtures/tiny-*.txt): `exp run` with the real registries into a temp folder.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'chai';
import {registries} from '../../src/registries.js';
import {FIXTURES, sandbox, type Sandbox} from '../helpers/run-cli.js';

describe('wired components on tiny fixtures', () => {
  let box: Sandbox;
  before(() => (box = sandbox({registries, experimentsDir: join(FIXTURES, 'experiments-real')})));
  after(() => box.cleanup());

  let numbers: Record<string, number>;
  it('runs tiny-real end to end', async () => {
    const r = await box.cli(['run', 'tiny-real']);
    expect(r.code, r.stderr).to.equal(0);
    numbers = JSON.parse(readFileSync(join(box.reportsDir, 'tiny-real', 'summary.json'), 'utf8')).numbers;
  });

  it('google-analogy: 2 of 3 answerable questions right, 1 of 4 skipped (hand-derived)', () => {
    // man:woman::king:? -> queen (right); king:queen::man:? -> woman (right); man:king::woman:? -> queen,
    // gold apple (wrong); the 4th question has "pear", not in the vocabulary: skipped.
    expect(numbers['tiny/analogy/tiny-analogy/overall/correct']).to.equal(2);
    expect(numbers['tiny/analogy/tiny-analogy/overall/evaluated']).to.equal(3);
    expect(numbers['tiny/analogy/tiny-analogy/overall/accuracy']).to.equal(2 / 3);
    expect(numbers['tiny/analogy/tiny-analogy/overall/coverage']).to.equal(3 / 4);
    expect(numbers['tiny/analogy/tiny-analogy/family/accuracy']).to.equal(2 / 3);
    const lo = numbers['tiny/analogy/tiny-analogy/overall/accuracy:lo']!,
      hi = numbers['tiny/analogy/tiny-analogy/overall/accuracy:hi']!;
    expect(lo).to.be.within(0, 2 / 3);
    expect(hi).to.be.within(2 / 3, 1);
  });

  it('similarity: model order equals human order (rho = 1) over the 3 known pairs', () => {
    // cos(king, queen) = 0.76/1.01 > cos(man, woman) = 0.13/0.38 > cos(king, apple) < 0; humans 9 > 8 > 1.
    expect(numbers['tiny/similarity/tiny-similarity/spearman']).to.equal(1);
    expect(numbers['tiny/similarity/tiny-similarity/coverage']).to.equal(3 / 4);
    expect(numbers['noise/similarity/tiny-similarity/coverage']).to.equal(3 / 4); // random arm: same words
  });

  it('reproduce passes on the untouched report', async () => {
    const r = await box.cli(['reproduce', 'tiny-real', '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
  });
});
