import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DataError, WordVectors} from '@embedlab/core';
import {expect} from 'chai';
import {ByteWordTable, buildWordIndex} from '../src/byte-word-table.js';
import {readVectorCache, writeVectorCache} from '../src/vector-cache.js';
import {useTmpDir} from './helpers/tmp.js';

describe('vector cache (.evf)', () => {
  const tmp = useTmpDir();
  const v = WordVectors.fromEntries([
    ['the', [0.5, -1]],
    ['naïve', [2, 3.25]],
    ['x', [-0, 1e-30]],
  ]);

  it('round trips words, values (bit for bit) and meta', () => {
    const path = join(tmp.dir(), 'a.evf');
    writeVectorCache(path, {...v, words: v.words, data: v.data, dim: v.dim, meta: {source: 'test', n: 3}});
    const got = readVectorCache(path);
    if (!got.ok) throw new Error(got.why);
    expect(got.vectors.words).to.deep.equal(['the', 'naïve', 'x']);
    expect(Array.from(got.vectors.data)).to.deep.equal(Array.from(v.data));
    expect(Object.is(got.vectors.data[4], -0)).to.equal(true);
    expect(got.vectors.meta).to.include({source: 'test', n: 3, cache: path});
  });

  it('detects corruption: missing file, bad magic, truncation, a flipped byte', () => {
    const path = join(tmp.dir(), 'b.evf');
    writeVectorCache(path, {words: v.words, data: v.data, dim: v.dim});
    const good = readFileSync(path);
    expect(readVectorCache(join(tmp.dir(), 'none.evf'))).to.deep.equal({ok: false, why: 'missing'});
    const magic = Buffer.from(good);
    magic[0] = 0x58;
    writeFileSync(path, magic);
    expect(readVectorCache(path)).to.deep.equal({ok: false, why: 'bad magic'});
    writeFileSync(path, good.subarray(0, good.length - 1));
    const cut = readVectorCache(path);
    expect(cut.ok).to.equal(false);
    expect(cut.ok ? '' : cut.why).to.match(/^size/);
    // A flipped bit in each section: the matrix, the words, the word starts, the slots.
    const header = JSON.parse(good.toString('utf8', 12, 12 + good.readUInt32LE(8))) as {dataOffset: number; indexOffset: number; rows: number};
    const wordsAt = header.dataOffset + v.data.byteLength;
    for (const at of [header.dataOffset + 5, wordsAt + 1, header.indexOffset + 4, header.indexOffset + (header.rows + 1) * 4 + 3, good.length - 10]) {
      const flipped = Buffer.from(good);
      flipped[at] = (flipped[at] as number) ^ 1;
      writeFileSync(path, flipped);
      expect(readVectorCache(path), `byte ${at}`).to.deep.equal({ok: false, why: 'crc32 mismatch'});
    }
    const older = Buffer.from(good);
    older.write('EMBLVEC1', 0, 'latin1');
    writeFileSync(path, older);
    expect(readVectorCache(path)).to.deep.equal({ok: false, why: 'older format EMBLVEC1 (this reader reads EMBLVEC2)'});
  });

  it('stores the word index the lazy path would build, so a load does no work per word', () => {
    const words = ['the', 'naïve', 'x', 'of', ''];
    const path = join(tmp.dir(), 'index.evf');
    writeVectorCache(path, {words, data: new Float32Array(words.length), dim: 1});
    const file = readFileSync(path);
    const h = JSON.parse(file.toString('utf8', 12, 12 + file.readUInt32LE(8))) as {
      dataOffset: number;
      wordsBytes: number;
      indexOffset: number;
      indexCapacity: number;
    };
    expect(h.indexOffset % 4).to.equal(0);
    expect(h.indexCapacity).to.equal(16); // the smallest power of two >= 2 x 5 rows, as buildWordIndex picks
    const bytes = file.subarray(h.dataOffset + words.length * 4, h.dataOffset + words.length * 4 + h.wordsBytes);
    const built = buildWordIndex(bytes, words.length, path);
    const stored = new Int32Array(file.buffer.slice(file.byteOffset + h.indexOffset, file.byteOffset + file.length));
    expect(Array.from(stored)).to.deep.equal([...built.starts, ...built.slots]);
    expect(Array.from(built.starts)).to.deep.equal([0, 4, 11, 13, 16, 17]); // 'naïve' is 6 bytes
    const got = readVectorCache(path);
    if (!got.ok) throw new Error(got.why);
    expect(words.map((w) => got.vectors.indexOf(w))).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('looks words up in the cache bytes like a Map would, before and after the words are made', () => {
    const rng = (() => {
      let x = 12345;
      return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    })();
    const alphabet = ['a', 'b', 'z', 'é', 'ß', '中', '😀', '-', "'", '0'];
    const set = new Set<string>(['', '__proto__', 'constructor', 'the', 'them', 'th', 'naïve']);
    while (set.size < 5000) {
      let w = '';
      for (let n = 1 + Math.floor(rng() * 8); n > 0; n--) w += alphabet[Math.floor(rng() * (rng() < 0.8 ? 4 : alphabet.length))];
      set.add(w);
    }
    const words = [...set];
    const data = new Float32Array(words.length * 2).map((_, i) => i);
    const path = join(tmp.dir(), 'words.evf');
    writeVectorCache(path, {words, data, dim: 2});
    const got = readVectorCache(path);
    if (!got.ok) throw new Error(got.why);
    const truth = new Map(words.map((w, i) => [w, i]));
    const absent = ['x', 'thé', 'them ', 'naive', '😀😀😀😀😀😀😀😀😀', 'aaaaaaaaa', 'toString'].filter((w) => !truth.has(w));
    for (const w of [...words, ...absent]) expect(got.vectors.indexOf(w), JSON.stringify(w)).to.equal(truth.get(w) ?? -1);
    expect(got.vectors.words).to.deep.equal(words);
    expect(Array.from(got.vectors.vector('naïve') ?? [])).to.deep.equal([2 * truth.get('naïve')!, 2 * truth.get('naïve')! + 1]);
  });

  it('a word count that disagrees with the rows is reported with the file, not looked up', () => {
    expect(() => new ByteWordTable(Buffer.from('a\nb'), 3, 'f.evf').indexOf('a'))
      .to.throw(DataError, 'f.evf')
      .with.property('message')
      .that.contains('2 words for 3 rows');
    expect(() => new ByteWordTable(Buffer.from('a\nb\nc'), 2, 'f.evf').indexOf('a')).to.throw(DataError, 'more than 2 words');
    expect(() => new ByteWordTable(Buffer.from('a\nb'), 3, 'f.evf').words()).to.throw(DataError, '2 words for 3 rows');
    const empty = new ByteWordTable(new Uint8Array(0), 0, 'e.evf');
    expect([empty.indexOf('a'), empty.indexOf(''), empty.words().length]).to.deep.equal([-1, -1, 0]);
  });
});
