/**
 * `language-model` vectors: a GPT-style causal LM (@embedlab/transformer) whose token table is the arm's
 * embedding layer, trained on packaged corpora for each listed seed and evaluated on held-out documents.
 *
 *   data (lm/data.ts, shared by every arm of a run)  ->  per seed: table (random, or GloVe aligned to the
 *   vocabulary; OOV rows random) -> trainLm (train loss and held-out loss every `evalEvery` steps)
 *   -> per-document validation loss -> samples (first seed) -> rows, artifacts, pairing data
 *
 * Seeds are a function of the run seed and the listed seed, never of the arm, so two arms with the same
 * seed see the same batches and start from the same dense weights: they differ only in the table, and
 * their per-document losses can be compared pairwise. The arm's vectors are the first seed's trained
 * token table over the LM vocabulary.
 *
 * Rows: validation perplexity (mean loss over seeds, 95% bootstrap interval over documents), per-seed
 * perplexity (detail), mean loss, last train loss, GloVe coverage and how far the table moved. Artifacts:
 * `lm-curves` (train / held-out loss against tokens seen, per seed) and `lm-samples` (greedy and sampled
 * continuations of fixed prompts).
 */
import {ConfigError, WordVectors, deriveSeed} from '@embedlab/core';
import {CORPUS_NAMES, tokenize} from '@embedlab/corpora';
import {cosineDrift, summarize} from '@embedlab/optimizers';
import {alignToVocabulary, findVectorSource} from '@embedlab/pretrained';
import {GptModel, POSITION_SCHEMES, countParams, generate, resolveGptConfig, trainLm, type GptConfig} from '@embedlab/transformer';
import {z} from 'zod';
import type {BuildContext} from '../context.js';
import {EOT, UNK, loadLmData, type LmDataset} from '../lm/data.js';
import {documentLosses} from '../lm/evaluate.js';
import {perplexityEstimate, textMetrics, type SeedDocumentLosses} from '../lm/stats.js';
import type {MetricRow} from '../metric-row.js';
import type {VectorsBuilder} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {loadSource, vectorSourceParam} from './vector-source.js';

/** Dataset name of the validation rows and of the pairing data. */
export const LM_VALIDATION = 'validation';
/** The `task` of every LM row. */
export const LM_TASK = 'lm';

const modelParams = z.strictObject({
  /** Longest sequence; the learned position table has this many rows. */
  context: z.number().int().positive().default(64),
  dModel: z.number().int().positive().default(64),
  nLayers: z.number().int().positive().default(2),
  nHeads: z.number().int().positive().default(4),
  /** Token-table width. __Default:__ the pretrained vectors' dim, else dModel. A width other than dModel
   * adds the learned projection `wte_proj` (allowed by `projection`). */
  embeddingDim: z.number().int().positive().optional(),
  positions: z.enum(POSITION_SCHEMES).default('learned'),
  /** Output head = the token table transposed. */
  tie: z.boolean().default(true),
  dropout: z.number().min(0).lt(1).default(0),
  mlpRatio: z.number().int().positive().default(4),
  initStd: z.number().positive().default(0.02),
});

const tableParams = z.strictObject({
  /** `random`: N(0, initStd) rows from the model seed (nanoGPT); `pretrained`: `source` aligned to the vocabulary. */
  init: z.enum(['random', 'pretrained']).default('random'),
  source: vectorSourceParam,
  /** `none`: every row trains; `pretrained-rows`: rows found in `source` are locked, OOV and special rows
   * train; `all`: the table never changes. */
  freeze: z.enum(['none', 'pretrained-rows', 'all']).default('none'),
  /** Rows of words `source` lacks (and of <unk>, <eot>): per-dimension N(mean, sd) of the source, seeded. */
  oov: z.enum(['random', 'mean', 'zeros']).default('random'),
});

const trainParams = z.strictObject({
  steps: z.number().int().positive().default(200),
  batchSize: z.number().int().positive().default(16),
  /** Tokens per training window. __Default:__ model.context. */
  length: z.number().int().positive().optional(),
  learningRate: z.number().positive().default(3e-3),
  /** __Default:__ learningRate / 10. */
  minLearningRate: z.number().nonnegative().optional(),
  warmupSteps: z.number().int().nonnegative().default(20),
  weightDecay: z.number().nonnegative().default(0.1),
  gradClip: z.number().nonnegative().default(1),
  /** Train loss (mean since the last point) and held-out loss every this many steps, and at the end. */
  evalEvery: z.number().int().positive().default(25),
});

