// TF's word -> number conversions (cpp/convert.h) shared by the samplers, the
// narrow-float roundings (lib/half.ts's RNE conversions), and the NaN bit
// patterns x86-64 produces: JS numbers do not carry NaN signs and payloads
// reliably, so code that can produce a NaN writes its bits explicitly.
import { floatToBfloat16, floatToHalf, halfToFloat, bfloat16ToFloat } from '../half';

export { floatToBfloat16, floatToHalf, halfToFloat, bfloat16ToFloat };

/** float64 in [0, 1) from two words, x0 supplying the high 20 bits: exact. */
export function uint64ToDouble(x0: number, x1: number): number {
  return ((x0 & 0xfffff) * 4294967296 + (x1 >>> 0)) * 2.220446049250313e-16;
}

/** float16 bits of the uniform (x & 0x3FF) / 1024, for every x & 0x3FF. */
export const HALF_UNIFORM = Uint16Array.from({ length: 1024 }, (_, m) => floatToHalf(m / 1024));
/** bfloat16 bits of the uniform (x & 0x7F) / 128, for every x & 0x7F. */
export const BF16_UNIFORM = Uint16Array.from({ length: 128 }, (_, m) => floatToBfloat16(m / 128));

// ---- NaN bits ---------------------------------------------------------------

/** x86's "default NaN" (the result of an invalid operation), as float bits. */
export const DEFAULT_NAN_F32 = 0xffc00000;
/** x86's default NaN as the high word of a double (low word 0). */
export const DEFAULT_NAN_F64_HI = 0xfff80000;

/** Float bits of a double NaN given by its words, converted like cvtsd2ss (quieted, payload's top kept). */
export function nanWordsToF32(lo: number, hi: number): number {
  return ((hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29)) >>> 0;
}
