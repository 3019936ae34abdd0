// The stateful ops of tf.random (stateful.md §6): argument handling as TF's
// Python wrappers do it, the kernel each call lands on (kernels.ts /
// function.ts), TF's reservation per call, and the fill in the native core.
// Every argument is validated before an op seed is drawn or a counter moves.
import { DType, AnyTypedArray, FloatDType, TypedArrayOf } from './dtype';
import { Affine, Dist, FillSpec, fillAsync, fillAt, freshOutput } from './engine';
import { kernelFor, checkReplay } from './function';
import { Tensor, checkTensor, makeTensor } from './tensor';
import { addIn, intRange, subIn, toDType } from './bounds';
import {
  checkDType, checkNumber, checkOptionalOpSeed, checkOptionalSeed, checkOptions, checkOut, checkShape, describe,
  isDetached, isTypedArrayTag, lengthOf, rangeError, typeError, Seed,
} from './validate';
import { shuffleRows } from './shuffle';
import { smallStateful } from './small_calls';
import { Draw, FillDraw, Seat, prepareCategorical, prepareGamma, prepareNormal as prepareFillNormal, preparePoisson } from './sampler';
import type { Kernel } from './kernels';

export type Shape = number[];

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

// Kernel signatures (op type + dtype attr), one string each: a fresh
// `${op}:${dtype}` per call would be a rope that every cache comparison flattens.
const SIGNATURES: Record<string, Partial<Record<DType, string>>> = {};
function signature(op: string, dtype: DType): string {
  const byType = (SIGNATURES[op] ??= {});
  return (byType[dtype] ??= `${op}:${dtype}`);
}

// The default uniform's fill, one constant per dtype (no allocation per call).
const RAW_UNIFORM = Object.fromEntries(
  (['float16', 'bfloat16', 'float32', 'float64'] as const).map((d) => [d, Object.freeze({ dist: Dist.Uniform, dtype: d })]),
) as Record<DType, Prepared['spec']>;

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
      fn, shape, n, dtype, opSeed, out, signature: signature('RandomUniformInt', dtype),
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
  if (minval === 0 && maxval === 1 && !Object.is(minval, -0)) spec = RAW_UNIFORM[dtype];
  else if (minval === 0 && !Object.is(minval, -0)) spec = { dist: Dist.Uniform, dtype, affine: Affine.Mul, a: toDType(maxval, dtype) };
  else {
    const hi = toDType(maxval, dtype), lo = toDType(minval, dtype);
    spec = { dist: Dist.Uniform, dtype, affine: Affine.MulAdd, a: subIn(hi, lo, dtype), b: lo };
  }
  return { fn, shape, n, dtype, opSeed, out, signature: signature('RandomUniform', dtype), spec };
}

function prepareNormal(fn: string, op: string, dist: Dist.Normal | Dist.TruncNormal, shapeArg: unknown, opts: unknown): Prepared {
  const o = checkOptions(fn, opts, ['mean', 'stddev', 'dtype', 'seed', 'out']);
  // TF: (rnd * stddev) + mean, two ops in the dtype: the same draw as the stateless op
  const d = prepareFillNormal(fn, dist, shapeArg, o) as FillDraw;
  const opSeed = checkOptionalOpSeed(fn, 'seed', o.seed);
  return { fn, shape: d.shape, n: d.n, dtype: d.dtype, opSeed, out: d.out, signature: signature(op, d.dtype), spec: d.spec };
}

