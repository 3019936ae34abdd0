// The stateful ops of tf.random (stateful.md §6): argument handling as TF's
// Python wrappers do it, the kernel each call lands on (kernels.ts /
// function.ts), TF's reservation per call, and the fill in the native core.
// Every argument is validated before an op seed is drawn or a counter moves.
import { DType, DTYPES, AnyTypedArray, FloatDType, TypedArrayOf } from './dtype';
import { Affine, Dist, FillSpec, fillAsync, fillAt, freshOutput, opAsync, opSync, partsFor } from './engine';
import { kernelFor, checkReplay } from './function';
import { Kernel } from './kernels';
import { OP, addon } from './native';
import { Tensor, checkTensor, makeTensor } from './tensor';
import { addIn, divIn, intRange, subIn, toDType } from './bounds';
import {
  checkCount, checkDType, checkNumber, checkOptionalOpSeed, checkOptionalSeed, checkOptions, checkOut, checkShape, describe,
  isDetached, isTypedArrayTag, lengthOf, rangeError, typeError, Seed,
} from './validate';
import { Values, broadcastShapes, broadcastTo, readValues } from './values';
import { halfToFloat, floatToHalf } from './half';
import { shuffleRows } from './shuffle';
import { intraOpThreads } from './threads';

export type Shape = number[];
const FLOATS: FloatDType[] = ['float16', 'bfloat16', 'float32', 'float64'];

export interface UniformOptions<D extends DType = DType> {
  minval?: number | bigint;
  maxval?: number | bigint;
  dtype?: D;
  seed?: Seed | null;
  out?: TypedArrayOf<D>;
}
export interface NormalOptions<D extends FloatDType = FloatDType> {
  mean?: number;
  stddev?: number;
  dtype?: D;
  seed?: Seed | null;
  out?: TypedArrayOf<D>;
}

// A prepared fill call: validated, not yet reserved.
interface Prepared {
  fn: string;
  shape: number[];
  n: number;
  dtype: DType;
  signature: string;
  opSeed: bigint | number | null;
  out: AnyTypedArray | null;
  spec: Omit<FillSpec, 'key' | 'counter'>;
  // runs after the op seed is drawn, before the reservation (TF kernel checks)
  kernelCheck?: () => void;
}

// Draws the op seed if needed (kernelFor), runs TF's kernel-side checks, and
// reserves n*256 blocks: returns the kernel and the execution's position.
function reserve(p: Prepared): { k: Kernel; pos: number } {
  checkReplay(p.signature, p.opSeed);
  const k = kernelFor(p.signature, p.opSeed);
  if (p.kernelCheck) p.kernelCheck();
  return { k, pos: k.reservePosition(p.n * 256) };
}

const TWO32 = 2 ** 32;

function runSync(p: Prepared): Tensor {
  checkReplay(p.signature, p.opSeed);
  const k = kernelFor(p.signature, p.opSeed);
  if (p.kernelCheck) p.kernelCheck();
  const pos = k.reservePosition(p.n * 256);
  const out = p.out ?? freshOutput(p.dtype, p.n);
  if (p.n > 0) fillAt(p.spec, k.k0, k.k1, pos % TWO32, Math.floor(pos / TWO32), k.c2, k.c3, out);
  return makeTensor(out as never, p.shape, p.dtype);
}

function runAsync(p: Prepared): Promise<Tensor> {
  const { k, pos } = reserve(p);
  if (p.n === 0) return Promise.resolve(makeTensor((p.out ?? freshOutput(p.dtype, 0)) as never, p.shape, p.dtype));
  const spec: FillSpec = { ...p.spec, key: [k.k0, k.k1], counter: [pos % TWO32, Math.floor(pos / TWO32), k.c2, k.c3] };
  return fillAsync(spec, p.n, p.out).then((data) => makeTensor(data as never, p.shape, p.dtype));
}

