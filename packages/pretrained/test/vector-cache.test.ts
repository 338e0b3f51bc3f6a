import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DataError, WordVectors} from '@embedlab/core';
import {expect} from 'chai';
import {ByteWordTable} from '../src/byte-word-table.js';
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
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] as number) ^ 1;
    writeFileSync(path, flipped);
    expect(readVectorCache(path)).to.deep.equal({ok: false, why: 'crc32 mismatch'});
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
