// Draws at a given Philox key and counter: TF's V2 stateless kernels
// (StatelessRandomUniformV2 & co., StatelessRandomBinomial, the gamma, poisson
// and multinomial kernels) with the argument handling of their Python
// wrappers. stateless.ts runs them at the key/counter derived from a seed,
// generator.ts at a Generator's state (after TF's read-and-skip).
//
// A draw is prepared first (validated, nothing moved, nothing written), then
// run at a seat, sync or on the threadpool.
import { DType, DTYPES, AnyTypedArray, FloatDType } from './dtype';
import { Affine, Dist, FillSpec, fillAsync, fillAt, freshOutput, opAsync, opSync, partsFor } from './engine';
import { OP, addon } from './native';
import { Tensor, makeTensor } from './tensor';
import { divIn, intRange, subIn, toDType } from './bounds';
import { floatToHalf, halfToFloat } from './half';
import { checkCount, checkDType, checkNumber, checkOut, checkShape, rangeError, typeError } from './validate';
import { Values, broadcastShapes, broadcastTo, readValues } from './values';
import { intraOpThreads } from './threads';
import { Key, CounterWords } from './key_counter';

export interface Seat {
  key: Key | readonly [number, number];
  counter: CounterWords | readonly [number, number, number, number];
}

/** A validated sampling call, ready to run at a key/counter. */
export interface Draw {
  readonly shape: number[];
  readonly n: number;
  readonly dtype: DType;
  run(seat: Seat): Tensor;
  runAsync(seat: Seat): Promise<Tensor>;
}

type FillPart = Omit<FillSpec, 'key' | 'counter'>;

/** A draw that is one fill (group layout of cpp/fill.h): streamable in group ranges. */
export class FillDraw implements Draw {
  constructor(
    readonly shape: number[], readonly n: number, readonly dtype: DType,
    readonly out: AnyTypedArray | null, readonly spec: FillPart,
  ) {}

  private full(seat: Seat): FillSpec {
    const k = seat.key, c = seat.counter;
    return { ...this.spec, key: [k[0], k[1]], counter: [c[0], c[1], c[2], c[3]] };
  }

  run(seat: Seat): Tensor {
    const out = this.out ?? freshOutput(this.dtype, this.n);
    const k = seat.key, c = seat.counter;
    if (this.n > 0) fillAt(this.spec, k[0], k[1], c[0], c[1], c[2], c[3], out);
    return makeTensor(out as never, this.shape, this.dtype);
  }

  runAsync(seat: Seat): Promise<Tensor> {
    if (this.n === 0) return Promise.resolve(new Tensor((this.out ?? freshOutput(this.dtype, 0)) as never, this.shape, this.dtype));
    // fillAsync reads the spec before its first await
    return fillAsync(this.full(seat), this.n, this.out).then((data) => new Tensor(data as never, this.shape, this.dtype));
  }
}

type OpArgs = (seat: Seat) => (number | Float64Array)[];

function seatArgs(seat: Seat): number[] {
  const k = seat.key, c = seat.counter;
  return [k[0], k[1], c[0], c[1], c[2], c[3]];
}

class OpDraw implements Draw {
  constructor(
    readonly shape: number[], readonly n: number, readonly dtype: DType,
    private readonly out: AnyTypedArray | null, private readonly kind: number, private readonly parts: number,
    private readonly args: OpArgs, private readonly post?: (out: AnyTypedArray) => void,
  ) {}

  run(seat: Seat): Tensor {
    const out = this.out ?? freshOutput(this.dtype, this.n);
    if (this.n > 0) {
      opSync(this.kind, out, this.args(seat));
      if (this.post) this.post(out);
    }
    return new Tensor(out as never, this.shape, this.dtype);
  }

  async runAsync(seat: Seat): Promise<Tensor> {
    if (this.n === 0) return new Tensor((this.out ?? freshOutput(this.dtype, 0)) as never, this.shape, this.dtype);
    const args = this.args(seat);
    // post-processing runs on the result before it reaches the caller's out
    // (engine.ts copies into out in chunks, ordered with other async calls)
    const data = await opAsync(this.kind, this.dtype, this.n, this.out, this.parts, args, this.post);
    return new Tensor(data as never, this.shape, this.dtype);
  }
}


// ---- helpers shared with the stateful ops (ops.ts) ----------------------------------

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

