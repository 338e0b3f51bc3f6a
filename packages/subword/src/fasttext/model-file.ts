/**
 * fastText's binary model file (`.bin`, written by `FastText::saveModel` in fastText 0.9.2), read and
 * written byte for byte. Little-endian, no padding:
 *
 * | field | layout |
 * |---|---|
 * | magic, version | int32 793712314, int32 12 (11 is read too) |
 * | args | 12 x int32: dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate; float64 t |
 * | dictionary header | int32 size, int32 nwords, int32 nlabels, int64 ntokens, int64 pruneidx_size (-1 = not pruned) |
 * | entries | `size` x (word bytes, NUL, int64 count, int8 type: 0 word, 1 label); words first |
 * | pruneidx | pruneidx_size x (int32 bucket, int32 new index) |
 * | input matrix | uint8 quantized flag (0), int64 m, int64 n, m x n float32 row-major; m = nwords + bucket |
 * | output matrix | uint8 quantized flag (0), int64 m, int64 n, m x n float32; m = nwords (nlabels for supervised) |
 *
 * Quantized models (`.ftz`) are refused, as is anything after the output matrix.
 */
import {renameSync, rmSync, openSync, closeSync, writeSync, fsyncSync, mkdirSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {messages} from '../messages.js';
import {ByteReader, ByteWriter, assertLittleEndian, bytesSource, fileSource, type ByteSource} from './byte-io.js';

export const FASTTEXT_MAGIC = 793712314;
export const FASTTEXT_VERSION = 12;
/** Versions this reader accepts (fastText 0.9.x loads versions up to 12 and writes 12). */
export const SUPPORTED_VERSIONS: readonly number[] = [11, 12];

export const LOSS_NAMES = {1: 'hs', 2: 'ns', 3: 'softmax', 4: 'ova'} as const;
export const MODEL_NAMES = {1: 'cbow', 2: 'sg', 3: 'sup'} as const;
export type FastTextLoss = (typeof LOSS_NAMES)[keyof typeof LOSS_NAMES];
export type FastTextModelName = (typeof MODEL_NAMES)[keyof typeof MODEL_NAMES];

/** The training arguments stored in a model (`Args::save`), names as in fastText. */
export interface FastTextArgs {
  dim: number;
  ws: number;
  epoch: number;
  minCount: number;
  neg: number;
  wordNgrams: number;
  loss: FastTextLoss;
  model: FastTextModelName;
  bucket: number;
  minn: number;
  maxn: number;
  lrUpdateRate: number;
  /** Sampling threshold. */
  t: number;
}

/** The dictionary: words (in id order) then labels, with counts and the pruning map. */
export interface FastTextDictionary {
  /** Every entry's text, words first (ids 0..nwords-1), then labels. */
  entries: string[];
  /** int64 counts per entry. */
  counts: number[];
  /** 0 = word, 1 = label, per entry. */
  types: Uint8Array;
  nwords: number;
  nlabels: number;
  ntokens: number;
  /** `pruneidx` as stored: [bucket, newIndex] pairs in file order; `undefined` when not pruned (-1). */
  pruneidx?: Int32Array | undefined;
  /** Entries whose bytes are not valid UTF-8: the raw bytes, so they are written back unchanged. */
  rawEntries?: Map<number, Uint8Array> | undefined;
}

/** A dense row-major float32 matrix. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Everything a `.bin` holds. */
export interface FastTextModelData {
  version: number;
  args: FastTextArgs;
  dictionary: FastTextDictionary;
  input: DenseMatrix;
  output: DenseMatrix;
}

const ARG_FIELDS = ['dim', 'ws', 'epoch', 'minCount', 'neg', 'wordNgrams', 'loss', 'model', 'bucket', 'minn', 'maxn', 'lrUpdateRate'] as const;

const utf8Strict = new TextDecoder('utf-8', {fatal: true});
const utf8Lenient = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Expected matrix shapes for given args and dictionary. */
export function expectedShapes(
  args: FastTextArgs,
  dict: Pick<FastTextDictionary, 'nwords' | 'nlabels' | 'pruneidx'>,
): {input: [number, number]; output: [number, number]; inputWhy: string; outputWhy: string} {
  const ngramRows = dict.pruneidx === undefined ? args.bucket : dict.pruneidx.length / 2;
  return {
    input: [dict.nwords + ngramRows, args.dim],
    inputWhy: `nwords ${dict.nwords} + ${dict.pruneidx === undefined ? `bucket ${args.bucket}` : `pruned n-grams ${ngramRows}`} rows, dim ${args.dim} columns`,
    output: [args.model === 'sup' ? dict.nlabels : dict.nwords, args.dim],
    outputWhy:
      args.model === 'sup'
        ? `nlabels ${dict.nlabels} rows for a supervised model, dim ${args.dim} columns`
        : `nwords ${dict.nwords} rows for a ${args.model} model, dim ${args.dim} columns`,
  };
}

function readArgs(r: ByteReader): FastTextArgs {
  const raw: Record<string, number> = {};
  for (const field of ARG_FIELDS) raw[field] = r.int32(`args.${field}`);
  const t = r.float64('args.t');
  const loss = LOSS_NAMES[raw.loss as keyof typeof LOSS_NAMES];
  if (!loss) r.fail(messages.badEnum('args.loss', raw.loss as number, LOSS_NAMES));
  const model = MODEL_NAMES[raw.model as keyof typeof MODEL_NAMES];
  if (!model) r.fail(messages.badEnum('args.model', raw.model as number, MODEL_NAMES));
  for (const field of ['dim'] as const) if ((raw[field] as number) <= 0) r.fail(messages.badArg(field, raw[field] as number, 'a positive integer'));
  for (const field of ['bucket', 'minn', 'maxn'] as const)
    if ((raw[field] as number) < 0) r.fail(messages.badArg(field, raw[field] as number, 'a non-negative integer'));
  return {...(raw as unknown as FastTextArgs), loss, model, t};
}

function readDictionary(r: ByteReader): FastTextDictionary {
  const size = r.int32('dictionary size');
  const nwords = r.int32('dictionary nwords');
  const nlabels = r.int32('dictionary nlabels');
  const ntokens = r.int64('dictionary ntokens');
  const pruneSize = r.int64('dictionary pruneidx_size');
  if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels !== size) {
    r.fail(messages.badDictionaryHeader(`size ${size}, nwords ${nwords}, nlabels ${nlabels}; expected non-negative counts with nwords + nlabels = size`));
  }
  if (pruneSize < -1) r.fail(messages.badDictionaryHeader(`pruneidx_size ${pruneSize}, expected -1 (not pruned) or a count >= 0`));
  const entries = new Array<string>(size);
  const counts = new Array<number>(size);
  const types = new Uint8Array(size);
  let rawEntries: Map<number, Uint8Array> | undefined;
  for (let i = 0; i < size; i++) {
    const bytes = r.cstring(`dictionary entry ${i} text`);
    let text: string;
    try {
      text = utf8Strict.decode(bytes);
    } catch {
      text = utf8Lenient.decode(bytes);
      (rawEntries ??= new Map()).set(i, bytes);
    }
    entries[i] = text;
    counts[i] = r.int64(`dictionary entry ${i} count`);
    const type = r.int8(`dictionary entry ${i} type`);
    if (type !== 0 && type !== 1) r.fail(messages.badEntryType(i, type));
    if ((type === 0) !== i < nwords) r.fail(messages.entriesOutOfOrder(i, type, nwords));
    types[i] = type;
  }
  let pruneidx: Int32Array | undefined;
  if (pruneSize >= 0) {
    pruneidx = new Int32Array(pruneSize * 2);
    for (let i = 0; i < pruneSize; i++) {
      pruneidx[2 * i] = r.int32(`pruneidx pair ${i} bucket`);
      pruneidx[2 * i + 1] = r.int32(`pruneidx pair ${i} index`);
    }
  }
  return {entries, counts, types, nwords, nlabels, ntokens, pruneidx, rawEntries};
}

