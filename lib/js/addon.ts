// The pure-TypeScript backend: lib/native.ts's Addon interface implemented
// over lib/js/ (the same contract as binding/addon.cc, argument checks and
// error messages included), for runtimes where the native addon does not
// load, or when TF_PHILOX_BACKEND=js asks for it. Values are bit-identical to
// the native core's.
//
// Sync calls compute in place. Async calls compute into their target (a fresh
// ArrayBuffer, a held scratch buffer read through copyOut, or a
// SharedArrayBuffer-backed `out` in place; see native.ts AsyncTarget), as the
// native ones do on the threadpool, but on the main thread in slices of
// about SLICE_MS milliseconds, one per setImmediate turn, so a big call never
// blocks the event loop for long; the unit ranges (fill groups, gamma /
// poisson / binomial outputs, multinomial rows within TF's shards) sit at fixed
// counter offsets, so slicing never changes the bytes. `done` is always called
// from a later turn, never from inside the call.
import type { Addon, AsyncTarget, Done, Scratch } from '../native';
import { isDetached, isShared } from '../validate';
import { FillSpec, elementSize, fillGroups, groupCount, groupSize } from './fill';
import {
  MultinomialJob, Out, Seat, binomialFill, binomialTerminates, gammaFill, multinomialRows, poissonFill,
  poissonRateTerminates,
} from './ops';
import { philoxBlock } from './philox';

const PARAM_SLOTS = 17;
const SLICE_MS = 8;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// A unit of work: fills units [u0, u1) of its output; false on failure.
interface Job {
  units: number;
  bytes: number;
  /** Element size: outputs start at a multiple of it. */
  es: number;
  /** Computes units [u0, u1) into the output at byte `off` of `buf`; false on failure. */
  run(buf: ArrayBufferLike, off: number, u0: number, u1: number): boolean;
  failure: string;
  /** A fill: may stream into an ArrayBuffer-backed out; bytes per unit (binding Job::unit_bytes). */
  unitBytes?: number;
  /** Multinomial: a resumable run over the whole output instead of unit ranges. */
  steps?: (buf: ArrayBufferLike, off: number) => Generator<void, void, void>;
}

// lib/ validates every argument; like the native addon, these re-checks only
// keep a broken or bypassed lib/ from reaching the samplers.
function internalError(what: string): never {
  throw new RangeError(`tf-philox: internal argument out of range: ${what}`);
}
function integral(v: number, max: number): boolean {
  return v >= 0 && v <= max && v === Math.floor(v);
}
function u32(v: number): number {
  if (!integral(v, 4294967295)) internalError('a uint32 word');
  return v;
}
/** A count or size: a non-negative integer up to 2^53. */
function count(v: number, what: string): number {
  if (!integral(v, 9007199254740992)) internalError(what);
  return v;
}
function code(v: number, max: number, what: string): number {
  if (!integral(v, max)) internalError(what);
  return v;
}
const dtypeCode = (v: number): number => code(v, 7, 'dtype');
// n elements of `per` bytes: the byte count must fit (and so must any unit count).
function checkBytes(n: number, per: number): void {
  if (per !== 0 && n > 2 ** 56 / per) internalError('output size');
}

