import {expect} from 'chai';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {expectThrows} from '@embedlab/testing';
import {getDataset, listDatasets} from '../src/registry.js';

describe('dataset registry', () => {
  it('registers every benchmark with id, task, files, URL, citation; similarity sets with score column and range', () => {
    const ids = listDatasets().map((d) => d.id);
    for (const id of ['google-analogy', 'msr-analogy', 'bats-3.0', 'ws353-combined', 'ws353-set1', 'ws353-set2', 'ws353-sim', 'ws353-rel', 'simlex-999', 'men', 'rg-65', 'mc-30', 'rw', 'mturk-287', 'mturk-771', 'simverb-3500', 'yp-130', 'verb-143', 'card-660']) {
      expect(ids, id).to.include(id);
    }
    for (const d of listDatasets()) {
      expect(d.files.length, d.id).to.be.greaterThan(0);
      expect(d.canonicalUrl, d.id).to.match(/^https?:\/\//);
      expect(d.citation, d.id).to.match(/\(\d{4}\)/);
      if (d.task === 'similarity') {
        expect(d.scoreColumn, d.id).to.be.a('number');
        expect(d.scoreRange, d.id).to.have.length(2);
      }
    }
    expect(listDatasets('analogy').map((d) => d.id)).to.deep.equal(['google-analogy', 'msr-analogy', 'bats-3.0']);
    expect(getDataset('bats-3.0').files).to.have.length(40);
  });

  it('resolves aliases and names the known ids for an unknown one', async () => {
    expect(getDataset('ws353').id).to.equal('ws353-combined');
    await expectThrows(() => getDataset('ws-999'), 'unknown dataset "ws-999"', 'google-analogy');
  });

  it('checksums agree with the shared MANIFEST.json (when the data dir is set)', function () {
    const dir = process.env.EMBEDLAB_DATA_DIR;
    if (!dir) this.skip();
    const manifest = JSON.parse(readFileSync(join(dir!, 'MANIFEST.json'), 'utf8')) as {files: {path: string; sha256: string}[]}[];
    const want = new Map(manifest.flatMap((e) => e.files.map((f) => [f.path, f.sha256] as const)));
    for (const d of listDatasets()) for (const f of d.files) if (f.sha256) expect(f.sha256, f.path).to.equal(want.get(f.path));
  });
});
