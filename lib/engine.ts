// Runs validated fills and ops in the native core, sync or on the libuv
// threadpool. An async call without `out` gets the addon's result buffer
// itself. With an ArrayBuffer-backed `out`, the threadpool computes into
// scratch memory the addon owns and reuses across calls (no page faults once
// warm); the caller's `out` is written only on the main thread, in chunks,
// each chunk only while `out` is still attached and of its original size:
// a fill's chunks are copied by the addon as soon as each completes (the
// copying overlaps the computing), an op's by addon.copyOut once it is
// done; the scratch then goes back to the addon. A
// SharedArrayBuffer-backed `out` cannot be detached and its memory never moves
// or shrinks, so the threadpool writes it in place (no copy) — unless an
// earlier async call into the same buffer is still pending, which keeps the
// ordering below. Ops with post-processing compute into a fresh buffer, run
// it there, then copy.
//
// Async calls writing into the same buffer (any views of one ArrayBuffer)
// copy one after another in call order, never interleaved: when they have
// all resolved the buffer holds the values of the last call made.
import { availableParallelism } from 'os';
import { DType, DTYPES, AnyTypedArray, view } from './dtype';
import { AsyncTarget, Done, Scratch, addon, params, P } from './native';
import { bufferOf, copyInto, isDetached, isShared, lengthOf } from './validate';
import { TINY_MAX, tinyFill } from './tiny';

export const enum Dist { Bits = 0, Uniform = 1, Normal = 2, TruncNormal = 3, Int = 4 }
export const enum Affine { None = 0, Mul = 1, MulAdd = 2 }

export interface FillSpec {
  dist: Dist;
  dtype: DType;
  key: readonly [number, number];
  counter: readonly [number, number, number, number];
  /** Int: lo and range as unsigned 64-bit two's complement (bigint). */
  lo?: bigint;
  range?: bigint;
  affine?: Affine;
  a?: number;
  b?: number;
}

const M32 = 0xffffffffn;

/** A fill without its key and counter (fixed per call site; see setFillParams). */
export type FillPart = Omit<FillSpec, 'key' | 'counter'>;

// Int bounds as uint32 words, computed once per FillPart (bigint arithmetic
// costs more than the rest of a small call).
const intWords = new WeakMap<FillPart, [number, number, number, number]>();

function boundWords(s: FillPart): [number, number, number, number] {
  let w = intWords.get(s);
  if (!w) {
    const lo = BigInt.asUintN(64, s.lo as bigint), r = BigInt.asUintN(64, s.range as bigint);
    w = [Number(lo & M32), Number(lo >> 32n), Number(r & M32), Number(r >> 32n)];
    intWords.set(s, w);
  }
  return w;
}

/** Writes the parameter block for `part` at key (k0, k1) and counter (c0..c3). */
export function setFillParams(s: FillPart, k0: number, k1: number, c0: number, c1: number, c2: number, c3: number): void {
  params[P.dist] = s.dist;
  params[P.dtype] = DTYPES[s.dtype].code;
  params[P.k0] = k0; params[P.k1] = k1;
  params[P.c0] = c0; params[P.c1] = c1; params[P.c2] = c2; params[P.c3] = c3;
  if (s.dist === Dist.Int) {
    const w = boundWords(s);
    params[P.loLo] = w[0]; params[P.loHi] = w[1]; params[P.rangeLo] = w[2]; params[P.rangeHi] = w[3];
  }
  params[P.affine] = s.affine ?? Affine.None;
  params[P.a] = s.a ?? 0;
  params[P.b] = s.b ?? 0;
}

/** fillSync without building a FillSpec: the hot path of the stateful ops. */
export function fillAt(part: FillPart, k0: number, k1: number, c0: number, c1: number, c2: number, c3: number,
  out: AnyTypedArray): void {
  if (out.length <= TINY_MAX && part.dtype === 'float32' && (part.dist === Dist.Uniform || part.dist === Dist.Normal) && tinyEnabled) {
    tinyFill(part.dist, part.affine ?? Affine.None, part.a ?? 0, part.b ?? 0, k0, k1, c0, c1, c2, c3, out as Float32Array);
    return;
  }
  setFillParams(part, k0, k1, c0, c1, c2, c3);
  addon.fill(out);
}

