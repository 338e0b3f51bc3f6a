import {expect} from 'chai';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {expectThrows, tempDir} from '@embedlab/testing';
import {loadAnalogyDataset, loadBats, loadSimilarityDataset} from '../src/load.js';
import {resolveDataset} from '../src/resolve.js';

function dirWith(files: Record<string, string>): string {
  const dir = tempDir('embedlab-eval-');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), {recursive: true});
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const offline = {download: false};

describe('resolveDataset and loaders (fixtures)', () => {
  it('a missing file is an error naming the path, the places to put it and the source', async () => {
    const data = dirWith({});
    const cache = dirWith({});
    await expectThrows(() => resolveDataset('simverb-3500', {dataDir: data, cacheDir: cache}), 'simverb-3500/SimVerb-3500.txt', join(data, 'simverb-3500/SimVerb-3500.txt'), join(cache, 'simverb-3500/SimVerb-3500.txt'), 'cam.ac.uk');
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

  it('a download with a wrong checksum is refused and nothing is cached', async () => {
    const cache = dirWith({});
    const fetch = async () => ({ok: true, status: 200, arrayBuffer: async () => new TextEncoder().encode('not the file').buffer as ArrayBuffer});
    await expectThrows(() => resolveDataset('mc-30', {dataDir: null, cacheDir: cache, download: true, fetch}), 'corrupt', '33ee05911496');
    await expectThrows(() => resolveDataset('mc-30', {dataDir: null, cacheDir: cache, download: false}), 'not found');
  });
});

describe('resolveDataset and loaders (shared data dir)', function () {
  const dir = process.env.EMBEDLAB_DATA_DIR;
  before(function () {
    if (!dir) this.skip();
  });

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
      const bytes = readFileSync(join(dir!, 'bats-3.0', path));
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
    const counts: Record<string, number> = {'ws353-combined': 353, 'ws353-set1': 153, 'ws353-set2': 200, 'ws353-sim': 203, 'ws353-rel': 252, 'simlex-999': 999, men: 3000, 'rg-65': 65, 'mc-30': 30, rw: 2034, 'mturk-287': 287};
    for (const [id, n] of Object.entries(counts)) expect((await loadSimilarityDataset(id, offline)).pairs, id).to.have.length(n);
    const ws = await loadSimilarityDataset('ws353', offline);
    expect(ws.duplicatePairs).to.equal(1); // money cash twice
    expect(ws.reversedPairs).to.be.greaterThan(0); // money bank / bank money
  });
});
