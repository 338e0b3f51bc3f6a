/**
 * `contextual-vs-static` task (issue 11): which layer of a language model you trained knows word similarity?
 *
 *   data (lm/data.ts: the language-model arms' split and vocabulary)  ->  per model: train (or reuse its
 *   checkpoint) a GPT-style (causal) or BERT-style (masked) model with the `language-model` arm settings
 *   -> contextual vectors of each word in up to N training-document contexts (@embedlab/transformer
 *   contextual.ts) -> per layer 0..L one static vector per word (mean / min / max pooling; the word alone as
 *   the input for words never seen) -> the similarity sets and Google analogy on one shared word list,
 *   next to the model's input table and a static arm (GloVe) on the same words -> Ethayarajh's
 *   anisotropy, self-similarity, intra-sentence similarity and MEV per layer.
 *
 * Protocol: the experiment's preset (gensim: upper-case folding, OOV skipped, 3CosAdd, exclusion by
 * string) with restrict = all rows, where the rows are the word list: the vocabulary words (specials out)
 * that the static arm has and, with `words: 'benchmarks'`, that occur in a dataset used. Every vector set is
 * scored on the same words, so the same pairs and questions count for all, and the analogy candidates are
 * the word list (the model's vocabulary, restricted). Bootstrap resamples use one seed per dataset, so every
 * set is resampled on the same items.
 *
 * Checkpoints: each model is trained with `checkpointPath` = <cache>/lm-checkpoints/<objective>-<key>.safetensors
 * and `resume: true`, where key hashes everything that decides the weights (objective, model config,
 * data, table, training settings, masking, seeds). A second run with the same settings finds the file and
 * trains 0 steps (`checkpoint reused` in the models table); `reuseCheckpoints: false` always trains.
 */
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {ConfigError, WordVectors, deriveSeed} from '@embedlab/core';
import {
  evaluateAnalogy,
  evaluateSimilarity,
  listDatasets,
  loadAnalogyDataset,
  loadSimilarityDataset,
  type AnalogyDataset,
  type SimilarityDataset,
} from '@embedlab/evaluators';
import {
  GptModel,
  POOLINGS,
  bertConfig,
  contextualityMeasures,
  decontextualizedVectors,
  poolStaticVectors,
  resolveGptConfig,
  staticWordVectors,
  trainLm,
  type GptConfig,
  type Pooling,
} from '@embedlab/transformer';
import {z} from 'zod';
import type {BuildContext} from '../context.js';
import {didYouMean} from '../did-you-mean.js';
import {loadLmData, type LmDataset} from '../lm/data.js';
import type {MetricRow} from '../metric-row.js';
import type {Task} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {loadAnalogyFile, loadSimilarityFile} from './dataset-file.js';
import {accuracyRows} from './google-analogy.js';
import {gptConfig, languageModelParams, lmSeeds, lmTrainOptions, startTable, type LanguageModelParams} from './language-model.js';
import {datasetOptions} from './protocol-spec.js';
import {availableSimilarityDatasets} from './similarity.js';

/** The `task` of every row. */
export const CONTEXTUAL_TASK = 'contextual';
/** Dataset of the Ethayarajh rows. */
export const ETHAYARAJH = 'ethayarajh';

const modelEntry = z.strictObject({
  /** Column of the tables, line of the charts. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case name'),
  /** `causal`: GPT-style next-token model; `masked`: BERT-style (bidirectional, masked-LM head, one extra <mask> row). */
  objective: z.enum(['causal', 'masked']).default('causal'),
  /** The `language-model` arm settings (data, table, model, train); only the first seed is trained. */
  lm: languageModelParams,
  /** Masked objective: Devlin et al.'s rates. */
  masking: z
    .strictObject({
      probability: z.number().gt(0).max(1).default(0.15),
      maskShare: z.number().min(0).max(1).default(0.8),
      randomShare: z.number().min(0).max(1).default(0.1),
    })
    .prefault({}),
});

