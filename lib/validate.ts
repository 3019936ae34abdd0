// Argument validation and normalisation. Every public call goes through these
// before any state moves or any byte is written: bad input is a TypeError
// (wrong kind of value) or RangeError (right kind, bad value) whose message
// names the function and the argument. Values are inspected with typeof and
// never coerced (no valueOf/toString calls on user objects).
import { DTYPES, DType, AnyTypedArray, isDType } from './dtype';

// TypedArray facts read through the built-in accessors, never through
// properties a caller can shadow on an instance (a Symbol.toStringTag or
// `length` getter of their own would run user code or lie about the kind).
const TA_PROTO = Object.getPrototypeOf(Uint8Array.prototype) as object;
function builtinGetter(o: object, k: PropertyKey): (this: unknown) => unknown {
  return (Object.getOwnPropertyDescriptor(o, k) as PropertyDescriptor).get as (this: unknown) => unknown;
}
const TA_TAG = builtinGetter(TA_PROTO, Symbol.toStringTag);
const TA_LENGTH = builtinGetter(TA_PROTO, 'length');
const TA_BUFFER = builtinGetter(TA_PROTO, 'buffer');
const AB_BYTE_LENGTH = builtinGetter(ArrayBuffer.prototype, 'byteLength');
const AB_DETACHED = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
const AB_SLICE = ArrayBuffer.prototype.slice;

/** The TypedArray kind ('Float32Array', …) of v, or undefined (DataView, non-views). */
export function typedArrayKind(v: unknown): string | undefined {
  return TA_TAG.call(v) as string | undefined;
}

/** A TypedArray's ArrayBuffer or SharedArrayBuffer, from the built-in accessor. */
export function bufferOf(a: ArrayBufferView): ArrayBufferLike {
  return TA_BUFFER.call(a) as ArrayBufferLike;
}

const TA_SET = (TA_PROTO as { set(this: ArrayBufferView, src: ArrayBufferView, offset: number): void }).set;
const TA_SUBARRAY = (TA_PROTO as { subarray(this: ArrayBufferView, a: number, b: number): ArrayBufferView }).subarray;

/** dst[i..end) = src[i..end) with the built-in methods (same kind of TypedArray). */
export function copyInto(dst: ArrayBufferView, src: ArrayBufferView, i: number, end: number): void {
  TA_SET.call(dst, TA_SUBARRAY.call(src, i, end), i);
}

