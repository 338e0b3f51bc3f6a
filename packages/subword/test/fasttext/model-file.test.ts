import {expect} from 'chai';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DataError} from '@embedlab/core/data';
import {tempDir} from '@embedlab/testing';
import {FASTTEXT_MAGIC, FastTextModel, messages, parseFastTextModelBytes} from '../../src/index.js';
import {fixture} from '../helpers.js';

const DIM = 10;
const NWORDS = 1561;
const BUCKET = 2000;
const OUTPUT_BYTES = 1 + 16 + NWORDS * DIM * 4;
const INPUT_BYTES = 1 + 16 + (NWORDS + BUCKET) * DIM * 4;

describe('fastText .bin: bad input is refused with the file and what was expected', () => {
  const original = readFileSync(fixture('moby-200k.bin'));
  const inputFlagAt = original.length - OUTPUT_BYTES - INPUT_BYTES;
  const outputFlagAt = original.length - OUTPUT_BYTES;
  const dir = tempDir('subword-bad-bin-');

  function edited(edit: (b: Buffer) => Buffer | undefined): Buffer {
    const copy = Buffer.from(original);
    return edit(copy) ?? copy;
  }

  /** Writes the bytes to a file, reads it, and returns the DataError. */
  function refused(name: string, bytes: Buffer): DataError {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    try {
      FastTextModel.read(path);
    } catch (error) {
      expect(error).to.be.instanceOf(DataError);
      expect((error as DataError).message.startsWith(`${path}: `), (error as Error).message).to.equal(true);
      return error as DataError;
    }
    return expect.fail(`${name}: read without an error`);
  }

  it('the layout the tests assume holds (input flag, output flag)', () => {
    expect(original[inputFlagAt]).to.equal(0);
    expect(original.readBigInt64LE(inputFlagAt + 1)).to.equal(BigInt(NWORDS + BUCKET));
    expect(original[outputFlagAt]).to.equal(0);
    expect(original.readBigInt64LE(outputFlagAt + 1)).to.equal(BigInt(NWORDS));
  });

  it('a wrong magic number', () => {
    const e = refused(
      'magic.bin',
      edited((b) => void b.writeInt32LE(12345, 0)),
    );
    expect(e.message).to.include(messages.badMagic(12345, FASTTEXT_MAGIC));
  });

  it('an unsupported version (newer or older)', () => {
    for (const v of [13, 10]) {
      const e = refused(
        `version-${v}.bin`,
        edited((b) => void b.writeInt32LE(v, 4)),
      );
      expect(e.message).to.include(`version ${v}`).and.include('expected one of 11, 12');
    }
  });

  it('a quantized input or output matrix (.ftz)', () => {
    expect(
      refused(
        'qin.bin',
        edited((b) => void (b[inputFlagAt] = 1)),
      ).message,
    ).to.include(messages.quantized('input'));
    expect(
      refused(
        'qout.bin',
        edited((b) => void (b[outputFlagAt] = 1)),
      ).message,
    ).to.include(messages.quantized('output'));
  });

  it('a file cut anywhere: header, args, dictionary, a word, either matrix', () => {
    const cuts: [number, string][] = [
      [6, 'version'],
      [30, 'args.'],
      [70, 'dictionary'],
      [94, 'dictionary entry 0 text'],
      [200, 'dictionary entry'],
      [inputFlagAt, 'input matrix quantized flag'],
      [inputFlagAt + 20, 'input matrix (3561 x 10 float32)'],
      [original.length - 4, 'output matrix (1561 x 10 float32)'],
    ];
    for (const [at, what] of cuts) {
      const e = refused(`cut-${at}.bin`, original.subarray(0, at));
      expect(e.message, `cut at ${at}`).to.include('truncated').and.include(what).and.include(`ends at ${at} bytes`);
    }
  });

  it('dimensions that do not match the args (dim, bucket) or the dictionary', () => {
    const dim = refused(
      'dim.bin',
      edited((b) => void b.writeInt32LE(11, 8)),
    );
    expect(dim.message).to.include(`input matrix is ${NWORDS + BUCKET} x 10, expected ${NWORDS + BUCKET} x 11`);
    const bucket = refused(
      'bucket.bin',
      edited((b) => void b.writeInt32LE(2001, 8 + 8 * 4)),
    );
    expect(bucket.message)
      .to.include(`input matrix is ${NWORDS + BUCKET} x 10, expected ${NWORDS + BUCKET + 1} x 10`)
      .and.include('bucket 2001');
    const outRows = refused(
      'out-rows.bin',
      edited((b) => void b.writeBigInt64LE(BigInt(NWORDS - 1), outputFlagAt + 1)),
    );
    expect(outRows.message).to.include(`output matrix is ${NWORDS - 1} x 10, expected ${NWORDS} x 10`);
  });

  it('a dictionary header or entry that makes no sense', () => {
    const size = refused(
      'size.bin',
      edited((b) => void b.writeInt32LE(NWORDS + 1, 64)),
    );
    expect(size.message).to.include('nwords + nlabels = size');
    const type = refused(
      'type.bin',
      edited((b) => void (b[92 + 'the'.length + 1 + 8] = 7)),
    );
    expect(type.message).to.include(messages.badEntryType(0, 7));
    const label = refused(
      'label.bin',
      edited((b) => void (b[92 + 'the'.length + 1 + 8] = 1)),
    );
    expect(label.message).to.include('entry 0 has type label');
  });

  it('unknown loss or model enums, and bytes after the output matrix', () => {
    expect(
      refused(
        'loss.bin',
        edited((b) => void b.writeInt32LE(9, 8 + 6 * 4)),
      ).message,
    ).to.include('args.loss is 9, expected one of 1 (hs), 2 (ns), 3 (softmax), 4 (ova)');
    expect(
      refused(
        'model.bin',
        edited((b) => void b.writeInt32LE(0, 8 + 7 * 4)),
      ).message,
    ).to.include('args.model is 0');
    const trailing = refused('trailing.bin', Buffer.concat([original, Buffer.from([1, 2, 3])]));
    expect(trailing.message).to.include(messages.trailingBytes(original.length, 3));
  });

  it('names the given file for bytes parsed in memory', () => {
    expect(() => parseFastTextModelBytes(original.subarray(0, 3), 'memory.bin')).to.throw(DataError, /^memory\.bin: truncated: magic number/);
  });
});

