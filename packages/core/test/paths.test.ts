import {expect} from 'chai';
import {join, resolve} from 'node:path';
import {cacheDir, dataDir, isCi} from '../src/index.js';

describe('paths', () => {
  it('reads the data dir from EMBEDLAB_DATA_DIR and resolves it', () => {
    expect(dataDir({EMBEDLAB_DATA_DIR: 'x/y'})).to.equal(resolve('x/y'));
    expect(dataDir({})).to.equal(undefined);
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
