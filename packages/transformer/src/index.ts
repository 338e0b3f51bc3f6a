export {bertConfig, type GptConfig, type PositionScheme, POSITION_SCHEMES, type ResolvedGptConfig, resolveGptConfig} from './config.js';
export {maskTokens, type MaskedTokens, type MaskingOptions} from './masking.js';
export {GptModel, type GptModelOptions, type Gradients, type LmBatch, type TokenTableOptions} from './model.js';
export {paramSpecs, countParams, type ParamSpec, type ParamStore} from './params.js';
export {AdamW, type AdamWOptions, addGradients, clipGradients, gradientNorm, learningRateAt, scaleGradients, type ScheduleOptions} from './optim.js';
export {ParallelGradients} from './parallel.js';
export {
  trainLm,
  sampleBatch,
  maskBatch,
  validationBatches,
  validationLoss,
  type LmData,
  type LmEvalPoint,
  type LmHistoryPoint,
  type LmProgress,
  type LmTrainOptions,
  type LmTrainResult,
} from './train.js';
export {saveCheckpoint, loadCheckpoint, CHECKPOINT_FORMAT, type CheckpointContents} from './checkpoint.js';
export {readSafetensors, writeSafetensors, encodeSafetensors, decodeSafetensors, type SafeTensor, type SafetensorsFile} from './safetensors.js';
export {generate, type GenerateOptions} from './generate.js';
export {crossEntropy, crossEntropyStats, type CrossEntropyResult} from './loss.js';
export {sinusoidTable, ropeTables, applyRope} from './positions.js';
export {layerNorm, gelu, attention, mlp, hiddenStates, headLogits, matMul, type Weights} from './forward.js';
export {
  POOLINGS,
  type Pooling,
  type ContextualModel,
  type TokenCorpus,
  type WindowOptions,
  type CollectOptions,
  type ContextCollection,
  type Window,
  contextWindow,
  poolRows,
  meanPairwiseCosine,
  intraSimilarity,
  maxExplainableVariance,
  collectContexts,
  decontextualizedVectors,
  type PoolOptions,
  type PooledTable,
  type StaticVectors,
  poolContexts,
  poolStaticVectors,
  staticWordVectors,
  type MeasureOptions,
  type LayerMeasures,
  type ContextualityMeasures,
  contextualityMeasures,
} from './contextual.js';
export {batchedMatMul} from './attention-matmul.js';
