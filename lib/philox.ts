// The raw layer: Philox4x32-10 blocks and what TF's FillPhiloxRandom writes
// from a given key and counter (the bits under every distribution).
import { DType, AnyTypedArray } from './dtype';
import { addon } from './native';
import { Dist, FillSpec, fillAsync as runFillAsync, fillSync } from './engine';
import { checkOptions, describe, isDetached, isIntegerKind, isTypedArrayTag, lengthOf, rangeError, typeError } from './validate';
import { intRange } from './bounds';

export type Words2 = readonly [number, number] | Uint32Array;
export type Words4 = readonly [number, number, number, number] | Uint32Array;

export type PhiloxDist = 'bits' | 'uniform' | 'normal' | 'truncatedNormal' | 'int';

export interface PhiloxFillOptions {
  key: Words2;
  counter: Words4;
  dist: PhiloxDist;
  dtype?: DType;
  minval?: number | bigint;
  maxval?: number | bigint;
}

function words(fn: string, arg: string, v: unknown, n: number): number[] {
  const tag = isTypedArrayTag(v);
  if (!Array.isArray(v) && tag !== 'Uint32Array')
    throw typeError(fn, arg, `must be an array of ${n} uint32 words, got ${describe(v)}`);
  const a = v as ArrayLike<unknown>;
  const len = tag ? lengthOf(v as Uint32Array) : a.length;
  if (len !== n) throw rangeError(fn, arg, `must have ${n} words, got ${len}`);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = a[i];
    if (typeof w !== 'number' || !isIntegerKind(w)) throw typeError(fn, `${arg}[${i}]`, `must be an integer, got ${describe(w)}`);
    if (w < 0 || w > 0xffffffff) throw rangeError(fn, `${arg}[${i}]`, `must be a uint32 word, got ${w}`);
    out.push(w);
  }
  return out;
}

/** One Philox4x32-10 block: words least significant first, TF's layout. */
export function block(key: Words2, counter: Words4): Uint32Array {
  const k = words('philox.block', 'key', key, 2);
  const c = words('philox.block', 'counter', counter, 4);
  return addon.block(k[0], k[1], c[0], c[1], c[2], c[3]);
}

const DIST: Record<PhiloxDist, Dist> = {
  bits: Dist.Bits, uniform: Dist.Uniform, normal: Dist.Normal, truncatedNormal: Dist.TruncNormal, int: Dist.Int,
};

const TAG_DTYPES: Record<string, DType[]> = {
  Float32Array: ['float32'], Float64Array: ['float64'], Uint16Array: ['float16', 'bfloat16'],
  Int32Array: ['int32'], Uint32Array: ['uint32'], BigInt64Array: ['int64'], BigUint64Array: ['uint64'],
};

const DIST_DTYPES: Record<PhiloxDist, DType[]> = {
  bits: ['int32', 'uint32', 'int64', 'uint64'],
  uniform: ['float16', 'bfloat16', 'float32', 'float64'],
  normal: ['float16', 'bfloat16', 'float32', 'float64'],
  truncatedNormal: ['float16', 'bfloat16', 'float32', 'float64'],
  int: ['int32', 'int64'],
};

function prepare(fn: string, out: unknown, opts: unknown): { spec: FillSpec; out: AnyTypedArray } {
  const o = checkOptions(fn, opts, ['key', 'counter', 'dist', 'dtype', 'minval', 'maxval']);
  const tag = isTypedArrayTag(out);
  if (!tag || !Object.prototype.hasOwnProperty.call(TAG_DTYPES, tag))
    throw typeError(fn, 'out', `must be one of ${Object.keys(TAG_DTYPES).join(', ')}, got ${describe(out)}`);
  const arr = out as AnyTypedArray;
  if (isDetached(arr)) throw typeError(fn, 'out', 'is detached (its buffer was transferred)');
  const key = words(fn, 'key', o.key, 2);
  const counter = words(fn, 'counter', o.counter, 4);
  if (typeof o.dist !== 'string' || !Object.prototype.hasOwnProperty.call(DIST, o.dist))
    throw typeError(fn, 'dist', `must be one of ${Object.keys(DIST).join(', ')}, got ${describe(o.dist)}`);
  const dist = o.dist as PhiloxDist;
  const candidates = TAG_DTYPES[tag].filter((d) => DIST_DTYPES[dist].includes(d));
  let dtype: DType;
  if (o.dtype !== undefined) {
    if (!TAG_DTYPES[tag].includes(o.dtype as DType))
      throw typeError(fn, 'dtype', `${describe(o.dtype)} does not agree with out (a ${tag})`);
    dtype = o.dtype as DType;
    if (!DIST_DTYPES[dist].includes(dtype)) throw typeError(fn, 'dtype', `${dtype} is not supported by dist ${dist}`);
  } else {
    if (candidates.length !== 1)
      throw typeError(fn, candidates.length ? 'dtype' : 'out', candidates.length
        ? `is required with a Uint16Array out (float16 or bfloat16)`
        : `a ${tag} cannot hold dist ${dist}; use one of ${DIST_DTYPES[dist].join(', ')}`);
    dtype = candidates[0];
  }
  const spec: FillSpec = { dist: DIST[dist], dtype, key: [key[0], key[1]], counter: [counter[0], counter[1], counter[2], counter[3]] };
  if (dist === 'int') {
    const r = intRange(fn, dtype as 'int32' | 'int64', o.minval, o.maxval, lengthOf(arr) === 0);
    spec.lo = r.lo;
    spec.range = r.range;
  } else if (o.minval !== undefined || o.maxval !== undefined) {
    throw typeError(fn, o.minval !== undefined ? 'minval' : 'maxval', `applies only to dist 'int'`);
  }
  return { spec, out: arr };
}

/** Writes exactly what TF's FillPhiloxRandom writes for a generator starting at `counter`. */
export function fill<T extends AnyTypedArray>(out: T, opts: PhiloxFillOptions): T {
  const p = prepare('philox.fill', out, opts);
  if (lengthOf(p.out) === 0) return out;
  fillSync(p.spec, p.out);
  return out;
}

/** The same bytes as fill(), computed on the libuv threadpool. */
export async function fillAsync<T extends AnyTypedArray>(out: T, opts: PhiloxFillOptions): Promise<T> {
  const p = prepare('philox.fillAsync', out, opts);
  const n = lengthOf(p.out);
  if (n === 0) return out;
  await runFillAsync(p.spec, n, p.out);
  return out;
}