function readMatrix(r: ByteReader, which: 'input' | 'output', want: [number, number], why: string): DenseMatrix {
  const flag = r.uint8(`${which} matrix quantized flag`);
  if (flag === 1) r.fail(messages.quantized(which));
  if (flag !== 0) r.fail(messages.badFlag(`${which} matrix quantized`, flag));
  const rows = r.int64(`${which} matrix rows`);
  const cols = r.int64(`${which} matrix cols`);
  if (rows !== want[0] || cols !== want[1]) r.fail(messages.badMatrixShape(which, [rows, cols], want, why));
  const data = r.float32s(rows * cols, `${which} matrix (${rows} x ${cols} float32)`);
  return {rows, cols, data};
}

/** Parses a whole model from a byte source; `file` names it in errors. */
export function parseFastTextModel(source: ByteSource, file: string): FastTextModelData {
  assertLittleEndian();
  const r = new ByteReader(source, file);
  const magic = r.int32('magic number');
  if (magic !== FASTTEXT_MAGIC) r.fail(messages.badMagic(magic, FASTTEXT_MAGIC));
  const version = r.int32('version');
  if (!SUPPORTED_VERSIONS.includes(version)) r.fail(messages.badVersion(version, SUPPORTED_VERSIONS));
  const args = readArgs(r);
  const dictionary = readDictionary(r);
  // A pruned dictionary goes with a quantized input matrix; fastText refuses it with a dense one.
  if (dictionary.pruneidx !== undefined) {
    const at = r.pos;
    const flag = r.uint8('input matrix quantized flag');
    if (flag === 1) r.fail(messages.quantized('input'));
    r.pos = at;
    r.fail(messages.prunedNotQuantized());
  }
  const shapes = expectedShapes(args, dictionary);
  const input = readMatrix(r, 'input', shapes.input, shapes.inputWhy);
  const output = readMatrix(r, 'output', shapes.output, shapes.outputWhy);
  if (r.pos !== r.size) r.fail(messages.trailingBytes(r.pos, r.size - r.pos));
  return {version, args, dictionary, input, output};
}

