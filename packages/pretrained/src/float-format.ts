/**
 * Printing float32 values so that they parse back to the same float32: the shortest decimal (at most 9
 * significant digits) whose float32 rounding is the value, laid out the way JavaScript's `String(number)`
 * lays out that decimal ("0.5", "-1.25e-7", "1e+21").
 *
 * Why not `String(x)`: that prints the float64 expansion of the float32 (`0.10000000149011612`), which is
 * correct but 2x longer. Why this layout: a text file written from float32 values read from a decimal
 * file with at most 6 significant digits (GloVe, fastText) reproduces the original tokens, so the written
 * file is byte-identical to a conversion that printed the original numbers.
 */

/** 10^i for i in 0..22: exact doubles, so m * 10^k and m / 10^k round once (Clinger's fast path). */
export const POW10: readonly number[] = Array.from({length: 23}, (_, i) => 10 ** i);

/** Result of `shortestDigits` (module variables: no tuple allocated per value). */
let digitsM = 0;
let digitsK = 0;

/** Whether p significant digits of a (exponent e = floor(log10 a)) read back to a; sets digitsM/K. */
function tryDigits(a: number, e: number, p: number): boolean {
  const k = p - 1 - e;
  let m: number, back: number;
  if (k >= 0 && k <= 22) {
    m = Math.round(a * (POW10[k] as number));
    back = m / (POW10[k] as number);
  } else if (k < 0 && k >= -22) {
    m = Math.round(a / (POW10[-k] as number));
    back = m * (POW10[-k] as number);
  } else {
    return false;
  }
  if (Math.fround(back) !== a) return false;
  digitsM = m;
  digitsK = k;
  return true;
}

/**
 * Finds the fewest digits (integer m, at most 9 digits) and exponent k with |x| = m * 10^-k reading back
 * to a; false when it cannot. More digits never read back worse (the (p+1)-digit rounding is at least as
 * close), so the search starts at 6, typical of GloVe-like files, and walks down or up.
 */
function shortestDigits(a: number): boolean {
  const e = Math.floor(Math.log10(a));
  // Every try must scale by an exact power of ten (|k| <= 22 for p = 1..9); others take the slow path.
  if (e > 22 || e < -13) return false;
  if (tryDigits(a, e, 6)) {
    // A failed try leaves digitsM/K of the last success.
    for (let p = 5; p >= 1 && tryDigits(a, e, p); p--);
    return true;
  }
  for (let p = 7; p <= 9; p++) if (tryDigits(a, e, p)) return true;
  return false;
}

/** Slow but general: the first precision whose correctly rounded decimal reads back to the same float32. */
function slowShortest(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}

/**
 * Append the shortest round-trip decimal of a float32 value to `out` at `o`; returns the new offset.
 * `out` needs 24 free bytes. Non-finite values are printed as JavaScript does (writers reject them first).
 */
export function writeFloat32(out: Uint8Array, o: number, value: number): number {
  const x = Math.fround(value);
  if (x === 0) {
    if (Object.is(x, -0)) out[o++] = 45;
    out[o++] = 48;
    return o;
  }
  const a = x < 0 ? -x : x;
  if (!Number.isFinite(a) || !shortestDigits(a)) {
    const s = slowShortest(x);
    for (let i = 0; i < s.length; i++) out[o++] = s.charCodeAt(i);
    return o;
  }
  // m < 10^9 < 2^31: int32 arithmetic from here (a double % is a slow fmod call).
  let m = digitsM | 0;
  let k = digitsK;
  // Strip trailing zeros (m = 1500, k = 3 is 1.5).
  while (m % 10 === 0) {
    m = (m / 10) | 0;
    k--;
  }
  let n = 1;
  while (m >= (POW10[n] as number)) n++;
  const pos = n - k; // value = 0.d1d2...dn * 10^pos
  if (x < 0) out[o++] = 45;
  if (pos >= n && pos <= 21) {
    o = writeDigits(out, o, m, n);
    for (let i = n; i < pos; i++) out[o++] = 48;
  } else if (pos > 0 && pos <= 21) {
    const hi = (m / (POW10[n - pos] as number)) | 0;
    o = writeDigits(out, o, hi, pos);
    out[o++] = 46;
    o = writeDigits(out, o, m - hi * (POW10[n - pos] as number), n - pos);
  } else if (pos > -6 && pos <= 0) {
    out[o++] = 48;
    out[o++] = 46;
    for (let i = pos; i < 0; i++) out[o++] = 48;
    o = writeDigits(out, o, m, n);
  } else {
    const lead = (m / (POW10[n - 1] as number)) | 0;
    out[o++] = 48 + lead;
    if (n > 1) {
      out[o++] = 46;
      o = writeDigits(out, o, m - lead * (POW10[n - 1] as number), n - 1);
    }
    out[o++] = 101;
    const ex = pos - 1;
    out[o++] = ex < 0 ? 45 : 43;
    o = writeDigits(out, o, Math.abs(ex), Math.abs(ex) >= 10 ? 2 : 1);
  }
  return o;
}

/** Write exactly `n` digits of `v` (zero-padded on the left). */
function writeDigits(out: Uint8Array, o: number, v: number, n: number): number {
  v |= 0;
  for (let i = n - 1; i >= 0; i--) {
    const q = (v / 10) | 0;
    out[o + i] = 48 + v - q * 10;
    v = q;
  }
  return o + n;
}

const scratch = new Uint8Array(32);

/** The shortest round-trip decimal of a float32 value as a string (see `writeFloat32`). */
export function formatFloat32(value: number): string {
  const end = writeFloat32(scratch, 0, value);
  return String.fromCharCode(...scratch.subarray(0, end));
}