function isTypedArray(v: unknown): v is ArrayBufferView {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function outputBytes(v: unknown, bytes: number): Uint8Array {
  if (!isTypedArray(v)) throw new TypeError('out: expected a TypedArray');
  if (isDetached(v)) throw new TypeError("out: the TypedArray's buffer is detached");
  if (v.byteLength !== bytes) throw new RangeError('out: wrong byte length');
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function newBuffer(bytes: number): ArrayBuffer {
  try {
    return new ArrayBuffer(bytes);
  } catch {
    throw new RangeError('out: cannot allocate the output');
  }
}

// Runs a job into `buf` at byte `off` over as many turns as it needs;
// `progress(u)` (if any) runs after units [0, u) are computed, before the
// next turn.
async function runAsync(job: Job, buf: ArrayBufferLike, off: number, progress?: (u: number) => void): Promise<void> {
  if (job.steps) {
    let t0 = performance.now();
    for (const _ of job.steps(buf, off)) {
      void _;
      if (performance.now() - t0 > SLICE_MS) {
        await tick();
        t0 = performance.now();
      }
    }
    return;
  }
  let step = 64;
  let t0 = performance.now();
  for (let u = 0; u < job.units;) {
    const end = Math.min(job.units, u + step);
    if (!job.run(buf, off, u, end)) throw new RangeError(job.failure);
    u = end;
    if (progress) progress(u);
    const dt = performance.now() - t0;
    if (dt < SLICE_MS / 4) step *= 2; // grow the slice while it is cheap
    if (dt > SLICE_MS && u < job.units) {
      await tick();
      t0 = performance.now();
    }
  }
}


// The element size of a TypedArray from its built-in [[TypedArrayName]].
const TA_TAG = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)
  ?.get as (this: unknown) => string | undefined;
const ELEMENT_BYTES: Record<string, number> = {
  Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 2, Uint16Array: 2, Float16Array: 2,
  Float64Array: 8, BigInt64Array: 8, BigUint64Array: 8,
};
const elementBytes = (v: ArrayBufferView): number => ELEMENT_BYTES[TA_TAG.call(v) ?? ''] ?? 4;

function elementIndex(v: unknown): number {
  if (typeof v !== 'number') throw new TypeError('tf-philox: internal argument is not a number');
  if (!integral(v, 9007199254740992)) internalError('an element index');
  return v;
}

// A held result (target `true`) is a number, its id in the addon's registry of
// buffers copyOut reads until they are released.
function heldId(v: unknown): number {
  if (typeof v !== 'number' || !(v >= 1 && v <= 9007199254740992 && v === Math.floor(v)))
    throw new TypeError('tf-philox: internal argument is not a scratch handle');
  return v;
}

function num(args: unknown[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number') throw new TypeError('tf-philox: internal argument is not a number');
  return v;
}

function seatFrom(args: unknown[], at: number): Seat {
  const w = (i: number): number => u32(num(args, at + i));
  return { k0: w(0), k1: w(1), c: [w(2), w(3), w(4), w(5)] };
}

function doubles(v: unknown, name: string): Float64Array {
  if (!(v instanceof Float64Array)) throw new TypeError(`${name}: expected a Float64Array`);
  if (isDetached(v)) throw new TypeError(`${name}: detached`);
  return v.slice(); // a copy, as the native side takes one
}

export function createJsAddon(): Addon {
  let params: Float64Array | null = null;
  const held = new Map<number, ArrayBuffer>();
  let nextId = 1;
  const hold = (b: ArrayBuffer): Scratch => {
    const id = nextId++;
    held.set(id, b);
    return id as Scratch;
  };
  let paramWords: Uint32Array | null = null;

  const paramBlock = (): Float64Array => {
    if (!params) throw new Error('tf-philox: parameter block not registered');
    return params;
  };

  const specFrom = (p: Float64Array): FillSpec => {
    const w = paramWords as Uint32Array;
    const s: FillSpec = {
      dist: code(p[0], 4, 'dist'), dtype: dtypeCode(p[1]), k0: u32(p[2]), k1: u32(p[3]),
      c0: u32(p[4]), c1: u32(p[5]), c2: u32(p[6]), c3: u32(p[7]),
      loLo: 0, loHi: 0, rangeLo: 0, rangeHi: 0,
      affine: code(p[12], 2, 'affine'), a: p[13], b: p[14],
      aWords: [w[26], w[27]], bWords: [w[28], w[29]],
    };
    if (s.dist === 4) {
      s.loLo = u32(p[8]); s.loHi = u32(p[9]); s.rangeLo = u32(p[10]); s.rangeHi = u32(p[11]);
      if (s.rangeLo === 0 && s.rangeHi === 0) internalError('an empty int range'); // x mod 0
    }
    return s;
  };

  const fillJob = (spec: FillSpec, n: number): Job => ({
    units: groupCount(n, spec.dtype),
    bytes: n * elementSize(spec.dtype),
    es: elementSize(spec.dtype),
    run: (buf, off, u0, u1) => {
      fillGroups(spec, new Uint8Array(buf, off, n * elementSize(spec.dtype)), n, u0, u1);
      return true;
    },
    failure: 'sampling failed',
    unitBytes: groupSize(spec.dtype) * elementSize(spec.dtype),
  });

  // op(kind, out | done, parts, ...): the argument layout of binding/addon.cc's Op.
  const opJob = (args: unknown[]): Job => {
    const kind = code(num(args, 0), 4, 'op kind');
    switch (kind) {
      case 1:
      case 2: {
        const dt = dtypeCode(num(args, 3));
        const vals = doubles(args[10], kind === 1 ? 'alpha' : 'lam');
        const P = count(num(args, 11), 'P');
        if (P !== 0) checkBytes(vals.length, P * 8);
        const seat = seatFrom(args, 4);
        const units = vals.length * P;
        const es = elementSize(dt);
        return {
          units, bytes: units * es, es,
          run: kind === 1
            ? (buf, off, u0, u1) => { gammaFill(new Out(dt, buf, off, units), seat, vals, P, u0, u1); return true; }
            : (buf, off, u0, u1) => poissonFill(new Out(dt, buf, off, units), seat, vals, P, u0, u1),
          failure: kind === 1 ? 'sampling failed' : 'lam: a rate for which the sampler never terminates',
        };
      }
      case 3: {
        const pdt = dtypeCode(num(args, 3));
        const odt = dtypeCode(num(args, 4));
        const counts = doubles(args[11], 'counts');
        const probs = doubles(args[12], 'probs');
        if (counts.length !== probs.length) throw new RangeError('counts/probs: sizes differ');
        const spb = count(num(args, 13), 'samplesPerBatch');
        if (spb !== 0) checkBytes(counts.length, spb * 8);
        const seat = seatFrom(args, 5);
        const units = counts.length * spb;
        return {
          units, bytes: units * elementSize(odt), es: elementSize(odt),
          run: (buf, off, u0, u1) => binomialFill(pdt, new Out(odt, buf, off, units), seat, counts, probs, spb, u0, u1),
          failure: 'counts: a NaN count for which the sampler never terminates',
        };
      }
      case 4: {
        const ldt = dtypeCode(num(args, 3));
        const odt = dtypeCode(num(args, 4));
        const logits = doubles(args[11], 'logits');
        const B = count(num(args, 12), 'B'), C = count(num(args, 13), 'C'), S = count(num(args, 14), 'S');
        if (C !== 0) checkBytes(B, C * 8);
        if (S !== 0) checkBytes(B, S * 8);
        if (logits.length !== B * C) throw new RangeError('logits: size is not B*C');
        if (B * S !== 0 && C === 0) internalError('no classes');
        const threads = code(num(args, 15), 2 ** 20, 'intraOpThreads');
        const j: MultinomialJob = { seat: seatFrom(args, 5), ldt, logits, B, C, S, threads: Math.max(1, threads) };
        const bytes = B * S * elementSize(odt);
        const rowsPerStep = Math.max(1, Math.floor(65536 / Math.max(1, S + C)));
        const steps = (buf: ArrayBufferLike, off: number): Generator<void, void, void> =>
          multinomialRows(j, new Out(odt, buf, off, B * S), rowsPerStep);
        return {
          units: 1, bytes, es: elementSize(odt),
          run: (buf, off) => { for (const _ of steps(buf, off)) void _; return true; },
          failure: 'sampling failed',
          steps,
        };
      }
      default:
        throw new TypeError('tf-philox: unknown op');
    }
  };

  const callback = (done: unknown): Done => {
    if (typeof done !== 'function') throw new TypeError('tf-philox: internal callback is not a function');
    return done as Done;
  };

  // Starts an async job into `target` (binding/addon.cc run_to): allocates
  // now (a failure throws here, as natively), computes over later turns, then
  // calls done exactly once.
  const start = (job: Job, cb: Done, target: unknown): void => {
    let buf: ArrayBufferLike, off = 0;
    // the result and `from`: the bytes already copied into a streamed `out`
    let result: () => [ArrayBuffer | Scratch | null, number];
    let finish = (): void => undefined;
    let progress: ((u: number) => void) | undefined;
    if (target === undefined || target === null) {
      const b = newBuffer(job.bytes);
      buf = b;
      result = () => [b, 0];
    } else if (target === true) {
      const b = newBuffer(job.bytes);
      buf = b;
      result = () => [hold(b), 0];
    } else if (isTypedArray(target) && !isShared(outputBytes(target, job.bytes).buffer)) {
      // an ArrayBuffer-backed out (fills only): streamed like kStream natively.
      // Each slice is copied in as soon as it is computed, while `out` is still
      // attached and of its size; once it is not, nothing more is copied and
      // the rest is handed over (lib/ then rejects).
      const unitBytes = job.unitBytes;
      if (unitBytes === undefined) throw new TypeError('tf-philox: internal: this job cannot stream into an ArrayBuffer');
      const out = target;
      const b = newBuffer(job.bytes);
      buf = b;
      let copied = 0, live = true;
      progress = (u) => {
        if (!live) return;
        if (isDetached(out) || out.byteLength !== job.bytes) {
          live = false;
          return;
        }
        const e = Math.min(job.bytes, u * unitBytes);
        new Uint8Array(out.buffer, out.byteOffset, job.bytes).set(new Uint8Array(b, copied, e - copied), copied);
        copied = e;
      };
      result = () => (copied === job.bytes ? [null, 0] : [hold(b), copied]);
    } else if (isTypedArray(target)) {
      const bytes = outputBytes(target, job.bytes);
      result = () => [null, 0];
      if (bytes.byteOffset % job.es === 0) {
        buf = bytes.buffer; off = bytes.byteOffset;
      } else {
        // an unaligned view: compute aside, then copy the bytes
        const b = newBuffer(job.bytes);
        buf = b;
        finish = () => bytes.set(new Uint8Array(b));
      }
    } else {
      throw new TypeError('tf-philox: internal async target is not valid');
    }
    tick()
      .then(() => runAsync(job, buf, off, progress))
      .then(() => { finish(); cb(null, ...result()); }, (e: unknown) => cb(e instanceof Error ? e : new Error(String(e)), null, 0));
  };

  return {
    setParamBlock(block: Float64Array): void {
      if (!(block instanceof Float64Array) || block.length < PARAM_SLOTS)
        throw new TypeError('setParamBlock: expected a Float64Array of 17 slots');
      params = block;
      paramWords = new Uint32Array(block.buffer, block.byteOffset, 2 * PARAM_SLOTS);
    },

    fill(out: ArrayBufferView): void {
      const spec = specFrom(paramBlock());
      if (!isTypedArray(out)) throw new TypeError('out: expected a TypedArray');
      const es = elementSize(spec.dtype);
      const n = Math.floor(out.byteLength / es);
      const bytes = outputBytes(out, n * es);
      fillGroups(spec, bytes, n, 0, groupCount(n, spec.dtype));
    },

    fillAsync(done: Done, target?: AsyncTarget): void {
      const p = paramBlock();
      const spec = specFrom(p); // a snapshot: lib/ rewrites the block for the next call
      const n = count(p[15], 'n');
      count(p[16], 'parts'); // threadpool parts: no meaning here
      checkBytes(n, elementSize(spec.dtype));
      start(fillJob(spec, n), callback(done), target);
    },

    op(kind: number, out: ArrayBufferView | Done, parts: number, ...rest: (number | Float64Array)[]): void {
      const args: unknown[] = [kind, out, parts, ...rest];
      for (const a of args) if (a === undefined) throw new TypeError('tf-philox: internal argument missing');
      const job = opJob(args);
      if (typeof out === 'function') {
        count(num(args, 2), 'parts');
        start(job, out, null);
        return;
      }
      const bytes = outputBytes(out, job.bytes);
      if (bytes.byteOffset % job.es === 0) {
        if (!job.run(bytes.buffer, bytes.byteOffset, 0, job.units)) throw new RangeError(job.failure);
        return;
      }
      // an unaligned `out`: compute aside, then copy the bytes
      const tmp = new ArrayBuffer(job.bytes);
      const ok = job.run(tmp, 0, 0, job.units);
      bytes.set(new Uint8Array(tmp));
      if (!ok) throw new RangeError(job.failure);
    },

    opAsync(kind: number, done: Done, target: AsyncTarget, parts: number, ...rest: (number | Float64Array)[]): void {
      const cb = callback(done);
      const args: unknown[] = [kind, done, parts, ...rest]; // op's layout, without `target`
      for (const a of args) if (a === undefined) throw new TypeError('tf-philox: internal argument missing');
      const job = opJob(args);
      count(num(args, 2), 'parts');
      start(job, cb, target);
    },

    copyOut(scratch: Scratch, out: ArrayBufferView, from: number, to: number): void {
      const buf = held.get(heldId(scratch));
      if (!buf) throw new Error('tf-philox: the scratch handle was released');
      const bytes = outputBytes(out, buf.byteLength); // attached, exactly the result's size
      const es = elementBytes(out);
      const n = Math.floor(buf.byteLength / es);
      const i = elementIndex(from), j = elementIndex(to);
      if (i > j || j > n) internalError('a copy range');
      bytes.set(new Uint8Array(buf, i * es, (j - i) * es), i * es);
    },

    release(scratch: Scratch): void {
      held.delete(heldId(scratch));
    },

    terminates(kind: number, dtype: number, x: number, y: number): boolean {
      const args = [kind, dtype, x, y];
      const k = code(num(args, 0), 4, 'op kind');
      const dt = dtypeCode(num(args, 1));
      num(args, 2); num(args, 3);
      return k === 2 ? poissonRateTerminates(dt, x) : binomialTerminates(x, y);
    },

    block(k0: number, k1: number, c0: number, c1: number, c2: number, c3: number): Uint32Array {
      const s = seatFrom([k0, k1, c0, c1, c2, c3], 0);
      const w = new Int32Array(4);
      philoxBlock(s.k0, s.k1, s.c[0], s.c[1], s.c[2], s.c[3], w, 0);
      return new Uint32Array(w.buffer);
    },

    // no pool here: every result is an ordinary ArrayBuffer
    allocate(bytes: number): ArrayBuffer | undefined {
      count(num([bytes], 0), 'bytes');
      return undefined;
    },
    dispose: (): boolean => false,
    adviseHuge: (): void => undefined,
    poolStats: (): Float64Array => new Float64Array(3),

    selectKernel(name: string): boolean {
      if (typeof name !== 'string') throw new TypeError('kernel: expected a string');
      // one implementation: only its own name selects anything
      return name === 'js';
    },

    kernelName: () => 'js',
    kernels: () => ['js'],
    sourceHash: 'js',
    paramSlots: PARAM_SLOTS,
  };
}