/** Rates for which TF's sampler never returns (it hangs): rejected up front (cpp/ops.h). */
export function checkPoissonRates(fn: string, rates: number[], dtype: PoissonDType): void {
  for (let i = 0; i < rates.length; i++) {
    if (!addon.terminates(OP.poisson, DTYPES[dtype].code, rates[i], 0))
      throw rangeError(fn, `lam[${i}]`, `${rates[i]}: TensorFlow's sampler never returns for this rate with dtype ${dtype}`);
  }
}

const FLOATS: FloatDType[] = ['float16', 'bfloat16', 'float32', 'float64'];
const UNIFORM_DTYPES: DType[] = ['float16', 'bfloat16', 'float32', 'float64', 'int32', 'int64', 'uint32', 'uint64'];
const INTS: DType[] = ['int32', 'int64', 'uint32', 'uint64'];

function optOut(fn: string, o: Record<string, unknown>, dtype: DType, n: number): AnyTypedArray | null {
  return o.out === undefined ? null : checkOut(fn, o.out, dtype, n);
}

/**
 * stateless_uniform / Generator.uniform. Floats: (rnd * (maxval - minval)) +
 * minval in the dtype (bounds converted to it first; maxval undefined or null
 * means 1). Integers: minval (default 0) and maxval both given (int32/int64),
 * or both null for the full range of any int dtype.
 */
export function prepareUniform(fn: string, shapeArg: unknown, o: Record<string, unknown>, dflt: DType = 'float32'): Draw {
  const dtype = o.dtype === undefined ? dflt : checkDType(fn, o.dtype, UNIFORM_DTYPES);
  const { shape, n } = checkShape(fn, shapeArg);
  if (INTS.includes(dtype)) {
    const minval = o.minval === undefined ? 0 : o.minval;
    const maxval = o.maxval === undefined ? null : o.maxval;
    if ((minval === null) !== (maxval === null)) {
      throw typeError(fn, minval === null ? 'minval' : 'maxval',
        `must be given for integer dtype ${dtype}, or minval and maxval both null for the full range`);
    }
    if (minval === null) return prepareFullInt(fn, shape, n, dtype, o);
    if (dtype !== 'int32' && dtype !== 'int64')
      throw typeError(fn, 'dtype', `${dtype} supports only the full range (minval: null, maxval: null); bounded integers need int32 or int64`);
    const r = intRange(fn, dtype, minval, maxval, n === 0);
    const out = optOut(fn, o, dtype, n);
    return new FillDraw(shape, n, dtype, out, { dist: Dist.Int, dtype, lo: r.lo, range: r.range });
  }
  const minval = o.minval === undefined ? 0 : checkNumber(fn, 'minval', o.minval);
  const maxval = o.maxval === undefined || o.maxval === null ? 1 : checkNumber(fn, 'maxval', o.maxval);
  const out = optOut(fn, o, dtype, n);
  const hi = toDType(maxval, dtype), lo = toDType(minval, dtype);
  return new FillDraw(shape, n, dtype, out, { dist: Dist.Uniform, dtype, affine: Affine.MulAdd, a: subIn(hi, lo, dtype), b: lo });
}

/** Full-range integers of any int dtype (uniform_full_int, split, fold_in). */
export function prepareFullInt(fn: string, shape: number[], n: number, dtype: DType, o: Record<string, unknown>): Draw {
  const out = optOut(fn, o, dtype, n);
  return new FillDraw(shape, n, dtype, out, { dist: Dist.Bits, dtype });
}

/** normal / truncated normal: (rnd * stddev) + mean in the dtype. */
export function prepareNormal(fn: string, dist: Dist.Normal | Dist.TruncNormal, shapeArg: unknown, o: Record<string, unknown>): Draw {
  const dtype = o.dtype === undefined ? 'float32' : checkDType(fn, o.dtype, FLOATS);
  const { shape, n } = checkShape(fn, shapeArg);
  const mean = o.mean === undefined ? 0 : checkNumber(fn, 'mean', o.mean);
  const stddev = o.stddev === undefined ? 1 : checkNumber(fn, 'stddev', o.stddev);
  const out = optOut(fn, o, dtype, n);
  return new FillDraw(shape, n, dtype, out, { dist, dtype, affine: Affine.MulAdd, a: toDType(stddev, dtype), b: toDType(mean, dtype) });
}

// ---- parameters that broadcast against the tail of the shape ------------------------

function endsWith(shape: number[], tail: number[]): boolean {
  if (tail.length > shape.length) return false;
  const off = shape.length - tail.length;
  return tail.every((d, i) => shape[off + i] === d);
}

const PARAM_FLOATS = ['float16', 'float32', 'float64'];