export const contextualParams = z
  .object({
    /** __Default:__ a GPT-style and a BERT-style model with the `language-model` defaults (random table). */
    models: z
      .array(modelEntry)
      .min(1)
      .prefault([
        {name: 'gpt-random', objective: 'causal', lm: {}},
        {name: 'bert-random', objective: 'masked', lm: {}},
      ]),
    /** The experiment arm whose vectors are the static baseline (GloVe). __Default:__ the first arm. */
    static: z.string().optional(),
    contexts: z
      .strictObject({
        /** Documents the contexts come from: the models' training documents or the held-out ones. */
        split: z.enum(['train', 'validation']).default('train'),
        /** N: contexts per word (a seeded uniform sample of its occurrences). */
        maxContexts: z.number().int().positive().default(10),
        /** Tokens per window (left context for a causal model, centred for a masked one). */
        window: z.number().int().positive().default(16),
        poolings: z.array(z.enum(POOLINGS)).min(1).default(['mean', 'min', 'max']),
        /** `benchmarks`: vocabulary words that occur in a dataset used; `vocabulary`: every vocabulary word. */
        words: z.enum(['benchmarks', 'vocabulary']).default('benchmarks'),
        /** Windows per forward pass. */
        batchSize: z.number().int().positive().default(64),
      })
      .prefault({}),
    measures: z
      .strictObject({
        /** Random tokens (each in a random window) for anisotropy and intra-sentence similarity. */
        samples: z.number().int().min(2).default(1000),
        /** Words need this many contexts for self-similarity and MEV. */
        minContexts: z.number().int().min(2).default(2),
      })
      .prefault({}),
    /** Similarity datasets, or `all` available. */
    similarity: z
      .union([
        z.literal('all'),
        z.array(z.string()).superRefine((ids, check) => {
          const known = listDatasets('similarity').map((d) => d.id);
          ids.forEach((id, i) => {
            if (!known.includes(id)) check.addIssue({code: 'custom', path: [i], message: `unknown similarity dataset "${id}"${didYouMean(id, known)}`});
          });
        }),
      ])
      .default('all'),
    /** Extra similarity files (`word1 word2 score` lines), scored after `similarity`. */
    similarityFiles: z.array(z.string()).default([]),
    /** A question-file analogy dataset, or null for none. */
    analogy: z.string().nullable().default('google-analogy'),
    /** A Google-format analogy file to use instead of `analogy` (its id is the file name). */
    analogyFile: z.string().optional(),
    /** Datasets in the headline table (the rest, min/max pooling and the word alone are detail rows). */
    headline: z.array(z.string()).default(['ws353-combined', 'simlex-999', 'men', 'rw', 'google-analogy']),
    reuseCheckpoints: z.boolean().default(true),
  })
  .superRefine((p, check) => {
    const names = p.models.map((m) => m.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) check.addIssue({code: 'custom', path: ['models', i, 'name'], message: `model name "${n}" is used twice`});
    });
    const data = (m: LanguageModelParams) => JSON.stringify(dataParams(m));
    p.models.forEach((m, i) => {
      if (i > 0 && data(m.lm) !== data((p.models[0] as {lm: LanguageModelParams}).lm)) {
        check.addIssue({
          code: 'custom',
          path: ['models', i, 'lm'],
          message:
            'every model must read the same data (corpora, files, validationFraction, minCount, maxVocab, validationTokens, curveTokens) so that they share one vocabulary and word list',
        });
      }
      const length = m.lm.train.length ?? m.lm.model.context;
      if (p.contexts.window > m.lm.model.context)
        check.addIssue({
          code: 'custom',
          path: ['contexts', 'window'],
          message: `a window of ${p.contexts.window} tokens is longer than model ${m.name}'s context ${m.lm.model.context}`,
        });
      if (length > m.lm.model.context)
        check.addIssue({code: 'custom', path: ['models', i, 'lm', 'train', 'length'], message: `longer than the context ${m.lm.model.context}`});
    });
    if (p.analogy !== null) {
      const known = listDatasets('analogy')
        .filter((d) => d.format.kind !== 'bats')
        .map((d) => d.id);
      if (!known.includes(p.analogy))
        check.addIssue({code: 'custom', path: ['analogy'], message: `unknown question-file analogy dataset "${p.analogy}"${didYouMean(p.analogy, known)}`});
    }
  });

export type ContextualParams = z.output<typeof contextualParams>;
type ModelEntry = ContextualParams['models'][number];
type Row = MetricRow;

function dataParams(p: LanguageModelParams) {
  return {
    corpora: p.corpora,
    files: p.files,
    validationFraction: p.validationFraction,
    minCount: p.minCount,
    maxVocab: p.maxVocab,
    validationTokens: p.validationTokens,
    curveTokens: p.curveTokens,
  };
}

