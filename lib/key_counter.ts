// Stateless seeds -> Philox key and counter (stateless.md §5), and TF's RNG
// algorithm ids.
//
// A seed is a pair [s0, s1] of int32 or int64: an Int32Array, a BigInt64Array
// or an int Tensor carries its dtype; a JS array (numbers and/or bigints) is
// an int64 seed. Each value is sign-extended to 64 bits, so int32 -1 and int64
// -1 agree: the dtype only shows in split(), whose output has the seed's
// dtype (TF 2.21 recordings of split with a plain seed are int64; pass an
// Int32Array for TF's int32 split of a Python list). The scramble (StatelessRandomGetKeyCounter, the V1
// ops' GenerateKey) is one Philox block:
//   m = Philox(counter = (lo s0, hi s0, lo s1, hi s1), key = (0x3EC8F720, 0x02461E29))
//   key = (m0, m1), counter = (0, 0, m2, m3)
import { Tensor, checkTensor } from './tensor';
import { Seed, describe, isDetached, isIntegerKind, isTypedArrayTag, lengthOf, rangeError, typeError } from './validate';
import { fastPhiloxBlock as philoxBlock } from './js/philox_wasm';

export type SeedPair = readonly [Seed, Seed] | Int32Array | BigInt64Array | Tensor;

export type Key = [number, number];
export type CounterWords = [number, number, number, number];

/** A parsed seed pair: its dtype and the four uint32 words of the two sign-extended values. */
export interface ParsedSeed {
  dtype: 'int32' | 'int64';
  /** lo s0, hi s0, lo s1, hi s1 (two's complement, sign-extended to 64 bits). */
  words: CounterWords;
}

const TWO32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Two's-complement words [lo, hi] of a safe integer (any sign). */
export function numberWords(v: number): [number, number] {
  return [v >>> 0, Math.floor(v / TWO32) >>> 0];
}

/** Two's-complement words [lo, hi] of a bigint, wrapped to 64 bits. */
export function bigintWords(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & 0xffffffffn), Number(u >> 32n)];
}

/** The uint64 value of words [lo, hi] as an int64 bigint. */
export function wordsToInt64(lo: number, hi: number): bigint {
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

function seedValue(fn: string, arg: string, v: unknown): { value: number | bigint } {
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v > INT64_MAX) throw rangeError(fn, arg, `${v} is out of range for int64`);
    return { value: v };
  }
  if (typeof v === 'number') {
    if (!isIntegerKind(v)) throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
    if (!Number.isSafeInteger(v)) throw rangeError(fn, arg, `must be a safe integer or a bigint, got ${v}`);
    return { value: v };
  }
  throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
}

/** Reads a stateless seed: a pair of int32 or int64 values (TF's `seed` argument). */
export function parseSeedPair(fn: string, v: unknown, arg = 'seed'): ParsedSeed {
  let values: (number | bigint)[];
  let dtype: 'int32' | 'int64';
  if (v instanceof Tensor) {
    checkTensor(fn, arg, v);
    if (v.dtype !== 'int32' && v.dtype !== 'int64')
      throw typeError(fn, arg, `must be an int32 or int64 seed, got a ${v.dtype} Tensor`);
    if (v.shape.length !== 1 || v.shape[0] !== 2)
      throw rangeError(fn, arg, `must have shape [2], got [${v.shape}]`);
    values = Array.from(v.data as ArrayLike<number | bigint>);
    dtype = v.dtype;
  } else if (Array.isArray(v)) {
    if (v.length !== 2) throw rangeError(fn, arg, `must have shape [2] (two integers), got ${v.length} values`);
    const a = seedValue(fn, `${arg}[0]`, v[0]);
    const b = seedValue(fn, `${arg}[1]`, v[1]);
    values = [a.value, b.value];
    dtype = 'int64';
  } else {
    const tag = isTypedArrayTag(v);
    if (tag === 'Int32Array' || tag === 'BigInt64Array') {
      const a = v as Int32Array | BigInt64Array;
      if (isDetached(a)) throw typeError(fn, arg, 'is detached (its buffer was transferred)');
      const len = lengthOf(a);
      if (len !== 2) throw rangeError(fn, arg, `must have shape [2], got ${len} values`);
      values = [a[0], a[1]];
      dtype = tag === 'Int32Array' ? 'int32' : 'int64';
    } else if (tag) {
      throw typeError(fn, arg, `must be int32 or int64 (an Int32Array or BigInt64Array), got ${describe(v)}`);
    } else if (v === null || v === undefined) {
      throw typeError(fn, arg, `is required: a pair of integers [s0, s1] (got ${describe(v)})`);
    } else {
      throw typeError(fn, arg, `must be a pair of integers [s0, s1], an Int32Array, a BigInt64Array or an int Tensor, got ${describe(v)}`);
    }
  }
  const w0 = typeof values[0] === 'bigint' ? bigintWords(values[0]) : numberWords(values[0]);
  const w1 = typeof values[1] === 'bigint' ? bigintWords(values[1]) : numberWords(values[1]);
  return { dtype, words: [w0[0], w0[1], w1[0], w1[1]] };
}

