import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {expectThrows, tempDir} from '@embedlab/testing';
import {expect} from 'chai';
import {encodeIdx, parseIdx, readIdx} from '../src/idx.js';
import {FASHION_MNIST, loadFashionMnist, locateFashionMnist} from '../src/fashion-mnist.js';

describe('idx reader', () => {
  const values = Array.from({length: 2 * 3 * 4}, (_, i) => (i * 7) % 256);
  const bytes = encodeIdx([2, 3, 4], values);

  it('reads a hand-built file: magic 0x00000803, sizes big-endian, values row-major', () => {
    // header written by hand, independent of encodeIdx
    const hand = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, ...values]);
    expect(Array.from(bytes)).to.deep.equal(Array.from(hand));
    const arr = parseIdx(hand, 'x.idx', {rank: 3, dims: [null, 3, 4]});
    expect(arr.dims).to.deep.equal([2, 3, 4]);
    expect(Array.from(arr.data)).to.deep.equal(values);
  });

  it('reads gzipped files from disk, detected by content', () => {
    const dir = tempDir('idx');
    const path = join(dir, 'labels.idx'); // no .gz in the name on purpose
    writeFileSync(path, gzipSync(encodeIdx([5], [0, 1, 2, 9, 4])));
    expect(Array.from(readIdx(path, {rank: 1}).data)).to.deep.equal([0, 1, 2, 9, 4]);
  });

  it('refuses a wrong magic number, naming the file and what was expected', async () => {
    const bad = bytes.slice();
    bad[2] = 0x0d; // float type code
    await expectThrows(() => parseIdx(bad, 'imgs.gz'), 'imgs.gz', 'wrong idx magic number 0x00000d03', '0x00000803');
    await expectThrows(() => parseIdx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'zip.gz'), 'zip.gz', 'wrong idx magic');
    await expectThrows(() => parseIdx(bytes, 'l.gz', {rank: 1}), 'l.gz', 'says 3 dimensions, expected 1');
  });

  it('refuses truncated files: header, values and gzip stream', async () => {
    await expectThrows(() => parseIdx(bytes.subarray(0, 3), 'a'), 'a: truncated: 3 bytes');
    await expectThrows(() => parseIdx(bytes.subarray(0, 10), 'b'), 'b: truncated: 10 bytes, the header of 3 dimensions needs 16');
    await expectThrows(() => parseIdx(bytes.subarray(0, bytes.length - 1), 'c'), 'c: truncated: the header [2, 3, 4] needs 24 value bytes, the file has 23');
    const gz = gzipSync(bytes);
    await expectThrows(() => parseIdx(gz.subarray(0, gz.length - 6), 'd.gz'), 'd.gz', 'not a readable gzip file');
    const extra = new Uint8Array([...bytes, 1, 2]);
    await expectThrows(() => parseIdx(extra, 'e'), 'e: 2 bytes after the 24 values');
  });

  it('refuses counts that do not match the expected sizes', async () => {
    await expectThrows(() => parseIdx(bytes, 'f.gz', {dims: [60000, 28, 28]}), 'f.gz', 'header sizes [2, 3, 4], expected [60000, 28, 28]');
  });

  it('loadFashionMnist refuses files whose counts differ from the published 60,000 / 10,000', async () => {
    const dir = tempDir('fmnist');
    const img = (n: number) => gzipSync(encodeIdx([n, 28, 28], new Uint8Array(n * 784)));
    const lab = (n: number) => gzipSync(encodeIdx([n], new Uint8Array(n)));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), img(3));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), lab(3));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), img(2));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), lab(2));
    await expectThrows(() => loadFashionMnist({dir, verify: false}), 'train-images-idx3-ubyte.gz', 'header sizes [3, 28, 28], expected [60000, 28, 28]');
  });
});

describe('Fashion-MNIST files', function () {
  const found = locateFashionMnist();
  if (!found) {
    it.skip('Fashion-MNIST not installed (apt-get install dataset-fashion-mnist): real files not checked');
    return;
  }
  this.timeout(60000);
  it(`match their header counts and content sha256 (${found.label})`, () => {
    const d = loadFashionMnist();
    expect([d.train.n, d.train.height, d.train.width]).to.deep.equal([60000, 28, 28]);
    expect([d.test.n, d.test.height, d.test.width]).to.deep.equal([10000, 28, 28]);
    expect(d.train.labels.length).to.equal(60000);
    const counts = new Array(10).fill(0);
    for (const y of d.test.labels) counts[y]++;
    expect(counts).to.deep.equal(new Array(10).fill(1000)); // balanced test set, as published
    expect(Object.keys(d.sha256)).to.have.members(FASHION_MNIST.files.map((f) => f.name));
  });
});
