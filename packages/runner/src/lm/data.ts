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
 *
 * With a subword tokenizer (`tokenizer`), the text of a document is its corpora words joined by spaces
 * (the same lowercase words the word-level model reads, so every model scores the same text), encoded by
 * a BPE or WordPiece tokenizer trained on the training documents only (cached by checksum) or loaded from
 * a tokenizer.json; `validationTokens` and `curveTokens` still count words. The document separator is
 * the tokenizer's `<|endoftext|>` (BPE) or `[SEP]` (WordPiece). Per validation document the dataset keeps
 * its words and characters, so losses convert to per-word perplexity and bits per character, comparable
 * across vocabularies.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {ConfigError, Vocabulary, deriveSeed} from '@embedlab/core';
import {writeFileAtomic} from '@embedlab/core/data';
import {openCorpus, textFilesCorpus, tokenize, trainTestSplit, type Corpus} from '@embedlab/corpora';
import {SubwordTokenizer, trainTokenizer} from '@embedlab/subword';
import type {BuildContext} from '../context.js';

export const UNK = '<unk>';
export const EOT = '<eot>';

/** A subword tokenizer for the LM: trained on the training split (`type`, `vocabSize`) or a tokenizer.json. */
export type LmTokenizerParams = {type: 'bpe' | 'wordpiece'; vocabSize: number} | {path: string};

export interface LmDataParams {
  /** Subword vocabulary; absent: the word-level vocabulary (minCount, maxVocab). */
  tokenizer?: LmTokenizerParams | undefined;
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
  /** The subword tokenizer, when the vocabulary is one. */
  tokenizer?: SubwordTokenizer;
  /** Per validation document: words scored (its first `validationTokens` corpora words). */
  validationWords: Float64Array;
  /** Per validation document: characters of those words joined by single spaces. */
  validationChars: Float64Array;
  stats: {
    /** `word` or the tokenizer kind (`bpe`, `wordpiece`). */
    vocabularyKind: string;
    /** Validation words with no row of their own: <unk> (word level), a [UNK] piece (WordPiece); 0 for byte-level BPE. */
    unseenWordRate: number;
    /** Validation tokens per validation word (1 at word level). */
    tokensPerWord: number;
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
  const key = `lm-data:${JSON.stringify([p.corpora, p.files, p.validationFraction, p.minCount, p.maxVocab ?? null, p.validationTokens, p.curveTokens, ctx.runSeed, p.tokenizer ?? null])}`;
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
    throw new ConfigError(
      `${ctx.path}.validationFraction`,
      `${docs.length} documents give ${split.train.length} training and ${split.test.length} validation documents; both need at least one`,
    );
  }
  const validationWords = Float64Array.from(split.test, (d) => Math.min(d.tokens.length, p.validationTokens));
  const validationChars = Float64Array.from(split.test, (d) => charsOf(d.tokens.slice(0, p.validationTokens)));
  if (p.tokenizer)
    return subwordData(
      ctx,
      p,
      p.tokenizer,
      split,
      sources.map((s) => s.name),
      splitSeed,
      validationWords,
      validationChars,
      t0,
    );
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
    let unk = 0,
      all = 0;
    for (const s of streams)
      for (let i = skipFirst ? 1 : 0; i < s.length; i++) {
        all++;
        if (s[i] === unkId) unk++;
      }
    return all ? unk / all : 0;
  };
  const validationTokens = validation.reduce((s, x) => s + x.length - 1, 0);
  const stats: LmDataset['stats'] = {
    vocabularyKind: 'word',
    unseenWordRate: unkShare(validation, true),
    tokensPerWord: 1,
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
  return {vocab, eotId, unkId, train, validation, validationIds: split.test.map((d) => d.id), curve, validationWords, validationChars, stats};
}

