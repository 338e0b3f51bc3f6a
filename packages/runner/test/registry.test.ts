import {expect} from 'chai';
import {ConfigError} from '@embedlab/core';
import {z} from 'zod';
import {Registry, defineComponent} from '../src/registry.js';
import {registries} from '../src/registries.js';

const sgd = defineComponent({
  kind: 'optimizer',
  name: 'sgd',
  summary: 'plain SGD',
  params: z.object({learningRate: z.number().positive().default(0.1)}),
  create: (p) => p.learningRate,
});

describe('Registry', () => {
  it('rejects duplicate names and components of another kind', () => {
    const r = new Registry<number>('optimizer').register(sgd);
    expect(() => r.register(sgd)).to.throw(ConfigError, 'duplicate optimizer "sgd"');
    expect(() => new Registry<number>('evaluator').register(sgd)).to.throw(ConfigError, 'is a optimizer, not a evaluator');
  });
  it('fills defaults and builds with a derived, non-zero seed', async () => {
    const r = new Registry<number>('optimizer').register(sgd);
    expect(r.resolve({type: 'sgd'}, 'optimizer')).to.deep.equal({type: 'sgd', learningRate: 0.1});
    expect(r.names()).to.deep.equal(['sgd']);
    expect(r.list()).to.deep.equal([{name: 'sgd', summary: 'plain SGD'}]);
  });
  it('names the dotted path of an unknown key, a bad value and an unknown type', () => {
    const r = new Registry<number>('optimizer').register(sgd);
    expect(() => r.resolve({type: 'sgd', learningRat: 1}, 'optimizer')).to.throw(ConfigError, /^optimizer\.learningRat: unknown key/);
    expect(() => r.resolve({type: 'sgd', learningRate: -1}, 'optimizer')).to.throw(ConfigError, /^optimizer\.learningRate: /);
    expect(() => r.resolve({type: 'sgdd'}, 'optimizer')).to.throw(ConfigError, 'optimizer.type: unknown optimizer "sgdd"; did you mean "sgd"?');
    expect(() => r.resolve({}, 'optimizer')).to.throw(ConfigError, /^optimizer\.type: expected the name of a optimizer/);
  });
  it('every wired component builds from {type} alone (defaults are valid)', () => {
    for (const [kind, registry] of Object.entries(registries)) {
      for (const name of registry.names()) {
        expect(() => registry.resolve({type: name}, kind), `${kind} ${name}`).not.to.throw();
      }
    }
  });
});