// 0x02461E293EC8F720
export const SCRAMBLE_KEY: Key = [0x3ec8f720, 0x02461e29];

/** The key and counter TF derives from a seed (alg philox / auto_select on CPU). */
export function keyCounter(seed: ParsedSeed): { key: Key; counter: CounterWords } {
  const w = seed.words;
  const s = statelessKey(w[0], w[1], w[2], w[3]);
  return { key: [s[0] >>> 0, s[1] >>> 0], counter: [0, 0, s[2] >>> 0, s[3] >>> 0] };
}

const scramble = new Int32Array(4);

/**
 * The scrambled seed words (lo s0, hi s0, lo s1, hi s1 in): key = words 0, 1,
 * counter = (0, 0, word 2, word 3), as int32 bits in a shared array that the
 * next call overwrites. One Philox block, computed in JS: cheaper than a call
 * into the addon.
 */
export function statelessKey(a: number, b: number, c: number, d: number): Int32Array {
  philoxBlock(SCRAMBLE_KEY[0], SCRAMBLE_KEY[1], a, b, c, d, scramble, 0);
  return scramble;
}

// ---- algorithms -------------------------------------------------------------------

/** TF's RNG algorithm ids: PHILOX = 1, THREEFRY = 2, AUTO_SELECT = 3. */
export type Algorithm = 'philox' | 'auto_select';
export const ALG_ID: Record<Algorithm, number> = { philox: 1, auto_select: 3 };

/**
 * TF's convert_alg_to_int: a name (case-insensitive, '-' and '_' ignored) or an
 * id. Threefry is refused: TensorFlow only implements it under XLA.
 */
export function parseAlg(fn: string, v: unknown, dflt: Algorithm, arg = 'alg'): Algorithm {
  if (v === undefined || v === null) return dflt;
  let id: number;
  if (typeof v === 'string') {
    const canon = v.trim().toLowerCase().replace(/[-_]/g, '');
    const ids: Record<string, number> = { philox: 1, threefry: 2, autoselect: 3 };
    if (!(canon in ids))
      throw typeError(fn, arg, `must be 'philox' or 'auto_select', got ${describe(v)}`);
    id = ids[canon];
  } else if (typeof v === 'number' && Number.isInteger(v)) {
    id = v;
  } else {
    throw typeError(fn, arg, `must be 'philox' or 'auto_select', got ${describe(v)}`);
  }
  if (id === 2)
    throw rangeError(fn, arg, `'threefry' is not supported: TensorFlow implements Threefry only under XLA ` +
      `(its CPU kernels reject it); use 'philox' or 'auto_select'`);
  if (id === 1) return 'philox';
  if (id === 3) return 'auto_select';
  throw rangeError(fn, arg, `${v} is not an algorithm id (1 = philox, 3 = auto_select)`);
}

// ---- 64-bit state values ------------------------------------------------------------

/**
 * An int64 state value (a number, or a bigint in [-2^63, 2^64): uint64 values
 * wrap like Python ints in TF's state tensors) as words [lo, hi].
 */
export function stateWords(fn: string, arg: string, v: unknown): [number, number] {
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v > UINT64_MAX) throw rangeError(fn, arg, `${v} is out of the int64/uint64 range`);
    return bigintWords(v);
  }
  if (typeof v === 'number') {
    if (!isIntegerKind(v)) throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
    if (!Number.isSafeInteger(v)) throw rangeError(fn, arg, `must be a safe integer or a bigint, got ${v}`);
    return numberWords(v);
  }
  throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
}

/** A list of int64 state values: an array, an Int32Array/BigInt64Array/BigUint64Array or an int Tensor. */
export function stateList(fn: string, arg: string, v: unknown): [number, number][] {
  if (v instanceof Tensor) {
    checkTensor(fn, arg, v);
    if (!['int32', 'int64', 'uint32', 'uint64'].includes(v.dtype))
      throw typeError(fn, arg, `must hold integers, got a ${v.dtype} Tensor`);
    return Array.from(v.data as ArrayLike<number | bigint>, (x, i) => stateWords(fn, `${arg}[${i}]`, x));
  }
  const tag = isTypedArrayTag(v);
  if (tag === 'Int32Array' || tag === 'Uint32Array' || tag === 'BigInt64Array' || tag === 'BigUint64Array') {
    if (isDetached(v as ArrayBufferView)) throw typeError(fn, arg, 'is detached (its buffer was transferred)');
    const a = v as ArrayLike<number | bigint> & ArrayBufferView;
    const out: [number, number][] = [];
    for (let i = 0, n = lengthOf(a); i < n; i++) out.push(stateWords(fn, `${arg}[${i}]`, a[i]));
    return out;
  }
  if (!Array.isArray(v)) throw typeError(fn, arg, `must be an array of integers, got ${describe(v)}`);
  return v.map((x, i) => stateWords(fn, `${arg}[${i}]`, x));
}
