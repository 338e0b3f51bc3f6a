import {expect} from 'chai';
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {dirname, join} from 'node:path';
import {dataDir} from '@embedlab/core';
import {expectThrows, tempDir, withDataDir} from '@embedlab/testing';
import {loadAnalogyDataset, loadBats, loadSimilarityDataset} from '../src/load.js';
import {getDataset, listDatasets} from '../src/registry.js';
import {isDownloadable, resolveDataset} from '../src/resolve.js';
import type {SimilarityDataset} from '../src/types.js';

function dirWith(files: Record<string, string>): string {
  const dir = tempDir('embedlab-eval-');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), {recursive: true});
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const offline = {download: false};

/** Every file under `dir` (hidden temporary files too), relative paths. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

const triples = (d: SimilarityDataset) => d.pairs.map((p) => [p.w1, p.w2, p.score]);

/** A local HTTP server whose answers each test sets (`handle`); `requests` lists the paths asked for. */
function localServer() {
  const state = {
    base: '',
    requests: [] as string[],
    handle: (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(404).end(),
  };
  let server: Server;
  before(async () => {
    server = createServer((req, res) => {
      state.requests.push(decodeURIComponent(req.url ?? ''));
      state.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (state.requests = []));
  return state;
}

describe('resolveDataset and loaders (fixtures)', () => {
  it('a missing file is an error naming the path, the places to put it and the source', async () => {
    const data = dirWith({});
    const cache = dirWith({});
    await expectThrows(
      () => resolveDataset('simverb-3500', {dataDir: data, cacheDir: cache}),
      'simverb-3500/SimVerb-3500.txt',
      join(data, 'simverb-3500/SimVerb-3500.txt'),
      join(cache, 'simverb-3500/SimVerb-3500.txt'),
      'cam.ac.uk',
    );
    await expectThrows(() => resolveDataset('rg-65', {dataDir: data, cacheDir: cache, download: false}), 'rg-65/EN-RG-65.txt', 'downloads are off');
  });

  it('a corrupt file (sha256 mismatch) is an error, not a fallback', async () => {
    const data = dirWith({'rg-65/EN-RG-65.txt': 'cord\tsmile\t0.02\n'});
    await expectThrows(() => resolveDataset('rg-65', {dataDir: data, cacheDir: dirWith({}), ...offline}), 'corrupt', 'c243f3a91c3f', 'EN-RG-65.txt');
  });

  it('loads unregistered-checksum sets from the data dir and records each file sha256', async () => {
    const data = dirWith({
      'msr-analogy/word_relationship.questions': 'good better rough\n',
      'msr-analogy/word_relationship.answers': 'JJ_JJR rougher\n',
      'simverb-3500/SimVerb-3500.txt': 'take\tremove\tV\t6.81\tSYNONYMS\r\n',
      'mturk-771/MTURK-771.csv': 'access,gateway,3.6\n',
      'yp-130/EN-YP-130.txt': 'brag\tboast\t4\n',
      'verb-143/EN-VERB-143.txt': 'fill\trefill\t2.5\n',
      'card-660/dataset.tsv': 'HIV/Aids\tdisease\t3.1\n',
    });
    const opts = {dataDir: data, cacheDir: dirWith({}), ...offline};
    const msr = await loadAnalogyDataset('msr-analogy', opts);
    expect(msr.questions[0]).to.include({a: 'good', c: 'rough'});
    expect(msr.files.map((f) => f.path)).to.deep.equal(['msr-analogy/word_relationship.questions', 'msr-analogy/word_relationship.answers']);
    expect(msr.files[0]!.sha256).to.match(/^[0-9a-f]{64}$/);
    expect((await loadSimilarityDataset('simverb-3500', opts)).pairs[0]).to.include({w1: 'take', score: 6.81});
    expect((await loadSimilarityDataset('mturk-771', opts)).pairs[0]).to.include({w2: 'gateway', score: 3.6});
    expect((await loadSimilarityDataset('yp-130', opts)).pairs[0]).to.include({score: 4});
    expect((await loadSimilarityDataset('verb-143', opts)).pairs[0]).to.include({w1: 'fill'});
    expect((await loadSimilarityDataset('card-660', opts)).pairs[0]).to.include({w1: 'HIV/Aids'});
  });

  it('refuses to load a set with the wrong loader', async () => {
    const data = dirWith({'yp-130/EN-YP-130.txt': 'brag\tboast\t4\n'});
    await expectThrows(() => loadAnalogyDataset('yp-130', {dataDir: data, ...offline}), 'similarity');
  });

  it('a known alternative copy (wordvectors.org layout: tab, CRLF) is used when the canonical file is absent, with the same pairs', async () => {
    const canonical = dirWith({'mturk-771/MTURK-771.csv': 'access,gateway,3.791666667\naction,adjustment,2\nzebra,Apple,1.25\n'});
    const alternative = dirWith({'mturk-771/EN-MTurk-771.txt': 'access\tgateway\t3.791666667\r\naction\tadjustment\t2\r\nzebra\tApple\t1.25\r\n'});
    const a = await loadSimilarityDataset('mturk-771', {dataDir: canonical, cacheDir: dirWith({}), ...offline});
    const b = await loadSimilarityDataset('mturk-771', {dataDir: alternative, cacheDir: dirWith({}), ...offline});
    expect(triples(b)).to.deep.equal(triples(a));
    expect(triples(b)).to.have.length(3);
    expect(b.files[0]!.path).to.equal('mturk-771/EN-MTurk-771.txt');
    const r = await resolveDataset('mturk-771', {dataDir: alternative, cacheDir: dirWith({}), ...offline});
    expect(r.alternative).to.equal(getDataset('mturk-771').alternatives![0]!.label);
    expect(r.files[0]).to.include({path: 'mturk-771/EN-MTurk-771.txt', origin: 'data-dir'});
    // an alternative in the cache is found too; the canonical file wins when both are there
    expect((await resolveDataset('mturk-771', {dataDir: null, cacheDir: alternative, ...offline})).files[0]!.origin).to.equal('cache');
    const both = dirWith({'mturk-771/MTURK-771.csv': 'a,b,1\n', 'mturk-771/EN-MTurk-771.txt': 'a\tb\t1\r\n'});
    const r2 = await resolveDataset('mturk-771', {dataDir: both, cacheDir: dirWith({}), ...offline});
    expect(r2.alternative).to.equal(null);
    expect(r2.files[0]!.path).to.equal('mturk-771/MTURK-771.csv');
  });

  it('a checksummed set takes its alternative without a checksum, but a corrupt canonical file is still an error', async () => {
    const data = dirWith({'simlex-999/EN-SIMLEX-999.txt': 'old\tnew\t1.58\r\nsmart\tintelligent\t9.2\r\n'});
    const s = await loadSimilarityDataset('simlex-999', {dataDir: data, cacheDir: dirWith({}), ...offline});
    expect(triples(s)).to.deep.equal([
      ['old', 'new', 1.58],
      ['smart', 'intelligent', 9.2],
    ]);
    writeFileSync(join(data, 'simlex-999/SimLex-999.txt'), 'word1\tword2\tPOS\tSimLex999\r\nold\tnew\tA\t1.58\r\n');
    await expectThrows(() => resolveDataset('simlex-999', {dataDir: data, cacheDir: dirWith({}), ...offline}), 'corrupt', 'SimLex-999.txt', 'ca00ff8515a3');
  });

  it("a missing file's error also names the alternative copies accepted in its place", async () => {
    const data = dirWith({});
    await expectThrows(
      () => resolveDataset('mturk-771', {dataDir: data, cacheDir: dirWith({}), ...offline}),
      join(data, 'mturk-771/MTURK-771.csv'),
      '"mturk-771/EN-MTurk-771.txt" (wordvectors.org copy',
    );
  });

  it('a download with a wrong checksum is refused and nothing is cached', async () => {
    const cache = dirWith({});
    const fetch = async () => ({ok: true, status: 200, arrayBuffer: async () => new TextEncoder().encode('not the file').buffer as ArrayBuffer});
    await expectThrows(() => resolveDataset('mc-30', {dataDir: null, cacheDir: cache, download: true, fetch}), 'corrupt', '33ee05911496');
    await expectThrows(() => resolveDataset('mc-30', {dataDir: null, cacheDir: cache, download: false}), 'not found');
  });
});

describe('resolveDataset downloads (local HTTP server)', () => {
  const server = localServer();
  const quick = {dataDir: null, download: true, retryDelayMs: 0};

  it('fetches <mirror>/<dataset>/<file>; a checksum mismatch is refused and nothing is kept in the cache', async () => {
    server.handle = (_req, res) => void res.writeHead(200).end('cord\tsmile\t0.02\n');
    const cache = dirWith({});
    await expectThrows(
      () => resolveDataset('mc-30', {...quick, cacheDir: cache, mirror: server.base}),
      'corrupt',
      `${server.base}/mc-30/EN-MC-30.txt`,
      '33ee05911496',
    );
    expect(server.requests).to.deep.equal(['/mc-30/EN-MC-30.txt']); // a wrong file is not retried
    expect(filesUnder(cache)).to.deep.equal([]);
  });

  it('a connection closed early is retried, then refused; no partial file is left in the cache', async () => {
    const bytes = getDataset('rg-65').files[0]!.bytes!;
    server.handle = (_req, res) => {
      res.writeHead(200, {'content-length': bytes});
      res.write('cord\tsmile\t0.02\n', () => res.socket?.destroy());
    };
    const cache = dirWith({});
    await expectThrows(
      () => resolveDataset('rg-65', {...quick, cacheDir: cache, mirror: `${server.base}/`, retries: 2}),
      'download of',
      'rg-65/EN-RG-65.txt',
      '3 attempts',
      'not found (download failed)',
    );
    expect(server.requests).to.have.length(3);
    expect(filesUnder(cache)).to.deep.equal([]);
  });

  it('without a mirror, downloads go to the pinned mirror URL', async () => {
    const seen: string[] = [];
    const fetch = async (url: string) => {
      seen.push(url);
      return {ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0)};
    };
    await expectThrows(() => resolveDataset('mc-30', {...quick, cacheDir: dirWith({}), fetch, mirror: ''}), 'HTTP 404');
    expect(seen).to.deep.equal([getDataset('mc-30').files[0]!.mirror]);
  });
});

withDataDir(dataDir(), (dir) =>
  describe('resolveDataset and loaders (shared data dir)', function () {
    it('finds files in the data dir and verifies them', async () => {
      const r = await resolveDataset('google-analogy', {...offline});
      expect(r.files[0]).to.include({origin: 'data-dir', sha256: '8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36', bytes: 603955});
    });

    it('downloads into the cache when the data dir lacks a file, checks sha256, strips the BATS mirror newline', async () => {
      const cache = dirWith({});
      const served: string[] = [];
      const fetch = async (url: string) => {
        served.push(url);
        const path = decodeURIComponent(url.split('/raw_datasets/bats/')[1]!);
        const bytes = readFileSync(join(dir, 'bats-3.0', path));
        const withNewline = new Uint8Array([...bytes, 0x0a]); // what the mirror serves
        return {ok: true, status: 200, arrayBuffer: async () => withNewline.buffer};
      };
      const bats = await loadBats({dataDir: dirWith({}), cacheDir: cache, download: true, fetch});
      expect(served).to.have.length(40);
      expect(bats.categories).to.have.length(40);
      const again = await resolveDataset('bats-3.0', {dataDir: null, cacheDir: cache, download: false});
      expect(again.files.every((f) => f.origin === 'cache')).to.equal(true);
    });

    it('loads the Google set: 19,544 questions, 14 sections (5 semantic), 171 repeats', async () => {
      const g = await loadAnalogyDataset('google-analogy', offline);
      expect(g.questions).to.have.length(19544);
      expect(g.sections).to.have.length(14);
      expect(g.sections.filter((s) => s.kind === 'semantic')).to.have.length(5);
      expect(g.questions.filter((q) => g.sections[q.section]!.kind === 'semantic')).to.have.length(8869);
      expect(g.duplicateQuestions).to.equal(171);
    });

    it('loads BATS: 40 files x 50 pairs, 4 groups, 50/50_burger kept whole', async () => {
      const b = await loadBats(offline);
      expect(b.categories.map((c) => c.pairs.length)).to.deep.equal(Array(40).fill(50));
      expect(new Set(b.categories.map((c) => c.group)).size).to.equal(4);
      const burger = b.categories.flatMap((c) => c.pairs).find((p) => p.source === 'burger')!;
      expect(burger.targets).to.include('50/50_burger');
      expect(burger.targets).to.not.include('50');
    });

    it('loads every similarity set with the published pair counts and WS353 quirks', async () => {
      const counts: Record<string, number> = {
        'ws353-combined': 353,
        'ws353-set1': 153,
        'ws353-set2': 200,
        'ws353-sim': 203,
        'ws353-rel': 252,
        'simlex-999': 999,
        men: 3000,
        'rg-65': 65,
        'mc-30': 30,
        rw: 2034,
        'mturk-287': 287,
      };
      for (const [id, n] of Object.entries(counts)) expect((await loadSimilarityDataset(id, offline)).pairs, id).to.have.length(n);
      const ws = await loadSimilarityDataset('ws353', offline);
      expect(ws.duplicatePairs).to.equal(1); // money cash twice
      expect(ws.reversedPairs).to.be.greaterThan(0); // money bank / bank money
    });

    describe('served over HTTP (what `exp datasets fetch` does on a fork)', () => {
      const server = localServer();
      before(() => {
        server.handle = (req, res) => {
          const file = join(dir, decodeURIComponent(req.url ?? ''));
          if (existsSync(file)) res.writeHead(200).end(readFileSync(file));
          else res.writeHead(404).end();
        };
      });

      it('downloads every checksummed dataset into an empty cache, verified; later lookups find them there', async () => {
        const cache = dirWith({});
        const downloadable = listDatasets().filter(isDownloadable);
        expect(downloadable.map((d) => d.id)).to.include.members(['google-analogy', 'bats-3.0', 'simlex-999', 'men', 'rw', 'mturk-287']);
        for (const d of downloadable) {
          const r = await resolveDataset(d.id, {dataDir: null, cacheDir: cache, download: true, mirror: server.base, retryDelayMs: 0});
          expect(
            r.files.every((f) => f.origin === 'download'),
            d.id,
          ).to.equal(true);
        }
        for (const d of downloadable) {
          const r = await resolveDataset(d.id, {dataDir: null, cacheDir: cache, download: false});
          expect(
            r.files.every((f) => f.origin === 'cache'),
            d.id,
          ).to.equal(true);
        }
        expect(filesUnder(cache).filter((f) => f.includes('.tmp'))).to.deep.equal([]);
      });
    });

    it('every alternative layout gives the same pairs as the canonical file (real files rewritten as wordvectors.org copies)', async () => {
      for (const entry of listDatasets('similarity')) {
        if (!entry.alternatives || !existsSync(join(dir, entry.files[0]!.path))) continue;
        const canonical = await loadSimilarityDataset(entry.id, offline);
        const copy = canonical.pairs.map((p) => `${p.w1}\t${p.w2}\t${p.score}\r\n`).join('');
        for (const alt of entry.alternatives) {
          const alone = dirWith({[alt.files[0]!.path]: copy});
          const other = await loadSimilarityDataset(entry.id, {dataDir: alone, cacheDir: dirWith({}), ...offline});
          expect(other.files[0]!.path, entry.id).to.equal(alt.files[0]!.path);
          expect(triples(other), entry.id).to.deep.equal(triples(canonical));
        }
      }
    });
  }),
);