const sampleParams = z.strictObject({
  /** Fixed prompts (tokenized like the corpus; unknown words become <unk>). */
  prompts: z.array(z.string().min(1)).default(['the president', 'the whale', 'we must', 'the sea']),
  maxNewTokens: z.number().int().nonnegative().default(20),
  /** The sampled continuation (besides the greedy one). */
  temperature: z.number().positive().default(0.8),
  topK: z.number().int().positive().default(40),
  seed: z.number().int().positive().default(1),
  /** Never produce <unk>. */
  forbidUnknown: z.boolean().default(true),
});

const tokenizerParams = z.union([
  z.strictObject({
    /** Byte-level BPE (GPT-2 style) or WordPiece (BERT style), trained on the training documents only. */
    type: z.enum(['bpe', 'wordpiece']),
    /** Rows of the token table, special tokens included (BPE above 30,000 uses embedlab's own trainer). */
    vocabSize: z.number().int().min(300),
  }),
  z.strictObject({
    /** A tokenizer.json (BPE or WordPiece), relative to the working folder. */
    path: z.string().min(1),
  }),
]);

export const languageModelParams = z
  .object({
    corpora: z.array(z.enum(CORPUS_NAMES)).default(['sotu', 'moby-dick']),
    /** Plain-text files added to the corpora, one document per paragraph. */
    files: z.array(z.string().min(1)).default([]),
    /** Share of documents (per corpus) held out for validation. */
    validationFraction: z.number().gt(0).lt(1).default(0.2),
    /** A subword vocabulary instead of words (the text: the corpora words joined by spaces). */
    tokenizer: tokenizerParams.optional(),
    /** Vocabulary: training-split words seen at least this often (plus <unk>, <eot>)... */
    minCount: z.number().int().positive().default(20),
    /** ...at most this many rows. */
    maxVocab: z.number().int().min(3).optional(),
    /** Tokens scored per validation document (its first ones). */
    validationTokens: z.number().int().positive().default(512),
    /** Tokens per validation document in the held-out loss logged during training. */
    curveTokens: z.number().int().positive().default(64),
    table: tableParams.prefault({}),
    model: modelParams.prefault({}),
    /** Allow a learned projection when the table width differs from dModel (GloVe 100d into dModel 64). */
    projection: z.boolean().default(true),
    train: trainParams.prefault({}),
    /** One model per seed; the same seed gives the same batches and dense init in every arm. */
    seeds: z.array(z.number().int().positive()).min(1).default([1, 2, 3]),
    samples: sampleParams.prefault({}),
    /** Windows per evaluation batch. */
    evalBatchSize: z.number().int().positive().default(32),
  })
  .superRefine((p, check) => {
    const issue = (path: PropertyKey[], message: string) => check.addIssue({code: 'custom', path, message});
    if (!p.corpora.length && !p.files.length) issue(['corpora'], 'no text: give at least one corpus or file');
    if (new Set(p.seeds).size !== p.seeds.length) issue(['seeds'], `repeated seed in ${JSON.stringify(p.seeds)}`);
    const length = p.train.length ?? p.model.context;
    if (length > p.model.context) {
      issue(
        ['train', 'length'],
        `sequence length ${length} is longer than model.context ${p.model.context} (the ${p.model.positions === 'learned' ? 'learned position table' : 'model'} has ${p.model.context} positions)`,
      );
    }
    if (p.tokenizer && p.table.init === 'pretrained')
      issue(['table', 'init'], 'a pretrained word table has no rows for subword tokens; use table.init "random" with a tokenizer');
    if (p.table.init === 'random' && p.table.freeze !== 'none')
      issue(['table', 'freeze'], `freezing needs a pretrained table (table.init "pretrained"); a random table with freeze "${p.table.freeze}" never learns`);
    const known = p.table.init === 'pretrained' ? findVectorSource(p.table.source)?.dim : undefined;
    if (known !== undefined && p.model.embeddingDim !== undefined && p.model.embeddingDim !== known) {
      issue(['model', 'embeddingDim'], `the pretrained table ${p.table.source} has ${known} dims; embeddingDim must be ${known} (or leave it out)`);
    }
    const width = p.model.embeddingDim ?? known ?? p.model.dModel;
    if (!p.projection && width !== p.model.dModel)
      issue(['projection'], projectionMessage(width, p.model.dModel, known !== undefined ? p.table.source : undefined));
    try {
      resolveGptConfig(gptConfig(p, 8, width));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const at = error.path.split('.').slice(1); // model.nHeads -> [nHeads]
      issue(['model', ...at], error.message.replace(`${error.path}: `, ''));
    }
  });

export type LanguageModelParams = z.output<typeof languageModelParams>;

