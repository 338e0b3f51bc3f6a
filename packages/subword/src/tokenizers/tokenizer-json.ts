/**
 * The Hugging Face `tokenizer.json` form, for the two model types this package makes: byte-level BPE
 * (GPT-2 style) and WordPiece (BERT style). Pure functions over the parsed JSON: validation, and the
 * layout step that turns what the library's trainer wrote into a usable tokenizer of an exact size.
 *
 * Why a layout step (pitfalls of `@anush008/tokenizers` 0.6.0, checked here):
 * - its `train(files)` takes no options: vocab_size 30,000, no special tokens, no initial alphabet;
 * - a trained BPE vocabulary holds only the bytes seen in training, and BPE without an unk token drops
 *   anything else silently; a trained WordPiece vocabulary has no `[UNK]`, so encoding an unseen character
 *   throws "Missing [UNK] token from the vocabulary";
 * - special tokens added before training get ids after the vocabulary but are saved with stale ids.
 *
 * So after training: special tokens take ids 0..k-1; BPE gets all 256 byte symbols next (nothing is ever
 * unknown), then the merged tokens in merge order; WordPiece keeps the trainer's order (characters, `##`
 * characters, then merges); and the vocabulary is cut to the size asked for by keeping the first merges,
 * which is what the trainer would have produced had it stopped there (BPE training is greedy).
 */
import {ArgumentError, DataError} from '@embedlab/core/data';
import {messages} from '../messages.js';

export type TokenizerKind = 'bpe' | 'wordpiece';
export const MODEL_TYPES = {bpe: 'BPE', wordpiece: 'WordPiece'} as const;
/** Model types this package loads. */
export const SUPPORTED_MODEL_TYPES: readonly string[] = Object.values(MODEL_TYPES);

/** The most tokens the library's trainer makes (its default vocab_size; the JS binding cannot change it). */
export const MAX_TRAINED_VOCAB = 30_000;