/** Characters of words joined by single spaces. */
function charsOf(words: readonly string[]): number {
  return words.length === 0 ? 0 : words.reduce((n, w) => n + w.length, 0) + words.length - 1;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The tokenizer: loaded from its file, or trained on the training texts (cached under the cache folder by checksum). */
async function lmTokenizer(ctx: BuildContext, t: LmTokenizerParams, trainTexts: readonly string[]): Promise<SubwordTokenizer> {
  if ('path' in t) {
    const path = resolve(t.path);
    if (!existsSync(path)) throw new ConfigError(`${ctx.path}.tokenizer.path`, `no tokenizer.json at ${t.path}`);
    const text = readFileSync(path, 'utf8');
    const tokenizer = SubwordTokenizer.fromString(text, t.path);
    ctx.recordInput('tokenizer', t.path, {path, sha256: sha256(text), type: tokenizer.kind, vocabSize: tokenizer.vocabSize});
    return tokenizer;
  }
  const textSha = sha256(trainTexts.join('\n'));
  // The trainer's identity is part of the key: BPE above 30,000 comes from our trainer, below from the library.
  const name = `${t.type}-${t.vocabSize}-${sha256(JSON.stringify([t.type, t.vocabSize, textSha, 'embedlab-lm-tokenizer-v1'])).slice(0, 16)}.tokenizer.json`;
  const file = join(ctx.cacheDir, 'tokenizers', name);
  const cached = existsSync(file);
  let tokenizer: SubwordTokenizer;
  if (cached) {
    tokenizer = SubwordTokenizer.load(file);
  } else {
    const t0 = performance.now();
    tokenizer = await trainTokenizer({
      kind: t.type,
      texts: trainTexts,
      vocabSize: t.vocabSize,
      onProgress: (made, target) => ctx.log(`  ${t.type} ${t.vocabSize}: ${made} / ${target} merged tokens`),
    });
    writeFileAtomic(file, tokenizer.toString());
    ctx.log(`lm tokenizer: trained ${t.type} ${tokenizer.vocabSize} on the training documents in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  }
  if (tokenizer.vocabSize !== t.vocabSize)
    throw new ConfigError(
      `${ctx.path}.tokenizer.vocabSize`,
      `the training documents give only ${tokenizer.vocabSize} ${t.type} tokens, fewer than vocabSize ${t.vocabSize}`,
    );
  ctx.recordInput('tokenizer', name, {
    type: t.type,
    vocabSize: t.vocabSize,
    trainedOn: 'training documents',
    trainTextSha256: textSha,
    sha256: sha256(tokenizer.toString()),
    cached,
  });
  return tokenizer;
}

type Split = {train: {tokens: string[]}[]; test: {id: string; tokens: string[]}[]};

async function subwordData(
  ctx: BuildContext,
  p: LmDataParams,
  t: LmTokenizerParams,
  split: Split,
  corpora: string[],
  splitSeed: number,
  validationWords: Float64Array,
  validationChars: Float64Array,
  t0: number,
): Promise<LmDataset> {
  const trainTexts = split.train.map((d) => d.tokens.join(' '));
  const tokenizer = await lmTokenizer(ctx, t, trainTexts);
  const eot = tokenizer.kind === 'bpe' ? '<|endoftext|>' : '[SEP]';
  const eotId = tokenizer.tokenToId(eot);
  if (eotId === null) throw new ConfigError(`${ctx.path}.tokenizer`, `the tokenizer has no ${eot} token to separate documents`);
  const unk = tokenizer.unkId;
  const vocab = Vocabulary.fromWords(tokenizer.tokens as string[], {
    specials: tokenizer.specialTokens,
    ...(unk !== null ? {unkToken: tokenizer.tokens[unk] as string} : {}),
  });
  const encode = async (texts: string[]) => {
    const out: Int32Array[] = [];
    for (let i = 0; i < texts.length; i += 256) for (const e of await tokenizer.encodeBatch(texts.slice(i, i + 256))) out.push(Int32Array.from(e.ids));
    return out;
  };
  const trainIds = await encode(trainTexts);
  const train = new Int32Array(trainIds.reduce((s, x) => s + x.length + 1, 0));
  let o = 0;
  for (const ids of trainIds) {
    train.set(ids, o);
    o += ids.length;
    train[o++] = eotId;
  }
  const validationTexts = split.test.map((d) => d.tokens.slice(0, p.validationTokens).join(' '));
  const validation = (await encode(validationTexts)).map((ids) => Int32Array.from([eotId, ...ids]));
  const curveParts = (await encode(split.test.map((d) => d.tokens.slice(0, p.curveTokens).join(' ')))).map((ids) => Int32Array.from([eotId, ...ids]));
  const curve = new Int32Array(curveParts.reduce((s, x) => s + x.length, 0));
  o = 0;
  for (const part of curveParts) {
    curve.set(part, o);
    o += part.length;
  }
  // Unseen words: validation words with a [UNK] piece (WordPiece); byte-level BPE has none.
  let unseen = 0;
  if (unk !== null) {
    for (let i = 0; i < validationTexts.length; i += 256) {
      for (const e of await tokenizer.encodeBatch(validationTexts.slice(i, i + 256))) {
        const bad = new Set<number>();
        e.ids.forEach((id, k) => {
          if (id === unk && e.wordIds[k] !== null) bad.add(e.wordIds[k] as number);
        });
        unseen += bad.size;
      }
    }
  }
  const words = validationWords.reduce((s, x) => s + x, 0);
  const validationTokens = validation.reduce((s, x) => s + x.length - 1, 0);
  const stats: LmDataset['stats'] = {
    vocabularyKind: tokenizer.kind,
    unseenWordRate: words ? unseen / words : 0,
    tokensPerWord: words ? validationTokens / words : 0,
    corpora,
    documents: {train: split.train.length, validation: split.test.length},
    tokens: {train: train.length, validation: validationTokens, curve: curve.length},
    vocabulary: vocab.size,
    minCount: p.minCount,
    unknownRate: {train: 0, validation: words ? unseen / words : 0},
    splitSeed,
  };
  ctx.log(
    `lm data: ${stats.documents.train} train / ${stats.documents.validation} validation documents, ${train.length} training ${tokenizer.kind} tokens, ` +
      `vocabulary ${vocab.size}, ${stats.tokensPerWord.toFixed(3)} validation tokens per word, ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
  return {
    vocab,
    eotId,
    unkId: unk ?? -1,
    train,
    validation,
    validationIds: split.test.map((d) => d.id),
    curve,
    tokenizer,
    validationWords,
    validationChars,
    stats,
  };
}
