/**
 * Typed component refs: the `@ts-expect-error` lines below are checked by `pnpm typecheck` (tsc fails when
 * one of them is NOT an error, i.e. when the refs stop being typed); the `it` checks the valid form runs.
 */
import {expect} from 'chai';
import {defineExperiment} from '../src/experiment.js';
import {registries} from '../src/registries.js';
import {resolveConfig} from '../src/resolve-config.js';

const arms = [{name: 'glove', vectors: {type: 'pretrained' as const, source: 'glove-6b-100d'}}];

export const misspeltComponent = defineExperiment({
  name: 'typo-a',
  description: 'x',
  arms,
  // @ts-expect-error: 'similarty' is not a registered evaluator
  evaluators: [{type: 'similarty'}],
});

export const misspeltParam = defineExperiment({
  name: 'typo-b',
  description: 'x',
  // @ts-expect-error: the random component has no `dims` param
  arms: [{name: 'r', vectors: {type: 'random', dims: 100}}],
});

export const wrongParamType = defineExperiment({
  name: 'typo-c',
  description: 'x',
  // @ts-expect-error: `init` is 'uniform' | 'normal'
  arms: [{name: 'r', vectors: {type: 'random', init: 'gaussian'}}],
});

describe('typed experiment configs', () => {
  it('a well-typed config resolves with the real registries', () => {
    const config = resolveConfig(
      defineExperiment({name: 'typed', description: 'x', arms, evaluators: [{type: 'similarity', datasets: ['simlex-999']}]}),
      registries,
    );
    expect(config.arms[0]!.vectors).to.deep.include({type: 'pretrained', source: 'glove-6b-100d'});
  });
});
