import {expect} from 'chai';
import {readFileSync} from 'node:fs';
import {ArgumentError, createRng} from '@embedlab/core/data';
import {FastTextModel, buildFastTextDictionary, fastTextHash, forEachToken, trainFastText} from '../../src/index.js';
import {join} from 'node:path';
import {expectThrows, tempDir} from '@embedlab/testing';
import {fixture} from '../helpers.js';

describe('fastText dictionary from raw text', () => {
  it('reads words between whitespace bytes and turns every newline into </s>', async () => {
    const tokens: string[] = [];
    forEachToken(new TextEncoder().encode('a  b\nc\r\n\n\tcafé\u0000d'), (t) => tokens.push(t));
    expect(tokens).to.deep.equal(['a', 'b', '</s>', 'c', '</s>', '</s>', 'café', 'd']);
  });

  it('is the dictionary fasttext 0.9.2 built from the same text (moby-50k.txt, minCount 2)', async () => {
    const tool = FastTextModel.read(fixture('moby-50k-dict.bin')).dictionary;
    const ours = buildFastTextDictionary([readFileSync(fixture('moby-50k.txt'))], {minCount: 2});
    expect(ours.ntokens).to.equal(tool.ntokens);
    expect(ours.nwords).to.equal(tool.nwords);
    expect(ours.nlabels).to.equal(0);
    expect(ours.counts).to.deep.equal(tool.counts); // both by descending count
    // Equal counts may come in another order (fastText's std::sort is not stable): compare per count.
    const byCount = (d: typeof ours) => {
      const m = new Map<number, string[]>();
      d.entries.forEach((w, i) => m.set(d.counts[i] as number, [...(m.get(d.counts[i] as number) ?? []), w]));
      return [...m].map(([c, ws]) => [c, ws.sort()]);
    };
    expect(byCount(ours)).to.deep.equal(byCount(tool));
  });
});

