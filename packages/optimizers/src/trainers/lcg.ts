/**
 * word2vec's random stream: next = next * 25214903917 + 11 (mod 2^64), kept as two uint32 halves so plain
 * JS numbers can step it without BigInt. The WebAssembly kernel uses the same recurrence on an i64.
 */
const A_HI = 0x5; // 25214903917 = 0x5_DEECE66D
const A_LO = 0xdeece66d;
const A_LO_HI16 = A_LO >>> 16;
const A_LO_LO16 = A_LO & 0xffff;
const TWO32 = 4294967296;

export class Lcg64 {
  constructor(
    public hi: number,
    public lo: number,
  ) {}

  static fromBigInt(state: bigint): Lcg64 {
    const s = BigInt.asUintN(64, state);
    return new Lcg64(Number(s >> 32n), Number(s & 0xffffffffn));
  }

  toBigInt(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** Advance one step. */
  next(): void {
    const lo = this.lo,
      hi = this.hi;
    const l1 = lo >>> 16,
      l0 = lo & 0xffff;
    // lo * A_LO as a full 64-bit product from 16-bit pieces (each partial product < 2^32, exact in doubles).
    const p00 = l0 * A_LO_LO16;
    const mid = l0 * A_LO_HI16 + l1 * A_LO_LO16;
    const p11 = l1 * A_LO_HI16;
    const low = p00 + (mid % 65536) * 65536 + 11;
    const carry = Math.floor(low / TWO32);
    const newLo = low - carry * TWO32;
    const newHi = (p11 + Math.floor(mid / 65536) + carry + Math.imul(hi, A_LO) + Math.imul(lo, A_HI)) % TWO32;
    this.lo = newLo >>> 0;
    this.hi = (newHi < 0 ? newHi + TWO32 : newHi) >>> 0;
  }

  /** The state modulo n (n < 2^21), i.e. word2vec's `next_random % n`. */
  mod(n: number): number {
    return ((this.hi % n) * TWO32 + this.lo) % n;
  }

  /** `(next_random >> 16) % n`. */
  shr16mod(n: number): number {
    return (this.hi * 65536 + (this.lo >>> 16)) % n;
  }

  /** `(next_random >> 16) & 0xFFFF`. */
  bits16to31(): number {
    return this.lo >>> 16;
  }

  /** `next_random & 0xFFFF`. */
  low16(): number {
    return this.lo & 0xffff;
  }
}