/** The JS path for tiny outputs; TF_PHILOX_TINY=0 turns it off (tests compare both). */
export const tinyEnabled = process.env.TF_PHILOX_TINY !== '0';

function setParams(s: FillSpec): void {
  params[P.dist] = s.dist;
  params[P.dtype] = DTYPES[s.dtype].code;
  params[P.k0] = s.key[0]; params[P.k1] = s.key[1];
  params[P.c0] = s.counter[0]; params[P.c1] = s.counter[1];
  params[P.c2] = s.counter[2]; params[P.c3] = s.counter[3];
  if (s.dist === Dist.Int) {
    const lo = BigInt.asUintN(64, s.lo as bigint), r = BigInt.asUintN(64, s.range as bigint);
    params[P.loLo] = Number(lo & M32); params[P.loHi] = Number(lo >> 32n);
    params[P.rangeLo] = Number(r & M32); params[P.rangeHi] = Number(r >> 32n);
  }
  params[P.affine] = s.affine ?? Affine.None;
  params[P.a] = s.a ?? 0;
  params[P.b] = s.b ?? 0;
}

// Outputs at least this large are lent by the addon's pool: memory already
// faulted in (huge pages where the kernel gives them), since writing
// never-touched 4 KiB pages costs more than the sampling itself. A result's
// block goes back to the pool once V8 has collected it (the addon checks a
// weak reference when it next lends, so this works inside a synchronous
// loop too). While collections lag, past a cap on what is out on loan the
// pool declines and the result is allocated here, where V8 frees it on GC;
// the addon advises huge pages for it. dispose() gives a lent result back
// at once.
const NATIVE_ALLOC_BYTES = 1 << 22;

/** A fresh output of n elements. */
export function freshOutput(dtype: DType, n: number): AnyTypedArray {
  const bytes = n * DTYPES[dtype].bytes;
  if (bytes < NATIVE_ALLOC_BYTES) return new DTYPES[dtype].ctor(n);
  const lent = addon.allocate(bytes);
  if (lent) return view(dtype, lent, 0, n);
  let a: AnyTypedArray;
  try {
    a = new DTYPES[dtype].ctor(n);
  } catch {
    throw new RangeError(`cannot allocate a result of ${bytes} bytes`);
  }
  addon.adviseHuge(a.buffer as ArrayBuffer);
  return a;
}

export function fillSync(spec: FillSpec, out: AnyTypedArray): AnyTypedArray {
  if (out.length <= TINY_MAX && tinyEnabled) {
    fillAt(spec, spec.key[0], spec.key[1], spec.counter[0], spec.counter[1], spec.counter[2], spec.counter[3], out);
    return out;
  }
  setParams(spec);
  addon.fill(out);
  return out;
}

// Threadpool parts: only split work that takes ~1 ms or more per part.
const POOL = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);
const CORES = Math.max(1, availableParallelism());
const MIN_PER_PART: Record<number, number> = {
  [Dist.Bits]: 1 << 22, [Dist.Uniform]: 1 << 22, [Dist.Int]: 1 << 21, [Dist.Normal]: 1 << 20, [Dist.TruncNormal]: 1 << 19,
};

let maxParts = Math.min(POOL, CORES);

// Async fills of at most this many values (about 20 µs of work or less,
// measured on the development VM; 64-bit dtypes and float64 normals cost
// more a value) are computed at call time: a threadpool round trip (a
// worker woken, the loop woken back) costs 50–100 µs on a small VM, more
// than the fill, and the event loop is held no longer than by the sync call.
// Same values either way; TF_PHILOX_ASYNC_INLINE=0 sends every async fill
// to the threadpool. [narrow dtypes, 64-bit dtypes] by dist.
const INLINE_MAX: Record<number, readonly [number, number]> = {
  [Dist.Bits]: [1 << 14, 1 << 13], [Dist.Uniform]: [1 << 14, 1 << 13], [Dist.Int]: [1 << 13, 1 << 12],
  [Dist.Normal]: [1 << 12, 1 << 10], [Dist.TruncNormal]: [1 << 10, 1 << 9],
};
const inlineMax = (spec: FillSpec): number => INLINE_MAX[spec.dist][DTYPES[spec.dtype].bytes === 8 ? 1 : 0];
export const inlineEnabled = process.env.TF_PHILOX_ASYNC_INLINE !== '0';

