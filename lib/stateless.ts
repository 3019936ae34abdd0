// tf.random.stateless_* and tf.random.experimental.stateless_split /
// stateless_fold_in / stateless_shuffle (stateless.md §5, §6): every call is a
// pure function of its arguments. The seed is scrambled into a Philox key and
// counter (key_counter.ts) and the V2 kernel runs there (sampler.ts); nothing
// is reserved, no state moves.
import { DType, TypedArrayOf } from './dtype';
import { Dist } from './engine';
import { Tensor, checkTensor } from './tensor';
import { shuffleRows } from './shuffle';
import { smallStateless } from './small_calls';
import { Algorithm, SeedPair, keyCounter, parseAlg, parseSeedPair } from './key_counter';
import { Draw, Seat, prepareBinomial, prepareCategorical, prepareFullInt, prepareGamma, prepareNormal, preparePoisson, prepareUniform } from './sampler';
import { ArrayParam, Shape } from './ops';
import { checkCount, checkOptions, describe, isDetached, isIntegerKind, isTypedArrayTag, lengthOf, rangeError, typeError, Seed } from './validate';

export type { SeedPair, Algorithm };

export interface StatelessUniformOptions<D extends DType = DType> {
  /** Default 0; with an integer dtype, null (with maxval null) asks for the full range. */
  minval?: number | bigint | null;
  /** Default 1 for floats; required for bounded integers; null for the full range. */
  maxval?: number | bigint | null;
  dtype?: D;
  alg?: Algorithm | 'autoselect' | number;
  out?: TypedArrayOf<D>;
}
export interface StatelessNormalOptions<D extends DType = DType> {
  mean?: number;
  stddev?: number;
  dtype?: D;
  alg?: Algorithm | 'autoselect' | number;
  out?: TypedArrayOf<D>;
}
export interface StatelessCategoricalOptions {
  dtype?: 'int32' | 'int64';
  intraOpThreads?: number;
  out?: Int32Array | BigInt64Array;
}
export interface StatelessBinomialOptions {
  dtype?: 'float16' | 'float32' | 'float64' | 'int32' | 'int64';
  out?: TypedArrayOf<DType>;
}
export interface StatelessGammaOptions {
  beta?: ArrayParam;
  dtype?: 'float16' | 'float32' | 'float64';
  out?: TypedArrayOf<DType>;
}
export interface StatelessPoissonOptions {
  dtype?: 'float16' | 'float32' | 'float64' | 'int32' | 'int64';
  out?: TypedArrayOf<DType>;
}
export interface AlgOptions {
  alg?: Algorithm | 'autoselect' | number;
}

/** The key and counter of a seed (after checking the algorithm). */
function seatOf(fn: string, seed: unknown, alg: unknown): Seat {
  const s = parseSeedPair(fn, seed);
  parseAlg(fn, alg, 'auto_select');
  return keyCounter(s);
}

// Every public op: validate everything (draw, seed, alg) before computing.
function sync(fn: string, seed: unknown, alg: unknown, prep: () => Draw): Tensor {
  const draw = prep();
  return draw.run(seatOf(fn, seed, alg));
}
function async(fn: string, seed: unknown, alg: unknown, prep: () => Draw): Promise<Tensor> {
  try {
    const draw = prep();
    return draw.runAsync(seatOf(fn, seed, alg));
  } catch (e) {
    return Promise.reject(e);
  }
}

const UNIFORM_KEYS = ['minval', 'maxval', 'dtype', 'alg', 'out'];
const NORMAL_KEYS = ['mean', 'stddev', 'dtype', 'alg', 'out'];

/** tf.random.stateless_uniform */
export function statelessUniform<D extends DType = 'float32'>(shape: Shape, seed: SeedPair, opts?: StatelessUniformOptions<D>): Tensor<D> {
  if (opts === undefined) {
    const t = smallStateless(Dist.Uniform, shape, seed);
    if (t !== null) return t as Tensor<D>;
  }
  const fn = 'statelessUniform';
  const o = checkOptions(fn, opts, UNIFORM_KEYS);
  return sync(fn, seed, o.alg, () => prepareUniform(fn, shape, o)) as Tensor<D>;
}
export function statelessUniformAsync<D extends DType = 'float32'>(shape: Shape, seed: SeedPair, opts?: StatelessUniformOptions<D>): Promise<Tensor<D>> {
  const fn = 'statelessUniformAsync';
  return async(fn, seed, (opts as AlgOptions | undefined)?.alg, () => prepareUniform(fn, shape, checkOptions(fn, opts, UNIFORM_KEYS))) as Promise<Tensor<D>>;
}

