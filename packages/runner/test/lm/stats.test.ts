/**
 * Language-model statistics: perplexity with a document bootstrap, paired loss differences per seed,
 * over seeds and across seeds (Student t), and the tables built from them.
 */
import {expect} from 'chai';
import {lmRunCells, lmSampleCells} from '../../src/lm/report-tables.js';
import {
  lossDifferences,
  lossOver,
  perplexityEstimate,
  studentTCdf,
  textMetrics,
  studentTQuantile,
  tInterval,
  type LmDocumentLosses,
  type SeedDocumentLosses,
} from '../../src/lm/stats.js';
import {pairedRows} from '../../src/paired.js';
import {reportCharts} from '../../src/report-charts.js';
import {lmPairedCells, pairedTable} from '../../src/table.js';

const seed = (s: number, sums: number[], counts: number[]): SeedDocumentLosses => ({seed: s, sums: Float64Array.from(sums), counts: Float64Array.from(counts)});
const options = {resamples: 300, seed: 9, level: 0.95};

describe('lm statistics', () => {
  it('per word and per character (hand-made): a word split in two tokens costs the sum of their nats', () => {
    // Document 1, "whale" (1 word, 5 characters) as two BPE tokens [wh][ale] with 2.0 and 0.5 nats.
    const one = textMetrics([seed(1, [2.0 + 0.5], [2])], Float64Array.of(1), Float64Array.of(5), options);
    expect(one.wordPerplexity.perplexity).to.be.closeTo(Math.exp(2.5), 1e-12);
    expect(perplexityEstimate([seed(1, [2.5], [2])], options).perplexity).to.be.closeTo(Math.exp(1.25), 1e-12); // per token
    expect(one.bitsPerChar).to.be.closeTo(2.5 / 5 / Math.LN2, 1e-12);
    // "the whale" ([the] 1.0, [Ġwh] 2.0, [ale] 0.5) and "sea" ([sea] 1.5): 5 nats over 3 words, 4 tokens, 9 + 3 characters.
    const two = textMetrics([seed(1, [3.5, 1.5], [3, 1])], Float64Array.of(2, 1), Float64Array.of(9, 3), options);
    expect(two.words).to.equal(3);
    expect(two.chars).to.equal(12);
    expect(two.wordPerplexity.perplexity).to.be.closeTo(Math.exp(5 / 3), 1e-12);
    expect(two.wordPerplexity.tokens).to.equal(3); // the bootstrap counts words here
    expect(two.bitsPerChar).to.be.closeTo(5 / 12 / Math.LN2, 1e-12);
    // At word level (one token per word) the per-word perplexity is the per-token one.
    const words = seed(1, [2.2, 1.5], [2, 1]);
    expect(textMetrics([words], Float64Array.of(2, 1), Float64Array.of(9, 3), options).wordPerplexity.perplexity).to.be.closeTo(
      perplexityEstimate([words], options).perplexity,
      1e-12,
    );
    // Two seeds: the mean of the per-word losses (geometric mean of the perplexities).
    const both = textMetrics([seed(1, [3.5, 1.5], [3, 1]), seed(2, [2.5, 0.5], [3, 1])], Float64Array.of(2, 1), Float64Array.of(9, 3), options);
    expect(both.wordPerplexity.perplexity).to.be.closeTo(Math.exp((5 / 3 + 3 / 3) / 2), 1e-12);
    expect(both.bitsPerChar).to.be.closeTo((5 / 12 + 3 / 12) / 2 / Math.LN2, 1e-12);
  });

  it('Student t quantiles and CDF match tables', () => {
    expect(studentTQuantile(0.975, 1)).to.be.closeTo(12.7062, 1e-3);
    expect(studentTQuantile(0.975, 2)).to.be.closeTo(4.3027, 1e-4);
    expect(studentTQuantile(0.975, 30)).to.be.closeTo(2.0423, 1e-4);
    expect(studentTCdf(0, 5)).to.be.closeTo(0.5, 1e-12);
    // df = 2 has a closed form: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    for (const t of [-3, -0.5, 0.7, 2.5]) expect(studentTCdf(t, 2)).to.be.closeTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-10);
  });

  it('t interval of [1, 2, 3]: mean 2, half-width 4.3027 x 1 / sqrt(3)', () => {
    const t = tInterval([1, 2, 3], 0.95);
    expect(t.mean).to.equal(2);
    expect(t.hi - t.mean).to.be.closeTo((4.30265 * 1) / Math.sqrt(3), 1e-4);
    expect(t.p).to.be.closeTo(2 * (1 - studentTCdf(2 / (1 / Math.sqrt(3)), 2)), 1e-12);
  });

  it('token-weighted loss and perplexity with an interval over documents', () => {
    const s = seed(1, [10, 30, 20], [5, 10, 5]);
    expect(lossOver(s)).to.equal(60 / 20);
    expect(lossOver(s, [1, 1])).to.equal(3);
    const e = perplexityEstimate([s], options);
    expect(e.perplexity).to.be.closeTo(Math.exp(3), 1e-12);
    expect(e.lo).to.be.at.most(e.perplexity);
    expect(e.hi).to.be.at.least(e.perplexity);
    expect(e.tokens).to.equal(20);
    // Two seeds: exp of the mean loss = geometric mean of the perplexities.
    const two = perplexityEstimate([s, seed(2, [5, 20, 15], [5, 10, 5])], options);
    expect(two.perplexity).to.be.closeTo(Math.sqrt(Math.exp(3) * Math.exp(2)), 1e-9);
  });

  it('paired differences: per common seed, mean of the seeds, across seeds; nothing for other documents', () => {
    const docs = ['a', 'b', 'c', 'd'];
    const a: LmDocumentLosses = {
      documents: docs,
      seeds: [seed(1, [4, 4, 4, 4], [2, 2, 2, 2]), seed(2, [5, 5, 5, 5], [2, 2, 2, 2]), seed(3, [4, 6, 4, 6], [2, 2, 2, 2])],
    };
    const b: LmDocumentLosses = {
      documents: docs,
      seeds: [seed(1, [6, 6, 6, 6], [2, 2, 2, 2]), seed(2, [6, 6, 6, 6], [2, 2, 2, 2]), seed(3, [8, 8, 8, 8], [2, 2, 2, 2])],
    };
    const d = lossDifferences(a, b, options);
    expect(d.map((x) => x.section)).to.deep.equal(['seed 1', 'seed 2', 'seed 3', 'mean of 3 seeds', 'across seeds']);
    expect(d[0]!.difference).to.equal(-1);
    expect(d[0]!.lo).to.equal(-1); // constant per document: every resample gives -1
    expect(d[1]!.difference).to.equal(-0.5);
    expect(d[3]!.difference).to.be.closeTo((-1 - 0.5 - 1.5) / 3, 1e-12);
    expect(d[4]).to.deep.include({over: 'seeds', n: 3});
    expect(d[4]!.difference).to.be.closeTo(-1, 1e-12);
    expect(d[4]!.hi).to.be.lessThan(0.5);
    // One common seed: just that seed.
    expect(lossDifferences(a, {documents: docs, seeds: [b.seeds[1]!]}, options).map((x) => x.section)).to.deep.equal(['seed 2']);
    expect(lossDifferences(a, {documents: ['a', 'b', 'c', 'x'], seeds: b.seeds}, options)).to.deep.equal([]);
  });

  it('pairedRows turns kept LM losses into loss-difference rows, and the LM table shows them', () => {
    const docs = ['a', 'b', 'c'];
    const kept = new Map([
      [
        'validation',
        new Map([
          ['x', {kind: 'lm' as const, result: {documents: docs, seeds: [seed(1, [3, 3, 3], [1, 1, 1]), seed(2, [3, 4, 3], [1, 1, 1])]}}],
          ['y', {kind: 'lm' as const, result: {documents: docs, seeds: [seed(1, [4, 4, 4], [1, 1, 1]), seed(2, [4, 4, 5], [1, 1, 1])]}}],
        ]),
      ],
    ]);
    const rows = pairedRows(kept, ['x', 'y'], {bootstrapSamples: 200, confidence: 0.95}, 1, new Set());
    expect(rows.filter((r) => r.metric === 'loss-difference').map((r) => r.section)).to.deep.equal(['seed 1', 'seed 2', 'mean of 2 seeds', 'across seeds']);
    expect(rows.every((r) => r.arm === 'x vs y' && r.task === 'paired' && r.exact === false)).to.equal(true);
    const cells = lmPairedCells(rows);
    expect(cells.body).to.have.length(4);
    expect(cells.body[0]!.slice(0, 2)).to.deep.equal(['x vs y', 'seed 1']);
    expect(cells.body[3]![4]).to.equal('2 seeds (t)');
    expect(pairedTable(rows)).to.include('A - B loss, nats/token');
  });

  it('report pieces: run table, samples table, perplexity and curve charts', () => {
    const arms = {
      a: {
        kind: 'language-model',
        seeds: [1, 2],
        table: {init: 'pretrained', freeze: 'pretrained-rows', source: 'glove-6b-100d', rowsFromSource: 90, coverage: 0.9, tokenCoverage: 0.95},
        projection: true,
        projectionShape: [100, 64],
        model: {vocabSize: 100, context: 64, dModel: 64, nLayers: 2, nHeads: 4, positions: 'rope', tie: false},
        parameters: 1234,
        train: {steps: 10, tokensPerStep: 1024, tokens: 10240},
        data: {vocabulary: 100},
        runs: [
          {tokensPerSecond: 1000, seconds: 60},
          {tokensPerSecond: 2000, seconds: 60},
        ],
      },
      b: {source: 'glove-6b-100d'},
    };
    const runs = lmRunCells(arms, ['a', 'b'], 'wasm');
    expect(runs.body).to.have.length(1);
    expect(runs.body[0]).to.include.members([
      'a',
      '1, 2',
      'glove-6b-100d, frozen: pretrained-rows',
      '90 rows (90.0% of words, 95.0% of tokens)',
      'yes (wte_proj 100 -> 64)',
      'd64 L2 H4 ctx 64, rope, untied head',
      '1500',
      '2.0',
      'wasm',
    ]);
    const samples = lmSampleCells(
      [
        {arm: 'b', seed: 1, prompt: 'p', mode: 'greedy', text: 'x'},
        {arm: 'a', seed: 1, prompt: 'p', mode: 'greedy', text: 'y'},
      ],
      ['a', 'b'],
    );
    expect(samples.body.map((r) => r[0])).to.deep.equal(['a', 'b']);
    const rows = [
      {arm: 'a', task: 'lm', dataset: 'validation', metric: 'perplexity', value: 100, lo: 90, hi: 110},
      {arm: 'a', task: 'lm', dataset: 'validation', section: 'seed 1', metric: 'perplexity', value: 99, lo: 90, hi: 110, detail: true},
    ];
    const curves = [
      {arm: 'a', seed: 1, step: 5, tokens: 5120, split: 'train', loss: 6},
      {arm: 'a', seed: 1, step: 5, tokens: 5120, split: 'held-out', loss: 6.5},
    ];
    const charts = reportCharts(rows, new Map([['lm-curves', curves]]), 'sub');
    expect(charts.map((c) => c.name)).to.deep.equal(['lm-perplexity', 'lm-curves']);
    const values = (charts[1]!.spec as unknown as {data: {values: {metric: string}[]}}).data.values.map((v) => v.metric);
    expect(values).to.deep.equal(['train loss', 'held-out loss', 'held-out perplexity']);
  });
});
