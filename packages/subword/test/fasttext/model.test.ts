import {expect} from 'chai';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {tempDir} from '@embedlab/testing';
import {FastTextModel, fastTextVecText, formatG, readFastTextVec, vecLine, writeFastTextVec} from '../../src/index.js';
import {fixture, printedTolerance, readPrinted} from '../helpers.js';

describe('FastTextModel on a model trained by fasttext 0.9.2 (test/fixtures/moby-200k.bin)', () => {
  let model: FastTextModel;
  before(() => {
    model = FastTextModel.read(fixture('moby-200k.bin'));
  });

  it('reads the args and dictionary the tool was given', () => {
    expect(model.version).to.equal(12);
    expect(model.args).to.include({
      dim: 10,
      ws: 5,
      epoch: 1,
      minCount: 3,
      neg: 5,
      wordNgrams: 1,
      loss: 'ns',
      model: 'sg',
      bucket: 2000,
      minn: 3,
      maxn: 6,
      lrUpdateRate: 100,
    });
    expect(model.args.t).to.equal(1e-4);
    expect(model.nwords).to.equal(1561);
    expect(model.dictionary.nlabels).to.equal(0);
    expect(model.words.slice(0, 2)).to.deep.equal(['the', '</s>']);
    expect(model.input.rows).to.equal(1561 + 2000);
    expect(model.output.rows).to.equal(1561);
  });

  it('gives the vectors `fasttext print-word-vectors` printed, in-vocabulary and unseen, to the printed digits', () => {
    const printed = readPrinted('print-word-vectors.txt');
    expect(printed).to.have.length(27);
    let inVocab = 0;
    let maxDiff = 0;
    for (const [word, tokens] of printed) {
      if (model.wordId(word) >= 0) inVocab++;
      const ours = model.wordVector(word);
      expect(tokens, word).to.have.length(10);
      tokens.forEach((token, j) => {
        const diff = Math.abs((ours[j] as number) - Number(token));
        maxDiff = Math.max(maxDiff, diff);
        // The tool prints 5 significant digits: the float it printed lies within half a unit of the last.
        expect(diff, `${word}[${j}]: ours ${ours[j]}, printed ${token}`).to.be.at.most(printedTolerance(token) * (1 + 1e-9));
      });
      // Printed our way, the line is the tool's character for character.
      expect(vecLine(word, ours).trimEnd(), word).to.equal(`${word} ${tokens.join(' ')}`);
    }
    expect(inVocab, 'in-vocabulary words among the queries').to.equal(13);
    // 5 significant digits of values up to ~6 allow 5e-5; the string comparison above is the exact check.
    expect(maxDiff).to.be.below(5e-5);
  });

  it('covers the non-ASCII cases: café, naïve, 日本語 unseen, —Sir known', () => {
    for (const w of ['café', 'naïve', '日本語']) {
      expect(model.wordId(w), w).to.equal(-1);
      expect(model.subwordRows(w).length, w).to.equal(model.ngrams(w).length);
    }
    expect(model.wordId('—Sir')).to.be.at.least(0);
    expect(model.subwordRows('—Sir')[0]).to.equal(model.wordId('—Sir'));
  });

  it('averages exactly the rows print-ngrams lists, and the zero vector for a string with no n-grams', () => {
    const rows = model.subwordRows('whale');
    expect(rows[0]).to.equal(model.wordId('whale'));
    expect(rows.length).to.equal(1 + model.ngrams('whale').length);
    expect([...model.wordVector('')]).to.deep.equal(new Array(10).fill(0));
    expect([...model.wordVector('a')].some((v) => v !== 0)).to.equal(true); // in the vocabulary
    expect(model.subwordRows('</s>')).to.deep.equal([model.wordId('</s>')]);
  });

  it('gives one n-gram its own row (getSubwordVector)', () => {
    const v = model.subwordVector('<ca');
    const printed = readFileSync(fixture('print-ngrams.txt'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('<ca '));
    expect(printed).to.not.equal(undefined);
    expect(vecLine('<ca', v).trimEnd()).to.equal(printed?.trimEnd());
  });

  it('writes the .bin back byte for byte (file and memory)', () => {
    const original = readFileSync(fixture('moby-200k.bin'));
    expect(Buffer.from(model.toBytes()).equals(original)).to.equal(true);
    const out = join(tempDir('subword-bin-'), 'copy.bin');
    model.write(out);
    expect(readFileSync(out).equals(original)).to.equal(true);
    const again = FastTextModel.fromBytes(model.toBytes());
    expect(again.wordVector('whaleishness')).to.deep.equal(model.wordVector('whaleishness'));
  });

  it('gives WordVectors of the vocabulary and writes the .vec the tool wrote, byte for byte', async () => {
    const vectors = model.toWordVectors();
    expect(vectors.size).to.equal(1561);
    expect(vectors.words[0]).to.equal('the');
    expect([...(vectors.vector('whale') ?? [])]).to.deep.equal([...model.wordVector('whale')]);
    const toolVec = readFileSync(fixture('moby-200k.vec'), 'utf8');
    expect(fastTextVecText(vectors) === toolVec, "our .vec text equals the tool's").to.equal(true);
    const out = join(tempDir('subword-vec-'), 'out.vec');
    writeFastTextVec(out, vectors);
    expect(readFileSync(out, 'utf8') === toolVec).to.equal(true);
    // Read back (5 significant digits): within the printing tolerance of our floats.
    const read = await readFastTextVec(fixture('moby-200k.vec'));
    expect(read.words).to.deep.equal(vectors.words);
    for (let i = 0; i < read.data.length; i++) {
      const expected = vectors.data[i] as number;
      expect(Math.abs((read.data[i] as number) - expected)).to.be.at.most(printedTolerance(formatG(expected)) + Math.abs(expected) * 2 ** -23);
    }
  });
});