/** tf.random.stateless_normal */
export function statelessNormal<D extends DType = 'float32'>(shape: Shape, seed: SeedPair, opts?: StatelessNormalOptions<D>): Tensor<D> {
  if (opts === undefined) {
    const t = smallStateless(Dist.Normal, shape, seed);
    if (t !== null) return t as Tensor<D>;
  }
  const fn = 'statelessNormal';
  const o = checkOptions(fn, opts, NORMAL_KEYS);
  return sync(fn, seed, o.alg, () => prepareNormal(fn, Dist.Normal, shape, o)) as Tensor<D>;
}
export function statelessNormalAsync<D extends DType = 'float32'>(shape: Shape, seed: SeedPair, opts?: StatelessNormalOptions<D>): Promise<Tensor<D>> {
  const fn = 'statelessNormalAsync';
  return async(fn, seed, (opts as AlgOptions | undefined)?.alg, () => prepareNormal(fn, Dist.Normal, shape, checkOptions(fn, opts, NORMAL_KEYS))) as Promise<Tensor<D>>;
}

/** tf.random.stateless_truncated_normal */
export function statelessTruncatedNormal<D extends DType = 'float32'>(shape: Shape, seed: SeedPair, opts?: StatelessNormalOptions<D>): Tensor<D> {
  const fn = 'statelessTruncatedNormal';
  const o = checkOptions(fn, opts, NORMAL_KEYS);
  return sync(fn, seed, o.alg, () => prepareNormal(fn, Dist.TruncNormal, shape, o)) as Tensor<D>;
}
export function statelessTruncatedNormalAsync<D extends DType = 'float32'>(shape: Shape, seed: SeedPair, opts?: StatelessNormalOptions<D>): Promise<Tensor<D>> {
  const fn = 'statelessTruncatedNormalAsync';
  return async(fn, seed, (opts as AlgOptions | undefined)?.alg, () => prepareNormal(fn, Dist.TruncNormal, shape, checkOptions(fn, opts, NORMAL_KEYS))) as Promise<Tensor<D>>;
}

const CATEGORICAL_KEYS = ['dtype', 'intraOpThreads', 'out'];

/** tf.random.stateless_categorical: [batch, numSamples] class indices. */
export function statelessCategorical(logits: number[][] | Tensor, numSamples: number, seed: SeedPair, opts?: StatelessCategoricalOptions): Tensor<'int32' | 'int64'> {
  const fn = 'statelessCategorical';
  return sync(fn, seed, undefined, () => prepareCategorical(fn, logits, numSamples, checkOptions(fn, opts, CATEGORICAL_KEYS))) as Tensor<'int32' | 'int64'>;
}
export function statelessCategoricalAsync(logits: number[][] | Tensor, numSamples: number, seed: SeedPair, opts?: StatelessCategoricalOptions): Promise<Tensor<'int32' | 'int64'>> {
  const fn = 'statelessCategoricalAsync';
  return async(fn, seed, undefined, () => prepareCategorical(fn, logits, numSamples, checkOptions(fn, opts, CATEGORICAL_KEYS))) as Promise<Tensor<'int32' | 'int64'>>;
}

/** tf.random.stateless_binomial: `shape` must end with the broadcast shape of counts and probs. */
export function statelessBinomial(shape: Shape, seed: SeedPair, counts: ArrayParam, probs: ArrayParam, opts?: StatelessBinomialOptions): Tensor {
  const fn = 'statelessBinomial';
  return sync(fn, seed, undefined, () => prepareBinomial(fn, shape, counts, probs, checkOptions(fn, opts, ['dtype', 'out'])));
}
export function statelessBinomialAsync(shape: Shape, seed: SeedPair, counts: ArrayParam, probs: ArrayParam, opts?: StatelessBinomialOptions): Promise<Tensor> {
  const fn = 'statelessBinomialAsync';
  return async(fn, seed, undefined, () => prepareBinomial(fn, shape, counts, probs, checkOptions(fn, opts, ['dtype', 'out'])));
}

/** tf.random.stateless_gamma: `shape` must end with the broadcast shape of alpha and beta. */
export function statelessGamma(shape: Shape, seed: SeedPair, alpha: ArrayParam, opts?: StatelessGammaOptions): Tensor {
  const fn = 'statelessGamma';
  return sync(fn, seed, undefined, () => prepareGamma(fn, shape, alpha, checkOptions(fn, opts, ['beta', 'dtype', 'out'])));
}
export function statelessGammaAsync(shape: Shape, seed: SeedPair, alpha: ArrayParam, opts?: StatelessGammaOptions): Promise<Tensor> {
  const fn = 'statelessGammaAsync';
  return async(fn, seed, undefined, () => prepareGamma(fn, shape, alpha, checkOptions(fn, opts, ['beta', 'dtype', 'out'])));
}

/** tf.random.stateless_poisson: `shape` must end with lam's shape; dtype defaults to int32. */
export function statelessPoisson(shape: Shape, seed: SeedPair, lam: ArrayParam, opts?: StatelessPoissonOptions): Tensor {
  const fn = 'statelessPoisson';
  return sync(fn, seed, undefined, () => preparePoisson(fn, shape, lam, checkOptions(fn, opts, ['dtype', 'out'])));
}
export function statelessPoissonAsync(shape: Shape, seed: SeedPair, lam: ArrayParam, opts?: StatelessPoissonOptions): Promise<Tensor> {
  const fn = 'statelessPoissonAsync';
  return async(fn, seed, undefined, () => preparePoisson(fn, shape, lam, checkOptions(fn, opts, ['dtype', 'out'])));
}