function projectionMessage(width: number, dModel: number, source?: string): string {
  return `${source ? `the pretrained table ${source} has` : 'the token table has'} ${width} dims but dModel is ${dModel}; set projection: true (a learned wte_proj ${width} -> ${dModel}) or make them equal`;
}

export function gptConfig(p: LanguageModelParams, vocabSize: number, embeddingDim: number): GptConfig {
  const {context, dModel, nLayers, nHeads, positions, tie, dropout, mlpRatio, initStd} = p.model;
  return {vocabSize, context, dModel, nLayers, nHeads, embeddingDim, positions, tie, dropout, mlpRatio, initStd};
}

/** `trainLm`'s schedule options from the `train` settings (the caller adds objective, checkpoints, progress). */
export function lmTrainOptions(train: LanguageModelParams['train'], length: number, seed: number) {
  return {
    steps: train.steps,
    batchSize: train.batchSize,
    length,
    seed,
    learningRate: train.learningRate,
    ...(train.minLearningRate !== undefined ? {minLearningRate: train.minLearningRate} : {}),
    warmupSteps: train.warmupSteps,
    weightDecay: train.weightDecay,
    gradClip: train.gradClip,
    evalEvery: train.evalEvery,
  };
}

/** Seeds of one listed seed: independent of the arm (paired design). */
export function lmSeeds(runSeed: number, seed: number): {model: number; train: number} {
  return {model: deriveSeed(runSeed, `lm:model:${seed}`), train: deriveSeed(runSeed, `lm:train:${seed}`)};
}

export interface Table {
  start: Float32Array;
  pretrainedRows?: Uint8Array;
  info: Record<string, unknown>;
  rows: Omit<MetricRow, 'arm'>[];
}

export async function startTable(
  ctx: BuildContext,
  p: LanguageModelParams,
  vocabSize: number,
  vocab: Parameters<typeof alignToVocabulary>[0],
): Promise<{table: Table | undefined; width: number}> {
  if (p.table.init === 'random') return {table: undefined, width: p.model.embeddingDim ?? p.model.dModel};
  const vectors = await loadSource(ctx, p.table.source);
  if (p.model.embeddingDim !== undefined && p.model.embeddingDim !== vectors.dim) {
    throw new ConfigError(
      `${ctx.path}.model.embeddingDim`,
      `the pretrained table ${p.table.source} has ${vectors.dim} dims; embeddingDim must be ${vectors.dim} (or leave it out)`,
    );
  }
  if (!p.projection && vectors.dim !== p.model.dModel)
    throw new ConfigError(`${ctx.path}.projection`, projectionMessage(vectors.dim, p.model.dModel, p.table.source));
  // OOV rows from the run seed: arms with the same source start from the same table.
  const aligned = alignToVocabulary(vocab, vectors, {oov: p.table.oov, seed: deriveSeed(ctx.runSeed, 'lm:oov'), listMissing: 20});
  const c = aligned.coverage;
  const fromSource = c.exact + c.lowercase;
  ctx.log(
    `lm table: ${fromSource} of ${vocabSize} rows from ${p.table.source} (${(100 * c.ratio).toFixed(2)}% of words, ${(100 * (c.tokenCoverage ?? 0)).toFixed(2)}% of training tokens); ${vocabSize - fromSource} rows ${p.table.oov}`,
  );
  const at = {task: LM_TASK, dataset: 'table', exact: true};
  return {
    width: vectors.dim,
    table: {
      start: aligned.matrix,
      pretrainedRows: aligned.lockMask,
      info: {
        source: p.table.source,
        rowsFromSource: fromSource,
        oovRows: vocabSize - fromSource,
        coverage: c.ratio,
        tokenCoverage: c.tokenCoverage ?? null,
        missingExamples: c.missingTokens,
      },
      rows: [
        {...at, metric: 'rows-from-glove', value: fromSource, n: vocabSize},
        {...at, metric: 'glove-coverage', value: c.ratio, n: c.total},
      ],
    },
  };
}

