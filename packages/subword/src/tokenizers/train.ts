/**
 * Training with the Hugging Face tokenizers library (`@anush008/tokenizers`), in a child process: the
 * library's progress bars write to stdout, which would land in the caller's output (test logs, JSON on
 * stdout); the child's stdout is discarded. Then the layout step (tokenizer-json.ts) gives the special
 * tokens, the full byte alphabet and the exact vocabulary size.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ArgumentError} from '@embedlab/core/data';
import {messages} from '../messages.js';
import {SubwordTokenizer} from './tokenizer.js';
import {
  BPE_SPECIALS,
  MAX_TRAINED_VOCAB,
  layoutByteLevelBpe,
  layoutWordPiece,
  parseTokenizerJson,
  type TokenizerJson,
  type TokenizerKind,
} from './tokenizer-json.js';
import {bpeTrainResultJson, countByteLevelWords, countByteLevelWordsInFiles, trainBpeOnCounts} from './bpe-trainer.js';

export interface TrainTokenizerOptions {
  kind: TokenizerKind;
  /** Plain-text training files (one or more documents each). */
  files?: string[];
  /** Training texts (written to a temporary file, one after another with a newline between). */
  texts?: Iterable<string>;
  /** Total vocabulary size, special tokens included. __Default:__ all the trainer makes (at most 30,000). */
  vocabSize?: number;
  /** Special tokens at ids 0..k-1. __Default:__ `<|endoftext|>` (BPE), `[PAD] [UNK] [CLS] [SEP] [MASK]` (WordPiece). */
  specialTokens?: readonly string[];
  /** WordPiece only: lowercase and strip accents (BERT uncased). __Default:__ true. */
  lowercase?: boolean;
  /** Trainer threads (RAYON_NUM_THREADS). __Default:__ the library's (all cores). */
  threads?: number;
  /**
   * `library`: the Hugging Face trainer (at most 30,000 tokens); `embedlab`: our byte-level BPE trainer
   * (bpe-trainer.ts; the library's merges, any size, single-threaded). __Default:__ `embedlab` for BPE above
   * 30,000 tokens, else `library`.
   */
  trainer?: 'library' | 'embedlab';
  /** Our trainer only: called every 1,000 merged tokens. */
  onProgress?: (madeTokens: number, targetTokens: number) => void;
}

const CHILD = `
const [modulePath, kind, out, lowercase, ...files] = process.argv.slice(1);
const tk = require(modulePath);
let t;
if (kind === 'bpe') {
  t = new tk.Tokenizer(tk.BPE.empty());
  t.setPreTokenizer(tk.byteLevelPreTokenizer(false, true));
} else {
  t = new tk.Tokenizer(tk.WordPiece.init({}, {unkToken: '[UNK]'}));
  t.setNormalizer(tk.bertNormalizer({lowercase: lowercase === '1'}));
  t.setPreTokenizer(tk.bertPreTokenizer());
}
t.train(files);
t.save(out, false);
`;

/** The raw tokenizer.json the library's trainer writes (no specials, trainer-order ids, up to 30,000 tokens). */
export async function trainRawTokenizerJson(options: TrainTokenizerOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-tokenizer-'));
  try {
    const files = [...(options.files ?? [])];
    if (options.texts !== undefined) {
      const path = join(dir, 'texts.txt');
      const parts: string[] = [];
      for (const text of options.texts) if (text.length > 0) parts.push(text);
      if (parts.length > 0) {
        writeFileSync(path, parts.join('\n'));
        files.push(path);
      }
    }
    if (files.length === 0) throw new ArgumentError(messages.noTrainingText());
    const out = join(dir, 'tokenizer.json');
    const modulePath = createRequire(import.meta.url).resolve('@anush008/tokenizers');
    const env = {...process.env};
    if (options.threads !== undefined) env.RAYON_NUM_THREADS = String(options.threads);
    const child = spawn(process.execPath, ['-e', CHILD, modulePath, options.kind, out, options.lowercase === false ? '0' : '1', ...files], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(messages.trainingFailed(code, stderr));
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Our trainer on the same text the library would read (files, then the texts joined by newlines). */
function trainOwnBpe(options: TrainTokenizerOptions): TokenizerJson {
  const counts = countByteLevelWordsInFiles(options.files ?? []);
  const parts: string[] = [];
  for (const text of options.texts ?? []) if (text.length > 0) parts.push(text);
  if (parts.length > 0) countByteLevelWords([parts.join('\n')], counts);
  if (counts.size === 0) throw new ArgumentError(messages.noTrainingText());
  const specials = (options.specialTokens ?? BPE_SPECIALS).length;
  // The layout adds all 256 byte symbols; merged tokens fill the rest. Without a size: the library's 30,000.
  const target = options.vocabSize === undefined ? {vocabSize: MAX_TRAINED_VOCAB} : {newTokens: Math.max(0, options.vocabSize - specials - 256)};
  return bpeTrainResultJson(trainBpeOnCounts(counts, {...target, ...(options.onProgress ? {onProgress: options.onProgress} : {})}));
}

/**
 * Trains a byte-level BPE (GPT-2 style) or WordPiece (BERT style) tokenizer of an exact size. BPE training
 * is deterministic; the library's WordPiece training is not (ids of the `##` characters and a few merges
 * vary between runs), so keep a trained WordPiece tokenizer.json rather than retraining one.
 */
export async function trainTokenizer(options: TrainTokenizerOptions): Promise<SubwordTokenizer> {
  const {vocabSize} = options;
  const trainer = options.trainer ?? (options.kind === 'bpe' && vocabSize !== undefined && vocabSize > MAX_TRAINED_VOCAB ? 'embedlab' : 'library');
  if (vocabSize !== undefined) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new ArgumentError(messages.badVocabSize(vocabSize, 1, 'a positive integer'));
    if (vocabSize > MAX_TRAINED_VOCAB && trainer === 'library') throw new ArgumentError(messages.vocabTooLarge(vocabSize, MAX_TRAINED_VOCAB));
  }
  if (trainer === 'embedlab' && options.kind !== 'bpe') throw new ArgumentError(messages.embedlabTrainerKind(options.kind));
  const raw = trainer === 'embedlab' ? trainOwnBpe(options) : parseTokenizerJson(await trainRawTokenizerJson(options), '<trained>');
  const layout = {...(vocabSize === undefined ? {} : {vocabSize}), ...(options.specialTokens === undefined ? {} : {specialTokens: options.specialTokens})};
  return new SubwordTokenizer(options.kind === 'bpe' ? layoutByteLevelBpe(raw, layout) : layoutWordPiece(raw, layout));
}
