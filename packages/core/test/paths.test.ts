import {expect} from 'chai';
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {cacheDir, checkoutRoot, dataDir, isCi} from '../src/index.js';

describe('paths', () => {
  it('reads the data dir from EMBEDLAB_DATA_DIR and resolves it; set empty, there is none', () => {
    expect(dataDir({EMBEDLAB_DATA_DIR: 'x/y'})).to.equal(resolve('x/y'));
    expect(dataDir({EMBEDLAB_DATA_DIR: ''})).to.equal(undefined);
  });
  it('unset, the data dir is ../shared/datasets beside the checkout when that folder exists', () => {
    const root = checkoutRoot();
    expect(root).to.equal(resolve(fileURLToPath(new URL('../../..', import.meta.url))));
    const beside = resolve(root!, '../shared/datasets');
    expect(dataDir({})).to.equal(existsSync(beside) ? beside : undefined);
  });
  it('puts the cache under EMBEDLAB_CACHE_DIR, else XDG_CACHE_HOME/embedlab', () => {
    expect(cacheDir({EMBEDLAB_CACHE_DIR: '/c'})).to.equal('/c');
    expect(cacheDir({XDG_CACHE_HOME: '/xdg'})).to.equal(join('/xdg', 'embedlab'));
  });
  it('detects CI', () => {
    expect(isCi({CI: 'true'})).to.equal(true);
    expect(isCi({CI: 'false'})).to.equal(false);
    expect(isCi({})).to.equal(false);
  });
});
