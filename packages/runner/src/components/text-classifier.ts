/**
 * `text-classifier` task: the SpamAssassin downstream study. A bag-of-embeddings classifier
 * (@embedlab/optimizers trainTextClassifier) is trained on a seeded, stratified split in three kinds of
 * arm: from scratch (random init, trainable), and for each chosen experiment arm its vectors frozen and its
 * vectors fine-tuned inside the classifier. Reports held-out accuracy / precision / recall / F1 with
 * bootstrap intervals, and how far the fine-tuned rows drifted from their start.
 */
import {ConfigError, Vocabulary, deriveSeed} from '@embedlab/core';
import {bootstrapInterval} from '@embedlab/evaluators';
import {alignToVocabulary} from '@embedlab/pretrained';
import {collect, openCorpus, tokenize, trainTestSplit} from '@embedlab/corpora';
import {cosineDrift, evaluateClassifier, summarize, trainTextClassifier} from '@embedlab/optimizers';
import {z} from 'zod';
import type {MetricRow} from '../metric-row.js';
import type {Task} from '../registries-type.js';
import {defineComponent} from '../registry.js';

export const textClassifierParams = z.object({
  /** A labelled corpus. */
  corpus: z.enum(['spam-assassin']).default('spam-assassin'),
  /** Experiment arms whose vectors initialise the frozen and fine-tuned classifiers. __Default:__ all arms. */
  arms: z.array(z.string()).optional(),
  /** Also train from a random init (the `scratch` arm). */
  scratch: z.boolean().default(true),
  testFraction: z.number().gt(0).lt(1).default(0.2),
  /** Classifier vocabulary: training-split tokens seen at least this often... */
  minCount: z.number().int().positive().default(2),
  /** ...keeping at most this many (with <pad> and <unk>). */
  maxVocab: z.number().int().min(10).default(20000),
  /** Tokens kept per document (the start of the body). */
  maxTokens: z.number().int().positive().default(256),
  epochs: z.number().int().positive().default(4),
  batchSize: z.number().int().positive().default(32),
  learningRate: z.number().positive().default(0.01),
});

export type TextClassifierParams = z.output<typeof textClassifierParams>;

