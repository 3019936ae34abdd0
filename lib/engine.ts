// Runs validated fills and ops in the native core, sync or on the libuv
// threadpool. Async results are computed into memory the addon owns; a
// caller's `out` is written only on the main thread, in chunks, each chunk
// only while `out` is still attached and of its original size.
import { availableParallelism } from 'os';
import { DType, DTYPES, AnyTypedArray, view } from './dtype';
import { addon, params, P } from './native';
import { isDetached } from './validate';

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

// Outputs at least this large come from the addon's allocator (huge pages):
// writing never-touched 4 KiB pages costs more than the sampling itself.
const NATIVE_ALLOC_BYTES = 1 << 22;

/** A fresh output of n elements. */
export function freshOutput(dtype: DType, n: number): AnyTypedArray {
  const bytes = n * DTYPES[dtype].bytes;
  if (bytes >= NATIVE_ALLOC_BYTES) return view(dtype, addon.allocate(bytes), 0, n);
  return new DTYPES[dtype].ctor(n);
}

export function fillSync(spec: FillSpec, out: AnyTypedArray): AnyTypedArray {
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

/** Caps the threadpool parts of one async call (benchmarks; 1 = single thread). */
export function setMaxParts(n: number): void {
  maxParts = Math.max(1, Math.floor(n));
}

export function partsFor(units: number, minPerPart: number): number {
  return Math.max(1, Math.min(maxParts, Math.floor(units / minPerPart)));
}

export async function fillAsync(spec: FillSpec, n: number, out: AnyTypedArray | null): Promise<AnyTypedArray> {
  setParams(spec);
  params[P.n] = n;
  params[P.parts] = partsFor(n, MIN_PER_PART[spec.dist]);
  const promise = addon.fillAsync();
  return deliver(await promise, spec.dtype, n, out);
}

export async function opAsync(
  kind: number, dtype: DType, n: number, out: AnyTypedArray | null, parts: number, args: (number | Float64Array)[],
): Promise<AnyTypedArray> {
  const promise = addon.op(kind, null, parts, ...args) as Promise<ArrayBuffer>;
  return deliver(await promise, dtype, n, out);
}

export function opSync(kind: number, out: AnyTypedArray, args: (number | Float64Array)[]): AnyTypedArray {
  addon.op(kind, out, 1, ...args);
  return out;
}

const CHUNK_BYTES = 8 << 20;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** The result buffer as the caller's `out` (copied in chunks while attached) or as a fresh array. */
async function deliver(buf: ArrayBuffer, dtype: DType, n: number, out: AnyTypedArray | null): Promise<AnyTypedArray> {
  const src = view(dtype, buf, 0, n);
  if (!out) return src;
  const per = Math.max(1, Math.floor(CHUNK_BYTES / DTYPES[dtype].bytes));
  for (let i = 0; i < n; i += per) {
    if (i > 0) await tick();
    if (isDetached(out) || out.length !== n)
      throw new TypeError('out: was detached or resized while the async call ran; nothing more was written');
    const end = Math.min(n, i + per);
    (out as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(src.subarray(i, end) as never, i);
  }
  return out;
}
