/**
 * Masked-LM inputs (BERT, Devlin et al. 2019; Hugging Face's `DataCollatorForLanguageModeling`): each
 * position that is not a special token is chosen with probability `probability` (0.15); a chosen position
 * becomes the mask token with probability 0.8, a uniformly random vocabulary id with 0.1, and stays
 * unchanged with 0.1. Targets hold the original id at chosen positions and -1 (the loss's ignoreIndex) elsewhere,
 * so only chosen positions carry loss.
 *
 * Hugging Face's rule (an independent draw per position), not the original BERT script's fixed count per
 * sequence (round(0.15 n), at most 20): the same expected rate, and the rule most users know.
 */
import {ArgumentError, type Rng} from '@embedlab/core';

export interface MaskingOptions {
  /** The [MASK] id. */
  maskId: number;
  vocabSize: number;
  /** Ids never chosen (padding, end of text, [MASK] itself, ...). */
  specialIds?: readonly number[];
  /** __Default:__ 0.15 */
  probability?: number;
  /** Shares of chosen positions that become [MASK] / a random id (the rest stay). __Default:__ 0.8 / 0.1 */
  maskShare?: number;
  randomShare?: number;
}

export interface MaskedTokens {
  inputs: Int32Array;
  targets: Int32Array;
}

export function maskTokens(ids: Int32Array, rng: Rng, options: MaskingOptions): MaskedTokens {
  const p = options.probability ?? 0.15;
  const maskShare = options.maskShare ?? 0.8;
  const randomShare = options.randomShare ?? 0.1;
  if (!(p > 0 && p <= 1)) throw new ArgumentError(`masking.probability: expected a number in (0, 1], got ${p}`);
  if (!(maskShare >= 0 && randomShare >= 0 && maskShare + randomShare <= 1))
    throw new ArgumentError(`masking: maskShare ${maskShare} + randomShare ${randomShare} must lie in [0, 1]`);
  if (!(Number.isInteger(options.maskId) && options.maskId >= 0 && options.maskId < options.vocabSize))
    throw new ArgumentError(`masking.maskId: ${options.maskId} is not an id below vocabSize ${options.vocabSize}`);
  const special = new Set(options.specialIds ?? []);
  special.add(options.maskId);
  const inputs = Int32Array.from(ids);
  const targets = new Int32Array(ids.length).fill(-1); // the loss's ignoreIndex;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (special.has(id) || rng.float() >= p) continue;
    targets[i] = id;
    const u = rng.float();
    if (u < maskShare) inputs[i] = options.maskId;
    else if (u < maskShare + randomShare) inputs[i] = rng.int(options.vocabSize);
  }
  return {inputs, targets};
}
