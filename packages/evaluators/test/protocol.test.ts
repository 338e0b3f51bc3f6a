import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {PROTOCOL_PRESETS, protocolHash, resolveAnalogyProtocol, resolveSimilarityProtocol} from '../src/protocol.js';

describe('protocols', () => {
  it('presets spell out gensim, word2vec compute-accuracy and GloVe evaluate.py', () => {
    expect(resolveAnalogyProtocol('gensim')).to.include({
      method: '3CosAdd',
      restrict: 300000,
      caseFolding: 'upper',
      exclusion: 'string',
      oov: 'skip',
      searchDepth: 5,
      arithmetic: 'gensim',
      cosMulEpsilon: 1e-6,
    });
    expect(resolveAnalogyProtocol('word2vec-c')).to.include({restrict: 30000, caseFolding: 'upper', exclusion: 'index', searchDepth: null});
    expect(resolveAnalogyProtocol('glove')).to.include({restrict: null, caseFolding: 'none', exclusion: 'index', arithmetic: 'float64'});
    expect(resolveSimilarityProtocol('gensim')).to.deep.equal({restrict: 300000, caseFolding: 'upper', oov: 'drop'});
  });

  it('a partial protocol overrides its base preset', () => {
    expect(resolveAnalogyProtocol({base: 'glove', method: '3CosMul'})).to.include({method: '3CosMul', restrict: null, exclusion: 'index'});
    expect(resolveAnalogyProtocol({restrict: 30000})).to.include({restrict: 30000, exclusion: 'string'});
  });

  it('rejects unknown keys and bad values with the config path', async () => {
    await expectThrows(() => resolveAnalogyProtocol({methd: '3CosAdd'} as never), 'protocol.methd', 'unknown protocol key');
    await expectThrows(() => resolveAnalogyProtocol({method: '3CosDiv' as never}), 'protocol.method', '3CosAdd');
    await expectThrows(() => resolveAnalogyProtocol({restrict: -5}), 'protocol.restrict');
    await expectThrows(() => resolveAnalogyProtocol('gensin' as never), 'unknown protocol preset', 'gensim');
    await expectThrows(() => resolveSimilarityProtocol({oov: 'skip' as never}), 'protocol.oov', 'drop, zero');
  });

  it('protocolHash is stable under key order and changes with any value', () => {
    const p = resolveAnalogyProtocol('gensim');
    const reordered = Object.fromEntries(Object.entries(p).reverse());
    expect(protocolHash(reordered)).to.equal(protocolHash(p));
    expect(protocolHash({...p, restrict: 30000})).to.not.equal(protocolHash(p));
    expect(protocolHash(PROTOCOL_PRESETS.gensim.analogy)).to.match(/^[0-9a-f]{16}$/);
  });
});
