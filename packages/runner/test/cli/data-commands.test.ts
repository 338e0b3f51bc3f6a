import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'chai';
import {registries} from '../../src/registries.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';

describe('exp datasets / exp vectors', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox({registries})));
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

  it('vectors lists the named sources, the embedded default first', async () => {
    const r = await box.cli(['vectors']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.split('\n')[0]).to.match(/glove-6b-100d\s+100d\s+embedded/);
    const bad = await box.cli(['vectors', 'verify', 'glove-6b-10d']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('did you mean "glove-6b-100d"?');
  });
});