export const languageModel = defineComponent({
  kind: 'vectors',
  name: 'language-model',
  summary:
    'GPT-style causal LM on packaged corpora whose token table is the arm (random or GloVe, trained or frozen); validation perplexity with intervals, curves, samples',
  params: languageModelParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const arm = ctx.arm ?? ctx.path;
      const data = await loadLmData(ctx, {
        corpora: p.corpora,
        files: p.files,
        validationFraction: p.validationFraction,
        minCount: p.minCount,
        maxVocab: p.maxVocab,
        validationTokens: p.validationTokens,
        curveTokens: p.curveTokens,
        tokenizer: p.tokenizer,
      });
      const V = data.vocab.size;
      const {table, width} = await startTable(ctx, p, V, data.vocab);
      const config = resolveGptConfig(gptConfig(p, V, width), `${ctx.path}.model`);
      const length = p.train.length ?? p.model.context;
      const tokensPerStep = p.train.batchSize * length;
      const freeze = table ? p.table.freeze : 'none';
      const evaluation = {resamples: ctx.evaluation.bootstrapSamples, level: ctx.evaluation.confidence, seed: deriveSeed(ctx.runSeed, 'lm:bootstrap')};

      const rows: Omit<MetricRow, 'arm'>[] = [];
      const losses: SeedDocumentLosses[] = [];
      const perSeed: Record<string, unknown>[] = [];
      const curves: Record<string, unknown>[] = [];
      const trainLosses: number[] = [];
      const moved: number[] = [];
      let firstTable: Float32Array | undefined;
      let parameters = 0;
      for (const seed of p.seeds) {
        const seeds = lmSeeds(ctx.runSeed, seed);
        const model = new GptModel(config, {
          seed: seeds.model,
          ...(table ? {table: {pretrained: table.start, freeze, ...(table.pretrainedRows ? {pretrainedRows: table.pretrainedRows} : {})}} : {}),
        });
        parameters = countParams(model.params) + model.config.vocabSize * model.config.embeddingDim;
        const start = Float32Array.from(model.table);
        const progress = ctx.progress.start(`${arm} seed ${seed}`, p.train.steps * tokensPerStep, 'tokens');
        const t0 = performance.now();
        const result = await trainLm(
          model,
          {train: data.train, validation: data.curve},
          {...lmTrainOptions(p.train, length, seeds.train), onProgress: (x) => progress.update(x.tokens)},
        );
        progress.done();
        const trained = result.model;
        const trainSeconds = (performance.now() - t0) / 1000;
        // Curves: held-out loss at each evaluation, train loss = mean over the steps since the previous one.
        let from = 0;
        for (const e of result.evaluations) {
          const window = result.history.filter((h) => h.step > from && h.step <= e.step);
          const train = window.reduce((s, h) => s + h.loss, 0) / Math.max(1, window.length);
          curves.push(
            {seed, step: e.step, tokens: e.tokens, split: 'train', loss: train},
            {seed, step: e.step, tokens: e.tokens, split: 'held-out', loss: e.loss},
          );
          from = e.step;
          if (e.step === result.step) trainLosses.push(train);
        }
        const te = performance.now();
        const evalTokens = data.validation.reduce((s, d) => s + d.length - 1, 0);
        const evaluating = ctx.progress.start(`${arm} seed ${seed} validation`, evalTokens, 'tokens');
        const docLoss = documentLosses(trained, data.validation, {
          length,
          batchSize: p.evalBatchSize,
          padId: data.eotId,
          seed,
          onBatch: (n) => evaluating.tick(n),
        });
        evaluating.done();
        losses.push(docLoss);
        const one = perplexityEstimate([docLoss], evaluation);
        rows.push({
          task: LM_TASK,
          dataset: LM_VALIDATION,
          section: `seed ${seed}`,
          metric: 'perplexity',
          value: one.perplexity,
          lo: one.lo,
          hi: one.hi,
          n: one.documents,
          detail: true,
        });
        if (freeze !== 'all') {
          // Cosine of each trainable row to its start (pretrained rows for a GloVe table, every word row otherwise).
          const cos = cosineDrift({data: start, dim: width}, {data: trained.table, dim: width});
          const keep = cos.filter((_, r) => (table?.pretrainedRows ? table.pretrainedRows[r] === 1 && freeze === 'none' : r >= 2));
          if (keep.length) moved.push(summarize(keep).mean);
        }
        if (seed === p.seeds[0]) {
          ctx.addArtifact('lm-samples', await samples(trained, data, p, seed));
          firstTable = Float32Array.from(trained.table);
        }
        const seconds = (performance.now() - t0) / 1000;
        perSeed.push({
          seed,
          modelSeed: seeds.model,
          trainSeed: seeds.train,
          steps: result.step,
          tokens: result.step * tokensPerStep,
          trainSeconds,
          tokensPerSecond: result.tokensPerSecond,
          evalSeconds: (performance.now() - te) / 1000,
          seconds,
          trainLoss: trainLosses[trainLosses.length - 1],
          perplexity: one.perplexity,
        });
        ctx.log(
          `${arm} seed ${seed}: ${result.step * tokensPerStep} tokens in ${trainSeconds.toFixed(0)}s (${Math.round(result.tokensPerSecond)} tokens/s), validation perplexity ${one.perplexity.toFixed(2)} [${one.lo.toFixed(2)}, ${one.hi.toFixed(2)}]`,
        );
        trained.dispose();
      }
      ctx.addArtifact('lm-curves', curves);
      const all = perplexityEstimate(losses, evaluation);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const seedsNote = p.seeds.length > 1 ? `mean of ${p.seeds.length} seeds` : `seed ${p.seeds[0]}`;
      // Per word and per character: the same text for every vocabulary, so these compare across them.
      const text = textMetrics(losses, data.validationWords, data.validationChars, evaluation);
      rows.push(
        {task: LM_TASK, dataset: LM_VALIDATION, metric: 'perplexity', value: all.perplexity, lo: all.lo, hi: all.hi, n: all.documents},
        {
          task: LM_TASK,
          dataset: LM_VALIDATION,
          metric: 'word-perplexity',
          value: text.wordPerplexity.perplexity,
          lo: text.wordPerplexity.lo,
          hi: text.wordPerplexity.hi,
          n: text.words,
        },
        {task: LM_TASK, dataset: LM_VALIDATION, metric: 'bits-per-char', value: text.bitsPerChar, n: text.chars},
        {task: LM_TASK, dataset: LM_VALIDATION, metric: 'loss', value: all.loss, n: all.tokens},
        {task: LM_TASK, dataset: LM_VALIDATION, metric: 'unseen-word-rate', value: data.stats.unseenWordRate, n: text.words},
        {task: LM_TASK, dataset: LM_VALIDATION, metric: 'tokens-per-word', value: data.stats.tokensPerWord, n: text.words},
        {task: LM_TASK, dataset: 'table', metric: 'table-parameters', value: V * width, n: V},
        {task: LM_TASK, dataset: 'train', metric: 'loss', value: mean(trainLosses)},
      );
      rows.push(...(table?.rows ?? []));
      if (moved.length) rows.push({task: LM_TASK, dataset: 'table', metric: 'mean-cosine-to-start', value: mean(moved)});
      // Paired differences are in nats per token: only word-level arms pair (a subword arm's tokens are not words).
      if (!data.tokenizer) ctx.keepForPairing?.(LM_VALIDATION, {kind: 'lm', result: {documents: data.validationIds, seeds: losses}});
      const info = {
        kind: 'language-model',
        seeds: p.seeds,
        seedsNote,
        table: {init: p.table.init, freeze, width, ...(table ? {oov: p.table.oov, ...table.info} : {})},
        vocabulary: {kind: data.stats.vocabularyKind, rows: V, tableParameters: V * width, ...(data.tokenizer ? {tokenizer: p.tokenizer} : {})},
        projection: width !== config.dModel,
        ...(width !== config.dModel ? {projectionShape: [width, config.dModel]} : {}),
        model: config,
        parameters,
        train: {...p.train, length, tokensPerStep, tokens: p.train.steps * tokensPerStep},
        data: data.stats,
        runs: perSeed,
      };
      const vectors = new WordVectors(data.vocab.tokens, firstTable as Float32Array, width, {
        meta: {source: 'language-model', seed: p.seeds[0], table: p.table.init, freeze},
        checkFinite: false,
      });
      return {vectors, trained: true, rows, info};
    },
  }),
});

