/** Number formatting for tables: fixed decimals, intervals, percentages. Non-finite values print as `n/a`. */
import {ArgumentError} from '@embedlab/core';
import {messages} from './messages.js';

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new ArgumentError(messages.badDigits(digits));
}

/** `x` with `digits` decimals: `formatFixed(0.63549, 3)` is `0.635`. Never prints `-0.000`. */
export function formatFixed(x: number, digits = 3): string {
  checkDigits(digits);
  if (!Number.isFinite(x)) return 'n/a';
  const s = x.toFixed(digits);
  // A tiny negative rounds to "-0.000", which reads as a real sign; print it as zero.
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** `value [lo, hi]`: `formatInterval(0.635, 0.628, 0.642)` is `0.635 [0.628, 0.642]`. */
export function formatInterval(value: number, lo: number, hi: number, digits = 3): string {
  return `${formatFixed(value, digits)} [${formatFixed(lo, digits)}, ${formatFixed(hi, digits)}]`;
}

/** A fraction as a percentage: `formatPercent(0.6354)` is `63.5%`. */
export function formatPercent(fraction: number, digits = 1): string {
  const s = formatFixed(fraction * 100, digits);
  return s === 'n/a' ? s : `${s}%`;
}
