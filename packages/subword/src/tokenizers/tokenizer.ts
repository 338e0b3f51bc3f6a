/**
 * A trained subword tokenizer (byte-level BPE or WordPiece) around the Hugging Face tokenizers library
 * (`@anush008/tokenizers`, the Rust crate through N-API), with its tokenizer.json kept beside it.
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Encoding, Tokenizer} from '@anush008/tokenizers';
import {ArgumentError, writeFileAtomic} from '@embedlab/core/data';
import {kindOf, parseTokenizerJson, truncateTokenizerJson, type TokenizerJson, type TokenizerKind} from './tokenizer-json.js';

export interface TokenizedText {
  /** Token ids. */
  ids: number[];
  /** Token strings (byte-level symbols for BPE: a leading space shows as `Ġ`). */
  tokens: string[];
  /** Index of the pre-tokenized word each token comes from (null for special tokens). */
  wordIds: (number | null)[];
}

export interface EncodeOptions {
  /** Add the post-processor's special tokens (`[CLS]` / `[SEP]` for WordPiece). __Default:__ false. */
  addSpecialTokens?: boolean;
}

let library: typeof import('@anush008/tokenizers') | undefined;
/** The native tokenizers library, loaded on first use (importing this package for fastText alone never loads it). */
function tokenizersLibrary(): typeof import('@anush008/tokenizers') {
  return (library ??= createRequire(import.meta.url)('@anush008/tokenizers') as typeof import('@anush008/tokenizers'));
}

function tokenized(e: Encoding): TokenizedText {
  return {ids: e.getIds(), tokens: e.getTokens(), wordIds: e.getWordIds().map((w) => (w === undefined ? null : w))};
}

export class SubwordTokenizer {
  readonly kind: TokenizerKind;
  readonly json: TokenizerJson;
  /** Where it was loaded from, if anywhere (named in errors and metadata). */
  readonly file: string | undefined;
  readonly #tk: Tokenizer;
  readonly #tokens: string[];

  constructor(json: TokenizerJson, file?: string) {
    this.json = json;
    this.kind = kindOf(json);
    this.file = file;
    this.#tk = tokenizersLibrary().Tokenizer.fromString(JSON.stringify(json));
    this.#tokens = [];
    for (const [token, id] of Object.entries(json.model.vocab)) this.#tokens[id] = token;
    for (const t of json.added_tokens) this.#tokens[t.id] = t.content;
  }

  /** Loads a tokenizer.json; a file of another model type (Unigram, WordLevel, ...) is refused by name. */
  static load(path: string): SubwordTokenizer {
    return new SubwordTokenizer(parseTokenizerJson(readFileSync(path, 'utf8'), path), path);
  }

  static fromString(text: string, name = '<string>'): SubwordTokenizer {
    return new SubwordTokenizer(parseTokenizerJson(text, name), name);
  }

  /** Writes tokenizer.json (atomically); `load` gives the same tokenizer back. */
  save(path: string): void {
    writeFileAtomic(path, this.toString());
  }

  /** The tokenizer.json text. */
  toString(): string {
    return `${JSON.stringify(this.json, null, 2)}\n`;
  }

  /** Rows of an embedding table for this vocabulary (special tokens included). */
  get vocabSize(): number {
    return this.#tokens.length;
  }

  get specialTokens(): string[] {
    return this.json.added_tokens.filter((t) => t.special).map((t) => t.content);
  }

  /** Id of the unknown token, or null (byte-level BPE has none: every byte is a token). */
  get unkId(): number | null {
    const unk = this.json.model.unk_token;
    return typeof unk === 'string' ? this.tokenToId(unk) : null;
  }

  tokenToId(token: string): number | null {
    return this.#tk.tokenToId(token) ?? null;
  }

  idToToken(id: number): string | null {
    return this.#tokens[id] ?? null;
  }

  /** Tokens of id order 0..vocabSize-1. */
  get tokens(): readonly string[] {
    return this.#tokens;
  }

  async encode(text: string, options: EncodeOptions = {}): Promise<TokenizedText> {
    return tokenized(await this.#tk.encode(text, null, {addSpecialTokens: options.addSpecialTokens ?? false}));
  }

  async encodeBatch(texts: string[], options: EncodeOptions = {}): Promise<TokenizedText[]> {
    const out = await this.#tk.encodeBatch(texts, {addSpecialTokens: options.addSpecialTokens ?? false});
    return out.map(tokenized);
  }

  /** Text of token ids. Byte-level BPE gives back exactly the encoded text; WordPiece its normalized form. */
  async decode(ids: number[], options: {skipSpecialTokens?: boolean} = {}): Promise<string> {
    for (const id of ids)
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) throw new ArgumentError(`token id ${id} is out of range [0, ${this.vocabSize})`);
    return this.#tk.decode(ids, options.skipSpecialTokens ?? true);
  }

  /** The same tokenizer with a smaller vocabulary: specials, base symbols and the first merges. */
  truncate(vocabSize: number): SubwordTokenizer {
    return new SubwordTokenizer(truncateTokenizerJson(this.json, vocabSize));
  }
}
