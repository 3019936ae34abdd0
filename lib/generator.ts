// tf.random.Generator (stateless.md §7): an explicit Philox state
// [C0, C1, K] (int64 x3: the 128-bit counter C0 | C1 << 64 and the key K).
//
// Every sampler except binomial runs TF's RngReadAndSkip(delta = numel):
// it takes the current counter and key, advances the counter by delta * 256
// blocks (TF's Skip, carry quirk included), and the V2 stateless kernel runs
// at the old counter. binomial (StatefulRandomBinomial, alg philox only) runs
// at the current counter and then advances it by
// 256 * floor(nb * 2 * 100 * (spb + 3) / 4). Async siblings move the state
// synchronously at call time and compute on the threadpool.
//
// The state lives in uint32 words (c0..c3, k0..k1); BigInt appears only at
// the edges (reading `state`, seeds, skip deltas).
//
// A TF quirk kept on purpose: StatefulRandomBinomial takes its pointer into
// the state variable before PrepareToUpdateVariable, so when a tensor read
// from the variable (`g.state`) still shares its buffer, the variable gets a
// fresh copy and the advance is written into the read tensor instead: the
// state does not move. TF 2.21 recordings show exactly that for a binomial
// right after reading `state`. Here a `state` read counts as shared until the
// next operation that writes the state (every sampler, skip, reset, binomial).
import { randomFillSync } from 'crypto';
import { inspect } from 'util';
import { DType, FloatDType, IntDType, TypedArrayOf } from './dtype';
import { Dist } from './engine';
import { Tensor } from './tensor';
import { Counter, skip as skipBlocks, skipBig } from './counter';
import { ALG_ID, Algorithm, Key, bigintWords, parseAlg, stateList, stateWords, wordsToInt64 } from './key_counter';
import { Draw, Seat, prepareBinomial, prepareFullInt, prepareNormal, prepareUniform } from './sampler';
import { ArrayParam, Shape } from './ops';
import { checkCount, checkDType, checkOptions, checkShape, describe, isIntegerKind, rangeError, typeError, Seed } from './validate';

export interface GeneratorOptions {
  alg?: Algorithm | 'autoselect' | number;
}
export interface GeneratorUniformOptions<D extends DType = DType> {
  minval?: number | bigint | null;
  maxval?: number | bigint | null;
  dtype?: D;
  out?: TypedArrayOf<D>;
}
export interface GeneratorNormalOptions<D extends FloatDType = FloatDType> {
  mean?: number;
  stddev?: number;
  dtype?: D;
  out?: TypedArrayOf<D>;
}
export interface GeneratorFullIntOptions<D extends IntDType = IntDType> {
  dtype?: D;
  out?: TypedArrayOf<D>;
}
export interface GeneratorBinomialOptions {
  dtype?: 'float16' | 'float32' | 'float64' | 'int32' | 'int64';
  out?: TypedArrayOf<DType>;
}

/** A seed for Generator.fromSeed: an integer (chunked like a Python int) or a list of integers. */
export interface GeneratorBatchesOptions<D extends DType = DType> {
  shape: Shape;
  dist?: 'uniform' | 'normal' | 'truncatedNormal' | 'uniformFullInt';
  dtype?: D;
  /** Number of batches; default endless. */
  count?: number;
  minval?: number | bigint | null;
  maxval?: number | bigint | null;
  mean?: number;
  stddev?: number;
}

export type GeneratorSeed = Seed | readonly Seed[] | Int32Array | BigInt64Array | BigUint64Array | Uint32Array | Tensor;
/** A full state: [C0, C1, K] as integers, a BigInt64Array or an int64 Tensor (Generator.state). */
export type GeneratorState = readonly Seed[] | BigInt64Array | BigUint64Array | Tensor;

const STATE_SIZE = 3;

// Set while a factory constructs a generator from already-checked state words.
let internal: { w: [number, number][]; alg: Algorithm } | null = null;

/**
 * TF's create_rng_state for philox: an integer is cut into three 64-bit
 * chunks, least significant first (arithmetic shift, so -1 gives [-1,-1,-1]);
 * a list is taken as int64 values, cut to three and left-padded with zeros.
 */
