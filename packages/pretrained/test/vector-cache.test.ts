import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {WordVectors} from '@embedlab/core';
import {expect} from 'chai';
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
});
