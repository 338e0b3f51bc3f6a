/**
 * Build a row-sparse optimizer from a plain config object (experiment configs carry names, code passes
 * objects). Unknown types and unknown keys are errors naming the config path.
 */
import {ConfigError, EmbedlabError} from '@embedlab/core';
import {messages} from '../messages.js';
import type {RowSparseOptimizer, RowSparseOptimizerType} from './row-sparse-optimizer.js';
import {SparseAdagrad, type SparseAdagradOptions} from './sparse-adagrad.js';
import {SparseAdam, type SparseAdamOptions} from './sparse-adam.js';
import {SparseSgd, type SparseSgdOptions} from './sparse-sgd.js';

export type RowSparseOptimizerConfig = ({type: 'sgd'} & SparseSgdOptions) | ({type: 'adagrad'} & SparseAdagradOptions) | ({type: 'adam'} & SparseAdamOptions);

const COMMON = ['type', 'learningRate', 'lockMask', 'paddingIdx', 'weightDecay', 'clipNorm', 'clipValue'] as const;
const KEYS: Record<RowSparseOptimizerType, readonly string[]> = {
  sgd: COMMON,
  adagrad: [...COMMON, 'initialAccumulatorValue', 'epsilon'],
  adam: [...COMMON, 'beta1', 'beta2', 'epsilon', 'biasCorrection'],
};

/**
 * `createRowSparseOptimizer({type: 'adam', learningRate: 1e-3}, 'optimizer')`. `path` prefixes error
 * messages (the config path of this object).
 */
export function createRowSparseOptimizer(config: RowSparseOptimizerConfig, path = 'optimizer'): RowSparseOptimizer {
  const type = (config as {type?: unknown}).type;
  if (type !== 'sgd' && type !== 'adagrad' && type !== 'adam') throw new ConfigError(`${path}.type`, messages.unknownOptimizer(type));
  for (const key of Object.keys(config)) {
    if (!KEYS[type].includes(key)) throw new ConfigError(`${path}.${key}`, messages.unknownKey(key, KEYS[type]));
  }
  try {
    switch (type) {
      case 'sgd':
        return new SparseSgd(config);
      case 'adagrad':
        return new SparseAdagrad(config);
      case 'adam':
        return new SparseAdam(config);
    }
  } catch (error) {
    // Re-throw option errors with the config path in front.
    if (error instanceof EmbedlabError && !(error instanceof ConfigError)) throw new ConfigError(path, error.message);
    throw error;
  }
}