function seedToWords(fn: string, seed: unknown): [number, number][] {
  if (typeof seed === 'number' || typeof seed === 'bigint') {
    let s: bigint;
    if (typeof seed === 'number') {
      if (!isIntegerKind(seed)) throw typeError(fn, 'seed', `must be an integer (number or bigint), got ${describe(seed)}`);
      if (!Number.isSafeInteger(seed)) throw rangeError(fn, 'seed', `must be a safe integer or a bigint, got ${seed}`);
      s = BigInt(seed);
    } else s = seed;
    const out: [number, number][] = [];
    for (let i = 0; i < STATE_SIZE; i++) out.push(bigintWords(s >> BigInt(64 * i)));
    return out;
  }
  if (seed === null || seed === undefined) throw typeError(fn, 'seed', `is required (got ${describe(seed)})`);
  const vals = stateList(fn, 'seed', seed).slice(0, STATE_SIZE);
  while (vals.length < STATE_SIZE) vals.unshift([0, 0]);
  return vals;
}

function checkGenerator(fn: string, arg: string, g: unknown): Generator {
  if (!(g instanceof Generator)) throw typeError(fn, arg, `must be a Generator, got ${describe(g)}`);
  return g;
}

export class Generator {
  // counter words c0..c3 (c0 least significant) and key words k0, k1
  #c: Counter = [0, 0, 0, 0];
  #k: Key = [0, 0];
  #alg: Algorithm;
  // a `state` read shares the variable's buffer (see the binomial quirk above)
  #shared = false;

  /** tf.random.Generator(state=..., alg=...): a generator at exactly this state. */
  constructor(state: GeneratorState, opts?: GeneratorOptions) {
    if (internal) {
      this.#alg = internal.alg;
      this.#set(internal.w);
      return;
    }
    const fn = 'Generator';
    const o = checkOptions(fn, opts, ['alg']);
    const alg = parseAlg(fn, o.alg, 'philox');
    const w = stateList(fn, 'state', state);
    if (w.length !== STATE_SIZE) throw rangeError(fn, 'state', `must have ${STATE_SIZE} values for ${alg}, got ${w.length}`);
    this.#alg = alg;
    this.#set(w);
  }

