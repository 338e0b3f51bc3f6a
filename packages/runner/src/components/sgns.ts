/**
 * `sgns` vectors: skip-gram negative sampling from scratch (@embedlab/optimizers trainWord2Vec, gensim's
 * init) on packaged corpora. The vocabulary is the corpora's words seen at least `minCount` times, in
 * frequency order; the sweep over dim x window (experiments/sgns-grid) uses it.
 */
import {Vocabulary, deriveSeed} from '@embedlab/core';
import {CORPUS_NAMES, openCorpus, tokenize} from '@embedlab/corpora';
import {trainWord2Vec} from '@embedlab/optimizers';
import {z} from 'zod';
import type {BuildContext} from '../context.js';
import type {MetricRow} from '../metric-row.js';
import type {VectorsBuilder} from '../registries-type.js';
import {defineComponent} from '../registry.js';

export const sgnsParams = z.object({
  corpora: z.array(z.enum(CORPUS_NAMES)).min(1).default(['sotu', 'moby-dick']),
  dim: z.number().int().positive().default(100),
  minCount: z.number().int().positive().default(5),
  epochs: z.number().int().positive().default(3),
  window: z.number().int().positive().default(5),
  negative: z.number().int().nonnegative().default(5),
  sample: z.number().nonnegative().default(1e-3),
  alpha: z.number().positive().default(0.025),
  minAlpha: z.number().nonnegative().default(1e-4),
  /** 1 = deterministic (same seed, same vectors); more = Hogwild threads, not bit-reproducible. */
  threads: z.number().int().positive().default(1),
});

/**
 * The corpora as token lists (the @embedlab/corpora tokenizer: lowercase words), recorded as inputs; read once
 * per run and shared by every component that asks for the same corpora.
 */
export async function readTokenizedCorpora(ctx: BuildContext, corpora: readonly (typeof CORPUS_NAMES)[number][]): Promise<string[][]> {
  return ctx.memo(`tokenized-corpora:${corpora.join(',')}`, async () => {
    const docs: string[][] = [];
    const reading = ctx.progress.start('read corpora', 0, 'documents');
    for (const name of corpora) {
      const corpus = openCorpus(name, `${ctx.path}.corpora`);
      ctx.recordInput('corpus', name, {...corpus.provenance});
      for await (const doc of corpus) {
        docs.push(tokenize(doc.text));
        reading.tick();
      }
    }
    reading.done();
    return docs;
  });
}

/** What skip-gram training needs besides the documents (the params of `sgns` and `word2vec`). */
export interface SgnsSettings {
  dim: number;
  minCount: number;
  epochs: number;
  window: number;
  negative: number;
  sample: number;
  alpha: number;
  minAlpha?: number;
  threads: number;
}

/** Each document as the ids of its words the vocabulary has (the others dropped, as word2vec does). */
export function knownWordSentences(vocab: Vocabulary, docs: readonly (readonly string[])[]): Int32Array[] {
  return docs.map((tokens) => {
    const ids: number[] = [];
    for (const t of tokens) {
      const id = vocab.id(t);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  });
}

/**
 * Skip-gram from scratch on tokenized documents, shared by the `sgns` and `word2vec` components: the
 * vocabulary is the words seen at least `minCount` times (frequency order), sentences keep only those, and
 * the trainer's seed is `deriveSeed(ctx.seed, 'word2vec')`. `label` names the progress bar and log lines.
 */
export async function trainSgnsOnDocs(ctx: BuildContext, docs: readonly string[][], p: SgnsSettings, label: string) {
  const counts = new Map<string, number>();
  for (const d of docs) for (const t of d) counts.set(t, (counts.get(t) ?? 0) + 1);
  const vocab = Vocabulary.fromCounts(counts, {minCount: p.minCount});
  const sentences = knownWordSentences(vocab, docs);
  const tokens = sentences.reduce((n, x) => n + x.length, 0);
  ctx.log(`${label}: ${docs.length} documents, ${tokens} tokens, ${vocab.size} words (minCount ${p.minCount}), dim ${p.dim}, window ${p.window}`);
  const rows: Omit<MetricRow, 'arm'>[] = [];
  const training = ctx.progress.start(label, p.epochs, 'epochs');
  const result = await trainWord2Vec(sentences, vocab, {
    mode: 'sg',
    dim: p.dim,
    window: p.window,
    negative: p.negative,
    sample: p.sample,
    alpha: p.alpha,
    ...(p.minAlpha !== undefined ? {minAlpha: p.minAlpha} : {}),
    epochs: p.epochs,
    seed: deriveSeed(ctx.seed, 'word2vec'),
    threads: p.threads,
    onEpochEnd: (record) => {
      training.tick();
      ctx.log(`${label} epoch ${record.epoch}: mean loss ${record.meanLoss.toFixed(4)}, ${Math.round(record.wordsPerSecond)} words/s`);
      rows.push({task: 'training', dataset: 'corpora', metric: 'mean-loss', value: record.meanLoss, epoch: record.epoch});
    },
  });
  training.done();
  return {result, rows, vocab, tokens};
}

export const sgns = defineComponent({
  kind: 'vectors',
  name: 'sgns',
  summary: 'skip-gram negative sampling from scratch on packaged corpora (vocabulary = corpus words >= minCount)',
  params: sgnsParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const docs = await readTokenizedCorpora(ctx, p.corpora);
      const {result, rows, vocab, tokens} = await trainSgnsOnDocs(ctx, docs, p, 'sgns');
      return {
        vectors: result.vectors,
        trained: true,
        rows,
        info: {
          corpora: p.corpora,
          documents: docs.length,
          tokens,
          words: vocab.size,
          dim: p.dim,
          window: p.window,
          kernel: result.kernel,
          threads: result.threads,
          epochs: result.history,
        },
      };
    },
  }),
});