export const textClassifier = defineComponent({
  kind: 'task',
  name: 'text-classifier',
  summary: 'SpamAssassin spam/ham: bag-of-embeddings classifier from scratch, frozen and fine-tuned per arm; accuracy/F1 with intervals, drift',
  params: textClassifierParams,
  create: (p): Task => ({
    async run(arms, ctx) {
      const {confidence, bootstrapSamples} = ctx.evaluation;
      const corpus = openCorpus(p.corpus, `${ctx.path}.corpus`);
      ctx.recordInput('corpus', p.corpus, {...corpus.provenance});
      const docs = await collect(corpus);
      const split = trainTestSplit(docs, {testFraction: p.testFraction, seed: deriveSeed(ctx.seed, 'split'), stratify: true});
      const tok = (text: string) => tokenize(text).slice(0, p.maxTokens);
      const trainTokens = split.train.map((d) => tok(d.text));
      const testTokens = split.test.map((d) => tok(d.text));
      const vocab = Vocabulary.fromTokens(trainTokens.flat(), {minCount: p.minCount, maxSize: p.maxVocab, specials: ['<pad>', '<unk>']});
      const encode = (t: string[][]) => t.map((x) => vocab.encode(x));
      const label = (d: {label?: string}) => (d.label === 'spam' ? 1 : 0);
      const train = {docs: encode(trainTokens), labels: Uint8Array.from(split.train, label)};
      const test = {docs: encode(testTokens), labels: Uint8Array.from(split.test, label)};
      const n = test.labels.length;
      ctx.log(`text-classifier: ${split.train.length} train / ${n} test documents, vocabulary ${vocab.size}`);

      const rows: MetricRow[] = [];
      const variants: {arm: string; section: string; init?: Float32Array; mask?: Uint8Array; trainable: boolean; dim: number}[] = [];
      const chosen = p.arms ?? [...arms.keys()];
      for (const name of chosen) {
        const arm = arms.get(name);
        if (!arm) throw new ConfigError(`${ctx.path}.arms`, `no arm "${name}" in this experiment (arms: ${[...arms.keys()].join(', ')})`);
        // Rows without a vector: random draws matching the vectors' per-dimension mean and spread.
        const aligned = alignToVocabulary(vocab, arm.vectors, {oov: 'random', seed: deriveSeed(ctx.seed, `init:${name}`), listMissing: 0});
        const c = aligned.coverage;
        rows.push({arm: name, task: 'downstream', dataset: p.corpus, section: 'init', metric: 'coverage', value: c.ratio, n: c.total, exact: true});
        variants.push({arm: name, section: 'frozen', init: aligned.matrix, trainable: false, dim: arm.vectors.dim});
        variants.push({arm: name, section: 'fine-tuned', init: aligned.matrix, mask: aligned.lockMask, trainable: true, dim: arm.vectors.dim});
      }
      const dim = variants[0]?.dim ?? 100;
      if (p.scratch) variants.unshift({arm: 'scratch', section: 'trained', trainable: true, dim});

      const progress = ctx.progress.start('text-classifier', variants.length * p.epochs, 'epochs');
      for (const v of variants) {
        const seed = deriveSeed(ctx.seed, `classifier:${v.arm}:${v.section}`);
        const clf = await trainTextClassifier({
          docs: train.docs,
          labels: train.labels,
          vocabSize: vocab.size,
          dim: v.dim,
          ...(v.init ? {init: v.init} : {}),
          trainable: v.trainable,
          paddingIdx: vocab.padId as number,
          optimizer: {type: 'adam', learningRate: p.learningRate},
          epochs: p.epochs,
          batchSize: p.batchSize,
          seed,
          onEpochEnd: (log) => {
            progress.tick();
            rows.push({arm: v.arm, task: 'training', dataset: p.corpus, section: v.section, metric: 'loss', value: log.loss, epoch: log.epoch});
          },
        });
        const predicted = clf.predict(test.docs);
        const m = evaluateClassifier(predicted, test.labels);
        const statOf = (key: 'accuracy' | 'f1') => (idx: Int32Array) =>
          evaluateClassifier(
            Array.from(idx, (i) => predicted[i] as number),
            Array.from(idx, (i) => test.labels[i] as number),
          )[key];
        const interval = (key: 'accuracy' | 'f1') => {
          const i = bootstrapInterval(n, statOf(key), {resamples: bootstrapSamples, level: confidence, seed: deriveSeed(seed, `bootstrap:${key}`)});
          return {lo: i.low, hi: i.high};
        };
        rows.push({arm: v.arm, task: 'downstream', dataset: p.corpus, section: v.section, metric: 'accuracy', value: m.accuracy, ...interval('accuracy'), n});
        rows.push({arm: v.arm, task: 'downstream', dataset: p.corpus, section: v.section, metric: 'f1', value: m.f1, ...interval('f1'), n});
        rows.push({arm: v.arm, task: 'downstream', dataset: p.corpus, section: v.section, metric: 'precision', value: m.precision, n, detail: true});
        rows.push({arm: v.arm, task: 'downstream', dataset: p.corpus, section: v.section, metric: 'recall', value: m.recall, n, detail: true});
        if (v.init && v.trainable) {
          // Cosine of each pretrained row (rows without a pretrained vector left out) to its start.
          const cos = cosineDrift({data: v.init, dim: v.dim}, {data: clf.embeddings, dim: v.dim}).filter((_, r) => v.mask?.[r] === 1);
          const s = summarize(cos);
          const at = {arm: v.arm, task: 'drift', dataset: p.corpus, section: 'classifier', n: s.count};
          rows.push(
            {...at, metric: 'mean-cosine', value: s.mean},
            {...at, metric: 'median-cosine', value: s.median, detail: true},
            {...at, metric: 'p10-cosine', value: s.p10, detail: true},
          );
        }
      }
      progress.done();
      return rows;
    },
  }),
});