  #set(w: [number, number][]): void {
    this.#c = [w[0][0], w[0][1], w[1][0], w[1][1]];
    this.#k = [w[2][0], w[2][1]];
    this.#shared = false;
  }

  /** Generator.from_seed: TF's seed -> state conversion (create_rng_state). */
  static fromSeed(seed: GeneratorSeed, opts?: GeneratorOptions): Generator {
    const fn = 'Generator.fromSeed';
    const o = checkOptions(fn, opts, ['alg']);
    const alg = parseAlg(fn, o.alg, 'philox');
    return Generator.#make(seedToWords(fn, seed), alg);
  }

  /** Generator.from_state: the state verbatim ([C0, C1, K]). */
  static fromState(state: GeneratorState, opts?: GeneratorOptions): Generator {
    return new Generator(state, opts);
  }

  /** Generator.from_key_counter: state = counter ++ [key]. */
  static fromKeyCounter(key: Seed, counter: readonly Seed[] | BigInt64Array | BigUint64Array | Tensor, opts?: GeneratorOptions): Generator {
    const fn = 'Generator.fromKeyCounter';
    const o = checkOptions(fn, opts, ['alg']);
    const alg = parseAlg(fn, o.alg, 'philox');
    return Generator.#make(keyCounterWords(fn, key, counter), alg);
  }

  /** Generator.from_non_deterministic_state: a state from the OS's entropy. */
  static fromNonDeterministicState(opts?: GeneratorOptions): Generator {
    const fn = 'Generator.fromNonDeterministicState';
    const o = checkOptions(fn, opts, ['alg']);
    const alg = parseAlg(fn, o.alg, 'philox');
    const r = randomFillSync(new Uint32Array(2 * STATE_SIZE));
    return Generator.#make([[r[0], r[1]], [r[2], r[3]], [r[4], r[5]]], alg);
  }

  static #make(w: [number, number][], alg: Algorithm): Generator {
    internal = { w, alg };
    try {
      return new Generator(null as never);
    } finally {
      internal = null;
    }
  }

  #stateTensor(): Tensor<'int64'> {
    const c = this.#c, k = this.#k;
    const data = BigInt64Array.of(wordsToInt64(c[0], c[1]), wordsToInt64(c[2], c[3]), wordsToInt64(k[0], k[1]));
    return new Tensor(data, [STATE_SIZE], 'int64');
  }

  /**
   * The state [C0, C1, K] as an int64 Tensor (a snapshot). Like reading TF's
   * state variable, it makes an immediately following binomial leave the
   * state where it is (TF's quirk, see the file header).
   */
  get state(): Tensor<'int64'> {
    this.#shared = true;
    return this.#stateTensor();
  }

  /** The key K (int64). */
  get key(): bigint {
    return wordsToInt64(this.#k[0], this.#k[1]);
  }

  /** 'philox' or 'auto_select' (TF's ids 1 and 3); both run Philox on CPU. */
  get algorithm(): Algorithm {
    return this.#alg;
  }

  /** TF's algorithm id (1 = philox, 3 = auto_select). */
  get algorithmId(): number {
    return ALG_ID[this.#alg];
  }

  /** reset_from_seed: the state create_rng_state gives for seed. */
  resetFromSeed(seed: GeneratorSeed): void {
    this.#set(seedToWords('resetFromSeed', seed));
  }

  /** reset_from_key_counter. */
  resetFromKeyCounter(key: Seed, counter: readonly Seed[] | BigInt64Array | BigUint64Array | Tensor): void {
    this.#set(keyCounterWords('resetFromKeyCounter', key, counter));
  }

  /** reset: the state verbatim. */
  reset(state: GeneratorState): void {
    const w = stateList('reset', 'state', state);
    if (w.length !== STATE_SIZE) throw rangeError('reset', 'state', `must have ${STATE_SIZE} values, got ${w.length}`);
    this.#set(w);
  }

  /**
   * skip(delta): advances the counter by delta * 256 blocks (uint64
   * arithmetic, negative deltas wrap: skip(-1) moves back 256) and returns the
   * state before the move, like TF's RngReadAndSkip.
   */
  skip(delta: Seed): Tensor<'int64'> {
    const fn = 'skip';
    if (!(this instanceof Generator)) throw typeError(fn, 'this', `must be a Generator (an unbound method was called), got ${describe(this)}`);
    let d: bigint;
    if (typeof delta === 'bigint') d = delta;
    else if (typeof delta === 'number' && isIntegerKind(delta)) {
      if (!Number.isSafeInteger(delta)) throw rangeError(fn, 'delta', `must be a safe integer or a bigint, got ${delta}`);
      d = BigInt(delta);
    } else throw typeError(fn, 'delta', `must be an integer (number or bigint), got ${describe(delta)}`);
    if (d < -(2n ** 63n) || d >= 2n ** 64n) throw rangeError(fn, 'delta', `${d} is out of the int64/uint64 range`);
    const old = this.#stateTensor();
    this.#c = skipBig(this.#c, BigInt.asUintN(64, d) * 256n);
    this.#shared = false;
    return old;
  }

  // RngReadAndSkip(numel): the seat of this draw, and the state moves on.
  #readAndSkip(n: number): Seat {
    const seat: Seat = { key: [this.#k[0], this.#k[1]], counter: [this.#c[0], this.#c[1], this.#c[2], this.#c[3]] };
    if (n > 0) this.#c = skipBlocks(this.#c, n * 256);
    this.#shared = false;
    return seat;
  }

  #sync(d: Draw): Tensor {
    return d.run(this.#readAndSkip(d.n));
  }
  #async(prep: () => Draw): Promise<Tensor> {
    try {
      const d = prep();
      return d.runAsync(this.#readAndSkip(d.n));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * uniform(shape, {minval=0, maxval, dtype='float32'}): floats in
   * [minval, maxval) (maxval defaults to 1); int32/int64 need maxval; any int
   * dtype with minval: null, maxval: null gives the full range.
   */
  uniform<D extends DType = 'float32'>(shape: Shape, opts?: GeneratorUniformOptions<D>): Tensor<D> {
    return this.#sync(prepareUniform('uniform', shape, checkOptions('uniform', opts, UNIFORM_KEYS))) as Tensor<D>;
  }
  uniformAsync<D extends DType = 'float32'>(shape: Shape, opts?: GeneratorUniformOptions<D>): Promise<Tensor<D>> {
    return this.#async(() => prepareUniform('uniformAsync', shape, checkOptions('uniformAsync', opts, UNIFORM_KEYS))) as Promise<Tensor<D>>;
  }

  /** uniform_full_int(shape, {dtype='uint64'}): integers over the dtype's full range. */
  uniformFullInt<D extends IntDType = 'uint64'>(shape: Shape, opts?: GeneratorFullIntOptions<D>): Tensor<D> {
    return this.#sync(prepareFullIntDraw('uniformFullInt', shape, opts)) as Tensor<D>;
  }
  uniformFullIntAsync<D extends IntDType = 'uint64'>(shape: Shape, opts?: GeneratorFullIntOptions<D>): Promise<Tensor<D>> {
    return this.#async(() => prepareFullIntDraw('uniformFullIntAsync', shape, opts)) as Promise<Tensor<D>>;
  }

  /** normal(shape, {mean=0, stddev=1, dtype='float32'}) */
  normal<D extends FloatDType = 'float32'>(shape: Shape, opts?: GeneratorNormalOptions<D>): Tensor<D> {
    return this.#sync(prepareNormal('normal', Dist.Normal, shape, checkOptions('normal', opts, NORMAL_KEYS))) as Tensor<D>;
  }
  normalAsync<D extends FloatDType = 'float32'>(shape: Shape, opts?: GeneratorNormalOptions<D>): Promise<Tensor<D>> {
    return this.#async(() => prepareNormal('normalAsync', Dist.Normal, shape, checkOptions('normalAsync', opts, NORMAL_KEYS))) as Promise<Tensor<D>>;
  }

  /** truncated_normal(shape, {mean=0, stddev=1, dtype='float32'}): within 2 stddevs. */
  truncatedNormal<D extends FloatDType = 'float32'>(shape: Shape, opts?: GeneratorNormalOptions<D>): Tensor<D> {
    return this.#sync(prepareNormal('truncatedNormal', Dist.TruncNormal, shape, checkOptions('truncatedNormal', opts, NORMAL_KEYS))) as Tensor<D>;
  }
  truncatedNormalAsync<D extends FloatDType = 'float32'>(shape: Shape, opts?: GeneratorNormalOptions<D>): Promise<Tensor<D>> {
    return this.#async(() => prepareNormal('truncatedNormalAsync', Dist.TruncNormal, shape, checkOptions('truncatedNormalAsync', opts, NORMAL_KEYS))) as Promise<Tensor<D>>;
  }

  // StatefulRandomBinomial: the kernel at the current state, then its own advance.
  #binomial(fn: string, shape: unknown, counts: unknown, probs: unknown, opts: unknown): { d: Draw; seat: Seat } {
    const o = checkOptions(fn, opts, ['dtype', 'out']);
    const d = prepareBinomial(fn, shape, counts, probs, o);
    if (this.#alg !== 'philox')
      throw rangeError(fn, 'algorithm', `${this.#alg} is not supported by TensorFlow's binomial kernel ` +
        `(InvalidArgumentError: Unsupported algorithm id: ${ALG_ID[this.#alg]}); use a 'philox' Generator`);
    const seat: Seat = { key: [this.#k[0], this.#k[1]], counter: [this.#c[0], this.#c[1], this.#c[2], this.#c[3]] };
    const blocks = Math.floor((d.nb * 2 * 100 * (d.spb + 3)) / 4) * 256;
    // TF writes the advance into the buffer a `state` read still shares
    if (!this.#shared) this.#c = skipBlocks(this.#c, blocks);
    this.#shared = false;
    return { d, seat };
  }

  /** binomial(shape, counts, probs, {dtype='int32'}): needs alg 'philox' (as in TF). */
  binomial(shape: Shape, counts: ArrayParam, probs: ArrayParam, opts?: GeneratorBinomialOptions): Tensor {
    const { d, seat } = this.#binomial('binomial', shape, counts, probs, opts);
    return d.run(seat);
  }
  binomialAsync(shape: Shape, counts: ArrayParam, probs: ArrayParam, opts?: GeneratorBinomialOptions): Promise<Tensor> {
    try {
      const { d, seat } = this.#binomial('binomialAsync', shape, counts, probs, opts);
      return d.runAsync(seat);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** make_seeds(count=1): an int64 [2, count] Tensor, row 0 full-range keys, row 1 zeros. */
  makeSeeds(count = 1): Tensor<'int64'> {
    const fn = 'makeSeeds';
    const n = checkCount(fn, 'count', count);
    if (n > 2 ** 31) throw rangeError(fn, 'count', `must be at most 2^31, got ${n}`);
    const keys = this.#sync(prepareFullInt(fn, [n], n, 'int64', {})).data as BigInt64Array;
    const data = new BigInt64Array(2 * n);
    data.set(keys, 0);
    return new Tensor(data, [2, n], 'int64');
  }

  /** split(count=1): count new generators; child i has state [0, 0, keys[i]] with keys full-range int64. */
  split(count = 1): Generator[] {
    const fn = 'split';
    const n = checkCount(fn, 'count', count);
    if (n > 2 ** 31) throw rangeError(fn, 'count', `must be at most 2^31, got ${n}`);
    const keys = this.#sync(prepareFullInt(fn, [n], n, 'int64', {})).data as BigInt64Array;
    return Array.from(keys, (k) => Generator.#make([[0, 0], [0, 0], bigintWords(k)], this.#alg));
  }

  /**
   * An async iterable of `count` batches (default: endless), each drawn with
   * the matching async method, so the state moves exactly as that many calls
   * would move it. Each batch's state range is reserved when the iterator asks
   * for it. Works with `stream.Readable.from(g.batches(...))`.
   */
  batches<D extends DType = 'float32'>(opts: GeneratorBatchesOptions<D>): AsyncIterable<Tensor<D>> {
    const fn = 'batches';
    const o = checkOptions(fn, opts, ['shape', 'dist', 'dtype', 'count', 'minval', 'maxval', 'mean', 'stddev']);
    const dist = o.dist ?? 'uniform';
    if (typeof dist !== 'string' || !['uniform', 'normal', 'truncatedNormal', 'uniformFullInt'].includes(dist))
      throw typeError(fn, 'dist', `must be 'uniform', 'normal', 'truncatedNormal' or 'uniformFullInt', got ${describe(dist)}`);
    const count = o.count === undefined ? Infinity : checkCount(fn, 'count', o.count);
    const { shape, dist: _dist, count: _count, ...rest } = o as Record<string, unknown>;
    void _dist; void _count;
    const method = `${dist}Async` as 'uniformAsync';
    // Validate up front, so a bad shape or option fails here and not at the
    // first batch: the shape, then the options on a one-element draw of a
    // throwaway generator.
    checkShape(fn, shape);
    Generator.fromKeyCounter(0, [0, 0])[dist as 'uniform']([1], rest as never);
    const self = this;
    return {
      [Symbol.asyncIterator](): AsyncIterator<Tensor<D>> {
        let i = 0;
        return {
          next(): Promise<IteratorResult<Tensor<D>>> {
            if (i >= count) return Promise.resolve({ value: undefined, done: true });
            i++;
            return self[method](shape as Shape, rest as never).then((t) => ({ value: t as Tensor<D>, done: false }));
          },
          return(): Promise<IteratorResult<Tensor<D>>> {
            i = count;
            return Promise.resolve({ value: undefined, done: true });
          },
        };
      },
    };
  }

  toString(): string {
    const s = this.#stateTensor().data;
    return `tf.random.Generator(state=[${s[0]}, ${s[1]}, ${s[2]}], alg=${this.#alg})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

const UNIFORM_KEYS = ['minval', 'maxval', 'dtype', 'out'];
const NORMAL_KEYS = ['mean', 'stddev', 'dtype', 'out'];

function prepareFullIntDraw(fn: string, shapeArg: unknown, opts: unknown): Draw {
  const o = checkOptions(fn, opts, ['dtype', 'out']);
  const dtype = o.dtype === undefined ? 'uint64' : checkDType(fn, o.dtype, ['int32', 'int64', 'uint32', 'uint64'] as IntDType[]);
  const { shape, n } = checkShape(fn, shapeArg);
  return prepareFullInt(fn, shape, n, dtype, o);
}

function keyCounterWords(fn: string, key: unknown, counter: unknown): [number, number][] {
  const c = stateList(fn, 'counter', counter);
  if (c.length !== STATE_SIZE - 1) throw rangeError(fn, 'counter', `must have ${STATE_SIZE - 1} values, got ${c.length}`);
  return [c[0], c[1], stateWords(fn, 'key', key)];
}

// ---- the global generator ----------------------------------------------------------

let globalGenerator: Generator | null = null;

/**
 * tf.random.get_global_generator: created from OS entropy on first use (not
 * affected by setSeed), or the one given to setGlobalGenerator.
 */
export function getGlobalGenerator(): Generator {
  if (!globalGenerator) globalGenerator = Generator.fromNonDeterministicState();
  return globalGenerator;
}

/** tf.random.set_global_generator */
export function setGlobalGenerator(g: Generator): void {
  globalGenerator = checkGenerator('setGlobalGenerator', 'generator', g);
}

