import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {expect} from 'chai';
import {dataDir} from '@embedlab/core';
import {isDownloadable, listDatasets} from '@embedlab/evaluators';
import {withDataDir} from '@embedlab/testing';
import {registries} from '../../src/registries.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';

describe('exp datasets / exp vectors', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox({registries, env: {EMBEDLAB_DATA_DIR: ''}}))); // no data folder, not even ../shared beside the checkout
  afterEach(() => box.cleanup());

  it('datasets lists every registered dataset, missing ones as missing (exit 0)', async () => {
    const r = await box.cli(['datasets']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/google-analogy\s+analogy\s+19544 items\s+missing/);
    expect(r.stdout).to.match(/simlex-999\s+similarity\s+999 items\s+missing/);
  });

  it('datasets verify fails on a file with the wrong checksum, naming it', async () => {
    const dataDir = join(box.dir, 'data');
    mkdirSync(join(dataDir, 'rg-65'), {recursive: true});
    writeFileSync(join(dataDir, 'rg-65', 'EN-RG-65.txt'), 'cord\tsmile\t0.02\n');
    const env = {...box.env, EMBEDLAB_DATA_DIR: dataDir};
    const sub = sandbox({registries, env});
    try {
      const r = await sub.cli(['datasets', 'verify', 'rg-65']);
      expect(r.code).to.equal(1);
      expect(r.stdout).to.match(/rg-65 .*FAILED: .*sha256/);
    } finally {
      sub.cleanup();
    }
  });

  it('datasets: a requested missing dataset fails verify; unknown ids get a did-you-mean', async () => {
    expect((await box.cli(['datasets', 'verify', 'mc-30'])).code).to.equal(1);
    const r = await box.cli(['datasets', 'verify', 'simlex99']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('did you mean "simlex-999"?');
  });

  it('datasets says which file was found: the canonical one, or a known alternative copy (wordvectors.org EN-MTurk-771.txt)', async () => {
    const dataDir = join(box.dir, 'data-alt');
    mkdirSync(join(dataDir, 'mturk-771'), {recursive: true});
    writeFileSync(join(dataDir, 'mturk-771', 'EN-MTurk-771.txt'), 'access\tgateway\t3.791666667\r\naction\tadjustment\t2\r\n');
    mkdirSync(join(dataDir, 'card-660'), {recursive: true});
    writeFileSync(join(dataDir, 'card-660', 'dataset.tsv'), 'HIV/Aids\tdisease\t3.1\n');
    const sub = sandbox({registries, env: {EMBEDLAB_DATA_DIR: dataDir}});
    try {
      const r = await sub.cli(['datasets']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(
        /mturk-771\s+similarity\s+771 items\s+data-dir: mturk-771\/EN-MTurk-771\.txt \(wordvectors\.org copy, word1 word2 score; no published sha256\)\n/,
      );
      expect(r.stdout).to.match(/card-660\s+similarity\s+660 items\s+data-dir: card-660\/dataset\.tsv \(no published sha256\)\n/);
      expect(r.stdout).to.match(/simlex-999\s+similarity\s+999 items\s+missing/);
    } finally {
      sub.cleanup();
    }
  });

  it('vectors lists the named sources, the embedded default first', async () => {
    const r = await box.cli(['vectors']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.split('\n')[0]).to.match(/glove-6b-100d\s+100d\s+embedded/);
    const bad = await box.cli(['vectors', 'verify', 'glove-6b-10d']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('did you mean "glove-6b-100d"?');
  });
});

/** Every file under `dir` (hidden temporary files too). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('exp datasets fetch (local HTTP server as EMBEDLAB_DATASETS_MIRROR)', () => {
  let server: Server;
  let base = '';
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(404).end();
  const requests: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      requests.push(decodeURIComponent(req.url ?? ''));
      handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  let box: Sandbox;
  beforeEach(() => {
    requests.length = 0;
    box = sandbox({registries, env: {EMBEDLAB_DATASETS_MIRROR: base, EMBEDLAB_DATA_DIR: ''}}); // no data folder: everything comes from the server
  });
  afterEach(() => box.cleanup());
  const downloadable = listDatasets()
    .filter(isDownloadable)
    .map((d) => d.id);

  it('refuses files whose sha256 differs (exit 1), keeps nothing in the cache, and only lists sets without a checksummed download', async () => {
    handle = (_req, res) => void res.writeHead(200).end('cord\tsmile\t0.02\n');
    const r = await box.cli(['datasets', 'fetch']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include(`mirror: ${base}`);
    for (const id of downloadable)
      expect(r.stdout, id).to.match(new RegExp(`${id}\\s.*FAILED: .*corrupt or a different version: sha256 [0-9a-f]{64}, expected`));
    expect(r.stdout).to.include(`${base}/mc-30/EN-MC-30.txt is corrupt`);
    expect(r.stdout).to.match(/msr-analogy\s+analogy\s+8000 items\s+missing \(no checksummed download is known for it\)/);
    expect(requests).to.include('/google-analogy/questions-words.txt');
    expect(filesUnder(join(box.env.EMBEDLAB_CACHE_DIR!, 'datasets'))).to.deep.equal([]);
  });

  it('a connection closed early is retried, then the fetch fails naming the URL; no partial file is left', async () => {
    handle = (_req, res) => {
      res.writeHead(200, {'content-length': 543});
      res.write('cord\tsmile\t0.02\n', () => res.socket?.destroy());
    };
    const r = await box.cli(['datasets', 'fetch', 'mc-30']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.match(new RegExp(`mc-30\\s.*FAILED: download of ${base}/mc-30/EN-MC-30.txt failed: .*\\(3 attempts\\)`));
    expect(requests).to.deep.equal(Array(3).fill('/mc-30/EN-MC-30.txt'));
    expect(filesUnder(join(box.env.EMBEDLAB_CACHE_DIR!, 'datasets'))).to.deep.equal([]);
  });

  it('a dataset without a checksummed download fails fetch when asked for by id', async () => {
    const r = await box.cli(['datasets', 'fetch', 'mturk-771']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.match(/mturk-771 .*missing \(no checksummed download is known for it\)/);
    expect(requests).to.deep.equal([]);
  });

  withDataDir(dataDir(), (shared) =>
    describe('serving the shared data dir (when there is one)', function () {
      it('fetches every checksummed dataset into the cache (exit 0); runs then find them there or through EMBEDLAB_DATA_DIR', async () => {
        handle = (req, res) => {
          const file = join(shared, decodeURIComponent(req.url ?? ''));
          if (existsSync(file)) res.writeHead(200).end(readFileSync(file));
          else res.writeHead(404).end();
        };
        const r = await box.cli(['datasets', 'fetch']);
        expect(r.code, r.stdout + r.stderr).to.equal(0);
        for (const id of downloadable) expect(r.stdout, id).to.match(new RegExp(`${id}\\s.*download: .*\\(sha256 ok\\)`));
        expect(r.stdout).to.match(/msr-analogy .*missing/);
        const again = await box.cli(['datasets', 'verify', ...downloadable]);
        expect(again.code, again.stdout).to.equal(0);
        for (const id of downloadable) expect(again.stdout, id).to.match(new RegExp(`${id}\\s.*cache: `));
        const asDataDir = sandbox({registries, env: {EMBEDLAB_DATA_DIR: join(box.env.EMBEDLAB_CACHE_DIR!, 'datasets')}});
        try {
          const v = await asDataDir.cli(['datasets', 'verify', ...downloadable]);
          expect(v.code, v.stdout).to.equal(0);
          expect(v.stdout).to.match(/bats-3\.0\s.*data-dir: 40 files \(sha256 ok\)/);
        } finally {
          asDataDir.cleanup();
        }
      });
    }),
  );
});
