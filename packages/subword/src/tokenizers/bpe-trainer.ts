/**
 * Our own byte-level BPE trainer: the Hugging Face tokenizers `BpeTrainer` (crate 0.22,
 * `models/bpe/trainer.rs`) step for step, so that it can go past the 30,000 tokens the JS binding's
 * option-less `train(files)` stops at. Tested against the library: on the same text it makes the same
 * merges in the same order.
 *
 * What has to match the library, and how:
 * - Words: the library reads each file line by line (Rust `read_line`, the `\n` kept) and pre-tokenizes
 *   each line on its own (a line's trailing whitespace never joins the next line's); we do the same and
 *   call the library's own ByteLevel pre-tokenizer (GPT-2 regex, no prefix space), so the words and
 *   their byte symbols are the library's.
 * - Alphabet: every character of the words, in code-point order (ids 0..A-1).
 * - Merges: a max-heap of (pair, count, positions) entries. Most frequent pair first; ties go to the
 *   smaller pair of ids (first id, then second). A popped entry whose count is stale is pushed back with
 *   the current count. The merge is applied only to the words in the popped entry's positions. The merged
 *   pair's own count is never lowered (the library only books the neighbouring pairs), so when a pair has
 *   several heap entries (positions added at different steps) it is merged again from each, which records
 *   the pair again; the saved model keeps each pair once, at its last rank. We keep all of that.
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {ArgumentError} from '@embedlab/core/data';
import {messages} from '../messages.js';
import type {TokenizerJson} from './tokenizer-json.js';

export interface BpeTrainOptions {
  /**
   * Stop when the vocabulary (alphabet + merged tokens) has this many tokens: the library's `vocab_size`
   * (no special tokens). Give this or `newTokens`.
   */
  vocabSize?: number;
  /** Stop when merges have made this many new tokens beyond the alphabet. */
  newTokens?: number;
  /** Pairs seen fewer times than this are not merged. __Default:__ 0 (the library's default). */
  minFrequency?: number;
  /** Called every 1,000 new tokens and at the end. */
  onProgress?: (madeTokens: number, targetTokens: number) => void;
}

export interface BpeTrainResult {
  /** Tokens by id: the alphabet (code-point order), then merged tokens in the order they were made. */
  tokens: string[];
  /** Merges as the saved model lists them: each pair once, by its last rank. */
  merges: [string, string][];
  alphabetSize: number;
  /** Distinct pre-tokenized words and their total count. */
  words: {distinct: number; total: number};
}

type PreTokenizer = {preTokenizeString(s: string): [string, [number, number]][]};
let preTokenizer: PreTokenizer | undefined;
function byteLevelPreTokenizer(): PreTokenizer {
  const tk = createRequire(import.meta.url)('@anush008/tokenizers') as typeof import('@anush008/tokenizers');
  return (preTokenizer ??= tk.byteLevelPreTokenizer(false, true) as unknown as PreTokenizer);
}

/** Lines as Rust's `read_line` gives them: split after each `\n`, which stays on its line. */
function* lines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * Counts the byte-level words of texts, each text read as the library reads a file (line by line). Texts
 * given to the library's trainer as one file joined by `\n` give the same counts as the texts one by one.
 */
export function countByteLevelWords(texts: Iterable<string>, counts: Map<string, number> = new Map()): Map<string, number> {
  const pre = byteLevelPreTokenizer();
  for (const text of texts) {
    for (const line of lines(text)) {
      for (const [word] of pre.preTokenizeString(line)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

/** Counts the byte-level words of text files (read whole, then line by line). */
export function countByteLevelWordsInFiles(files: readonly string[], counts: Map<string, number> = new Map()): Map<string, number> {
  for (const file of files) countByteLevelWords([readFileSync(file, 'utf8')], counts);
  return counts;
}

// A pair of ids as one number key (ids stay far below 2^21).
const SHIFT = 2 ** 21;
const key = (a: number, b: number) => a * SHIFT + b;

interface Entry {
  a: number;
  b: number;
  count: number;
  pos: Set<number>;
}

/** The library's `Merge` order: higher count first, then the smaller pair. */
function before(x: Entry, y: Entry): boolean {
  return x.count !== y.count ? x.count > y.count : x.a !== y.a ? x.a < y.a : x.b < y.b;
}

class Heap {
  readonly #items: Entry[] = [];
  get size(): number {
    return this.#items.length;
  }
  push(e: Entry): void {
    const h = this.#items;
    let i = h.push(e) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i] as Entry, h[p] as Entry)) break;
      [h[i], h[p]] = [h[p] as Entry, h[i] as Entry];
      i = p;
    }
  }
  pop(): Entry {
    const h = this.#items;
    const top = h[0] as Entry;
    const last = h.pop() as Entry;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < h.length && before(h[l] as Entry, h[m] as Entry)) m = l;
        if (r < h.length && before(h[r] as Entry, h[m] as Entry)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
        i = m;
      }
    }
    return top;
  }
}

