/**
 * Number tokens of text vector files. The scanners parse the common case inline (see text-scanner.ts);
 * this module is the general path and the definition they must agree with: a token's value is
 * `Math.fround(parseFloat(token))`, accepted only when the whole token is a decimal number and the
 * float32 result is finite.
 */

import {POW10} from './float-format.js';

/** Decimal syntax accepted in vector files: optional sign, digits with optional point, optional exponent. */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export type TokenProblem = 'syntax' | 'non-finite';

/** float32 value of a token, or the reason it is not one. */
export function parseFloat32Token(token: string): number | TokenProblem {
  if (!DECIMAL.test(token)) {
    return /^[+-]?(?:nan|inf|infinity)$/i.test(token) ? 'non-finite' : 'syntax';
  }
  const v = Math.fround(parseFloat(token));
  return Number.isFinite(v) ? v : 'non-finite';
}

/** End offset of the token parsed by the last `parseDecimalAt` call. */
export let parsedEnd = 0;

/**
 * Parse the decimal number starting at b[p] (for JSON-like input: ends at any byte that cannot continue
 * it). Same rule and fast path as the text scanner: `Math.fround(parseFloat(token))` bit for bit when
 * stored into a Float32Array. Returns NaN when the bytes are not a decimal number; sets `parsedEnd`.
 */
export function parseDecimalAt(b: Uint8Array, p: number): number {
  const ts = p;
  let c = b[p] as number;
  let neg = false;
  if (c === 45) {
    neg = true;
    c = b[++p] as number;
  } else if (c === 43) c = b[++p] as number;
  let m = 0,
    nd = 0,
    scale = 0,
    digits = 0;
  while (c >= 48 && c <= 57) {
    if (nd > 0 || c !== 48) {
      m = m * 10 + (c - 48);
      nd++;
    }
    digits++;
    c = b[++p] as number;
  }
  if (c === 46) {
    c = b[++p] as number;
    while (c >= 48 && c <= 57) {
      if (nd > 0 || c !== 48) {
        m = m * 10 + (c - 48);
        nd++;
      }
      scale++;
      digits++;
      c = b[++p] as number;
    }
  }
  let ex = 0,
    ed = 0;
  if (c === 101 || c === 69) {
    c = b[++p] as number;
    let eneg = false;
    if (c === 45) {
      eneg = true;
      c = b[++p] as number;
    } else if (c === 43) c = b[++p] as number;
    while (c >= 48 && c <= 57) {
      ex = ex * 10 + (c - 48);
      ed++;
      c = b[++p] as number;
    }
    if (ed === 0) {
      parsedEnd = p;
      return NaN;
    }
    if (eneg) ex = -ex;
  }
  parsedEnd = p;
  if (digits === 0) return NaN;
  const e10 = ex - scale;
  if (nd <= 15 && ed <= 4) {
    if (m === 0) return neg ? -0 : 0;
    if (e10 >= 0 && e10 <= 22) return neg ? -(m * (POW10[e10] as number)) : m * (POW10[e10] as number);
    if (e10 < 0 && e10 >= -22) return neg ? -(m / (POW10[-e10] as number)) : m / (POW10[-e10] as number);
  }
  return parseFloat(String.fromCharCode(...b.subarray(ts, p)));
}