describe('trainFastText', () => {
  const corpus = {files: [fixture('moby-50k.txt')]};
  const small = {dim: 10, epoch: 5, bucket: 1000, minCount: 2, seed: 3};

  it('learns (mean loss falls) and writes a .bin that reads back to the same model', async () => {
    const {model, history} = await trainFastText(corpus, small);
    expect(history).to.have.length(5);
    expect(history[0]!.loss - history[4]!.loss).to.be.greaterThan(0.5);
    expect(history.every((h) => h.tokens > 8000 && h.examples > 0)).to.equal(true);
    expect(model.args).to.include({dim: 10, model: 'sg', loss: 'ns', bucket: 1000, minn: 3, maxn: 6, minCount: 2, epoch: 5});
    expect(model.input.rows).to.equal(model.nwords + 1000);
    const back = FastTextModel.fromBytes(model.toBytes());
    expect(back.wordVector('whaleishness')).to.deep.equal(model.wordVector('whaleishness'));
    const path = join(tempDir('subword-train-'), 'trained.bin'); // matrices on shared memory, written from it
    model.write(path);
    expect(readFileSync(path).equals(Buffer.from(model.toBytes()))).to.equal(true);
    expect([...model.wordVector('whaleishness')].some((v) => v !== 0)).to.equal(true);
  });

  it('is deterministic for a seed, and another seed gives other vectors', async () => {
    const a = (await trainFastText(corpus, {...small, epoch: 1})).model.toBytes();
    const b = (await trainFastText(corpus, {...small, epoch: 1})).model.toBytes();
    const c = (await trainFastText(corpus, {...small, epoch: 1, seed: 4})).model.toBytes();
    expect(Buffer.from(a).equals(Buffer.from(b))).to.equal(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).to.equal(false);
  });

  it('gives bit-identical models with the WebAssembly and the TS kernel', async () => {
    const wasm = await trainFastText(corpus, {...small, dim: 12, epoch: 2, kernel: 'wasm'});
    const ts = await trainFastText(corpus, {...small, dim: 12, epoch: 2, kernel: 'ts'});
    expect([wasm.kernel, ts.kernel]).to.deep.equal(['wasm', 'ts']);
    expect(Buffer.from(wasm.model.toBytes()).equals(Buffer.from(ts.model.toBytes()))).to.equal(true);
    expect((await trainFastText(corpus, {...small, dim: 10, epoch: 1})).kernel).to.equal('ts'); // dim not a multiple of 4
    await expectThrows(() => trainFastText(corpus, {...small, dim: 10, kernel: 'wasm'}), 'dim a multiple of 4 (dim is 10)');
  });

  for (const model of ['sg', 'cbow'] as const) {
    it(`does the updates of Model::update by hand on "a b\\n" (${model}, ws 1, no negatives, no subsampling)`, async () => {
      const dim = 2,
        bucket = 4,
        lr = 0.1;
      const trained = (
        await trainFastText({texts: ['a b']}, {model, dim, bucket, minCount: 1, ws: 1, neg: 0, t: 1, epoch: 1, lrUpdateRate: 1, minn: 3, maxn: 3, lr, seed: 9})
      ).model;
      expect(trained.words).to.deep.equal(['a', 'b', '</s>']);
      expect(trained.args.model).to.equal(model);
      // Start: input uniform in [-1/dim, 1/dim] from the seeded stream, output zero.
      const rng = createRng(9);
      const wi = Array.from({length: (3 + bucket) * dim}, () => -1 / dim + (2 / dim) * rng.float());
      const wo = new Array<number>(3 * dim).fill(0);
      const rowsOf = (w: number) => (w === 2 ? [w] : [w, 3 + (fastTextHash(`<${trained.words[w]}>`) % bucket)]);
      const sigmoid = (x: number) => {
        const i = Math.trunc(((x + 8) * 512) / 8 / 2);
        return 1 / (1 + Math.exp(-((i * 16) / 512 - 8)));
      };
      // One line, a b </s>, window 1, all at lr (no decay yet). sg: the centre's rows predict each
      // neighbour; cbow: the neighbours' rows together predict the centre.
      const examples: [number[], number][] =
        model === 'sg'
          ? [
              [rowsOf(0), 1],
              [rowsOf(1), 0],
              [rowsOf(1), 2],
              [rowsOf(2), 1],
            ]
          : [
              [rowsOf(1), 0],
              [[...rowsOf(0), ...rowsOf(2)], 1],
              [rowsOf(1), 2],
            ];
      for (const [rows, target] of examples) {
        const hidden = [0, 1].map((j) => rows.reduce((s, r) => s + wi[r * dim + j]!, 0) / rows.length);
        const score = sigmoid(hidden[0]! * wo[target * dim]! + hidden[1]! * wo[target * dim + 1]!);
        const alpha = lr * (1 - score);
        const grad = [0, 1].map((j) => alpha * wo[target * dim + j]!);
        for (const j of [0, 1]) wo[target * dim + j]! += alpha * hidden[j]!;
        for (const r of rows) for (const j of [0, 1]) wi[r * dim + j]! += grad[j]!; // full gradient to every row
      }
      [...trained.output.data].forEach((v, i) => expect(v).to.be.closeTo(wo[i]!, 1e-6));
      [...trained.input.data].forEach((v, i) => expect(v).to.be.closeTo(wi[i]!, 1e-6));
      expect(trained.output.data[2 * dim]).to.not.equal(0); // </s> was a target
    });
  }

  it('trains CBOW too, bit-identical on both kernels', async () => {
    const wasm = await trainFastText(corpus, {...small, model: 'cbow', dim: 12, epoch: 3, kernel: 'wasm'});
    const ts = await trainFastText(corpus, {...small, model: 'cbow', dim: 12, epoch: 3, kernel: 'ts'});
    expect(Buffer.from(wasm.model.toBytes()).equals(Buffer.from(ts.model.toBytes()))).to.equal(true);
    expect(wasm.model.args.model).to.equal('cbow');
    expect(wasm.history[0]!.loss - wasm.history[2]!.loss).to.be.greaterThan(0.3);
    expect(FastTextModel.fromBytes(wasm.model.toBytes()).args.model).to.equal('cbow');
  });

  it('trains with Hogwild worker threads (each from its own start, one shared token count)', async function () {
    this.timeout(60_000);
    const one = await trainFastText(corpus, {...small, dim: 12, epoch: 3});
    const two = await trainFastText(corpus, {...small, dim: 12, epoch: 3, threads: 2});
    expect([one.threads, two.threads, two.kernel]).to.deep.equal([1, 2, 'wasm']);
    const ntokens = two.model.dictionary.ntokens;
    const read = two.history.reduce((n, h) => n + h.tokens, 0);
    expect(two.history).to.have.length(3);
    expect(read)
      .to.be.at.least(3 * ntokens)
      .and.below(3 * ntokens + 2 * (1025 + 100) + 2); // each thread stops at the shared budget
    expect(two.history[0]!.loss - two.history[2]!.loss).to.be.greaterThan(0.5);
    expect(Math.abs(two.history[2]!.loss - one.history[2]!.loss)).to.be.below(0.3);
    const ts = await trainFastText(corpus, {...small, dim: 10, epoch: 1, threads: 2});
    expect([ts.kernel, ts.threads]).to.deep.equal(['ts', 2]);
  });

  it('refuses bad options and a corpus with nothing to train', async () => {
    expect(await expectThrows(() => trainFastText(corpus, {...small, dim: 0}), 'fastText option dim must be an integer >= 1 (got 0)')).to.be.instanceOf(
      ArgumentError,
    );
    expect(await expectThrows(() => trainFastText(corpus, {...small, minn: 7}), 'minn')).to.be.instanceOf(ArgumentError);
    expect(await expectThrows(() => trainFastText(corpus, {...small, model: 'sup' as 'sg'}), "model must be 'sg' or 'cbow'")).to.be.instanceOf(ArgumentError);
    expect(await expectThrows(() => trainFastText(corpus, {...small, seed: undefined as unknown as number}), 'seed')).to.be.instanceOf(ArgumentError);
    expect(
      await expectThrows(() => trainFastText({texts: ['a b']}, {...small, minCount: 5}), 'no word of the corpus occurs minCount = 5 times'),
    ).to.be.instanceOf(ArgumentError);
  });
});
