/**
 * `exp neighbours` and `exp analogy` on a hand-made 2-d vector file whose cosines are worked out below
 * (independently of WordVectors), plus did-you-mean and exit codes.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'chai';
import {registries} from '../../src/registries.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';

// man (1,0), woman (0,1), king (1,1), queen (-0.2,1), prince (1,0.9), apple (0.6,-0.8), boy (0.8,0.6).
const ROWS: [string, number, number][] = [
  ['man', 1, 0],
  ['woman', 0, 1],
  ['king', 1, 1],
  ['queen', -0.2, 1],
  ['prince', 1, 0.9],
  ['apple', 0.6, -0.8],
  ['boy', 0.8, 0.6],
];
const cos = (a: [number, number], b: [number, number]) => (a[0] * b[0] + a[1] * b[1]) / Math.hypot(...a) / Math.hypot(...b);
const vec = (w: string): [number, number] => {
  const r = ROWS.find((x) => x[0] === w)!;
  return [r[1], r[2]];
};

describe('exp neighbours / exp analogy', () => {
  let box: Sandbox;
  let file: string;
  before(() => {
    box = sandbox({registries});
    file = join(box.dir, 'tiny-2d.txt');
    writeFileSync(file, ROWS.map(([w, x, y]) => `${w} ${x} ${y}`).join('\n') + '\n');
  });
  after(() => box.cleanup());

  it('lists the nearest words by cosine, as JSON', async () => {
    const r = await box.cli(['neighbours', file, 'man', 'woman', '--k', '3', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as {k: number; results: {word: string; neighbours: {word: string; score: number}[]}[]};
    expect(out.k).to.equal(3);
    // man: boy 0.8, prince 1/sqrt(1.81) = 0.7433, king 1/sqrt(2) = 0.7071 (apple 0.6 is fourth).
    expect(out.results[0]!.neighbours.map((n) => n.word)).to.deep.equal(['boy', 'prince', 'king']);
    out.results[0]!.neighbours.forEach((n) => expect(n.score).to.be.closeTo(cos(vec('man'), vec(n.word)), 1e-6));
    expect(out.results[0]!.neighbours[0]!.score).to.be.closeTo(0.8, 1e-6);
    // woman: queen 1/sqrt(1.04) = 0.9806, king 0.7071, prince 0.9/sqrt(1.81) = 0.6690.
    expect(out.results[1]!.neighbours.map((n) => n.word)).to.deep.equal(['queen', 'king', 'prince']);
  });

  it('prints a table by default', async () => {
    const r = await box.cli(['neighbours', file, 'man', '--k', '1']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('man:\n    1  boy                      0.8000\n');
  });

  it('a - b + c by 3CosAdd, inputs excluded: king - man + woman = queen', async () => {
    const r = await box.cli(['analogy', file, 'king', 'man', 'woman', '--k', '2', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as {protocol: string; candidates: number; answers: {word: string; score: number}[]};
    expect(out.protocol).to.match(/^3CosAdd/);
    expect(out.candidates).to.equal(7);
    // unit(king) - unit(man) + unit(woman) = (0.7071 - 1, 0.7071 + 1) = (-0.2929, 1.7071)
    const q: [number, number] = [Math.SQRT1_2 - 1, Math.SQRT1_2 + 1];
    expect(out.answers.map((a) => a.word)).to.deep.equal(['queen', 'prince']);
    expect(out.answers[0]!.score).to.be.closeTo(cos(q, vec('queen')), 1e-6);
    expect(out.answers[1]!.score).to.be.closeTo(cos(q, vec('prince')), 1e-6);
    const text = await box.cli(['analogy', file, 'king', 'man', 'woman', '--k', '1']);
    expect(text.stdout).to.match(/^king - man \+ woman \(3CosAdd.*; 7 candidate rows\):\n {4}1 {2}queen/);
  });

  it('an unknown word fails with exit code 1 and a did-you-mean', async () => {
    const r = await box.cli(['neighbours', file, 'man', 'quen']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.include(`unknown word "quen" in ${file}; did you mean "queen"?`);
    const a = await box.cli(['analogy', file, 'King', 'man', 'woman']);
    expect(a.code).to.equal(1);
    expect(a.stderr).to.include('unknown word "King"').and.include('did you mean "king"?');
    const far = await box.cli(['neighbours', file, 'xylophone']);
    expect(far.code).to.equal(1);
    expect(far.stderr).to.include('unknown word "xylophone"').and.not.include('did you mean');
  });

  it('unknown vectors get a did-you-mean; a bad --k is a usage error (exit 2)', async () => {
    const r = await box.cli(['neighbours', 'glove-6b-10d', 'man']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('did you mean "glove-6b-100d"?');
    const k = await box.cli(['neighbours', file, 'man', '--k', '0']);
    expect(k.code).to.equal(2);
  });
});
