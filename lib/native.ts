// Loads the native addon (prebuilds/<platform>-<arch>/ or build/Release via
// node-gyp-build) and gives it a typed face. Everything passed down is
// already validated: plain numbers, Float64Arrays and the caller's buffers.
import * as path from 'path';

export interface Addon {
  setParamBlock(block: Float64Array): void;
  fill(out: ArrayBufferView): void;
  fillAsync(): Promise<ArrayBuffer>;
  op(kind: number, out: ArrayBufferView | null, parts: number, ...args: (number | Float64Array)[]): undefined | Promise<ArrayBuffer>;
  terminates(kind: number, dtype: number, x: number, y: number): boolean;
  block(k0: number, k1: number, c0: number, c1: number, c2: number, c3: number): Uint32Array;
  allocate(bytes: number): ArrayBuffer;
  selectKernel(name: string): boolean;
  kernelName(): string;
  kernels(): string[];
  sourceHash: string;
  paramSlots: number;
}

const root = path.join(__dirname, '..');

function load(): Addon {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const addon = require('node-gyp-build')(root) as Addon;
  return addon;
}

export const addon: Addon = load();

// The parameter block (binding/addon.cc lists the slots).
export const params = new Float64Array(addon.paramSlots);
addon.setParamBlock(params);

export const P = {
  dist: 0, dtype: 1, k0: 2, k1: 3, c0: 4, c1: 5, c2: 6, c3: 7,
  loLo: 8, loHi: 9, rangeLo: 10, rangeHi: 11, affine: 12, a: 13, b: 14, n: 15, parts: 16,
} as const;

export const OP = { gamma: 1, poisson: 2, binomial: 3, multinomial: 4 } as const;
