/**
 * A token vocabulary: ids 0..size-1, special tokens first, then tokens by descending count.
 *
 * Tie rule (documented, deterministic): equal counts are ordered by JavaScript string comparison of the
 * tokens (UTF-16 code units), as GloVe's vocab_count orders ties alphabetically. The order therefore does
 * not depend on the order in which the corpus was read.
 */
import {readFileSync} from 'node:fs';
import {writeFileAtomic} from './atomic-write.js';
import {checkArgument} from './arguments.js';
import {ArgumentError, DataError} from './errors.js';
import {messages} from './messages.js';

export interface VocabularyOptions {
  /** Drop tokens seen fewer times than this. __Default:__ 1. */
  minCount?: number;
  /** Keep at most this many tokens (special tokens included). __Default:__ unlimited. */
  maxSize?: number;
  /** Tokens placed first, in this order, e.g. `['<pad>', '<unk>']` gives `<pad>`=0, `<unk>`=1. */
  specials?: readonly string[];
  /** Which special token unknown words map to in `encode`. __Default:__ `'<unk>'` when it is a special. */
  unkToken?: string;
  /** Which special token is padding. __Default:__ `'<pad>'` when it is a special. */
  padToken?: string;
}

export interface VocabularyJson {
  format: 'embedlab-vocabulary';
  version: 1;
  tokens: string[];
  counts: number[];
  specials: string[];
  unkToken: string | null;
  padToken: string | null;
}

export class Vocabulary {
  readonly tokens: readonly string[];
  /** Corpus count of each token (0 for special tokens). */
  readonly counts: readonly number[];
  readonly specials: readonly string[];
  readonly unkId: number | undefined;
  readonly padId: number | undefined;
  readonly #ids: Map<string, number>;

  private constructor(tokens: string[], counts: number[], specials: readonly string[], unkToken?: string, padToken?: string) {
    this.tokens = tokens;
    this.counts = counts;
    this.specials = [...specials];
    this.#ids = new Map();
    tokens.forEach((t, i) => {
      const prev = this.#ids.get(t);
      if (prev !== undefined) throw new ArgumentError(messages.duplicateWord(t, prev, i));
      this.#ids.set(t, i);
    });
    const unk = unkToken ?? (specials.includes('<unk>') ? '<unk>' : undefined);
    const pad = padToken ?? (specials.includes('<pad>') ? '<pad>' : undefined);
    if (unk !== undefined && !specials.includes(unk)) throw new ArgumentError(`unkToken ${JSON.stringify(unk)} is not one of the specials`);
    if (pad !== undefined && !specials.includes(pad)) throw new ArgumentError(`padToken ${JSON.stringify(pad)} is not one of the specials`);
    this.unkId = unk === undefined ? undefined : this.#ids.get(unk);
    this.padId = pad === undefined ? undefined : this.#ids.get(pad);
  }

  /**
   * Build from token counts (a Map, a plain object or [token, count] pairs).
   * @throws {ArgumentError} counts is not a Map, an object or an iterable of pairs; minCount < 0.
   */
  static fromCounts(counts: Map<string, number> | Record<string, number> | Iterable<[string, number]>, options: VocabularyOptions = {}): Vocabulary {
    checkArgument(typeof counts === 'object' && counts !== null, 'counts', 'a Map, a plain object or [token, count] pairs', counts);
    const {minCount = 1, maxSize = Infinity, specials = []} = options;
    if (!(minCount >= 0)) throw new ArgumentError(`minCount must be >= 0 (got ${minCount})`);
    if (!(maxSize >= specials.length)) throw new ArgumentError(`maxSize ${maxSize} is smaller than the ${specials.length} special tokens`);
    const entries: [string, number][] =
      counts instanceof Map ? [...counts] : Symbol.iterator in Object(counts) ? [...(counts as Iterable<[string, number]>)] : Object.entries(counts);
    const special = new Set(specials);
    const kept = entries.filter(([t, c]) => c >= minCount && !special.has(t));
    kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const room = Math.min(kept.length, maxSize - specials.length);
    const tokens = [...specials, ...kept.slice(0, room).map(([t]) => t)];
    const tokenCounts = [...specials.map(() => 0), ...kept.slice(0, room).map(([, c]) => c)];
    return new Vocabulary(tokens, tokenCounts, specials, options.unkToken, options.padToken);
  }

  /**
   * Count a token stream, then build as `fromCounts`.
   * @throws {ArgumentError} tokens is not an iterable of strings (a single string counts as a mistake).
   */
  static fromTokens(tokens: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    checkArgument(typeof tokens === 'object' && tokens !== null && Symbol.iterator in tokens, 'tokens', 'an iterable of token strings', tokens);
    return Vocabulary.fromCounts(countTokens(tokens), options);
  }

  /** Keep an existing order, e.g. the rows of a pretrained file (counts are unknown and set to 0). */
  static fromWords(words: readonly string[], options: Pick<VocabularyOptions, 'specials' | 'unkToken' | 'padToken'> = {}): Vocabulary {
    checkArgument(Array.isArray(words), 'words', 'an array of strings', words);
    const specials = options.specials ?? [];
    const rest = words.filter((w) => !specials.includes(w));
    return new Vocabulary([...specials, ...rest], new Array<number>(specials.length + rest.length).fill(0), specials, options.unkToken, options.padToken);
  }

  get size(): number {
    return this.tokens.length;
  }

  has(token: string): boolean {
    return this.#ids.has(token);
  }

  /** The id of a token, or undefined. */
  id(token: string): number | undefined {
    return this.#ids.get(token);
  }

  token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined) throw new ArgumentError(`id ${id} is out of range [0, ${this.size})`);
    return t;
  }

  /** Token ids; unknown tokens map to `<unk>`, or throw when the vocabulary has no unk token. */
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      const id = this.#ids.get(t) ?? this.unkId;
      if (id === undefined) throw new ArgumentError(messages.unknownWord(t));
      out[i] = id;
    }
    return out;
  }

  decode(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => this.token(id));
  }

  toJSON(): VocabularyJson {
    return {
      format: 'embedlab-vocabulary',
      version: 1,
      tokens: [...this.tokens],
      counts: [...this.counts],
      specials: [...this.specials],
      unkToken: this.unkId === undefined ? null : (this.tokens[this.unkId] as string),
      padToken: this.padId === undefined ? null : (this.tokens[this.padId] as string),
    };
  }

  static fromJSON(json: unknown, source = '<json>'): Vocabulary {
    const j = json as Partial<VocabularyJson>;
    if (j?.format !== 'embedlab-vocabulary' || j.version !== 1) {
      throw new DataError(source, undefined, 'not an embedlab vocabulary (expected format "embedlab-vocabulary", version 1)');
    }
    if (!Array.isArray(j.tokens) || !Array.isArray(j.counts) || j.tokens.length !== j.counts.length || !Array.isArray(j.specials)) {
      throw new DataError(source, undefined, 'vocabulary needs arrays "tokens" and "counts" of equal length and "specials"');
    }
    return new Vocabulary(j.tokens, j.counts, j.specials, j.unkToken ?? undefined, j.padToken ?? undefined);
  }

  /** Save as JSON, atomically. */
  save(path: string): void {
    writeFileAtomic(path, JSON.stringify(this.toJSON()));
  }

  static load(path: string): Vocabulary {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new DataError(path, undefined, `cannot read vocabulary JSON: ${(error as Error).message}`);
    }
    return Vocabulary.fromJSON(parsed, path);
  }
}

export function countTokens(tokens: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