/** Reads a `.bin` model file (synchronous; the matrices are read straight into their arrays). */
export function readFastTextModelData(path: string): FastTextModelData {
  const source = fileSource(path);
  try {
    return parseFastTextModel(source, path);
  } finally {
    source.close();
  }
}

/** Parses a `.bin` already in memory; `file` names it in errors. */
export function parseFastTextModelBytes(bytes: Uint8Array, file = '<bytes>'): FastTextModelData {
  return parseFastTextModel(bytesSource(bytes), file);
}

/** The file's parts in order: header + args + dictionary, then each matrix's header and its data. */
export function* fastTextModelChunks(model: FastTextModelData): Generator<Uint8Array> {
  assertLittleEndian();
  const w = new ByteWriter();
  w.int32(FASTTEXT_MAGIC);
  w.int32(model.version);
  const {args, dictionary: d} = model;
  const lossId = Number(Object.entries(LOSS_NAMES).find(([, v]) => v === args.loss)?.[0]);
  const modelId = Number(Object.entries(MODEL_NAMES).find(([, v]) => v === args.model)?.[0]);
  for (const field of ARG_FIELDS) w.int32(field === 'loss' ? lossId : field === 'model' ? modelId : args[field]);
  w.float64(args.t);
  w.int32(d.entries.length);
  w.int32(d.nwords);
  w.int32(d.nlabels);
  w.int64(d.ntokens);
  w.int64(d.pruneidx === undefined ? -1 : d.pruneidx.length / 2);
  for (let i = 0; i < d.entries.length; i++) {
    w.bytes(d.rawEntries?.get(i) ?? encoder.encode(d.entries[i] as string));
    w.uint8(0);
    w.int64(d.counts[i] as number);
    w.int8(d.types[i] as number);
  }
  if (d.pruneidx !== undefined) for (const v of d.pruneidx) w.int32(v);
  for (const m of [model.input, model.output]) {
    w.uint8(0); // not quantized
    w.int64(m.rows);
    w.int64(m.cols);
    yield w.take();
    yield new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  }
}

/** The model as one byte array (small models, tests). */
export function serializeFastTextModel(model: FastTextModelData): Uint8Array {
  const chunks = [...fastTextModelChunks(model)].map((c) => c.slice());
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Writes a `.bin` atomically (temporary file, fsync, rename) as core's writeFileAtomic does, but streaming the
 * matrices from their arrays: a default-size model (2M buckets x 300) is 2.4 GB, too much to copy into one buffer.
 */
export function writeFastTextModelData(path: string, model: FastTextModelData): void {
  mkdirSync(dirname(path), {recursive: true});
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      for (const chunk of fastTextModelChunks(model)) {
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, Math.min(chunk.length - off, 1 << 30));
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, {force: true});
    throw error;
  }
}
