import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'chai';
import {RunFolder, listRuns, removeStaleIncomplete} from '../src/run-folder.js';

describe('RunFolder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'embedlab-folder-'))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('writes into <runId>.incomplete and renames on completion', () => {
    const f = new RunFolder(dir, '20260101-000000-abcdef01');
    f.writeJson('a.json', {x: 1});
    expect(listRuns(dir)).to.deep.equal([]);
    f.complete();
    expect(listRuns(dir)).to.deep.equal(['20260101-000000-abcdef01']);
    expect(existsSync(join(dir, '20260101-000000-abcdef01', '.owner.json'))).to.equal(false);
    expect(() => f.writeJson('b.json', {})).to.throw(/already completed/);
  });

  it('a discarded folder stays gone', () => {
    const f = new RunFolder(dir, '20260101-000000-abcdef02');
    f.discard();
    expect(existsSync(f.incompleteDir)).to.equal(false);
    expect(() => f.appendLines('m.jsonl', [{}])).to.throw(/already discarded/);
    expect(existsSync(f.incompleteDir)).to.equal(false);
  });

  it('removes stale .incomplete folders of dead processes, keeps live ones', () => {
    const dead = join(dir, '20260101-000000-00000001.incomplete');
    const live = join(dir, '20260101-000000-00000002.incomplete');
    const orphan = join(dir, '20260101-000000-00000003.incomplete');
    for (const d of [dead, live, orphan]) mkdirSync(d);
    writeFileSync(join(dead, '.owner.json'), JSON.stringify({pid: 2 ** 22 + 12345})); // above Linux's pid_max default
    writeFileSync(join(live, '.owner.json'), JSON.stringify({pid: process.pid}));
    expect(removeStaleIncomplete(dir).sort()).to.deep.equal([dead, orphan]);
    expect(existsSync(live)).to.equal(true);
  });
});
