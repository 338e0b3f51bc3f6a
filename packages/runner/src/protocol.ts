/**
 * The evaluation protocol a run used, as the evaluators resolve it (every analogy and similarity choice
 * spelled out), with the evaluators' protocol hash: it changes whenever anything that moves a number
 * changes (preset, restrict, interval settings).
 */
import {protocolHash, resolveAnalogyProtocol, resolveSimilarityProtocol} from '@embedlab/evaluators';
import {protocolSpec} from './components/protocol-spec.js';
import type {EvaluationConfig} from './experiment.js';

export interface ProtocolInfo {
  name: string;
  hash: string;
  [key: string]: unknown;
}

export function protocolInfo(evaluation: EvaluationConfig): ProtocolInfo {
  const spec = protocolSpec(evaluation);
  const analogy = resolveAnalogyProtocol(spec, 'evaluation');
  const similarity = resolveSimilarityProtocol(spec, 'evaluation');
  const bootstrap = {resamples: evaluation.bootstrapSamples, level: evaluation.confidence, method: 'percentile'};
  return {name: evaluation.protocol, hash: protocolHash({analogy, similarity, bootstrap}), analogy, similarity, bootstrap};
}
