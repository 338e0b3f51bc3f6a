import {expect} from 'chai';
import {ConfigError} from '@embedlab/core';
import {applyOverride, parseSet} from '../src/overrides.js';

describe('--set parsing', () => {
  it('parses the value as JSON, else keeps the string', () => {
    expect(parseSet('seed=3')).to.deep.equal({path: ['seed'], value: 3});
    expect(parseSet('a.b=true').value).to.equal(true);
    expect(parseSet('a.b=[1,2]').value).to.deep.equal([1, 2]);
    expect(parseSet('a.b={"x":null}').value).to.deep.equal({x: null});
    expect(parseSet('arms.0.vectors.type=random').value).to.equal('random');
    expect(parseSet('name="3"').value).to.equal('3');
    expect(parseSet('x=a=b').value).to.equal('a=b'); // only the first = splits
  });
  it('rejects arguments without a path', () => {
    expect(() => parseSet('novalue')).to.throw(ConfigError, '--set expects path=value');
    expect(() => parseSet('=3')).to.throw(ConfigError);
    expect(() => parseSet('a..b=3')).to.throw(ConfigError);
  });
  it('applies into arrays and creates missing objects, without mutating the input', () => {
    const input = {arms: [{name: 'a', vectors: {type: 't'}}]};
    const out = applyOverride(input, parseSet('arms.0.vectors.dim=50')) as typeof input & {arms: {vectors: {dim?: number}}[]};
    expect(out.arms[0]?.vectors.dim).to.equal(50);
    expect((input.arms[0]!.vectors as {dim?: number}).dim).to.equal(undefined);
    expect(applyOverride({}, parseSet('evaluation.restrict=10'))).to.deep.equal({evaluation: {restrict: 10}});
  });
  it('refuses to descend through a scalar', () => {
    expect(() => applyOverride({seed: 1}, parseSet('seed.x=2'))).to.throw(ConfigError, /^seed\.x: .*seed is not an object/);
  });
});