/** Caps the threadpool parts of one async call (benchmarks; 1 = single thread). */
export function setMaxParts(n: number): void {
  maxParts = Math.max(1, Math.floor(n));
}

export function partsFor(units: number, minPerPart: number): number {
  return Math.max(1, Math.min(maxParts, Math.floor(units / minPerPart)));
}

// A fresh buffer, a held scratch handle, null (written into out), or a
// streamed fill's rest: its handle and the byte offset to copy from.
type Result = ArrayBuffer | Scratch | null | { rest: Scratch; from: number };

/** Starts the native call now (synchronously) and settles with its result (see AsyncTarget). */
function native(start: (done: Done) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    start((err, res, from) => (err ? reject(err) : resolve(from > 0 ? { rest: res as Scratch, from } : res)));
  });
}


/**
 * Where an async call computes (native.ts AsyncTarget); decided at call time.
 * `out` itself when no earlier call into its buffer is still pending: a
 * shared buffer is written in place, an ArrayBuffer (fills only: `stream`)
 * gets chunks copied in on the main thread while later chunks compute.
 * Otherwise held scratch, copied after the earlier calls.
 */
function targetFor(out: AnyTypedArray | null, post: unknown, stream: boolean): AsyncTarget {
  if (!out || post) return null;
  const key = bufferOf(out);
  if (copies.has(key)) return true;
  return isShared(key) || stream ? out : true;
}

/**
 * Reads `spec` and starts the fill before returning (the counter range is
 * the caller's, reserved at call time); the result arrives in `out` or a fresh array.
 */
