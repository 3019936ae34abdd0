// Array-like parameters (alpha, beta, lam, logits, counts, probs): a number,
// a rectangular nested array, a TypedArray (1-D) or a Tensor, read into
// doubles with a shape and the dtype TF would give them.
import { DType } from './dtype';
import { Tensor, checkTensor } from './tensor';
import { describe, isDetached, isTypedArrayTag, lengthOf, rangeError, typeError } from './validate';

export interface Values {
  values: number[];
  shape: number[];
  /** The dtype of a Tensor argument; null for JS numbers/arrays (TF converts those). */
  dtype: DType | null;
}

const TAG_DTYPE: Record<string, DType> = {
  Float32Array: 'float32', Float64Array: 'float64', Int32Array: 'int32', Uint32Array: 'uint32',
};

export function readValues(fn: string, arg: string, v: unknown): Values {
  if (v instanceof Tensor) {
    checkTensor(fn, arg, v);
    if (v.dtype === 'int64' || v.dtype === 'uint64')
      return { values: Array.from(v.data as BigInt64Array, Number), shape: [...v.shape], dtype: v.dtype };
    const values: number[] = [];
    for (let i = 0; i < v.size; i++) values.push(v.at(i) as number);
    return { values, shape: [...v.shape], dtype: v.dtype };
  }
  if (typeof v === 'number') return { values: [v], shape: [], dtype: null };
  const tag = isTypedArrayTag(v);
  if (tag) {
    if (!Object.prototype.hasOwnProperty.call(TAG_DTYPE, tag)) throw typeError(fn, arg, `cannot be a ${tag}; use a Float64Array, Float32Array, Int32Array, Uint32Array, array or Tensor`);
    const a = v as Float64Array;
    if (isDetached(a)) throw typeError(fn, arg, 'is detached (its buffer was transferred)');
    const n = lengthOf(a);
    const values = new Array<number>(n);
    for (let i = 0; i < n; i++) values[i] = a[i];
    return { values, shape: [n], dtype: TAG_DTYPE[tag] };
  }
  if (!Array.isArray(v)) throw typeError(fn, arg, `must be a number, an array of numbers or a Tensor, got ${describe(v)}`);
  const shape: number[] = [];
  for (let x: unknown = v; Array.isArray(x); x = x[0]) shape.push(x.length);
  const values: number[] = [];
  const walk = (x: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof x !== 'number') throw typeError(fn, `${arg}${path}`, `must be a number, got ${describe(x)}`);
      values.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[axis])
      throw rangeError(fn, `${arg}${path}`, `is not rectangular: expected an array of ${shape[axis]}`);
    for (let i = 0; i < x.length; i++) walk(x[i], axis + 1, `${path}[${i}]`);
  };
  walk(v, 0, '');
  return { values, shape, dtype: null };
}

/** numpy broadcasting of two shapes. */
export function broadcastShapes(fn: string, a: number[], b: number[], an = 'a', bn = 'b'): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw rangeError(fn, `${an}/${bn}`, `shapes [${a}] and [${b}] cannot be broadcast together`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** values of shape `from` broadcast to shape `to` (row-major). */
export function broadcastTo(values: number[], from: number[], to: number[]): number[] {
  const n = to.reduce((p, d) => p * d, 1);
  if (from.length === to.length && from.every((d, i) => d === to[i])) return values.slice();
  const out = new Array<number>(n);
  const off = to.length - from.length;
  const fromStrides: number[] = [];
  for (let i = from.length - 1, s = 1; i >= 0; i--) { fromStrides[i] = s; s *= from[i]; }
  for (let i = 0; i < n; i++) {
    let rem = i, src = 0;
    for (let ax = to.length - 1; ax >= 0; ax--) {
      const idx = rem % to[ax];
      rem = Math.floor(rem / to[ax]);
      const fa = ax - off;
      if (fa >= 0 && from[fa] !== 1) src += idx * fromStrides[fa];
    }
    out[i] = values[src];
  }
  return out;
}
