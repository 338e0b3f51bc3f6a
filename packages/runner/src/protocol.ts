/**
 * The evaluation protocol a run used, with a hash that changes whenever anything that affects the
 * numbers changes (preset, restrict, interval settings).
 */
import type {EvaluationConfig} from './experiment.js';
import {sha256, stableJson} from './run-id.js';

export interface ProtocolInfo {
  name: string;
  hash: string;
  [key: string]: unknown;
}

export function protocolInfo(evaluation: EvaluationConfig): ProtocolInfo {
  return {name: evaluation.protocol, hash: sha256(stableJson(evaluation)).slice(0, 16), settings: evaluation};
}