export function fillAsync(spec: FillSpec, n: number, out: AnyTypedArray | null): Promise<AnyTypedArray> {
  if (inlineEnabled && n <= inlineMax(spec) && !(out && copies.has(bufferOf(out)))) {
    // less work than a threadpool round trip: computed now, in call order
    // (no earlier call into out's buffer is pending), settled as a promise
    try {
      return Promise.resolve(fillSync(spec, out ?? freshOutput(spec.dtype, n)));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  let computed: Promise<Result>;
  let target: AsyncTarget;
  try {
    setParams(spec);
    params[P.n] = n;
    params[P.parts] = partsFor(n, MIN_PER_PART[spec.dist]);
    target = targetFor(out, undefined, true);
    computed = native((done) => addon.fillAsync(done, target));
  } catch (e) {
    return Promise.reject(e);
  }
  return deliver(computed, target, spec.dtype, n, out);
}

/** An op on the threadpool; `post` (if any) runs on the result before it reaches `out`. */
export function opAsync(
  kind: number, dtype: DType, n: number, out: AnyTypedArray | null, parts: number, args: (number | Float64Array)[],
  post?: (result: AnyTypedArray) => void,
): Promise<AnyTypedArray> {
  const target = targetFor(out, post, false);
  const computed = native((done) => addon.opAsync(kind, done, target, parts, ...args));
  return deliver(computed, target, dtype, n, out, post);
}

export function opSync(kind: number, out: AnyTypedArray, args: (number | Float64Array)[]): AnyTypedArray {
  addon.op(kind, out, 1, ...args);
  return out;
}

// Copies into a caller's out run on the main thread in pieces, for about
// COPY_TURN_MS per event-loop turn: the first writes into a never-touched out
// fault its pages in, which on a busy machine can run at ~250 MB/s, so a byte
// count alone would not bound the turn. Pieces double from 256 KiB up to
// 8 MiB while they copy at 2 GB/s or more (large copies are much faster) and
// drop back when one does not, like binding/async_run.cc's copy_ready.
const PIECE_MIN = 256 << 10;
const PIECE_MAX = 8 << 20;
const FAST_BYTES_PER_MS = 2e6;
const COPY_TURN_MS = 4;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const noop = (): void => undefined;

// The last pending copy into each buffer (keyed by ArrayBuffer): the next
// async call into that buffer copies only after it.
const copies = new WeakMap<object, Promise<void>>();

/**
 * The result as a fresh array over the addon's buffer (no copy), or placed in
 * the caller's `out` after every earlier async call into the same buffer.
 */
function deliver(
  computed: Promise<Result>, target: AsyncTarget, dtype: DType, n: number, out: AnyTypedArray | null,
  post?: (result: AnyTypedArray) => void,
): Promise<AnyTypedArray> {
  if (!out) {
    return computed.then((buf) => {
      const src = view(dtype, buf as ArrayBuffer, 0, n);
      if (post) post(src);
      return src;
    });
  }
  computed.catch(noop); // handled below, possibly after an earlier copy finishes
  const key = bufferOf(out);
  const before = copies.get(key);
  const delivered = (before ? before.then(() => computed) : computed)
    .then((res) => place(res, target, dtype, n, out, post));
  const tail = delivered.then(noop, noop);
  copies.set(key, tail);
  void tail.then(() => {
    if (copies.get(key) === tail) copies.delete(key);
  });
  return delivered;
}

const changed = (written: string): TypeError =>
  new TypeError(`out: was detached or resized while the async call ran; ${written}`);

function place(
  res: Result, target: AsyncTarget, dtype: DType, n: number, out: AnyTypedArray, post?: (result: AnyTypedArray) => void,
): AnyTypedArray | Promise<AnyTypedArray> {
  if (target === true) return copyHeld(res as Scratch, out, n);
  if (target === out) {
    // streamed: the addon checked `out` before every chunk it copied in, and
    // may hand over the rest
    if (!isShared(bufferOf(out))) {
      if (res === null) return out;
      if (typeof res === 'number') return copyHeld(res, out, n);
      const { rest, from } = res as { rest: Scratch; from: number };
      return copyHeld(rest, out, n, from / DTYPES[dtype].bytes);
    }
    // written in place: a shared buffer cannot detach, but a length-tracking
    // view of a growable one can change length
    if (isDetached(out) || lengthOf(out) !== n) throw changed(`its first ${n} elements hold the values`);
    return out;
  }
  const src = view(dtype, res as ArrayBuffer, 0, n);
  if (post) post(src);
  // nothing else sees src: a pool block goes back now
  return copyOut(src, out, n).finally(() => addon.dispose(res as ArrayBuffer));
}

/**
 * Runs copy(i, j) over elements [from, n) in pieces, yielding to the event
 * loop whenever COPY_TURN_MS have passed; before every piece, checks that
 * `out` is still attached and of length n.
 */
async function copyInTurns(out: AnyTypedArray, n: number, from: number, copy: (i: number, j: number) => void): Promise<AnyTypedArray> {
  const es = out.BYTES_PER_ELEMENT;
  let piece = PIECE_MIN;
  let t0 = performance.now();
  for (let i = from; i < n;) {
    let t = performance.now();
    if (t - t0 >= COPY_TURN_MS) {
      await tick();
      t0 = t = performance.now();
    }
    if (isDetached(out) || lengthOf(out) !== n) throw changed(i ? 'nothing more was written' : 'nothing was written');
    const j = Math.min(n, i + Math.max(1, Math.floor(piece / es)));
    copy(i, j);
    piece = (j - i) * es >= FAST_BYTES_PER_MS * (performance.now() - t) ? Math.min(PIECE_MAX, 2 * piece) : PIECE_MIN;
    i = j;
  }
  return out;
}

/** Copies a held result's elements [from, n) into `out`, then gives the scratch back. */
async function copyHeld(h: Scratch, out: AnyTypedArray, n: number, from = 0): Promise<AnyTypedArray> {
  try {
    return await copyInTurns(out, n, from, (i, j) => addon.copyOut(h, out, i, j));
  } finally {
    addon.release(h);
  }
}

function copyOut(src: AnyTypedArray, out: AnyTypedArray, n: number): Promise<AnyTypedArray> {
  return copyInTurns(out, n, 0, (i, j) => copyInto(out, src, i, j));
}
