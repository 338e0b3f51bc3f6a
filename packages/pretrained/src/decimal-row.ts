/**
 * The JavaScript hot loop of the text readers, written once: one row's `dim` plain decimals ([-] digits
 * [. digits], four fraction digits at a time by SWAR) parsed into `data[o..o+dim)`. Exact by the same rule
 * as the WebAssembly parser: the digits make an integer m <= 2^53 and the value is m / 10^scale with
 * scale <= 22, one correctly rounded division (Clinger's fast path), so it equals
 * `Math.fround(parseFloat(token))` once stored.
 *
 * Self-contained (no imports, no module state) because the parallel reader also runs it as source text
 * inside its workers. Returns the position after the row's last value, or -1 when the row is not of the
 * common shape (the caller then takes the slow path, which reports errors with file and line).
 */
export function parseDecimalRow(b: Uint8Array, dv: DataView, p: number, dim: number, data: Float32Array, o: number, pow10: Float64Array): number {
  const lim = b.length - 4;
  let c = 0;
  for (let k = 0; k < dim; k++) {
    c = b[p] as number;
    while (c === 32 || c === 9) c = b[++p] as number;
    // Leading zeros leave m at 0, and m stays exact while it is at most 2^53 (every partial value is
    // smaller than the final one).
    const neg = c === 45;
    if (neg) c = b[++p] as number;
    const is = p;
    let m = 0;
    while ((c - 48) >>> 0 < 10) {
      m = m * 10 + (c - 48);
      c = b[++p] as number;
    }
    let scale = 0;
    let any = p > is;
    if (c === 46) {
      const fs = ++p;
      // Four fraction digits at a time while they are all digits: each byte in '0'..'9' (high nibble 3, and
      // no carry into it when 6 is added), then two multiply-add steps combine them.
      while (p <= lim) {
        const x = dv.getUint32(p, true);
        if ((x & 0xf0f0f0f0) !== 0x30303030 || ((x + 0x06060606) & 0xf0f0f0f0) !== 0x30303030) break;
        const d = x - 0x30303030;
        const q = (Math.imul(d, 10) + (d >>> 8)) & 0x00ff00ff;
        m = m * 10000 + ((Math.imul(q, 100) + (q >>> 16)) & 0xffff);
        p += 4;
      }
      c = b[p] as number;
      while ((c - 48) >>> 0 < 10) {
        m = m * 10 + (c - 48);
        c = b[++p] as number;
      }
      scale = p - fs;
      any = any || scale > 0;
    }
    if (!((c === 32 || c === 10 || c === 13 || c === 9) && any && m <= 9007199254740992 && scale <= 22)) return -1;
    const v = m / (pow10[scale] as number);
    data[o + k] = neg ? -v : v;
  }
  // The row must end here: optional spaces/tabs, an optional CR, then the newline.
  c = b[p] as number;
  while (c === 32 || c === 9) c = b[++p] as number;
  if (c === 13) c = b[++p] as number;
  return c === 10 ? p : -1;
}
