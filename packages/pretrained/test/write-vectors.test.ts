import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {createRng, WordVectors} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {readVectors} from '../src/read-vectors.js';
import {gloveTextSha256, writeGloveText, writeProjector, writeWord2vecBinary, writeWord2vecText} from '../src/write-vectors.js';
import {useTmpDir} from './helpers/tmp.js';
import {createHash} from 'node:crypto';

/** Random float32 values drawn from raw bit patterns (all exponents, subnormals, -0), finite only. */
function randomFloat32s(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const bits = new Uint32Array(n);
  const out = new Float32Array(bits.buffer);
  for (let i = 0; i < n; i++) {
    do bits[i] = rng.nextUint32();
    while (!Number.isFinite(out[i] as number));
  }
  out.set([0, -0, 1.4e-45, -3.4028234663852886e38, 0.1, -0.32307], 0);
  return out;
}

const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('writers', () => {
  const tmp = useTmpDir();
  const dim = 7;
  const words = Array.from({length: 300}, (_, i) => (i % 3 === 0 ? `naïve${i}` : `w${i}`));
  const vectors = new WordVectors(words, randomFloat32s(300 * dim, 5), dim);

  it('GloVe text round trip is bit-exact (shortest round-trip decimals)', async () => {
    const path = join(tmp.dir(), 'rt.glove.txt');
    const res = writeGloveText(path, vectors);
    expect(res.rows).to.equal(300);
    const back = await readVectors(path, {format: 'glove'});
    expect(back.words).to.deep.equal(words);
    expect(bitsOf(back.data)).to.deep.equal(bitsOf(vectors.data));
  });

  it('word2vec text (+ .gz) and binary round trips are bit-exact', async () => {
    for (const [name, write, format] of [
      ['rt.w2v.txt', writeWord2vecText, 'word2vec'],
      ['rt.w2v.txt.gz', writeWord2vecText, 'word2vec'],
      ['rt.bin', writeWord2vecBinary, 'word2vec-binary'],
      ['rt.bin.gz', writeWord2vecBinary, 'word2vec-binary'],
    ] as const) {
      const path = join(tmp.dir(), name);
      write(path, vectors);
      const back = await readVectors(path);
      expect(back.meta.format, name).to.equal(format);
      expect(back.words, name).to.deep.equal(words);
      expect(bitsOf(back.data), name).to.deep.equal(bitsOf(vectors.data));
    }
  });

  it('writes the exact bytes of each format for a small table', () => {
    const small = WordVectors.fromEntries([
      ['a', [0.5, -0.32307]],
      ['bé', [1e-7, 100]],
    ]);
    const g = join(tmp.dir(), 'small.txt');
    writeGloveText(g, small);
    expect(readFileSync(g, 'utf8')).to.equal('a 0.5 -0.32307\nbé 1e-7 100\n');
    writeWord2vecText(g, small);
    expect(readFileSync(g, 'utf8')).to.equal('2 2\na 0.5 -0.32307\nbé 1e-7 100\n');
    const b = join(tmp.dir(), 'small.bin');
    writeWord2vecBinary(b, small);
    const want = Buffer.concat([
      Buffer.from('2 2\na '),
      Buffer.from(new Float32Array([0.5, -0.32307]).buffer),
      Buffer.from('\nbé '),
      Buffer.from(new Float32Array([1e-7, 100]).buffer),
      Buffer.from('\n'),
    ]);
    expect(readFileSync(b).equals(want)).to.equal(true);
    const gz = join(tmp.dir(), 'small.txt.gz');
    writeGloveText(gz, small);
    expect(gunzipSync(readFileSync(gz)).toString()).to.equal('a 0.5 -0.32307\nbé 1e-7 100\n');
  });

  it('writes the TensorBoard Projector pair', () => {
    const small = WordVectors.fromEntries([
      ['a', [0.5, -2]],
      ['b', [0.25, 3]],
    ]);
    const res = writeProjector(join(tmp.dir(), 'proj'), small);
    expect(readFileSync(res.vectors.path, 'utf8')).to.equal('0.5\t-2\n0.25\t3\n');
    expect(readFileSync(res.metadata.path, 'utf8')).to.equal('a\nb\n');
  });

  it('gloveTextSha256 equals the sha256 of the written file', () => {
    const path = join(tmp.dir(), 'h.txt');
    writeGloveText(path, vectors);
    expect(gloveTextSha256(vectors)).to.equal(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('refuses words a format cannot hold, and leaves the old file and no temporary behind', async () => {
    const dir = join(tmp.dir(), 'atomic');
    const path = join(dir, 'out.txt');
    writeGloveText(path, WordVectors.fromEntries([['ok', [1]]]));
    const bad = WordVectors.fromEntries([
      ['fine', [1]],
      ['two words', [2]],
    ]);
    await expectThrows(() => writeGloveText(path, bad), '"two words" cannot be written to GloVe text');
    expect(readFileSync(path, 'utf8')).to.equal('ok 1\n');
    expect(readdirSync(dir)).to.deep.equal(['out.txt']);
    await expectThrows(() => writeProjector(dir, WordVectors.fromEntries([['a\tb', [1]]])), 'Projector metadata');
    const nan = new WordVectors(['x'], new Float32Array([NaN]), 1, {checkFinite: false});
    await expectThrows(() => writeWord2vecBinary(join(dir, 'n.bin'), nan), 'NaN or infinite');
    expect(existsSync(join(dir, 'n.bin'))).to.equal(false);
  });

  it('overwrites atomically (the target is replaced, not appended)', () => {
    const path = join(tmp.dir(), 'over.txt');
    writeFileSync(path, 'old content that is longer than the new one\n');
    writeGloveText(path, WordVectors.fromEntries([['z', [2]]]));
    expect(readFileSync(path, 'utf8')).to.equal('z 2\n');
  });
});