/**
 * binomial (StatelessRandomBinomial, Generator.binomial): probs as float32
 * unless a Tensor gives its dtype T, counts in T; both broadcast, and `shape`
 * must end with the broadcast shape. Output element batch*spb + s is stored
 * at s*nb + batch (the kernel's layout).
 */
export function prepareBinomial(fn: string, shapeArg: unknown, countsArg: unknown, probsArg: unknown, o: Record<string, unknown>): Draw & { nb: number; spb: number } {
  const dtype = o.dtype === undefined ? 'int32' : checkDType(fn, o.dtype, ['float16', 'float32', 'float64', 'int32', 'int64'] as DType[]);
  const { shape, n } = checkShape(fn, shapeArg);
  const probs = readValues(fn, 'probs', probsArg);
  const counts = readValues(fn, 'counts', countsArg);
  const T = probs.dtype ?? counts.dtype ?? 'float32';
  if (!PARAM_FLOATS.includes(T)) throw typeError(fn, 'probs', `must be float16, float32 or float64, got ${T}`);
  if (counts.dtype !== null && counts.dtype !== T)
    throw typeError(fn, 'counts', `must have the dtype of probs (${T}), got ${counts.dtype}`);
  if (probs.dtype !== null && probs.dtype !== T)
    throw typeError(fn, 'probs', `must have the dtype of counts (${T}), got ${probs.dtype}`);
  const bshape = broadcastShapes(fn, counts.shape, probs.shape, 'counts', 'probs');
  if (!endsWith(shape, bshape))
    throw rangeError(fn, 'shape', `[${shape}] must end with the broadcast shape of counts and probs [${bshape}]`);
  const nb = bshape.reduce((p, d) => p * d, 1);
  const spb = nb === 0 ? 0 : n / nb;
  const cs = broadcastTo(counts.values.map((x) => toDType(x, T as DType)), counts.shape, bshape);
  const ps = broadcastTo(probs.values.map((x) => toDType(x, T as DType)), probs.shape, bshape);
  if (n > 0) {
    for (let i = 0; i < nb; i++) {
      if (!addon.terminates(OP.binomial, DTYPES[T as DType].code, cs[i], ps[i]))
        throw rangeError(fn, `counts[${i}]`, `${cs[i]} with probs ${ps[i]}: TensorFlow's sampler never returns for these parameters`);
    }
  }
  const out = optOut(fn, o, dtype, n);
  const countsArr = Float64Array.from(cs), probsArr = Float64Array.from(ps);
  const pcode = DTYPES[T as DType].code, ocode = DTYPES[dtype].code;
  const draw = new OpDraw(shape, n, dtype, out, OP.binomial, partsFor(n, 1 << 14),
    (s) => [pcode, ocode, ...seatArgs(s), countsArr, probsArr, spb]);
  return Object.assign(draw, { nb, spb });
}

/**
 * Where the parameters' shape goes in the output: 'suffix' (stateless ops,
 * Generator): `shape` must end with it; 'prefix' (tf.random.gamma/poisson):
 * the output is shape ++ parameter shape.
 */
export type ParamLayout = 'suffix' | 'prefix';

function outputShape(fn: string, shape: number[], n: number, pshape: number[], layout: ParamLayout, what: string): { out: number[]; n: number } {
  if (layout === 'prefix') {
    const total = n * pshape.reduce((p, d) => p * d, 1);
    if (total > 2 ** 32) throw rangeError(fn, 'shape', `gives ${total} outputs; at most 2^32 are supported`);
    return { out: [...shape, ...pshape], n: total };
  }
  if (!endsWith(shape, pshape)) throw rangeError(fn, 'shape', `[${shape}] must end with the ${what} [${pshape}]`);
  return { out: shape, n };
}

/**
 * gamma: alpha and beta converted to dtype and broadcast; the kernel's raw
 * values, then max(tiny, raw / beta). Layout: see ParamLayout.
 */