/** Documents (id arrays) of the training stream (split at <eot>) or the validation documents. */
export function contextDocuments(data: LmDataset, split: 'train' | 'validation'): Int32Array[] {
  if (split === 'validation') return data.validation.map((d) => d.subarray(1)).filter((d) => d.length > 0);
  const docs: Int32Array[] = [];
  let start = 0;
  for (let i = 0; i <= data.train.length; i++) {
    if (i === data.train.length || data.train[i] === data.eotId) {
      if (i > start) docs.push(data.train.subarray(start, i));
      start = i + 1;
    }
  }
  return docs;
}

/** The shared word list: vocabulary order, no specials, in the static vectors, and (optionally) in a dataset. */
export function wordList(
  data: LmDataset,
  staticVectors: WordVectors,
  benchmarkWords: ReadonlySet<string> | undefined,
): {words: string[]; ids: number[]; notInStatic: number} {
  const specials = new Set(data.vocab.specials);
  const words: string[] = [],
    ids: number[] = [];
  let notInStatic = 0;
  data.vocab.tokens.forEach((w, id) => {
    if (specials.has(w) || (benchmarkWords && !benchmarkWords.has(w))) return;
    if (!staticVectors.has(w)) {
      notInStatic++;
      return;
    }
    words.push(w);
    ids.push(id);
  });
  return {words, ids, notInStatic};
}

function rowsOf(vectors: WordVectors, words: readonly string[]): WordVectors {
  const data = new Float32Array(words.length * vectors.dim);
  words.forEach((w, i) => data.set(vectors.vector(w) as Float32Array, i * vectors.dim));
  return new WordVectors(words, data, vectors.dim, {meta: {...vectors.meta, wordList: words.length}, checkFinite: false});
}

function tableRows(table: Float32Array, dim: number, ids: readonly number[], words: readonly string[], meta: Record<string, unknown>): WordVectors {
  const data = new Float32Array(ids.length * dim);
  ids.forEach((id, i) => data.set(table.subarray(id * dim, (id + 1) * dim), i * dim));
  return new WordVectors(words, data, dim, {meta, checkFinite: false});
}

interface Trained {
  model: GptModel;
  info: Record<string, unknown>;
  rows: Row[];
}

/** Train one model (or take its finished checkpoint). */
async function trainModel(ctx: BuildContext, entry: ModelEntry, data: LmDataset, reuse: boolean): Promise<Trained> {
  const p = entry.lm;
  const masked = entry.objective === 'masked';
  const V = data.vocab.size + (masked ? 1 : 0);
  const maskId = masked ? data.vocab.size : undefined;
  const {table, width} = await startTable(ctx, p, data.vocab.size, data.vocab);
  const base = gptConfig(p, V, width);
  const config = resolveGptConfig(
    masked ? bertConfig(base as Omit<GptConfig, 'causal' | 'headTransform' | 'outputBias' | 'tie'>) : base,
    `${ctx.path}.models.${entry.name}`,
  );
  let start = table?.start,
    rowsFlag = table?.pretrainedRows;
  if (masked && start) {
    // The <mask> row: the mean of the table's rows (trainable).
    const E = width,
      n = data.vocab.size;
    const grown = new Float32Array(V * E);
    grown.set(start);
    for (let j = 0; j < E; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += start[r * E + j] as number;
      grown[n * E + j] = s / n;
    }
    start = grown;
    if (rowsFlag) {
      const f = new Uint8Array(V);
      f.set(rowsFlag);
      rowsFlag = f;
    }
  }
  const seed = p.seeds[0] as number;
  const seeds = lmSeeds(ctx.runSeed, seed);
  const freeze = table ? p.table.freeze : 'none';
  const model = new GptModel(config, {
    seed: seeds.model,
    ...(start ? {table: {pretrained: start, freeze, ...(rowsFlag ? {pretrainedRows: rowsFlag} : {})}} : {}),
  });
  const length = p.train.length ?? p.model.context;
  const masking = masked
    ? {
        maskId: maskId as number,
        specialIds: [data.eotId],
        probability: entry.masking.probability,
        maskShare: entry.masking.maskShare,
        randomShare: entry.masking.randomShare,
      }
    : undefined;
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        format: 1,
        objective: entry.objective,
        config,
        data: dataParams(p),
        table: p.table,
        train: p.train,
        masking: masking ?? null,
        seeds,
        runSeed: ctx.runSeed,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  const dir = join(ctx.cacheDir, 'lm-checkpoints');
  mkdirSync(dir, {recursive: true});
  const checkpointPath = join(dir, `${entry.objective}-${key}.safetensors`);
  const reused = reuse && existsSync(checkpointPath);
  const tokensPerStep = p.train.batchSize * length;
  const progress = ctx.progress.start(`${entry.name} ${reused ? 'checkpoint' : 'training'}`, p.train.steps * tokensPerStep, 'tokens');
  const t0 = performance.now();
  const result = await trainLm(
    model,
    {train: data.train, validation: data.curve},
    {
      ...lmTrainOptions(p.train, length, seeds.train),
      objective: entry.objective,
      ...(masking ? {masking} : {}),
      checkpointPath,
      checkpointEvery: 0,
      resume: reuse,
      onProgress: (x) => progress.update(x.tokens),
    },
  );
  progress.done();
  const seconds = (performance.now() - t0) / 1000;
  const last = result.evaluations[result.evaluations.length - 1];
  const tail = result.history.slice(-p.train.evalEvery);
  const trainLoss = tail.reduce((s, h) => s + h.loss, 0) / Math.max(1, tail.length);
  ctx.log(
    `${entry.name}: ${reused ? `checkpoint ${checkpointPath} reused` : `${result.step * tokensPerStep} tokens in ${seconds.toFixed(0)}s`}, ${masked ? 'masked-LM' : 'next-token'} validation loss ${last?.loss.toFixed(3) ?? '?'}`,
  );
  const at = {arm: entry.name, task: CONTEXTUAL_TASK, dataset: 'training', detail: true};
  return {
    model: result.model,
    rows: [{...at, metric: 'train-loss', value: trainLoss}, ...(last ? [{...at, metric: 'validation-loss', value: last.loss}] : [])],
    info: {
      objective: entry.objective,
      seed,
      modelSeed: seeds.model,
      trainSeed: seeds.train,
      table: `${p.table.init === 'pretrained' ? p.table.source : 'random'}${freeze === 'none' ? '' : `, frozen: ${freeze}`}`,
      modelShape: `d${config.dModel} L${config.nLayers} H${config.nHeads} ctx ${config.context}, ${config.positions}${config.embeddingDim !== config.dModel ? `, table ${config.embeddingDim} -> wte_proj` : ''}${masked ? ', bidirectional, MLM head' : ''}`,
      vocabulary: V,
      steps: result.step,
      tokens: result.step * tokensPerStep,
      trainLoss,
      validationLoss: last?.loss ?? null,
      checkpoint: `lm-checkpoints/${entry.objective}-${key}.safetensors`,
      checkpointReused: reused,
      trainSeconds: seconds,
    },
  };
}