function prepareUniform(fn: string, shapeArg: unknown, opts: unknown): Prepared {
  const o = checkOptions(fn, opts, ['minval', 'maxval', 'dtype', 'seed', 'out']);
  const dtype = o.dtype === undefined ? 'float32' : checkDType(fn, o.dtype, ['float16', 'bfloat16', 'float32', 'float64', 'int32', 'int64']);
  const isInt = dtype === 'int32' || dtype === 'int64';
  if (isInt && (o.maxval === undefined || o.maxval === null))
    throw typeError(fn, 'maxval', `must be given for integer dtype ${dtype}`);
  const { shape, n } = checkShape(fn, shapeArg);
  const opSeed = checkOptionalOpSeed(fn, 'seed', o.seed);
  const out = o.out === undefined ? null : checkOut(fn, o.out, dtype, n);
  if (isInt) {
    const r = intRange(fn, dtype, o.minval, o.maxval, true);
    return {
      fn, shape, n, dtype, opSeed, out, signature: `RandomUniformInt:${dtype}`,
      spec: { dist: Dist.Int, dtype, lo: r.lo, range: r.range },
      // TF's kernel: an empty output returns first; then minval < maxval
      kernelCheck: () => {
        if (n > 0 && r.lo >= r.hi)
          throw rangeError(fn, 'minval', `must be < maxval (Need minval < maxval, got ${r.lo} >= ${r.hi})`);
      },
    };
  }
  const minval = o.minval === undefined ? 0 : checkNumber(fn, 'minval', o.minval);
  const maxval = o.maxval === undefined ? 1 : checkNumber(fn, 'maxval', o.maxval);
  let spec: Prepared['spec'];
  // TF: the raw sample for the defaults (Python ints 0 and 1), r * maxval when
  // only minval is 0, else (r * (maxval - minval)) + minval, each op rounded in the dtype.
  if (minval === 0 && maxval === 1 && !Object.is(minval, -0)) spec = { dist: Dist.Uniform, dtype };
  else if (minval === 0 && !Object.is(minval, -0)) spec = { dist: Dist.Uniform, dtype, affine: Affine.Mul, a: toDType(maxval, dtype) };
  else {
    const hi = toDType(maxval, dtype), lo = toDType(minval, dtype);
    spec = { dist: Dist.Uniform, dtype, affine: Affine.MulAdd, a: subIn(hi, lo, dtype), b: lo };
  }
  return { fn, shape, n, dtype, opSeed, out, signature: `RandomUniform:${dtype}`, spec };
}

function prepareNormal(fn: string, op: string, dist: Dist, shapeArg: unknown, opts: unknown): Prepared {
  const o = checkOptions(fn, opts, ['mean', 'stddev', 'dtype', 'seed', 'out']);
  const dtype = o.dtype === undefined ? 'float32' : checkDType(fn, o.dtype, FLOATS);
  const { shape, n } = checkShape(fn, shapeArg);
  const mean = o.mean === undefined ? 0 : checkNumber(fn, 'mean', o.mean);
  const stddev = o.stddev === undefined ? 1 : checkNumber(fn, 'stddev', o.stddev);
  const opSeed = checkOptionalOpSeed(fn, 'seed', o.seed);
  const out = o.out === undefined ? null : checkOut(fn, o.out, dtype, n);
  return {
    fn, shape, n, dtype, opSeed, out, signature: `${op}:${dtype}`,
    // TF: (rnd * stddev) + mean, two ops in the dtype
    spec: { dist, dtype, affine: Affine.MulAdd, a: toDType(stddev, dtype), b: toDType(mean, dtype) },
  };
}