export function prepareGamma(fn: string, shapeArg: unknown, alphaArg: unknown, o: Record<string, unknown>, layout: ParamLayout = 'suffix'): Draw {
  const dtype = o.dtype === undefined ? 'float32' : checkDType(fn, o.dtype, ['float16', 'float32', 'float64'] as const);
  const s = checkShape(fn, shapeArg);
  const alpha = readValues(fn, 'alpha', alphaArg);
  const beta: Values | null = o.beta === undefined || o.beta === null ? null : readValues(fn, 'beta', o.beta);
  const bshape = beta ? broadcastShapes(fn, alpha.shape, beta.shape, 'alpha', 'beta') : alpha.shape;
  const { out: shape, n } = outputShape(fn, s.shape, s.n, bshape, layout, 'broadcast shape of alpha and beta');
  const A = bshape.reduce((p, d) => p * d, 1);
  const P = A === 0 ? 0 : n / A;
  const out = optOut(fn, o, dtype, n);
  const alphaArr = Float64Array.from(broadcastTo(alpha.values.map((x) => toDType(x, dtype)), alpha.shape, bshape));
  const betaB = beta ? broadcastTo(beta.values.map((x) => toDType(x, dtype)), beta.shape, bshape) : null;
  const code = DTYPES[dtype].code;
  return new OpDraw(shape, n, dtype, out, OP.gamma, partsFor(n, 1 << 16),
    (st) => [code, ...seatArgs(st), alphaArr, P], (res) => gammaPost(res, dtype, betaB, A));
}

type PoissonDType = 'float16' | 'float32' | 'float64' | 'int32' | 'int64';

/**
 * poisson, computed in double. The rate dtype R (a kernel attr) is a Tensor's
 * or TypedArray's dtype; otherwise stateless_poisson converts a Python float
 * to float32, and tf.random.poisson ('prefix') a Python float to float64 and a
 * Python list to float32 (recorded from TF 2.21). Default output: int32
 * (stateless), float32 (tf.random.poisson).
 */
export function preparePoisson(fn: string, shapeArg: unknown, lamArg: unknown, o: Record<string, unknown>,
  layout: ParamLayout = 'suffix'): Draw & { rateDType: DType; paramShape: number[] } {
  const dflt = layout === 'prefix' ? 'float32' : 'int32';
  const dtype = o.dtype === undefined ? dflt : checkDType(fn, o.dtype, ['float16', 'float32', 'float64', 'int32', 'int64'] as PoissonDType[]);
  const s = checkShape(fn, shapeArg);
  const lam = readValues(fn, 'lam', lamArg);
  const R = (lam.dtype ?? (layout === 'prefix' && !Array.isArray(lamArg) ? 'float64' : 'float32')) as DType;
  if (!['float16', 'float32', 'float64', 'int32', 'int64'].includes(R)) throw typeError(fn, 'lam', `dtype ${R} is not supported`);
  const { out: shape, n } = outputShape(fn, s.shape, s.n, lam.shape, layout, 'shape of lam');
  const rates = lam.values.map((x) => (R === 'float16' || R === 'float32' ? toDType(x, R) : x));
  const Rn = rates.length;
  const P = Rn === 0 ? 0 : n / Rn;
  if (P > 0) checkPoissonRates(fn, rates, dtype);
  const out = optOut(fn, o, dtype, n);
  const rateArr = Float64Array.from(rates);
  const code = DTYPES[dtype].code;
  const draw = new OpDraw(shape, n, dtype, out, OP.poisson, partsFor(n, 1 << 16), (st) => [code, ...seatArgs(st), rateArr, P]);
  return Object.assign(draw, { rateDType: R, paramShape: lam.shape });
}

/** stateless_categorical (StatelessMultinomial): the stateful functor at the seat. */
export function prepareCategorical(fn: string, logits: unknown, numSamples: unknown, o: Record<string, unknown>): Draw & { logitsDType: DType } {
  const { v, dtype: ldt } = readLogits(fn, logits);
  const S = checkNumSamples(fn, numSamples);
  const dtype = o.dtype === undefined ? 'int64' : checkDType(fn, o.dtype, ['int32', 'int64'] as DType[]);
  const threads = o.intraOpThreads === undefined ? intraOpThreads() : checkCount(fn, 'intraOpThreads', o.intraOpThreads, 1);
  const [B, C] = v.shape;
  if (C === 0 && B > 0) throw rangeError(fn, 'logits', 'must have at least one class');
  const n = B * S;
  if (n > 2 ** 32) throw rangeError(fn, 'numSamples', `gives ${n} outputs; at most 2^32 are supported`);
  const out = optOut(fn, o, dtype, n);
  const logitsArr = Float64Array.from(v.values);
  const lcode = DTYPES[ldt].code, ocode = DTYPES[dtype].code;
  const draw = new OpDraw([B, S], n, dtype, out, OP.multinomial, 1,
    (s) => [lcode, ocode, ...seatArgs(s), logitsArr, B, C, S, threads]);
  return Object.assign(draw, { logitsDType: ldt as DType });
}