/** Greedy and sampled continuations of each prompt, decoded to words (subword ids through the tokenizer). */
async function samples(model: GptModel, data: LmDataset, p: LanguageModelParams, seed: number): Promise<Record<string, unknown>[]> {
  const s = p.samples;
  const out: Record<string, unknown>[] = [];
  const tk = data.tokenizer;
  const decode = async (ids: Int32Array) =>
    tk
      ? tk.decode([...ids])
      : data.vocab
          .decode(ids)
          .map((t) => (t === EOT ? '¶' : t))
          .join(' ');
  for (const prompt of s.prompts) {
    const words = tokenize(prompt);
    const ids = Int32Array.from([data.eotId, ...(tk ? (await tk.encode(words.join(' '))).ids : data.vocab.encode(words))]);
    const shown = await decode(ids.subarray(1));
    const common = {maxNewTokens: s.maxNewTokens, stopId: data.eotId, ...(s.forbidUnknown && data.unkId >= 0 ? {forbid: [data.unkId]} : {})};
    out.push({seed, prompt: shown, mode: 'greedy', text: await decode(generate(model, ids, {...common, temperature: 0}))});
    out.push({
      seed,
      prompt: shown,
      mode: `T ${s.temperature}, top-${s.topK}`,
      text: await decode(generate(model, ids, {...common, temperature: s.temperature, topK: s.topK, seed: s.seed})),
    });
  }
  return out;
}

export {UNK, EOT};