/** `Word::merge`: replaces each (a, b) left to right, returning the neighbouring pairs' count changes. */
function mergeWord(w: number[], a: number, b: number, id: number, changes: [number, number, number][]): void {
  let i = 0;
  while (i < w.length) {
    if (w[i] === a && i + 1 < w.length && w[i + 1] === b) {
      if (i > 0) {
        const prev = w[i - 1] as number;
        changes.push([prev, a, -1], [prev, id, 1]);
      }
      w.splice(i, 2, id);
      if (i < w.length - 1) {
        const next = w[i + 1] as number;
        changes.push([b, next, -1], [id, next, 1]);
      }
    }
    i++;
  }
}

/** Trains byte-level BPE merges on word counts (`countByteLevelWords`), as the library's BpeTrainer does. */
export function trainBpeOnCounts(wordCounts: ReadonlyMap<string, number>, options: BpeTrainOptions): BpeTrainResult {
  const {vocabSize, newTokens} = options;
  if ((vocabSize === undefined) === (newTokens === undefined)) throw new ArgumentError(messages.bpeTarget());
  for (const [name, v] of [
    ['vocabSize', vocabSize],
    ['newTokens', newTokens],
  ] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new ArgumentError(messages.badVocabSize(v, 0, `${name}: a non-negative integer`));
  }
  const minFrequency = options.minFrequency ?? 0;
  // Alphabet in code-point order.
  const chars = new Set<string>();
  for (const word of wordCounts.keys()) for (const c of word) chars.add(c);
  const tokens = [...chars].sort((x, y) => (x.codePointAt(0) as number) - (y.codePointAt(0) as number));
  const ids = new Map(tokens.map((t, i) => [t, i]));
  const alphabetSize = tokens.length;
  const target = vocabSize ?? alphabetSize + (newTokens as number);

  const words: number[][] = [];
  const counts: number[] = [];
  let total = 0;
  for (const [word, count] of wordCounts) {
    words.push(Array.from(word, (c) => ids.get(c) as number));
    counts.push(count);
    total += count;
  }
  const pairCounts = new Map<number, number>();
  let where = new Map<number, Set<number>>();
  words.forEach((w, i) => {
    for (let j = 0; j + 1 < w.length; j++) {
      const k = key(w[j] as number, w[j + 1] as number);
      pairCounts.set(k, (pairCounts.get(k) ?? 0) + (counts[i] as number));
      let s = where.get(k);
      if (!s) where.set(k, (s = new Set()));
      s.add(i);
    }
  });
  const heap = new Heap();
  const flush = () => {
    for (const [k, pos] of where) {
      const count = pairCounts.get(k) as number;
      if (count > 0) heap.push({a: Math.floor(k / SHIFT), b: k % SHIFT, count, pos});
    }
    where = new Map();
  };
  flush();

  const ranks = new Map<number, number>(); // pair -> last rank
  let rank = 0;
  const changes: [number, number, number][] = [];
  let reported = 0;
  while (tokens.length < target && heap.size > 0) {
    const top = heap.pop();
    const current = pairCounts.get(key(top.a, top.b)) as number;
    if (top.count !== current) {
      top.count = current;
      heap.push(top);
      continue;
    }
    if (top.count < 1 || minFrequency > top.count) break;
    const made = (tokens[top.a] as string) + (tokens[top.b] as string);
    let id = ids.get(made);
    if (id === undefined) {
      id = tokens.push(made) - 1;
      ids.set(made, id);
    }
    ranks.set(key(top.a, top.b), rank++);
    for (const i of top.pos) {
      changes.length = 0;
      mergeWord(words[i] as number[], top.a, top.b, id, changes);
      const c = counts[i] as number;
      for (const [x, y, change] of changes) {
        const k = key(x, y);
        pairCounts.set(k, (pairCounts.get(k) ?? 0) + change * c);
        if (change > 0) {
          let s = where.get(k);
          if (!s) where.set(k, (s = new Set()));
          s.add(i);
        }
      }
    }
    flush();
    if (options.onProgress && tokens.length - alphabetSize >= reported + 1000) {
      reported = tokens.length - alphabetSize;
      options.onProgress(reported, target - alphabetSize);
    }
  }
  options.onProgress?.(tokens.length - alphabetSize, target - alphabetSize);
  const merges = [...ranks].sort((x, y) => x[1] - y[1]).map(([k]) => [tokens[Math.floor(k / SHIFT)], tokens[k % SHIFT]] as [string, string]);
  return {tokens, merges, alphabetSize, words: {distinct: words.length, total}};
}

/** The result as the raw tokenizer.json the library's trainer writes (BPE model, no specials). */
export function bpeTrainResultJson(result: BpeTrainResult): TokenizerJson {
  const byteLevel = {type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true};
  // Key order as parseTokenizerJson gives the library's file (added_tokens first), so layouts print alike.
  return {
    added_tokens: [],
    version: '1.0',
    truncation: null,
    padding: null,
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: null,
    decoder: null,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(result.tokens.map((t, i) => [t, i])),
      merges: result.merges,
    },
  };
}