describe('fastText .bin: models built in memory', () => {
  function supervised(version = 12) {
    const dim = 3;
    return {
      version,
      args: {
        dim,
        ws: 5,
        epoch: 5,
        minCount: 1,
        neg: 5,
        wordNgrams: 2,
        loss: 'softmax' as const,
        model: 'sup' as const,
        bucket: 4,
        minn: 3,
        maxn: 6,
        lrUpdateRate: 100,
        t: 1e-4,
      },
      dictionary: {
        entries: ['good', 'b\uFFFDd', '</s>', '__label__pos', '__label__neg'],
        counts: [5, 2, 3, 4, 4],
        types: Uint8Array.from([0, 0, 0, 1, 1]),
        nwords: 3,
        nlabels: 2,
        ntokens: 10,
        rawEntries: new Map([[1, Uint8Array.from([0x62, 0xff, 0x64])]]), // "b\xffd": not UTF-8
      },
      input: {rows: 3 + 4, cols: dim, data: Float32Array.from({length: 7 * dim}, (_, i) => i / 8)},
      output: {rows: 2, cols: dim, data: Float32Array.from({length: 2 * dim}, (_, i) => -i)},
    };
  }

  it('a supervised model with labels and a non-UTF-8 word round-trips byte for byte', () => {
    const model = new FastTextModel(supervised());
    const bytes = model.toBytes();
    const back = FastTextModel.fromBytes(bytes);
    expect(Buffer.from(back.toBytes()).equals(Buffer.from(bytes))).to.equal(true);
    expect(back.dictionary.rawEntries?.get(1)).to.deep.equal(Uint8Array.from([0x62, 0xff, 0x64]));
    expect(back.words).to.deep.equal(['good', 'b\uFFFDd', '</s>']);
    expect(back.wordId('__label__pos')).to.equal(-1); // labels are not words
    expect(back.toWordVectors().size).to.equal(3);
  });

  it("a dictionary far larger than the writer's first buffer (64 KiB) round-trips byte for byte", () => {
    const n = 6000,
      dim = 2,
      bucket = 3;
    const entries = Array.from({length: n}, (_, i) => `word-${i}-${'x'.repeat(20)}`);
    const model = new FastTextModel({
      version: 12,
      args: {dim, ws: 5, epoch: 1, minCount: 1, neg: 5, wordNgrams: 1, loss: 'ns', model: 'sg', bucket, minn: 3, maxn: 6, lrUpdateRate: 100, t: 1e-4},
      dictionary: {entries, counts: entries.map((_, i) => n - i), types: new Uint8Array(n), nwords: n, nlabels: 0, ntokens: 123456789},
      input: {rows: n + bucket, cols: dim, data: Float32Array.from({length: (n + bucket) * dim}, (_, i) => i)},
      output: {rows: n, cols: dim, data: Float32Array.from({length: n * dim}, (_, i) => -i)},
    });
    const bytes = model.toBytes();
    const back = FastTextModel.fromBytes(bytes);
    expect(back.words).to.deep.equal(entries);
    expect(back.dictionary.ntokens).to.equal(123456789);
    expect(Buffer.from(back.toBytes()).equals(Buffer.from(bytes))).to.equal(true);
  });

  it('version 11 supervised models have no n-grams (fastText forces maxn = 0)', () => {
    const v11 = FastTextModel.fromBytes(new FastTextModel(supervised(11)).toBytes());
    expect(v11.effectiveMaxn).to.equal(0);
    expect(v11.subwordRows('good')).to.deep.equal([0]);
    expect(v11.subwordRows('unseen')).to.deep.equal([]);
    const v12 = new FastTextModel(supervised(12));
    expect(v12.subwordRows('good').length).to.be.greaterThan(1);
  });

  it('refuses matrices whose shape does not fit, and a pruned dictionary with a dense input matrix', () => {
    const bad = supervised();
    bad.output = {rows: 3, cols: 3, data: new Float32Array(9)};
    expect(() => new FastTextModel(bad)).to.throw(/output matrix is 3 x 3, expected 2 x 3 \(nlabels 2 rows for a supervised model/);
    const pruned = {...supervised(), dictionary: {...supervised().dictionary, pruneidx: Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3])}};
    const bytes = new FastTextModel(pruned).toBytes();
    expect(() => parseFastTextModelBytes(bytes, 'pruned.bin')).to.throw(DataError, messages.prunedNotQuantized());
  });
});
