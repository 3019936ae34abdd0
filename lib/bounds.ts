// TF's handling of op parameters: conversion of Python numbers to the op's
// dtype (float16 directly from double, bfloat16 via float32, both RNE),
// arithmetic in the dtype (16-bit floats: one float32 op, then rounded), and
// integer bounds (maxval required, within the dtype, minval < maxval unless
// the output is empty).
import { DType } from './dtype';
import { bfloat16ToFloat, floatToBfloat16, floatToHalf, halfToFloat } from './half';
import { describe, isIntegerKind, rangeError, typeError } from './validate';
import { state as seedState } from './seed';

/** A double to binary16 bits, rounded once (numpy's float64 -> float16). */
export function doubleToHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  let e = Math.floor(Math.log2(a));
  if (a > 0 && 2 ** e > a) e--;           // guard log2 rounding
  if (a > 0 && 2 ** (e + 1) <= a) e++;
  const ulp = 2 ** (Math.max(e, -14) - 10);
  const q = a / ulp;                       // exact: ulp is a power of two
  let r = Math.floor(q);
  const frac = q - r;
  if (frac > 0.5 || (frac === 0.5 && r % 2 === 1)) r++;
  const v = r * ulp;                       // representable in binary16
  return sign | (floatToHalf(v) & 0x7fff);
}

/**
 * x converted to dtype (as TF converts a Python number), as a double. float16:
 * an eager tensor rounds through float32 (Eigen::half(double)), a graph
 * constant (inside fn) rounds once (numpy).
 */
export function toDType(x: number, dtype: DType): number {
  switch (dtype) {
    case 'float16': return halfToFloat(seedState.graph ? doubleToHalf(x) : floatToHalf(Math.fround(x)));
    case 'bfloat16': return bfloat16ToFloat(floatToBfloat16(Math.fround(x)));
    case 'float32': return Math.fround(x);
    default: return x;
  }
}

/** Rounds a float32 result to dtype (16-bit arithmetic is float32 then RNE). */
function round(x: number, dtype: DType): number {
  switch (dtype) {
    case 'float16': return halfToFloat(floatToHalf(Math.fround(x)));
    case 'bfloat16': return bfloat16ToFloat(floatToBfloat16(Math.fround(x)));
    case 'float32': return Math.fround(x);
    default: return x;
  }
}

/** a - b in dtype (a, b already values of dtype). */
export function subIn(a: number, b: number, dtype: DType): number {
  return round(a - b, dtype);
}
export function mulIn(a: number, b: number, dtype: DType): number {
  return round(a * b, dtype);
}
export function addIn(a: number, b: number, dtype: DType): number {
  return round(a + b, dtype);
}
export function divIn(a: number, b: number, dtype: DType): number {
  return round(a / b, dtype);
}

const INT_LIMITS = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

export function checkIntBound(fn: string, arg: string, v: unknown, dtype: 'int32' | 'int64'): bigint {
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number') {
    if (!isIntegerKind(v)) throw typeError(fn, arg, `must be an integer for dtype ${dtype}, got ${describe(v)}`);
    if (!Number.isSafeInteger(v)) throw rangeError(fn, arg, `must be a safe integer or a bigint, got ${v}`);
    b = BigInt(v);
  } else throw typeError(fn, arg, `must be an integer (number or bigint) for dtype ${dtype}, got ${describe(v)}`);
  const [lo, hi] = INT_LIMITS[dtype];
  if (b < lo || b > hi) throw rangeError(fn, arg, `${b} is out of range for ${dtype}`);
  return b;
}

/**
 * Bounds of a bounded-int op: lo, and range = (maxval - minval) mod 2^bits.
 * `empty`: the output has no elements (TF then skips the minval < maxval check).
 */
export function intRange(
  fn: string, dtype: 'int32' | 'int64', minval: unknown, maxval: unknown, empty: boolean,
): { lo: bigint; hi: bigint; range: bigint } {
  if (maxval === undefined || maxval === null)
    throw typeError(fn, 'maxval', `must be given for integer dtype ${dtype}`);
  const lo = checkIntBound(fn, 'minval', minval ?? 0, dtype);
  const hi = checkIntBound(fn, 'maxval', maxval, dtype);
  if (!empty && lo >= hi) throw rangeError(fn, 'minval', `must be < maxval (Need minval < maxval, got ${lo} >= ${hi})`);
  return { lo, hi, range: hi - lo };
}
