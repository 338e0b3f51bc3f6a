/**
 * Language-model data from text corpora: documents split into train and validation by document (seeded,
 * stratified by corpus), tokenized with the corpora tokenizer, a word vocabulary counted on the training
 * documents only (specials `<unk>` and `<eot>`, min count), and token streams:
 *
 *   train        every training document's ids followed by <eot>, concatenated (what trainLm samples)
 *   validation   per validation document: [<eot>, first `validationTokens` ids]; the <eot> gives the first
 *                word the context it has in training, so each document predicts min(length, cap) tokens
 *   curve        [<eot>, first `curveTokens` ids] of every validation document, concatenated: the cheap
 *                held-out loss logged during training (same construction as the training stream)
 */
import {ConfigError, Vocabulary, deriveSeed} from '@embedlab/core';
import {openCorpus, textFilesCorpus, tokenize, trainTestSplit, type Corpus} from '@embedlab/corpora';
import type {BuildContext} from '../context.js';

export const UNK = '<unk>';
export const EOT = '<eot>';

export interface LmDataParams {
  corpora: readonly string[];
  /** Plain-text files, one document per paragraph (tests, your own text). */
  files: readonly string[];
  validationFraction: number;
  minCount: number;
  maxVocab?: number | undefined;
  validationTokens: number;
  curveTokens: number;
}

export interface LmDataset {
  vocab: Vocabulary;
  eotId: number;
  unkId: number;
  train: Int32Array;
  /** Per validation document: [<eot>, ids...]. */
  validation: Int32Array[];
  validationIds: string[];
  curve: Int32Array;
  stats: {
    corpora: string[];
    documents: {train: number; validation: number};
    tokens: {train: number; validation: number; curve: number};
    vocabulary: number;
    minCount: number;
    /** Share of training / validation target tokens that are <unk>. */
    unknownRate: {train: number; validation: number};
    splitSeed: number;
  };
}

/** Load (once per run, shared by every arm with the same data params) and prepare the data. */
export function loadLmData(ctx: BuildContext, p: LmDataParams): Promise<LmDataset> {
  const key = `lm-data:${JSON.stringify([p.corpora, p.files, p.validationFraction, p.minCount, p.maxVocab ?? null, p.validationTokens, p.curveTokens, ctx.runSeed])}`;
  return ctx.memo(key, () => prepareLmData(ctx, p));
}

async function prepareLmData(ctx: BuildContext, p: LmDataParams): Promise<LmDataset> {
  const t0 = performance.now();
  const sources: {name: string; corpus: Corpus}[] = p.corpora.map((name) => ({name, corpus: openCorpus(name, `${ctx.path}.corpora`)}));
  if (p.files.length) sources.push({name: 'files', corpus: textFilesCorpus(p.files, {split: 'paragraph', name: 'files'})});
  if (!sources.length) throw new ConfigError(`${ctx.path}.corpora`, 'no text: give at least one corpus or file');
  const docs: {id: string; label: string; tokens: string[]}[] = [];
  const reading = ctx.progress.start('read corpora', 0, 'documents');
  for (const {name, corpus} of sources) {
    ctx.recordInput('corpus', name, {...corpus.provenance});
    for await (const doc of corpus) {
      const tokens = tokenize(doc.text);
      if (tokens.length) docs.push({id: `${name}/${doc.id}`, label: name, tokens});
      reading.tick();
    }
  }
  reading.done();
  // The split is a function of the run seed only, so every arm (and every experiment with this seed) sees
  // the same documents.
  const splitSeed = deriveSeed(ctx.runSeed, 'lm:split');
  const split = trainTestSplit(docs, {testFraction: p.validationFraction, seed: splitSeed, stratify: true});
  if (!split.train.length || !split.test.length) {
    throw new ConfigError(`${ctx.path}.validationFraction`, `${docs.length} documents give ${split.train.length} training and ${split.test.length} validation documents; both need at least one`);
  }
  const vocab = Vocabulary.fromTokens(
    split.train.flatMap((d) => d.tokens),
    {minCount: p.minCount, ...(p.maxVocab !== undefined ? {maxSize: p.maxVocab} : {}), specials: [UNK, EOT]},
  );
  const unkId = vocab.unkId as number;
  const eotId = vocab.id(EOT) as number;
  const trainIds = split.train.map((d) => vocab.encode(d.tokens));
  const trainTokens = trainIds.reduce((s, x) => s + x.length + 1, 0);
  const train = new Int32Array(trainTokens);
  let o = 0;
  for (const ids of trainIds) {
    train.set(ids, o);
    o += ids.length;
    train[o++] = eotId;
  }
  const validation = split.test.map((d) => Int32Array.from([eotId, ...vocab.encode(d.tokens.slice(0, p.validationTokens))]));
  const curveParts = split.test.map((d) => Int32Array.from([eotId, ...vocab.encode(d.tokens.slice(0, p.curveTokens))]));
  const curve = new Int32Array(curveParts.reduce((s, x) => s + x.length, 0));
  o = 0;
  for (const part of curveParts) {
    curve.set(part, o);
    o += part.length;
  }
  const unkShare = (streams: readonly Int32Array[], skipFirst: boolean) => {
    let unk = 0, all = 0;
    for (const s of streams) for (let i = skipFirst ? 1 : 0; i < s.length; i++) {
      all++;
      if (s[i] === unkId) unk++;
    }
    return all ? unk / all : 0;
  };
  const validationTokens = validation.reduce((s, x) => s + x.length - 1, 0);
  const stats: LmDataset['stats'] = {
    corpora: sources.map((s) => s.name),
    documents: {train: split.train.length, validation: split.test.length},
    tokens: {train: trainTokens, validation: validationTokens, curve: curve.length},
    vocabulary: vocab.size,
    minCount: p.minCount,
    unknownRate: {train: unkShare([train], false), validation: unkShare(validation, true)},
    splitSeed,
  };
  ctx.log(
    `lm data: ${stats.documents.train} train / ${stats.documents.validation} validation documents, ${trainTokens} training tokens, ` +
      `vocabulary ${vocab.size} (min count ${p.minCount}), <unk> ${(100 * stats.unknownRate.validation).toFixed(1)}% of validation tokens, ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
  return {vocab, eotId, unkId, train, validation, validationIds: split.test.map((d) => d.id), curve, stats};
}