// ---- seed algebra ---------------------------------------------------------------------

/**
 * tf.random.experimental.stateless_split: `num` new seeds, an int [num, 2]
 * Tensor of the seed's dtype (full-range ints drawn from the seed).
 */
export function split(seed: SeedPair, num = 2, opts?: AlgOptions): Tensor<'int32' | 'int64'> {
  const fn = 'split';
  const o = checkOptions(fn, opts, ['alg']);
  const s = parseSeedPair(fn, seed);
  const n = checkCount(fn, 'num', num);
  if (2 * n > 2 ** 32) throw rangeError(fn, 'num', `must be at most 2^31, got ${n}`);
  parseAlg(fn, o.alg, 'auto_select');
  return prepareFullInt(fn, [n, 2], 2 * n, s.dtype, {}).run(keyCounter(s)) as Tensor<'int32' | 'int64'>;
}

const INT32_MIN = -(2 ** 31), INT32_MAX = 2 ** 31 - 1;

/**
 * tf.random.experimental.stateless_fold_in: [full-range int drawn from seed,
 * data], of data's dtype (int32 for a number in int32 range, else int64).
 */
export function foldIn(seed: SeedPair, data: Seed, opts?: AlgOptions): Tensor<'int32' | 'int64'> {
  const fn = 'foldIn';
  const o = checkOptions(fn, opts, ['alg']);
  const s = parseSeedPair(fn, seed);
  let dtype: 'int32' | 'int64';
  if (typeof data === 'bigint') {
    if (data < -(2n ** 63n) || data >= 2n ** 63n) throw rangeError(fn, 'data', `${data} is out of range for int64`);
    dtype = 'int64';
  } else if (typeof data === 'number' && isIntegerKind(data)) {
    if (!Number.isSafeInteger(data)) throw rangeError(fn, 'data', `must be a safe integer or a bigint, got ${data}`);
    dtype = data >= INT32_MIN && data <= INT32_MAX ? 'int32' : 'int64';
  } else {
    throw typeError(fn, 'data', `must be an integer (number or bigint), got ${describe(data)}`);
  }
  parseAlg(fn, o.alg, 'auto_select');
  const first = prepareFullInt(fn, [], 1, dtype, {}).run(keyCounter(s));
  if (dtype === 'int32') return new Tensor(Int32Array.of((first.data as Int32Array)[0], data as number), [2], 'int32');
  return new Tensor(BigInt64Array.of((first.data as BigInt64Array)[0], BigInt(data)), [2], 'int64');
}

const TA_SLICE = (Object.getPrototypeOf(Uint8Array.prototype) as { slice(this: unknown): unknown }).slice;

const SHUFFLE_TAGS = new Set([
  'Float32Array', 'Float64Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
]);

/**
 * tf.random.experimental.stateless_shuffle along the first dimension. A
 * Tensor gives a Tensor, a TypedArray (1-D) a TypedArray of the same kind, an
 * array a new array.
 */
export function statelessShuffle<T extends Tensor | ArrayBufferView | unknown[]>(value: T, seed: SeedPair, opts?: AlgOptions): T {
  const fn = 'statelessShuffle';
  const o = checkOptions(fn, opts, ['alg']);
  let rows: number, rowLen: number;
  if (value instanceof Tensor) {
    checkTensor(fn, 'value', value);
    rows = value.shape.length ? value.shape[0] : 1;
    rowLen = value.shape.length && rows ? value.size / rows : 1;
  } else if (Array.isArray(value)) {
    rows = value.length;
    rowLen = 1;
  } else {
    const tag = isTypedArrayTag(value);
    if (!tag || !SHUFFLE_TAGS.has(tag)) throw typeError(fn, 'value', `must be a Tensor, a TypedArray or an array, got ${describe(value)}`);
    if (isDetached(value as ArrayBufferView)) throw typeError(fn, 'value', 'is detached (its buffer was transferred)');
    rows = lengthOf(value as ArrayBufferView);
    rowLen = 1;
  }
  const s = parseSeedPair(fn, seed);
  parseAlg(fn, o.alg, 'auto_select');
  if (rows >= 2 ** 31 - 1) throw rangeError(fn, 'value', 'has 2^31 - 1 or more rows; not supported');
  const data = value instanceof Tensor ? value.data : value;
  // copy with the built-in slice (an instance could shadow its own)
  const copy = (Array.isArray(data) ? Array.prototype.slice : TA_SLICE).call(data) as ArrayBufferView & ArrayLike<unknown>;
  const size = value instanceof Tensor ? value.size : rows;
  // TF returns values with <= 1 element, or <= 1 row, unchanged
  if (size > 1 && rows > 1) {
    const { key, counter } = keyCounter(s);
    shuffleRows(copy, rows, rowLen, key, counter);
  }
  if (value instanceof Tensor) return new Tensor(copy as never, value.shape, value.dtype) as T;
  return copy as unknown as T;
}
