/**
 * `continued-sgns` vectors: start from a pretrained source's rows and continue with skip-gram negative
 * sampling (@embedlab/optimizers trainWord2Vec) on packaged corpora. Only words that are both in the
 * source and frequent enough in the corpora are trained; every other row stays as it was, so the result
 * keeps the source's vocabulary and row order (restrict and coverage are unchanged). Adds per-epoch loss
 * rows, drift rows (cosine to the start and k-NN overlap, by corpus-frequency bucket) and a drift artifact.
 */
import {Vocabulary, WordVectors, deriveSeed} from '@embedlab/core';
import {CORPUS_NAMES, openCorpus, tokenize} from '@embedlab/corpora';
import {cosineDrift, measureDrift, trainWord2Vec} from '@embedlab/optimizers';
import {z} from 'zod';
import type {MetricRow} from '../metric-row.js';
import type {VectorsBuilder} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {knownWordSentences} from './sgns.js';
import {loadSource, vectorSourceParam} from './vector-source.js';

export const continuedSgnsParams = z.object({
  /** Starting vectors (a named source or a file). */
  source: vectorSourceParam,
  corpora: z.array(z.enum(CORPUS_NAMES)).min(1).default(['sotu', 'moby-dick', 'spam-assassin', 'wordnet-glosses']),
  /** Corpus words seen fewer times are not trained. */
  minCount: z.number().int().positive().default(5),
  epochs: z.number().int().positive().default(2),
  window: z.number().int().positive().default(5),
  negative: z.number().int().nonnegative().default(5),
  sample: z.number().nonnegative().default(1e-3),
  /** Start learning rate (linear decay to minAlpha); lower than word2vec's 0.025 so GloVe rows are nudged, not replaced. */
  alpha: z.number().positive().default(0.01),
  minAlpha: z.number().nonnegative().default(1e-4),
  /** 1 = deterministic (same seed, same vectors); more = Hogwild threads, faster, not bit-reproducible. */
  threads: z.number().int().positive().default(1),
  /** Nearest neighbours compared in the drift k-NN overlap, and words sampled per frequency bucket. */
  driftK: z.number().int().positive().default(10),
  driftSamplePerBucket: z.number().int().positive().default(200),
});

export const continuedSgns = defineComponent({
  kind: 'vectors',
  name: 'continued-sgns',
  summary: 'continue skip-gram negative sampling from pretrained rows on packaged corpora (drift recorded)',
  params: continuedSgnsParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const source = await loadSource(ctx, p.source);
      const corpusName = 'corpora'; // the list is in the config and meta.json
      // 1. Corpora -> token lists; counts of words the source knows.
      const docs: string[][] = [];
      const counts = new Map<string, number>();
      const reading = ctx.progress.start(`read ${corpusName}`, 0, 'documents');
      for (const name of p.corpora) {
        const corpus = openCorpus(name, `${ctx.path}.corpora`);
        ctx.recordInput('corpus', name, {...corpus.provenance});
        for await (const doc of corpus) {
          const tokens = tokenize(doc.text);
          docs.push(tokens);
          for (const t of tokens) if (source.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
          reading.tick();
        }
      }
      reading.done();
      const vocab = Vocabulary.fromCounts(counts, {minCount: p.minCount});
      const sentences = knownWordSentences(vocab, docs);
      const tokens = sentences.reduce((s, x) => s + x.length, 0);
      ctx.log(`continued-sgns: ${docs.length} documents, ${tokens} tokens of ${vocab.size} trained words (minCount ${p.minCount})`);

      // 2. Start rows = the source's rows of the trained words, in vocabulary order.
      const dim = source.dim;
      const sourceRow = Int32Array.from(vocab.tokens, (t) => source.indexOf(t));
      const initial = new Float32Array(vocab.size * dim); // [V_train, dim]
      sourceRow.forEach((r, i) => initial.set(source.row(r), i * dim));

      // 3. Train.
      const rows: Omit<MetricRow, 'arm'>[] = [];
      const training = ctx.progress.start('continued-sgns', p.epochs, 'epochs');
      const result = await trainWord2Vec(sentences, vocab, {
        mode: 'sg',
        dim,
        window: p.window,
        negative: p.negative,
        sample: p.sample,
        alpha: p.alpha,
        minAlpha: p.minAlpha,
        epochs: p.epochs,
        seed: deriveSeed(ctx.seed, 'word2vec'),
        threads: p.threads,
        initialInput: initial,
        onEpochEnd: (record) => {
          training.tick();
          ctx.log(`continued-sgns epoch ${record.epoch}: mean loss ${record.meanLoss.toFixed(4)}, ${Math.round(record.wordsPerSecond)} words/s`);
          rows.push({task: 'training', dataset: corpusName, metric: 'mean-loss', value: record.meanLoss, epoch: record.epoch});
        },
      });
      training.done();

      // 4. Full table: the source with the trained rows written back.
      const data = Float32Array.from(source.data); // [V_source, dim]
      const trained = result.vectors;
      for (let i = 0; i < trained.size; i++) {
        const r = source.indexOf(trained.words[i] as string);
        data.set(trained.row(i), r * dim);
      }
      const vectors = new WordVectors(source.words, data, dim, {
        meta: {source: 'continued-sgns', from: p.source, corpora: p.corpora, ...trained.meta},
        checkFinite: false,
      });

      // 5. Drift over the trained words (vocabulary order = corpus frequency rank).
      const after = new Float32Array(vocab.size * dim);
      for (let i = 0; i < trained.size; i++) after.set(trained.row(i), vocab.id(trained.words[i] as string)! * dim);
      const drift = measureDrift(
        {data: initial, dim},
        {data: after, dim},
        {k: p.driftK, samplePerBucket: p.driftSamplePerBucket, seed: deriveSeed(ctx.seed, 'drift')},
      );
      const at = {task: 'drift', dataset: corpusName};
      rows.push({...at, section: 'overall', metric: 'mean-cosine', value: drift.overall.cosine.mean, n: drift.overall.cosine.count});
      rows.push({...at, section: 'overall', metric: 'median-cosine', value: drift.overall.cosine.median, n: drift.overall.cosine.count, detail: true});
      rows.push({...at, section: 'overall', metric: `knn${drift.k}-overlap`, value: drift.overall.knnOverlap.mean, n: drift.overall.knnOverlap.count});
      rows.push({...at, section: 'overall', metric: 'trained-words', value: vocab.size});
      for (const b of drift.buckets) {
        rows.push({...at, section: `rank ${b.label}`, metric: 'mean-cosine', value: b.cosine.mean, n: b.cosine.count, detail: true});
        rows.push({...at, section: `rank ${b.label}`, metric: `knn${drift.k}-overlap`, value: b.knnOverlap.mean, n: b.knnOverlap.count, detail: true});
      }
      const cos = cosineDrift({data: initial, dim}, {data: after, dim}); // [V_train]
      ctx.addArtifact(
        'drift',
        drift.buckets.flatMap((b) =>
          Array.from({length: b.to - b.from}, (_, k) => ({bucket: `rank ${b.label}`, word: vocab.token(b.from + k), cosine: cos[b.from + k]})),
        ),
      );
      return {
        vectors,
        trained: true,
        rows,
        info: {
          source: p.source,
          corpora: p.corpora,
          documents: docs.length,
          tokens,
          trainedWords: vocab.size,
          kernel: result.kernel,
          threads: result.threads,
          epochs: result.history,
        },
      };
    },
  }),
});