/** A TypedArray's element count (0 when detached), from the built-in accessor. */
export function lengthOf(a: ArrayBufferView): number {
  return TA_LENGTH.call(a) as number;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) {
    const kind = typedArrayKind(v) ?? 'DataView';
    return `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
  }
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export function typeError(fn: string, arg: string, msg: string): TypeError {
  return new TypeError(`${fn}: ${arg} ${msg}`);
}
export function rangeError(fn: string, arg: string, msg: string): RangeError {
  return new RangeError(`${fn}: ${arg} ${msg}`);
}

export type Seed = number | bigint;

/**
 * Whether a number is of the integer kind: an integer or ±Infinity. The rest
 * (fractions, NaN) is a TypeError; a number of the right kind outside the
 * accepted range (±Infinity, unsafe, negative…) is a RangeError.
 */
export function isIntegerKind(v: number): boolean {
  return Number.isInteger(v) || v === Infinity || v === -Infinity;
}

/** An integer seed of any size (Python int semantics) as a bigint. */
export function checkSeed(fn: string, arg: string, v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!isIntegerKind(v)) throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
    if (!Number.isSafeInteger(v))
      throw rangeError(fn, arg, `must be a safe integer or a bigint, got ${describe(v)}`);
    return BigInt(v);
  }
  throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
}

export function checkOptionalSeed(fn: string, arg: string, v: unknown): bigint | null {
  return v === undefined || v === null ? null : checkSeed(fn, arg, v);
}

/** An op seed as given: a safe-integer number stays a number (no bigint on the hot path). */
export function checkOptionalOpSeed(fn: string, arg: string, v: unknown): bigint | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  return checkSeed(fn, arg, v);
}

/** A non-negative safe integer (counts, sizes). */
export function checkCount(fn: string, arg: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !isIntegerKind(v))
    throw typeError(fn, arg, `must be an integer, got ${describe(v)}`);
  if (v < min || !Number.isSafeInteger(v)) throw rangeError(fn, arg, `must be a safe integer >= ${min}, got ${v}`);
  return v;
}

/** A finite-or-not JS number (TF does not validate float parameters). */
export function checkNumber(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, arg, `must be a number, got ${describe(v)}`);
  return v;
}

// The largest element count we accept for one output (the TypedArray maximum).
export const MAX_ELEMENTS = 2 ** 32;
// TF's element count is an int64: a running product past this overflows there
// (TensorShape's MultiplyWithoutOverflow), even if a later dimension is 0.
const MAX_RUNNING_PRODUCT = 2 ** 63;

/** A shape: an array of non-negative safe integers; returns a copy and the element count. */
export function checkShape(fn: string, v: unknown, arg = 'shape'): { shape: number[]; n: number } {
  if (!Array.isArray(v)) throw typeError(fn, arg, `must be an array of non-negative integers, got ${describe(v)}`);
  const shape: number[] = [];
  let n = 1;
  for (let i = 0; i < v.length; i++) {
    const d = v[i];
    if (typeof d !== 'number' || !isIntegerKind(d))
      throw typeError(fn, `${arg}[${i}]`, `must be an integer, got ${describe(d)}`);
    if (d < 0 || !Number.isSafeInteger(d)) throw rangeError(fn, `${arg}[${i}]`, `must be a non-negative safe integer, got ${d}`);
    shape.push(d === 0 ? 0 : d); // -0 -> 0
    n *= d;
    // n stays finite (never Infinity * 0 = NaN): each factor is < 2^53
    if (n >= MAX_RUNNING_PRODUCT) throw rangeError(fn, arg, `[${shape}…]: the element count overflows int64`);
  }
  if (n > MAX_ELEMENTS) throw rangeError(fn, arg, `has ${n} elements; at most ${MAX_ELEMENTS} are supported`);
  return { shape, n: n === 0 ? 0 : n };
}

export function checkDType<D extends DType>(fn: string, v: unknown, allowed: readonly D[], arg = 'dtype'): D {
  if (!isDType(v)) throw typeError(fn, arg, `must be one of ${allowed.join(', ')}, got ${describe(v)}`);
  if (!(allowed as readonly string[]).includes(v))
    throw typeError(fn, arg, `${v} is not supported here; use one of ${allowed.join(', ')}`);
  return v as D;
}

/** Rejects option keys the function does not know (typos would silently change results). */
export function checkOptions(fn: string, opts: unknown, known: readonly string[]): Record<string, unknown> {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== 'object' || Array.isArray(opts) || ArrayBuffer.isView(opts))
    throw typeError(fn, 'options', `must be an object, got ${describe(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!known.includes(k)) throw typeError(fn, `option ${JSON.stringify(k)}`, `is not known; expected ${known.join(', ')}`);
  }
  return opts as Record<string, unknown>;
}

function tagOf(v: unknown): string | undefined {
  return typedArrayKind(v);
}

/** Whether a TypedArray's buffer was detached (transferred); never for a SharedArrayBuffer. */
export function isDetached(a: ArrayBufferView): boolean {
  // a detached view has length 0, so a non-empty one is attached (and its
  // buffer is not read: reading it moves a small on-heap array off the heap)
  if (lengthOf(a) !== 0) return false;
  const buf = TA_BUFFER.call(a);
  let bytes: number;
  try {
    bytes = AB_BYTE_LENGTH.call(buf) as number;
  } catch {
    return false; // a SharedArrayBuffer cannot be detached
  }
  if (AB_DETACHED) return AB_DETACHED.call(buf) as boolean;
  if (bytes !== 0) return false;
  try {
    // a detached buffer throws on slice
    AB_SLICE.call(buf, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/** The caller's `out`: the exact TypedArray kind for dtype, n elements, attached. */
export function checkOut(fn: string, out: unknown, dtype: DType, n: number, arg = 'out'): AnyTypedArray {
  const want = DTYPES[dtype].kind;
  const tag = tagOf(out);
  if (tag !== want)
    throw typeError(fn, arg, `must be a ${want} for dtype ${dtype}, got ${describe(out)}`);
  const a = out as AnyTypedArray;
  if (isDetached(a)) throw typeError(fn, arg, 'is detached (its buffer was transferred)');
  const len = lengthOf(a);
  if (len !== n) throw rangeError(fn, arg, `must have ${n} elements, got ${len}`);
  return a;
}

export function isTypedArrayTag(v: unknown): string | undefined {
  return tagOf(v);
}

const SAB_BYTE_LENGTH = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')?.get
  : undefined;

/** A SharedArrayBuffer (the built-in brand check, not instanceof). */
export function isShared(buf: ArrayBufferLike): boolean {
  if (!SAB_BYTE_LENGTH) return false;
  try {
    SAB_BYTE_LENGTH.call(buf);
    return true;
  } catch {
    return false;
  }
}
