// Loads the native addon (prebuilds/<platform>-<arch>/ or build/Release via
// node-gyp-build) and gives it a typed face. Everything passed down is
// already validated: plain numbers, Float64Arrays and the caller's buffers.
import * as path from 'path';

/** A held async result (target `true`): the id of memory the addon owns, read with copyOut, given back with release. */
export type Scratch = number & { readonly __tfPhiloxScratch?: never };

/** `from`: for a streamed fill handing its rest over as a Scratch, the byte offset where copying continues (else 0). */
export type Done = (err: Error | null, result: ArrayBuffer | Scratch | null, from: number) => void;

/**
 * Where an async call writes: null (a fresh ArrayBuffer, the result),
 * `true` (held scratch; the result is a Scratch handle), or a TypedArray of
 * exactly the output's byte length (the result is null): backed by a
 * SharedArrayBuffer, written in place by the threadpool; by an ArrayBuffer
 * (fills only), copied in by the main thread chunk by chunk as the
 * threadpool completes them.
 */
export type AsyncTarget = null | true | ArrayBufferView;

export interface Addon {
  setParamBlock(block: Float64Array): void;
  fill(out: ArrayBufferView): void;
  /** Runs the parameter block's fill on the threadpool into `target`; calls done once (not if the environment goes away). */
  fillAsync(done: Done, target?: AsyncTarget): void;
  /** With `out`: runs synchronously into it. With a callback: on the threadpool into a fresh ArrayBuffer. */
  op(kind: number, out: ArrayBufferView | Done, parts: number, ...args: (number | Float64Array)[]): void;
  /** op's async form with a target (the argument layout of op, `target` inserted after `done`). */
  opAsync(kind: number, done: Done, target: AsyncTarget, parts: number, ...args: (number | Float64Array)[]): void;
  /** Copies elements [from, to) of a held result into the same elements of `out` (attached, exactly its size). */
  copyOut(scratch: Scratch, out: ArrayBufferView, from: number, to: number): void;
  /** Gives a held result's memory back; copyOut with it throws from then on. Idempotent. */
  release(scratch: Scratch): void;
  terminates(kind: number, dtype: number, x: number, y: number): boolean;
  block(k0: number, k1: number, c0: number, c1: number, c2: number, c3: number): Uint32Array;
  /** A buffer lent by the addon's pool for a large result, or undefined: allocate it in JS. */
  allocate(bytes: number): ArrayBuffer | undefined;
  /** If `buffer` is a lent result's: detaches it, its memory back in the pool now; true. Else false. */
  dispose(buffer: ArrayBuffer): boolean;
  /** Huge pages for a large JS-allocated result, before it is first written (advice only). */
  adviseHuge(buffer: ArrayBuffer): void;
  /** [bytes on loan, bytes idle, loans] of this thread's result pool (tests, bench). */
  poolStats(): Float64Array;
  selectKernel(name: string): boolean;
  kernelName(): string;
  kernels(): string[];
  sourceHash: string;
  paramSlots: number;
  /** The interface of binding/addon.cc this lib/ speaks (BINDING_VERSION). */
  bindingVersion?: number;
}

const BINDING_VERSION = 6;

const root = path.join(__dirname, '..');

function loadNative(): Addon {
  // TF_PHILOX_ADDON=/path/to/tf_philox.node loads that binary instead (the
  // sanitizer builds of scripts/asan.js; debugging).
  const explicit = process.env.TF_PHILOX_ADDON;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const addon = (explicit ? require(path.resolve(explicit)) : require('node-gyp-build')(root)) as Addon;
  // a stale binary (an old prebuild) would load but never settle async calls
  if (addon.bindingVersion !== BINDING_VERSION)
    throw new Error(`tf-philox: the native binary speaks binding interface v${addon.bindingVersion ?? 1}, ` +
      `this lib/ needs v${BINDING_VERSION}: rebuild it (npm run build:native, npm run prebuilds)`);
  return addon;
}

// The pure-TypeScript implementation of the same interface (lib/js/), loaded
// only when used.
function loadJs(): Addon {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (require('./js/addon') as typeof import('./js/addon')).createJsAddon();
}

/** Which implementation runs: 'native' (the addon) or 'js' (lib/js/, bit-identical, slower). */
export type Backend = 'native' | 'js';

// env TF_PHILOX_BACKEND: 'js' forces the TypeScript backend, 'native' requires
// the addon (a load failure throws); unset or empty: the addon, or the
// TypeScript backend when no native binary loads (no prebuild, no compiler,
// another runtime). A binary that exists but fails to load is worth a warning;
// having none is the fallback's normal case.
function load(): { addon: Addon; backend: Backend } {
  const want = process.env.TF_PHILOX_BACKEND ?? '';
  if (want !== '' && want !== 'js' && want !== 'native')
    throw new Error(`tf-philox: TF_PHILOX_BACKEND must be 'native' or 'js', got '${want}'`);
  if (want === 'js') return { addon: loadJs(), backend: 'js' };
  try {
    return { addon: loadNative(), backend: 'native' };
  } catch (e) {
    if (want === 'native') throw e;
    const why = String((e as Error)?.message ?? e).split('\n')[0];
    if (!/^No native build was found/.test(why))
      process.emitWarning(`the native addon did not load (${why}); using the TypeScript backend`, { code: 'TF_PHILOX_JS_BACKEND' });
    return { addon: loadJs(), backend: 'js' };
  }
}

const loaded = load();
export const addon: Addon = loaded.addon;
export const backend: Backend = loaded.backend;

// The parameter block (binding/addon.cc lists the slots).
export const params = new Float64Array(addon.paramSlots);
addon.setParamBlock(params);

export const P = {
  dist: 0, dtype: 1, k0: 2, k1: 3, c0: 4, c1: 5, c2: 6, c3: 7,
  loLo: 8, loHi: 9, rangeLo: 10, rangeHi: 11, affine: 12, a: 13, b: 14, n: 15, parts: 16,
} as const;

export const OP = { gamma: 1, poisson: 2, binomial: 3, multinomial: 4 } as const;