/** tf.random.uniform */
export function uniform<D extends DType = 'float32'>(shape: Shape, opts?: UniformOptions<D>): Tensor<D> {
  return runSync(prepareUniform('uniform', shape, opts)) as Tensor<D>;
}
export function uniformAsync<D extends DType = 'float32'>(shape: Shape, opts?: UniformOptions<D>): Promise<Tensor<D>> {
  try {
    return runAsync(prepareUniform('uniformAsync', shape, opts)) as Promise<Tensor<D>>;
  } catch (e) {
    return Promise.reject(e);
  }
}

/** tf.random.normal */
export function normal<D extends FloatDType = 'float32'>(shape: Shape, opts?: NormalOptions<D>): Tensor<D> {
  return runSync(prepareNormal('normal', 'RandomStandardNormal', Dist.Normal, shape, opts)) as Tensor<D>;
}
export function normalAsync<D extends FloatDType = 'float32'>(shape: Shape, opts?: NormalOptions<D>): Promise<Tensor<D>> {
  try {
    return runAsync(prepareNormal('normalAsync', 'RandomStandardNormal', Dist.Normal, shape, opts)) as Promise<Tensor<D>>;
  } catch (e) {
    return Promise.reject(e);
  }
}

/** tf.random.truncated_normal */
export function truncatedNormal<D extends FloatDType = 'float32'>(shape: Shape, opts?: NormalOptions<D>): Tensor<D> {
  return runSync(prepareNormal('truncatedNormal', 'TruncatedNormal', Dist.TruncNormal, shape, opts)) as Tensor<D>;
}
export function truncatedNormalAsync<D extends FloatDType = 'float32'>(shape: Shape, opts?: NormalOptions<D>): Promise<Tensor<D>> {
  try {
    return runAsync(prepareNormal('truncatedNormalAsync', 'TruncatedNormal', Dist.TruncNormal, shape, opts)) as Promise<Tensor<D>>;
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * One stateful fill call (uniform, normal or truncatedNormal) validated and
 * reserved now, for consumers that stream its values in pieces (the CLI):
 * the fill's parameters and the key and counter its group 0 starts at.
 */
export function reserveFill(op: 'uniform' | 'normal' | 'truncatedNormal', shape: unknown, opts: unknown): {
  spec: FillSpec; n: number; dtype: DType; shape: number[];
} {
  const p = op === 'uniform' ? prepareUniform(op, shape, opts)
    : prepareNormal(op, op === 'normal' ? 'RandomStandardNormal' : 'TruncatedNormal',
      op === 'normal' ? Dist.Normal : Dist.TruncNormal, shape, opts);
  const { k, pos } = reserve(p);
  return {
    spec: { ...p.spec, key: [k.k0, k.k1], counter: [pos % TWO32, Math.floor(pos / TWO32), k.c2, k.c3] },
    n: p.n, dtype: p.dtype, shape: p.shape,
  };
}

// ---- shuffle -------------------------------------------------------------------

export interface ShuffleOptions {
  seed?: Seed | null;
}

const TYPED_CTORS: Record<string, new (n: number) => ArrayBufferView> = {
  Float32Array, Float64Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array, Int8Array, Uint8Array,
  Uint8ClampedArray, Int16Array, Uint16Array,
};

const SHUFFLE_TAGS: Record<string, string> = {
  Float32Array: 'float32', Float64Array: 'float64', Int32Array: 'int32', Uint32Array: 'uint32',
  BigInt64Array: 'int64', BigUint64Array: 'uint64', Int8Array: 'int8', Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8', Int16Array: 'int16', Uint16Array: 'uint16',
};

/**
 * tf.random.shuffle along the first dimension. A Tensor gives a Tensor; a
 * TypedArray (1-D) gives a shuffled TypedArray of the same kind.
 */
export function shuffle<T extends Tensor | ArrayBufferView>(value: T, opts?: ShuffleOptions): T {
  const fn = 'shuffle';
  const o = checkOptions(fn, opts, ['seed']);
  let rows: number, rowLen: number, data: ArrayBufferView & ArrayLike<unknown>, tname: string;
  if (value instanceof Tensor) {
    checkTensor(fn, 'value', value);
    rows = value.shape.length ? value.shape[0] : 1;
    rowLen = value.shape.length ? value.size / (rows || 1) : 1;
    data = value.data as never;
    tname = value.dtype;
  } else {
    const tag = isTypedArrayTag(value);
    if (!tag || !Object.prototype.hasOwnProperty.call(SHUFFLE_TAGS, tag))
      throw typeError(fn, 'value', `must be a Tensor or a TypedArray, got ${describe(value)}`);
    if (isDetached(value as ArrayBufferView)) throw typeError(fn, 'value', 'is detached (its buffer was transferred)');
    data = value as never;
    rows = lengthOf(data);
    rowLen = 1;
    tname = SHUFFLE_TAGS[tag];
  }
  const opSeed = checkOptionalSeed(fn, 'seed', o.seed);
  if (rows >= 2 ** 31 - 1) throw rangeError(fn, 'value', `has ${rows} rows; at most 2^31 - 2 are supported`);
  const signature = `RandomShuffle:${tname}`;
  checkReplay(signature, opSeed);
  const k = kernelFor(signature, opSeed);
  // a plain copy of the built-in kind (no subclass constructor runs)
  const copy = new (TYPED_CTORS[isTypedArrayTag(data) as string])(lengthOf(data)) as unknown as ArrayBufferView & ArrayLike<unknown>;
  (copy as unknown as Uint8Array).set(data as unknown as Uint8Array);
  const scalar = value instanceof Tensor && value.shape.length === 0;
  if (!scalar && rows > 1) {
    // ceil((m-1)/4) blocks, read one word at a time
    const counter = k.reserve(Math.ceil((rows - 1) / 4));
    shuffleRows(copy, rows, rowLen, [k.k0, k.k1], counter);
  }
  if (value instanceof Tensor) return new Tensor(copy as never, value.shape, value.dtype) as T;
  return copy as unknown as T;
}

// ---- categorical ------------------------------------------------------------------

export interface CategoricalOptions {
  dtype?: 'int32' | 'int64';
  seed?: Seed | null;
  intraOpThreads?: number;
  out?: Int32Array | BigInt64Array;
}

interface PreparedOp {
  signature: string;
  opSeed: bigint | null;
  blocks: number;
  dtype: DType;
  shape: number[];
  n: number;
  out: AnyTypedArray | null;
  kind: number;
  parts: number;
  args: (kernel: Kernel, counter: number[]) => (number | Float64Array)[];
  post?: (out: AnyTypedArray) => void;
}

/** TF's num_samples is an int32 scalar. */
export function checkNumSamples(fn: string, v: unknown): number {
  const S = checkCount(fn, 'numSamples', v);
  if (S > 2 ** 31 - 1) throw rangeError(fn, 'numSamples', `must be at most 2^31 - 1 (TF's int32), got ${S}`);
  return S;
}

export function readLogits(fn: string, logits: unknown): { v: Values; dtype: 'float16' | 'float32' | 'float64' } {
  const v = readValues(fn, 'logits', logits);
  if (v.shape.length !== 2) throw rangeError(fn, 'logits', `must be 2-D [batch, classes], got shape [${v.shape}]`);
  const dtype = (v.dtype ?? 'float32') as DType;
  if (dtype !== 'float16' && dtype !== 'float32' && dtype !== 'float64')
    throw typeError(fn, 'logits', `must be float16, float32 or float64, got ${dtype}`);
  if (v.dtype === null) v.values = v.values.map((x) => toDType(x, 'float32'));
  return { v, dtype };
}

function prepareCategorical(fn: string, logits: unknown, numSamples: unknown, opts: unknown): PreparedOp {
  const o = checkOptions(fn, opts, ['dtype', 'seed', 'intraOpThreads', 'out']);
  const { v, dtype: ldt } = readLogits(fn, logits);
  const S = checkNumSamples(fn, numSamples);
  const dtype = o.dtype === undefined ? 'int64' : checkDType(fn, o.dtype, ['int32', 'int64']);
  const threads = o.intraOpThreads === undefined ? intraOpThreads() : checkCount(fn, 'intraOpThreads', o.intraOpThreads, 1);
  const opSeed = checkOptionalSeed(fn, 'seed', o.seed);
  const [B, C] = v.shape;
  if (C === 0 && B > 0) throw rangeError(fn, 'logits', 'must have at least one class');
  const n = B * S;
  if (n > 2 ** 32) throw rangeError(fn, 'numSamples', `gives ${n} outputs; at most 2^32 are supported`);
  const out = o.out === undefined ? null : checkOut(fn, o.out, dtype, n);
  const logitsArr = Float64Array.from(v.values);
  return {
    signature: `Multinomial:${ldt}:${dtype}`, opSeed, dtype, shape: [B, S], n, out, kind: OP.multinomial, parts: 1,
    blocks: n === 0 ? 0 : B * 4 * Math.ceil(S / 4) * 2 * 256,
    args: (k, c) => [DTYPES[ldt].code, DTYPES[dtype].code, k.k0, k.k1, c[0], c[1], c[2], c[3], logitsArr, B, C, S, threads],
  };
}

function runOpSync(p: PreparedOp): Tensor {
  checkReplay(p.signature, p.opSeed);
  const k = kernelFor(p.signature, p.opSeed);
  const counter = k.reserve(p.blocks);
  const out = p.out ?? freshOutput(p.dtype, p.n);
  if (p.n > 0) opSync(p.kind, out, p.args(k, counter));
  if (p.post && p.n > 0) p.post(out);
  return new Tensor(out as never, p.shape, p.dtype);
}

async function runOpAsync(p: PreparedOp): Promise<Tensor> {
  checkReplay(p.signature, p.opSeed);
  const k = kernelFor(p.signature, p.opSeed);
  const counter = k.reserve(p.blocks);
  if (p.n === 0) return new Tensor((p.out ?? freshOutput(p.dtype, 0)) as never, p.shape, p.dtype);
  const args = p.args(k, counter);
  // post-processing runs on the result before it reaches the caller's out
  const data = await opAsync(p.kind, p.dtype, p.n, p.out, p.parts, args, p.post);
  return new Tensor(data as never, p.shape, p.dtype);
}

function asyncOf<A extends unknown[]>(prep: (...a: A) => PreparedOp) {
  return (...a: A): Promise<Tensor> => {
    try {
      return runOpAsync(prep(...a));
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

/** tf.random.categorical */
export function categorical(logits: number[][] | Tensor, numSamples: number, opts?: CategoricalOptions): Tensor<'int32' | 'int64'> {
  return runOpSync(prepareCategorical('categorical', logits, numSamples, opts)) as Tensor<'int32' | 'int64'>;
}
export const categoricalAsync = asyncOf((logits: number[][] | Tensor, numSamples: number, opts?: CategoricalOptions) =>
  prepareCategorical('categoricalAsync', logits, numSamples, opts)) as (
  logits: number[][] | Tensor, numSamples: number, opts?: CategoricalOptions) => Promise<Tensor<'int32' | 'int64'>>;

// ---- gamma ------------------------------------------------------------------------

export type ArrayParam = number | number[] | number[][] | Float64Array | Float32Array | Tensor;

export interface GammaOptions<D extends 'float16' | 'float32' | 'float64' = 'float32'> {
  beta?: ArrayParam;
  dtype?: D;
  seed?: Seed | null;
  out?: TypedArrayOf<D>;
}

const TINY: Record<string, number> = { float16: 2 ** -14, float32: 2 ** -126, float64: 2 ** -1022 };

/** max(tiny, raw / beta) in the dtype, keeping NaN bits as the x86 kernel leaves them. */
export function gammaPost(out: AnyTypedArray, dtype: 'float16' | 'float32' | 'float64', beta: number[] | null, A: number): void {
  const tiny = TINY[dtype];
  const n = out.length;
  if (dtype === 'float16') {
    const h = out as Uint16Array;
    for (let i = 0; i < n; i++) {
      const raw = halfToFloat(h[i]);
      if (Number.isNaN(raw)) continue;
      const b = beta ? beta[i % A] : 1;
      if (Number.isNaN(b)) { h[i] = floatToHalf(b) ; continue; }
      const q = beta ? divIn(raw, b, 'float16') : raw;
      h[i] = q < tiny || Number.isNaN(q) ? (Number.isNaN(q) ? floatToHalf(q) : floatToHalf(tiny)) : floatToHalf(q);
    }
    return;
  }
  const f = out as Float32Array | Float64Array;
  for (let i = 0; i < n; i++) {
    const raw = f[i];
    if (Number.isNaN(raw)) continue;
    const b = beta ? beta[i % A] : 1;
    if (Number.isNaN(b)) { f[i] = b; continue; }
    const q = beta ? divIn(raw, b, dtype) : raw;
    if (Number.isNaN(q)) f[i] = q;
    else if (q < tiny) f[i] = tiny;
    else if (beta) f[i] = q;
  }
}

function prepareGamma(fn: string, shapeArg: unknown, alphaArg: unknown, opts: unknown): PreparedOp {
  const o = checkOptions(fn, opts, ['beta', 'dtype', 'seed', 'out']);
  const dtype = o.dtype === undefined ? 'float32' : checkDType(fn, o.dtype, ['float16', 'float32', 'float64']);
  const { shape, n: P } = checkShape(fn, shapeArg);
  const alpha = readValues(fn, 'alpha', alphaArg);
  const beta = o.beta === undefined ? null : readValues(fn, 'beta', o.beta);
  const opSeed = checkOptionalSeed(fn, 'seed', o.seed);
  const bshape = beta ? broadcastShapes(fn, alpha.shape, beta.shape, 'alpha', 'beta') : alpha.shape;
  const A = bshape.reduce((p, d) => p * d, 1);
  const n = P * A;
  if (n > 2 ** 32) throw rangeError(fn, 'shape', `gives ${n} outputs; at most 2^32 are supported`);
  const out = o.out === undefined ? null : checkOut(fn, o.out, dtype, n);
  // alpha and beta converted to the dtype (TF: convert_to_tensor(dtype=dtype))
  const alphaB = broadcastTo(alpha.values.map((x) => toDType(x, dtype)), alpha.shape, bshape);
  const betaB = beta ? broadcastTo(beta.values.map((x) => toDType(x, dtype)), beta.shape, bshape) : null;
  const alphaArr = Float64Array.from(alphaB);
  return {
    signature: `RandomGamma:${dtype}`, opSeed, dtype, shape: [...shape, ...bshape], n, out, kind: OP.gamma,
    parts: partsFor(n, 1 << 16),
    blocks: n * 256,
    args: (k, c) => [DTYPES[dtype].code, k.k0, k.k1, c[0], c[1], c[2], c[3], alphaArr, P],
    post: (res) => gammaPost(res, dtype, betaB, A),
  };
}

/** tf.random.gamma: output shape is shape ++ broadcast(alpha, beta) shape. */
export function gamma<D extends 'float16' | 'float32' | 'float64' = 'float32'>(shape: Shape, alpha: ArrayParam, opts?: GammaOptions<D>): Tensor<D> {
  return runOpSync(prepareGamma('gamma', shape, alpha, opts)) as Tensor<D>;
}
export const gammaAsync = asyncOf((shape: Shape, alpha: ArrayParam, opts?: GammaOptions<'float16' | 'float32' | 'float64'>) =>
  prepareGamma('gammaAsync', shape, alpha, opts)) as <D extends 'float16' | 'float32' | 'float64' = 'float32'>(
  shape: Shape, alpha: ArrayParam, opts?: GammaOptions<D>) => Promise<Tensor<D>>;

// ---- poisson ------------------------------------------------------------------------

export type PoissonDType = 'float16' | 'float32' | 'float64' | 'int32' | 'int64';
export interface PoissonOptions<D extends PoissonDType = 'float32'> {
  dtype?: D;
  seed?: Seed | null;
  out?: TypedArrayOf<D>;
}

/** Rates for which TF's sampler never returns (it hangs): rejected up front (cpp/ops.h). */
export function checkPoissonRates(fn: string, rates: number[], dtype: PoissonDType): void {
  for (let i = 0; i < rates.length; i++) {
    if (!addon.terminates(OP.poisson, DTYPES[dtype].code, rates[i], 0))
      throw rangeError(fn, `lam[${i}]`, `${rates[i]}: TensorFlow's sampler never returns for this rate with dtype ${dtype}`);
  }
}

function preparePoisson(fn: string, shapeArg: unknown, lamArg: unknown, opts: unknown): PreparedOp {
  const o = checkOptions(fn, opts, ['dtype', 'seed', 'out']);
  const dtype = o.dtype === undefined ? 'float32' : checkDType(fn, o.dtype, ['float16', 'float32', 'float64', 'int32', 'int64'] as PoissonDType[]);
  const { shape, n: P } = checkShape(fn, shapeArg);
  const lam = readValues(fn, 'lam', lamArg);
  // The kernel attr R: a Tensor's or TypedArray's dtype; a JS number becomes
  // float64 and a JS array float32, as TF 2.21's eager conversion of a Python
  // float and of a Python list does (recorded in test/fixtures/tf-stateful.json:
  // a list starts its own kernel, not the scalar's).
  const R = lam.dtype ?? (Array.isArray(lamArg) ? 'float32' : 'float64');
  if (!['float16', 'float32', 'float64', 'int32', 'int64'].includes(R)) throw typeError(fn, 'lam', `dtype ${R} is not supported`);
  const rates = lam.values.map((x) => (R === 'float16' || R === 'float32' ? toDType(x, R) : x));
  const opSeed = checkOptionalSeed(fn, 'seed', o.seed);
  const Rn = rates.length;
  const n = P * Rn;
  if (n > 2 ** 32) throw rangeError(fn, 'shape', `gives ${n} outputs; at most 2^32 are supported`);
  if (P > 0) checkPoissonRates(fn, rates, dtype);
  const out = o.out === undefined ? null : checkOut(fn, o.out, dtype, n);
  const rateArr = Float64Array.from(rates);
  return {
    signature: `RandomPoissonV2:${R}:${dtype}`, opSeed, dtype, shape: [...shape, ...lam.shape], n, out, kind: OP.poisson,
    parts: partsFor(n, 1 << 16),
    blocks: P === 0 ? 0 : P * Rn * 256,
    args: (k, c) => [DTYPES[dtype].code, k.k0, k.k1, c[0], c[1], c[2], c[3], rateArr, P],
  };
}

/** tf.random.poisson: output shape is shape ++ lam's shape. */
export function poisson<D extends PoissonDType = 'float32'>(shape: Shape, lam: ArrayParam, opts?: PoissonOptions<D>): Tensor<D> {
  return runOpSync(preparePoisson('poisson', shape, lam, opts)) as Tensor<D>;
}
export const poissonAsync = asyncOf((shape: Shape, lam: ArrayParam, opts?: PoissonOptions<PoissonDType>) =>
  preparePoisson('poissonAsync', shape, lam, opts)) as <D extends PoissonDType = 'float32'>(
  shape: Shape, lam: ArrayParam, opts?: PoissonOptions<D>) => Promise<Tensor<D>>;

export { addIn };