export const BPE_SPECIALS: readonly string[] = ['<|endoftext|>'];
export const WORDPIECE_SPECIALS: readonly string[] = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/** The parts of tokenizer.json this package reads or writes; the rest is kept as it is. */
export interface TokenizerJson {
  version: string;
  truncation: unknown;
  padding: unknown;
  added_tokens: AddedTokenJson[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  post_processor: unknown;
  decoder: unknown;
  model: {
    type: string;
    vocab: Record<string, number>;
    merges?: (string | [string, string])[];
    unk_token?: string | null;
    continuing_subword_prefix?: string | null;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Parses and checks a tokenizer.json text; `file` names it in errors. Unknown model types are refused by name. */
export function parseTokenizerJson(text: string, file: string): TokenizerJson {
  const fail = (detail: string): never => {
    throw new DataError(file, undefined, detail);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(messages.notTokenizerJson(`invalid JSON (${(error as Error).message})`));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(messages.notTokenizerJson('the top level is not an object'));
  const model = (json as {model?: unknown}).model;
  if (typeof model !== 'object' || model === null) fail(messages.notTokenizerJson('no "model" object'));
  const type = (model as {type?: unknown}).type;
  if (typeof type !== 'string' || !SUPPORTED_MODEL_TYPES.includes(type)) fail(messages.unknownTokenizerModel(type, SUPPORTED_MODEL_TYPES));
  const vocab = (model as {vocab?: unknown}).vocab;
  if (typeof vocab !== 'object' || vocab === null || Array.isArray(vocab))
    fail(messages.notTokenizerJson(`model.vocab of the ${type} model is not an object of token -> id`));
  if (type === 'BPE' && !Array.isArray((model as {merges?: unknown}).merges)) fail(messages.notTokenizerJson('model.merges of the BPE model is not a list'));
  const added = (json as {added_tokens?: unknown}).added_tokens;
  if (added !== undefined && !Array.isArray(added)) fail(messages.notTokenizerJson('added_tokens is not a list'));
  return {added_tokens: [], ...(json as object)} as unknown as TokenizerJson;
}

export function kindOf(json: TokenizerJson): TokenizerKind {
  return json.model.type === 'BPE' ? 'bpe' : 'wordpiece';
}

/**
 * GPT-2's byte-to-character map (`bytes_to_unicode`): printable bytes stand for themselves, the other 68
 * map to U+0100 onwards. Index = byte value.
 */
export function byteLevelSymbols(): string[] {
  const out = new Array<string>(256);
  let next = 256;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    out[b] = String.fromCodePoint(printable ? b : next++);
  }
  return out;
}

function mergeParts(merge: string | [string, string]): [string, string] {
  if (Array.isArray(merge)) return merge;
  const space = merge.indexOf(' ');
  return [merge.slice(0, space), merge.slice(space + 1)];
}

function addedToken(id: number, content: string): AddedTokenJson {
  return {id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true};
}

function sortedVocab(vocab: Record<string, number>): string[] {
  return Object.entries(vocab)
    .sort((a, b) => a[1] - b[1])
    .map(([token]) => token);
}

export interface LayoutOptions {
  /** Total vocabulary size, special tokens included. __Default:__ everything the trainer made. */
  vocabSize?: number;
  /** Special tokens, given ids 0..k-1. __Default:__ `<|endoftext|>` (BPE), BERT's five (WordPiece). */
  specialTokens?: readonly string[];
}

/**
 * Byte-level BPE from a trained (or already laid out) BPE tokenizer.json: specials, the 256 byte symbols,
 * then merged tokens in merge order, cut to `vocabSize`. Pre-tokenizer, decoder and post-processor are
 * GPT-2's ByteLevel ones.
 */
export function layoutByteLevelBpe(trained: TokenizerJson, options: LayoutOptions = {}): TokenizerJson {
  const specials = options.specialTokens ?? BPE_SPECIALS;
  const tokens: string[] = [...specials];
  const ids = new Map<string, number>(tokens.map((t, i) => [t, i]));
  const add = (t: string) => {
    if (!ids.has(t)) ids.set(t, tokens.push(t) - 1);
  };
  const base = new Set([...byteLevelSymbols(), ...sortedVocab(trained.model.vocab).filter((t) => [...t].length === 1)]);
  for (const symbol of [...base].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number))) add(symbol);
  const minimum = tokens.length;
  const limit = options.vocabSize ?? Number.POSITIVE_INFINITY;
  if (!(limit >= minimum)) throw new ArgumentError(messages.badVocabSize(limit, minimum, `${specials.length} special tokens + 256 byte symbols`));
  const merges: (string | [string, string])[] = [];
  for (const merge of trained.model.merges ?? []) {
    const [a, b] = mergeParts(merge);
    const product = a + b;
    if (!ids.has(product)) {
      if (tokens.length >= limit) break;
      add(product);
    }
    merges.push(merge);
  }
  return {
    ...trained,
    added_tokens: specials.map((t, i) => addedToken(i, t)),
    normalizer: null,
    pre_tokenizer: {type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true},
    post_processor: {type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: true},
    decoder: {type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true},
    model: {...trained.model, vocab: Object.fromEntries(tokens.map((t, i) => [t, i])), merges},
  };
}

/**
 * BERT-style WordPiece from a trained (or laid out) WordPiece tokenizer.json: specials (with `[UNK]` as the
 * unknown token), then the trainer's tokens in id order, cut to `vocabSize`; BERT's post-processor
 * (`[CLS] ... [SEP]`) and WordPiece decoder.
 */
export function layoutWordPiece(trained: TokenizerJson, options: LayoutOptions = {}): TokenizerJson {
  const specials = options.specialTokens ?? WORDPIECE_SPECIALS;
  const unk = specials.includes('[UNK]') ? '[UNK]' : (trained.model.unk_token ?? '[UNK]');
  const tokens: string[] = [...specials];
  const seen = new Set(tokens);
  const limit = options.vocabSize ?? Number.POSITIVE_INFINITY;
  // Single characters and their ## forms always stay (any word of known characters can then be spelled);
  // the merged tokens follow in the trainer's order, which is the order it made them.
  const prefix = trained.model.continuing_subword_prefix ?? '##';
  const isSymbol = (t: string) => [...(t.startsWith(prefix) ? t.slice(prefix.length) : t)].length === 1;
  const trainedTokens = sortedVocab(trained.model.vocab).filter((t) => !seen.has(t));
  const symbols = trainedTokens.filter(isSymbol);
  tokens.push(...symbols);
  if (!(limit >= tokens.length))
    throw new ArgumentError(
      messages.badVocabSize(limit, tokens.length, `${specials.length} special tokens + ${symbols.length} characters and ${prefix}characters`),
    );
  for (const t of trainedTokens) {
    if (tokens.length >= limit) break;
    if (!isSymbol(t)) tokens.push(t);
  }
  const id = (t: string) => tokens.indexOf(t);
  const hasBert = ['[CLS]', '[SEP]'].every((t) => specials.includes(t));
  return {
    ...trained,
    added_tokens: specials.map((t, i) => addedToken(i, t)),
    post_processor: hasBert ? {type: 'BertProcessing', sep: ['[SEP]', id('[SEP]')], cls: ['[CLS]', id('[CLS]')]} : null,
    decoder: {type: 'WordPiece', prefix, cleanup: true},
    model: {...trained.model, unk_token: unk, vocab: Object.fromEntries(tokens.map((t, i) => [t, i]))},
  };
}

/** Cuts a laid-out tokenizer to a smaller vocabulary (specials, base symbols and the first merges). */
export function truncateTokenizerJson(json: TokenizerJson, vocabSize: number): TokenizerJson {
  const specialTokens = json.added_tokens
    .filter((t) => t.special)
    .sort((a, b) => a.id - b.id)
    .map((t) => t.content);
  return kindOf(json) === 'bpe' ? layoutByteLevelBpe(json, {vocabSize, specialTokens}) : layoutWordPiece(json, {vocabSize, specialTokens});
}
