import {expect} from 'chai';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {dataDir} from '@embedlab/core';
import {expectThrows, withDataDir} from '@embedlab/testing';
import {parseSimilarity} from '../src/parse-similarity.js';
import {getDataset, listDatasets, type SimilarityFormat} from '../src/registry.js';

const PAIRS: [string, string, number][] = [
  ['access', 'gateway', 3.791666667],
  ['Arafat', 'peace', 6.73],
  ['take', 'remove', 0],
];

/** `PAIRS` written in a registry layout: its separator, header lines and columns (other columns filled in). */
function writeLayout(f: SimilarityFormat, eol: string): string {
  const sep = {'\t': '\t', ',': ',', ' ': ' ', whitespace: ' ', auto: ','}[f.separator];
  const width = Math.max(...f.columns) + 1;
  const rows = PAIRS.map(([w1, w2, score]) => {
    const fields = Array.from({length: width}, (_, i) => `x${i}`);
    [fields[f.columns[0]], fields[f.columns[1]], fields[f.columns[2]]] = [w1, w2, String(score)];
    return fields.join(sep);
  });
  return [...Array.from({length: f.header}, () => ['word1', 'word2', 'score'].join(sep)), ...rows].map((l) => l + eol).join('');
}

describe('dataset registry', () => {
  it('registers every benchmark with id, task, files, URL, citation; similarity sets with score column and range', () => {
    const ids = listDatasets().map((d) => d.id);
    for (const id of [
      'google-analogy',
      'msr-analogy',
      'bats-3.0',
      'ws353-combined',
      'ws353-set1',
      'ws353-set2',
      'ws353-sim',
      'ws353-rel',
      'simlex-999',
      'men',
      'rg-65',
      'mc-30',
      'rw',
      'mturk-287',
      'mturk-771',
      'simverb-3500',
      'yp-130',
      'verb-143',
      'card-660',
    ]) {
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

  it('names wordvectors.org copies as alternatives of the similarity sets they fit; each parses to the same pairs', () => {
    const alternatives = Object.fromEntries(
      listDatasets()
        .filter((d) => d.alternatives)
        .map((d) => [d.id, d.alternatives!.map((a) => a.files.map((f) => f.path))]),
    );
    expect(alternatives).to.deep.equal({
      'ws353-combined': [['ws353/EN-WS-353-ALL.txt']],
      'ws353-sim': [['ws353-sim/EN-WS-353-SIM.txt']],
      'ws353-rel': [['ws353-rel/EN-WS-353-REL.txt']],
      'simlex-999': [['simlex-999/EN-SIMLEX-999.txt']],
      men: [['men/EN-MEN-TR-3k.txt']],
      rw: [['rw/EN-RW-STANFORD.txt']],
      'mturk-287': [['mturk-287/EN-MTurk-287.txt']],
      'mturk-771': [['mturk-771/EN-MTurk-771.txt']],
      'simverb-3500': [['simverb-3500/EN-SimVerb-3500.txt']],
    });
    for (const d of listDatasets('similarity')) {
      for (const alt of d.alternatives ?? []) {
        expect(alt.files, d.id).to.have.length(d.files.length);
        expect(
          alt.files.every((f) => !f.sha256 && !f.mirror),
          d.id,
        ).to.equal(true); // never downloaded, no invented checksum
        expect(alt.files[0]!.path.split('/')[0], d.id).to.equal(d.files[0]!.path.split('/')[0]); // same dataset folder
        const own = parseSimilarity(writeLayout(d.format as SimilarityFormat, '\n'), 'canonical', d.format as SimilarityFormat);
        const copy = parseSimilarity(PAIRS.map((p) => p.join('\t') + '\r\n').join(''), alt.files[0]!.path, alt.format as SimilarityFormat);
        const triples = (x: typeof own) => x.pairs.map((p) => [p.w1, p.w2, p.score]);
        expect(triples(copy), d.id).to.deep.equal(PAIRS);
        expect(triples(own), d.id).to.deep.equal(PAIRS);
      }
    }
  });

  it('resolves aliases and names the known ids for an unknown one', async () => {
    expect(getDataset('ws353').id).to.equal('ws353-combined');
    await expectThrows(() => getDataset('ws-999'), 'unknown dataset "ws-999"', 'google-analogy');
  });

  withDataDir(dataDir(), (dir) =>
    it('checksums agree with the shared MANIFEST.json (when the data dir has one)', function () {
      // A data dir filled by `exp datasets fetch` (CI on a fork) has the checksummed files but no MANIFEST.json.
      if (!existsSync(join(dir, 'MANIFEST.json'))) this.skip();
      const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as {files: {path: string; sha256: string}[]}[];
      const want = new Map(manifest.flatMap((e) => e.files.map((f) => [f.path, f.sha256] as const)));
      for (const d of listDatasets()) for (const f of d.files) if (f.sha256) expect(f.sha256, f.path).to.equal(want.get(f.path));
    }),
  );
});
