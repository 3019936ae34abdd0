// Argument validation and normalisation. Every public call goes through these
// before any state moves or any byte is written: bad input is a TypeError
// (wrong kind of value) or RangeError (right kind, bad value) whose message
// names the function and the argument. Values are inspected with typeof and
// never coerced (no valueOf/toString calls on user objects).
import { DTYPES, DType, AnyTypedArray, isDType } from './dtype';

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${(v as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag] ?? 'DataView'}`;
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

/** An integer seed of any size (Python int semantics) as a bigint. */
export function checkSeed(fn: string, arg: string, v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v) || (Number.isFinite(v) && !Number.isInteger(v)))
      throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
    if (!Number.isSafeInteger(v))
      throw rangeError(fn, arg, `must be a safe integer or a bigint, got ${describe(v)}`);
    return BigInt(v);
  }
  throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
}

export function checkOptionalSeed(fn: string, arg: string, v: unknown): bigint | null {
  return v === undefined || v === null ? null : checkSeed(fn, arg, v);
}

/** A non-negative safe integer (counts, sizes). */
export function checkCount(fn: string, arg: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw typeError(fn, arg, `must be an integer, got ${describe(v)}`);
  if (v < min || !Number.isSafeInteger(v)) throw rangeError(fn, arg, `must be an integer >= ${min}, got ${v}`);
  return v;
}

/** A finite-or-not JS number (TF does not validate float parameters). */
export function checkNumber(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, arg, `must be a number, got ${describe(v)}`);
  return v;
}

// The largest element count we accept for one output.
export const MAX_ELEMENTS = 2 ** 32;

/** A shape: an array of non-negative safe integers; returns a copy and the element count. */
export function checkShape(fn: string, v: unknown, arg = 'shape'): { shape: number[]; n: number } {
  if (!Array.isArray(v)) throw typeError(fn, arg, `must be an array of non-negative integers, got ${describe(v)}`);
  const shape: number[] = [];
  let n = 1;
  for (let i = 0; i < v.length; i++) {
    const d = v[i];
    if (typeof d !== 'number' || !Number.isInteger(d))
      throw typeError(fn, `${arg}[${i}]`, `must be an integer, got ${describe(d)}`);
    if (d < 0 || !Number.isSafeInteger(d)) throw rangeError(fn, `${arg}[${i}]`, `must be a non-negative integer, got ${d}`);
    shape.push(d);
    n *= d;
  }
  if (n > MAX_ELEMENTS) throw rangeError(fn, arg, `has ${n} elements; at most ${MAX_ELEMENTS} are supported`);
  return { shape, n };
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
  return ArrayBuffer.isView(v) ? (v as unknown as { [Symbol.toStringTag]: string | undefined })[Symbol.toStringTag] : undefined;
}

export function isDetached(a: ArrayBufferView): boolean {
  const buf = a.buffer as ArrayBuffer & { detached?: boolean };
  if (typeof buf.detached === 'boolean') return buf.detached;
  if (buf.byteLength !== 0) return false;
  try {
    // a detached buffer throws on slice
    buf.slice(0, 0);
    return false;
  } catch {
    return true;
  }
}

/** The caller's `out`: the exact TypedArray kind for dtype, n elements, attached. */
export function checkOut(fn: string, out: unknown, dtype: DType, n: number, arg = 'out'): AnyTypedArray {
  const want = DTYPES[dtype].ctor.name;
  const tag = tagOf(out);
  if (tag !== want)
    throw typeError(fn, arg, `must be a ${want} for dtype ${dtype}, got ${describe(out)}`);
  const a = out as AnyTypedArray;
  if (isDetached(a)) throw typeError(fn, arg, 'is detached');
  if (a.length !== n) throw rangeError(fn, arg, `must have ${n} elements, got ${a.length}`);
  return a;
}

export function isTypedArrayTag(v: unknown): string | undefined {
  return tagOf(v);
}
