/**
 * Vectors for the `subword-oov` comparison (issue 12), each arm with a filler for the words its table lacks
 * (`ArmVectors.filler`, used by the `similarity-oov` evaluator's `fill` treatment):
 * - `mimick`: a pretrained source as shipped, plus a Mimick-style n-gram model (@embedlab/subword
 *   MimickModel) trained on its top words to predict rows for any spelling;
 * - `fasttext`: fastText skipgram trained on packaged corpora (@embedlab/subword trainFastText); unseen
 *   words get their n-gram vector, as `fasttext print-word-vectors` gives;
 * - `word2vec`: word2vec SGNS from scratch on the same corpora (@embedlab/optimizers trainWord2Vec); no
 *   filler (it has no subword information).
 * All three train on one thread with seeds derived from the run seed, so a re-run gives the same numbers.
 */
import {deriveSeed} from '@embedlab/core';
import {CORPUS_NAMES} from '@embedlab/corpora';
import {MimickModel, trainFastText} from '@embedlab/subword';
import {z} from 'zod';
import type {MetricRow} from '../metric-row.js';
import type {VectorsBuilder} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {readTokenizedCorpora, trainSgnsOnDocs} from './sgns.js';
import {loadSource, vectorSourceParam} from './vector-source.js';

export const mimickParams = z.object({
  /** The table whose rows are predicted (a named source or a file). */
  source: vectorSourceParam,
  /** Train on the first `top` rows (frequent words). */
  top: z.number().int().positive().default(100_000),
  epochs: z.number().int().positive().default(3),
  loss: z.enum(['l2', 'cosine']).default('l2'),
  bucket: z.number().int().positive().default(200_000),
  minn: z.number().int().positive().default(3),
  maxn: z.number().int().positive().default(6),
});

export const mimickVectors = defineComponent({
  kind: 'vectors',
  name: 'mimick',
  summary: 'a pretrained table as shipped plus a Mimick-style character n-gram model that predicts rows for unseen words',
  params: mimickParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const vectors = await loadSource(ctx, p.source);
      const rows: Omit<MetricRow, 'arm'>[] = [];
      const training = ctx.progress.start('mimick', p.epochs, 'epochs');
      const model = MimickModel.fromVectors(vectors, {
        top: p.top,
        epochs: p.epochs,
        loss: p.loss,
        bucket: p.bucket,
        minn: p.minn,
        maxn: p.maxn,
        seed: deriveSeed(ctx.seed, 'mimick'),
        onEpochEnd: (r) => {
          training.tick();
          ctx.log(`mimick epoch ${r.epoch}: mean ${p.loss} loss ${r.loss.toFixed(4)} over ${r.words} words, ${r.seconds.toFixed(1)}s`);
          rows.push({task: 'training', dataset: 'mimick', metric: `mean-${p.loss}-loss`, value: r.loss, epoch: r.epoch});
        },
      });
      training.done();
      return {
        vectors,
        trained: true,
        rows,
        filler: {name: `mimick(${p.source}, top ${p.top})`, vector: (word) => model.predict(word)},
        info: {source: p.source, top: p.top, epochs: p.epochs, loss: p.loss, bucket: p.bucket, minn: p.minn, maxn: p.maxn, history: model.info?.history},
      };
    },
  }),
});

const corporaParam = z.array(z.enum(CORPUS_NAMES)).min(1).default(['sotu', 'moby-dick']);

export const fastTextParams = z.object({
  corpora: corporaParam,
  dim: z.number().int().positive().default(100),
  epoch: z.number().int().positive().default(5),
  minCount: z.number().int().positive().default(5),
  minn: z.number().int().positive().default(3),
  maxn: z.number().int().positive().default(6),
  bucket: z.number().int().positive().default(2_000_000),
  lr: z.number().positive().default(0.05),
});

export const fastTextVectors = defineComponent({
  kind: 'vectors',
  name: 'fasttext',
  summary: 'fastText skipgram trained on packaged corpora (one thread); unseen words get their n-gram vectors',
  params: fastTextParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const docs = await readTokenizedCorpora(ctx, p.corpora);
      const rows: Omit<MetricRow, 'arm'>[] = [];
      const training = ctx.progress.start('fasttext', p.epoch, 'epochs');
      const {model, history} = await trainFastText(
        {texts: docs.map((d) => d.join(' '))},
        {
          dim: p.dim,
          epoch: p.epoch,
          minCount: p.minCount,
          minn: p.minn,
          maxn: p.maxn,
          bucket: p.bucket,
          lr: p.lr,
          seed: deriveSeed(ctx.seed, 'fasttext'),
          threads: 1,
          onEpochEnd: (r) => {
            training.tick();
            ctx.log(`fasttext epoch ${r.epoch}: loss ${r.loss.toFixed(4)}, ${Math.round(r.tokensPerSecond)} tokens/s`);
            rows.push({task: 'training', dataset: 'corpora', metric: 'mean-loss', value: r.loss, epoch: r.epoch});
          },
        },
      );
      training.done();
      const vectors = model.toWordVectors();
      return {
        vectors,
        trained: true,
        rows,
        // the corpora are lowercased, so are the words looked up
        filler: {name: 'fasttext n-grams', vector: (word) => model.wordVector(word.toLowerCase())},
        info: {
          corpora: p.corpora,
          documents: docs.length,
          words: model.nwords,
          dim: p.dim,
          epoch: p.epoch,
          bucket: p.bucket,
          minn: p.minn,
          maxn: p.maxn,
          history,
        },
      };
    },
  }),
});

export const word2vecParams = z.object({
  corpora: corporaParam,
  dim: z.number().int().positive().default(100),
  epochs: z.number().int().positive().default(5),
  minCount: z.number().int().positive().default(5),
  window: z.number().int().positive().default(5),
  negative: z.number().int().nonnegative().default(5),
  sample: z.number().nonnegative().default(1e-3),
  alpha: z.number().positive().default(0.025),
});

export const word2vecVectors = defineComponent({
  kind: 'vectors',
  name: 'word2vec',
  summary: 'word2vec skip-gram negative sampling from scratch on packaged corpora (one thread); no vectors for unseen words',
  params: word2vecParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const docs = await readTokenizedCorpora(ctx, p.corpora);
      // The same training as the `sgns` component, on one thread (deterministic).
      const {result, rows, vocab} = await trainSgnsOnDocs(ctx, docs, {...p, threads: 1}, 'word2vec');
      return {
        vectors: result.vectors,
        trained: true,
        rows,
        info: {corpora: p.corpora, documents: docs.length, words: vocab.size, dim: p.dim, epochs: result.history, kernel: result.kernel},
      };
    },
  }),
});