export const contextualVsStatic = defineComponent({
  kind: 'task',
  name: 'contextual-vs-static',
  summary:
    'contextual vs static: per layer of GPT/BERT-style models, pooled word vectors on similarity and analogy next to the input table and GloVe; Ethayarajh anisotropy, self-similarity, MEV',
  params: contextualParams,
  create: (p): Task => ({
    async run(arms, ctx) {
      const t0 = performance.now();
      const staticName = p.static ?? [...arms.keys()][0];
      const staticArm = staticName === undefined ? undefined : arms.get(staticName);
      if (!staticArm || staticName === undefined)
        throw new ConfigError(`${ctx.path}.static`, `no arm "${staticName}" in this experiment (arms: ${[...arms.keys()].join(', ')})`);
      // Datasets first: a missing file fails before any training.
      const simIds = p.similarity === 'all' ? await ctx.memo('similarity:all', () => availableSimilarityDatasets(ctx)) : p.similarity;
      const similarity: SimilarityDataset[] = [];
      for (const id of simIds) similarity.push(await ctx.memo(`similarity:${id}`, () => loadSimilarityDataset(id, datasetOptions(ctx))));
      for (const file of p.similarityFiles) similarity.push(await ctx.memo(`similarity-file:${file}`, async () => loadSimilarityFile(file)));
      const analogy: AnalogyDataset | undefined =
        p.analogyFile !== undefined
          ? await ctx.memo(`analogy-file:${p.analogyFile}`, async () => loadAnalogyFile(p.analogyFile as string))
          : p.analogy === null
            ? undefined
            : await ctx.memo(`analogy:${p.analogy}`, () => loadAnalogyDataset(p.analogy as string, datasetOptions(ctx)));
      for (const d of [...similarity, ...(analogy ? [analogy] : [])]) ctx.recordInput('dataset', d.id, {files: d.files});

      const first = (p.models[0] as ModelEntry).lm;
      const data = await loadLmData(ctx, dataParams(first));
      let benchmark: Set<string> | undefined;
      if (p.contexts.words === 'benchmarks') {
        benchmark = new Set<string>();
        for (const d of similarity) for (const x of d.pairs) benchmark.add(x.w1.toLowerCase()).add(x.w2.toLowerCase());
        if (analogy) for (const q of analogy.questions) for (const w of [q.a, q.b, q.c, ...q.answers]) benchmark.add(w.toLowerCase());
      }
      const list = wordList(data, staticArm.vectors, benchmark);
      if (list.words.length < 2)
        throw new ConfigError(
          `${ctx.path}.contexts.words`,
          `only ${list.words.length} vocabulary words are in ${staticName} and the datasets; nothing to compare`,
        );
      ctx.log(
        `contextual: word list of ${list.words.length} words (${p.contexts.words}; ${list.notInStatic} vocabulary words missing from ${staticName} left out)`,
      );
      const docs = contextDocuments(data, p.contexts.split);
      const protocol = {base: ctx.evaluation.protocol, restrict: null};
      const boot = (dataset: string) => ({
        resamples: ctx.evaluation.bootstrapSamples,
        level: ctx.evaluation.confidence,
        seed: deriveSeed(ctx.seed, `bootstrap:${dataset}`),
      });
      const headline = new Set(p.headline);
      const rows: Row[] = [];

      /**
       * Score one vector set on every dataset. Headline sets get bootstrap intervals; detail sets (min / max
       * pooling, the word alone) only the point value. The analogy search runs on the main thread (`tfjs`
       * engine): on a few thousand candidate rows a worker costs more than it saves.
       */
      const score = async (vectors: WordVectors, arm: string, section: string, detail: boolean) => {
        const flag = (dataset: string) => (detail || !headline.has(dataset) ? {detail: true} : {});
        for (const d of similarity) {
          const r = evaluateSimilarity(vectors, d, protocol, {bootstrap: detail ? false : boot(d.id)});
          const si = r.intervals?.spearman;
          rows.push({
            arm,
            task: CONTEXTUAL_TASK,
            dataset: d.id,
            section,
            metric: 'spearman',
            value: r.spearman,
            ...(si ? {lo: si.low, hi: si.high} : {}),
            n: r.pairsUsed,
            ...flag(d.id),
          });
        }
        if (analogy) {
          const r = await evaluateAnalogy(vectors, analogy, protocol, {records: true, bootstrap: false, engine: 'tfjs'});
          const at = {task: CONTEXTUAL_TASK, dataset: analogy.id, section};
          const acc = detail
            ? [{...at, metric: 'accuracy', value: r.overall.evaluated ? r.overall.correct / r.overall.evaluated : Number.NaN, n: r.overall.evaluated}]
            : accuracyRows(r.records ?? [], at, boot(analogy.id));
          rows.push(...acc.map((x) => ({...x, arm, ...flag(analogy.id)})));
        }
      };

      // The static baseline on the word list, and how much of each dataset the word list covers.
      const staticSet = rowsOf(staticArm.vectors, list.words);
      await score(staticSet, staticName, 'static', false);
      for (const d of similarity) {
        const r = evaluateSimilarity(staticSet, d, protocol, {bootstrap: false});
        rows.push({
          arm: staticName,
          task: CONTEXTUAL_TASK,
          dataset: d.id,
          section: 'word list',
          metric: 'coverage',
          value: r.coverage,
          n: r.pairsTotal,
          exact: true,
          ...(headline.has(d.id) ? {} : {detail: true}),
        });
      }

      const models: Record<string, unknown>[] = [];
      for (const entry of p.models) {
        const tm = performance.now();
        const trained = await trainModel(ctx, entry, data, p.reuseCheckpoints);
        rows.push(...trained.rows);
        const model = trained.model;
        const L = model.config.nLayers;
        const tp = performance.now();
        let pooling: ReturnType<BuildContext['progress']['start']> | undefined;
        const pooled = poolStaticVectors(model, docs, {
          words: list.ids,
          maxContexts: p.contexts.maxContexts,
          window: p.contexts.window,
          pooling: p.contexts.poolings as Pooling[],
          batchSize: p.contexts.batchSize,
          seed: deriveSeed(ctx.seed, 'contexts'),
          onProgress: (done, total) => {
            pooling ??= ctx.progress.start(`${entry.name} contexts`, total, 'windows');
            pooling.update(done);
          },
        });
        pooling?.done();
        const poolSeconds = (performance.now() - tp) / 1000;
        const specials = [data.eotId, ...(data.unkId !== undefined ? [data.unkId] : []), ...(entry.objective === 'masked' ? [data.vocab.size] : [])];
        const tq = performance.now();
        const m = contextualityMeasures(model, docs, pooled.collection, {
          samples: p.measures.samples,
          minContexts: p.measures.minContexts,
          seed: deriveSeed(ctx.seed, 'measures'),
          excludeIds: specials,
          batchSize: p.contexts.batchSize,
        });
        const measureSeconds = (performance.now() - tq) / 1000;
        for (const l of m.layers) {
          const at = {arm: entry.name, task: CONTEXTUAL_TASK, dataset: ETHAYARAJH, section: `layer ${l.layer}`};
          rows.push(
            {...at, metric: 'anisotropy', value: l.anisotropy, n: m.samples},
            {...at, metric: 'self-similarity', value: l.selfSimilarity, n: m.words},
            {...at, metric: 'self-similarity-adjusted', value: l.selfSimilarityAdjusted, n: m.words},
            {...at, metric: 'intra-similarity', value: l.intraSimilarity, n: m.windows},
            {...at, metric: 'intra-similarity-adjusted', value: l.intraSimilarityAdjusted, n: m.windows},
            {...at, metric: 'mev', value: l.mev, n: m.words},
            {...at, metric: 'mev-adjusted', value: l.mevAdjusted, n: m.words},
            {...at, metric: 'mev-baseline', value: l.mevBaseline, n: m.words, detail: true},
            {...at, metric: 'mev-random-sample', value: l.mevRandomSample, n: m.samples, detail: true},
          );
        }
        const te = performance.now();
        const labels = list.words;
        await score(
          tableRows(model.table, model.config.embeddingDim, list.ids, labels, {source: 'input table', model: entry.name}),
          entry.name,
          'input table',
          false,
        );
        const alone = decontextualizedVectors(model, list.ids);
        for (let layer = 0; layer <= L; layer++) {
          for (const pool of p.contexts.poolings as Pooling[])
            await score(staticWordVectors(pooled, labels, layer, pool), entry.name, `layer ${layer} ${pool}`, pool !== 'mean');
          await score(
            tableRows(
              alone[layer] as Float32Array,
              model.config.dModel,
              list.ids.map((_, i) => i),
              labels,
              {source: 'decontextualized', layer},
            ),
            entry.name,
            `layer ${layer} alone`,
            true,
          );
        }
        const evalSeconds = (performance.now() - te) / 1000;
        const counts = Array.from(pooled.counts);
        const contexts = {arm: entry.name, task: CONTEXTUAL_TASK, dataset: 'contexts', detail: true, exact: true};
        rows.push(
          {...contexts, metric: 'words', value: counts.length},
          {...contexts, metric: 'mean-contexts', value: counts.reduce((s, c) => s + c, 0) / counts.length},
          {...contexts, metric: 'fallback', value: pooled.fallback.count},
        );
        models.push({
          model: entry.name,
          ...trained.info,
          contexts: `${p.contexts.split} documents, N = ${p.contexts.maxContexts}, window ${p.contexts.window} (${entry.objective === 'masked' ? 'centred' : 'left context'}), ${p.contexts.poolings.join('/')}`,
          words: counts.length,
          meanContexts: counts.reduce((s, c) => s + c, 0) / counts.length,
          fallback: pooled.fallback.count,
          windows: pooled.windows,
          tokensRead: pooled.tokens,
          measures: `${m.samples} random tokens, ${m.words} words with >= ${p.measures.minContexts} contexts`,
          poolSeconds,
          measureSeconds,
          evalSeconds,
          seconds: (performance.now() - tm) / 1000,
        });
        ctx.log(
          `${entry.name}: ${pooled.windows} windows (${pooled.tokens} tokens) in ${poolSeconds.toFixed(0)}s, ${pooled.fallback.count} of ${counts.length} words fell back to the word alone; measures ${measureSeconds.toFixed(0)}s; scoring ${evalSeconds.toFixed(0)}s`,
        );
        model.dispose();
      }
      ctx.addArtifact('contextual-models', models);
      ctx.recordInput('contextual', 'word-list', {
        words: list.words.length,
        selection: p.contexts.words,
        notInStatic: list.notInStatic,
        static: staticName,
        protocol: {...protocol},
        contexts: p.contexts,
        measures: p.measures,
      });
      ctx.log(`contextual-vs-static: ${((performance.now() - t0) / 1000).toFixed(0)}s`);
      return rows;
    },
  }),
});