/** tf.random.uniform */
export function uniform<D extends DType = 'float32'>(shape: Shape, opts?: UniformOptions<D>): Tensor<D> {
  if (opts === undefined) {
    const t = smallStateful(Dist.Uniform, shape);
    if (t !== null) return t as Tensor<D>;
  }
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
  if (opts === undefined) {
    const t = smallStateful(Dist.Normal, shape);
    if (t !== null) return t as Tensor<D>;
  }
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

// A stateful op other than the fills: its kernel (signature, op seed), TF's
// reservation for the call, and the draw run at the reserved counter.
function seatOf(k: Kernel, pos: number): Seat {
  return { key: [k.k0, k.k1], counter: [pos % TWO32, Math.floor(pos / TWO32), k.c2, k.c3] };
}

function runOp(signature: string, opSeed: bigint | number | null, d: Draw, blocks: number): Tensor {
  checkReplay(signature, opSeed);
  const k = kernelFor(signature, opSeed);
  return d.run(seatOf(k, k.reservePosition(blocks)));
}

function runOpAsync(signature: string, opSeed: bigint | number | null, d: Draw, blocks: number): Promise<Tensor> {
  checkReplay(signature, opSeed);
  const k = kernelFor(signature, opSeed);
  return d.runAsync(seatOf(k, k.reservePosition(blocks)));
}

/** A sync op and its async sibling from one preparation (errors reject, not throw). */
function opPair<A extends unknown[]>(name: string, prep: (fn: string, ...a: A) => { sig: string; seed: bigint | number | null; d: Draw; blocks: number }) {
  return {
    sync: (...a: A): Tensor => {
      const p = prep(name, ...a);
      return runOp(p.sig, p.seed, p.d, p.blocks);
    },
    async: (...a: A): Promise<Tensor> => {
      try {
        const p = prep(`${name}Async`, ...a);
        return runOpAsync(p.sig, p.seed, p.d, p.blocks);
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

// ---- categorical ------------------------------------------------------------------

export interface CategoricalOptions {
  dtype?: 'int32' | 'int64';
  seed?: Seed | null;
  intraOpThreads?: number;
  out?: Int32Array | BigInt64Array;
}







const categoricalOp = opPair('categorical', (fn, logits: unknown, numSamples: unknown, opts: unknown) => {
  const o = checkOptions(fn, opts, ['dtype', 'seed', 'intraOpThreads', 'out']);
  const d = prepareCategorical(fn, logits, numSamples, o);
  const seed = checkOptionalOpSeed(fn, 'seed', o.seed);
  const [B, S] = d.shape;
  // TF reserves B * 4*ceil(S/4) * 2 * 256 blocks (nothing for an empty output)
  return { sig: `Multinomial:${d.logitsDType}:${d.dtype}`, seed, d, blocks: d.n === 0 ? 0 : B * 4 * Math.ceil(S / 4) * 2 * 256 };
});

/** tf.random.categorical */
export function categorical(logits: number[][] | Tensor, numSamples: number, opts?: CategoricalOptions): Tensor<'int32' | 'int64'> {
  return categoricalOp.sync(logits, numSamples, opts) as Tensor<'int32' | 'int64'>;
}
export const categoricalAsync = categoricalOp.async as (
  logits: number[][] | Tensor, numSamples: number, opts?: CategoricalOptions) => Promise<Tensor<'int32' | 'int64'>>;

// ---- gamma ------------------------------------------------------------------------

export type ArrayParam = number | number[] | number[][] | Float64Array | Float32Array | Tensor;

export interface GammaOptions<D extends 'float16' | 'float32' | 'float64' = 'float32'> {
  beta?: ArrayParam;
  dtype?: D;
  seed?: Seed | null;
  out?: TypedArrayOf<D>;
}




const gammaOp = opPair('gamma', (fn, shape: unknown, alpha: unknown, opts: unknown) => {
  const o = checkOptions(fn, opts, ['beta', 'dtype', 'seed', 'out']);
  const d = prepareGamma(fn, shape, alpha, o, 'prefix');
  const seed = checkOptionalOpSeed(fn, 'seed', o.seed);
  return { sig: `RandomGamma:${d.dtype}`, seed, d, blocks: d.n * 256 };
});

/** tf.random.gamma: output shape is shape ++ broadcast(alpha, beta) shape. */
export function gamma<D extends 'float16' | 'float32' | 'float64' = 'float32'>(shape: Shape, alpha: ArrayParam, opts?: GammaOptions<D>): Tensor<D> {
  return gammaOp.sync(shape, alpha, opts) as Tensor<D>;
}
export const gammaAsync = gammaOp.async as <D extends 'float16' | 'float32' | 'float64' = 'float32'>(
  shape: Shape, alpha: ArrayParam, opts?: GammaOptions<D>) => Promise<Tensor<D>>;

// ---- poisson ------------------------------------------------------------------------

export type PoissonDType = 'float16' | 'float32' | 'float64' | 'int32' | 'int64';
export interface PoissonOptions<D extends PoissonDType = 'float32'> {
  dtype?: D;
  seed?: Seed | null;
  out?: TypedArrayOf<D>;
}



const poissonOp = opPair('poisson', (fn, shape: unknown, lam: unknown, opts: unknown) => {
  const o = checkOptions(fn, opts, ['dtype', 'seed', 'out']);
  const d = preparePoisson(fn, shape, lam, o, 'prefix');
  const seed = checkOptionalOpSeed(fn, 'seed', o.seed);
  // nothing is reserved for an empty shape (P = 0), whatever lam holds
  const P = d.shape.slice(0, d.shape.length - d.paramShape.length).reduce((p: number, x: number) => p * x, 1);
  return { sig: `RandomPoissonV2:${d.rateDType}:${d.dtype}`, seed, d, blocks: P === 0 ? 0 : d.n * 256 };
});

/** tf.random.poisson: output shape is shape ++ lam's shape. */
export function poisson<D extends PoissonDType = 'float32'>(shape: Shape, lam: ArrayParam, opts?: PoissonOptions<D>): Tensor<D> {
  return poissonOp.sync(shape, lam, opts) as Tensor<D>;
}
export const poissonAsync = poissonOp.async as <D extends PoissonDType = 'float32'>(
  shape: Shape, lam: ArrayParam, opts?: PoissonOptions<D>) => Promise<Tensor<D>>;

export { addIn };
