/** `exp explore` end to end on small inputs (PCA only, so it is quick), and its --groups file format. */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'chai';
import {registries} from '../../src/registries.js';
import {readGroupsFile} from '../../src/explore/explore.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';

describe('exp explore', () => {
  let box: Sandbox;
  let file: string;
  before(() => {
    box = sandbox({registries});
    file = join(box.dir, 'small.txt');
    writeFileSync(file, Array.from({length: 30}, (_, i) => `w${i} ${Math.cos(i)} ${Math.sin(i)} ${(i % 7) / 7}`).join('\n') + '\n');
  });
  after(() => box.cleanup());

  it('writes one offline page from two vector files, named by --arms', async () => {
    const out = join(box.dir, 'page.html');
    const r = await box.cli(['explore', file, file, '--arms', 'a,b', '--top', '20', '--map', '10', '--no-umap', '--out', out]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^explorer: page\.html \(0\.0 MB; arms a, b; 20 words, 10 on the map; load [\d.]+ s, build [\d.]+ s\)\n$/);
    const html = readFileSync(out, 'utf8');
    expect(html)
      .to.include(`default-src 'none'`)
      .and.not.match(/\s(src|href)="https?:/);
    const data = JSON.parse(/<script type="application\/json" id="explorer-data">(.*?)<\/script>/s.exec(html)![1]!) as {
      words: string[];
      arms: {name: string; umap: unknown}[];
    };
    expect(data.words).to.deep.equal(Array.from({length: 20}, (_, i) => `w${i}`));
    expect(data.arms.map((a) => [a.name, a.umap])).to.deep.equal([
      ['a', null],
      ['b', null],
    ]);
  });

  it('takes a run folder: loads the pretrained arms, skips trained ones saying why, did-you-mean for --arms', async () => {
    const run = join(box.dir, 'results', 'x', '20260101-000000-abcdef12');
    mkdirSync(run, {recursive: true});
    writeFileSync(
      join(run, 'config.resolved.json'),
      JSON.stringify({
        arms: [
          {name: 'glove', vectors: {type: 'pretrained', source: file}},
          {name: 'tuned', vectors: {type: 'continued-sgns'}},
        ],
      }),
    );
    const out = join(box.dir, 'run.html');
    const r = await box.cli(['explore', run, '--top', '10', '--map', '5', '--no-umap', '--out', out]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.include('warning: skipped arm tuned: continued-sgns: not saved in the run folder (vectors/tuned.txt)');
    expect(existsSync(out)).to.equal(true);
    const bad = await box.cli(['explore', run, '--arms', 'glov', '--out', out]);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('--arms[0]: no arm "glov"').and.include('did you mean "glove"?');
    const none = await box.cli(['explore', run, '--arms', 'tuned', '--out', out]);
    expect(none.code).to.equal(1);
    expect(none.stderr).to.include('nothing to explore: tuned: continued-sgns');
  });

  it('reads --groups files and names the line of a bad one', () => {
    const good = join(box.dir, 'groups.txt');
    writeFileSync(good, '# capitals and countries\ncapitals: paris rome\ncountries: france, italy\n');
    expect(readGroupsFile(good)).to.deep.equal([
      {group: 'capitals', words: ['paris', 'rome']},
      {group: 'countries', words: ['france', 'italy']},
    ]);
    const bad = join(box.dir, 'bad.txt');
    writeFileSync(bad, 'capitals: paris\njust words here\n');
    expect(() => readGroupsFile(bad)).to.throw(`${bad}:2: expected "group: word word ..."`);
  });
});
