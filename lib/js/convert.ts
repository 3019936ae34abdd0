// TF's word -> number conversions and the narrow-float roundings
// (cpp/convert.h), plus the NaN bit patterns x86-64 produces: JS numbers do
// not carry NaN signs and payloads reliably, so code that can produce a NaN
// computes its bits explicitly with these helpers.
import { floatToBfloat16, floatToHalf, halfToFloat, bfloat16ToFloat } from '../half';

export { floatToBfloat16, floatToHalf, halfToFloat, bfloat16ToFloat };

/** float32 in [0, 1) from one word: (x mod 2^23) / 2^23, exact. */
export function uint32ToFloat(x: number): number {
  return (x & 0x7fffff) * 1.1920928955078125e-7;
}

/** float64 in [0, 1) from two words, x0 supplying the high 20 bits: exact. */
export function uint64ToDouble(x0: number, x1: number): number {
  return ((x0 & 0xfffff) * 4294967296 + (x1 >>> 0)) * 2.220446049250313e-16;
}

/** float16 bits of the uniform (x & 0x3FF) / 1024, for every x & 0x3FF. */
export const HALF_UNIFORM = Uint16Array.from({ length: 1024 }, (_, m) => floatToHalf(m / 1024));
/** bfloat16 bits of the uniform (x & 0x7F) / 128, for every x & 0x7F. */
export const BF16_UNIFORM = Uint16Array.from({ length: 128 }, (_, m) => floatToBfloat16(m / 128));

// ---- NaN bits ---------------------------------------------------------------

const f64 = new Float64Array(1);
const w64 = new Uint32Array(f64.buffer);

/** x86's "default NaN" (the result of an invalid operation), as float bits. */
export const DEFAULT_NAN_F32 = 0xffc00000;
/** x86's default NaN as the high word of a double (low word 0). */
export const DEFAULT_NAN_F64_HI = 0xfff80000;

/** The words [lo, hi] of a double as stored in a Float64Array slot (NaN payloads kept). */
export function wordsOfSlot(arr: Float64Array, i: number): [number, number] {
  const w = new Uint32Array(arr.buffer, arr.byteOffset + 8 * i, 2);
  return [w[0], w[1]];
}

/** Float bits of a double NaN given by its words, converted like cvtsd2ss (quieted, payload's top kept). */
export function nanWordsToF32(lo: number, hi: number): number {
  return ((hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29)) >>> 0;
}

/** The words of a JS number (its NaN bits are whatever the engine holds). */
export function wordsOf(x: number): [number, number] {
  f64[0] = x;
  return [w64[0], w64[1]];
}
