// The result of every sampling call: shape, dtype and a row-major TypedArray
// (float16/bfloat16 as Uint16Array of raw bits), printed like TF eager.
import { inspect } from 'util';
import { DType, TypedArrayOf } from './dtype';
import { bfloat16ToFloat, halfToFloat } from './half';
import { numpyStr, shapeStr } from './format';

export type NestedArray<T> = T | NestedArray<T>[];

export class Tensor<D extends DType = DType> {
  readonly shape: number[];
  readonly dtype: D;
  readonly data: TypedArrayOf<D>;

  constructor(data: TypedArrayOf<D>, shape: readonly number[], dtype: D) {
    this.data = data;
    this.shape = Object.freeze([...shape]) as number[];
    this.dtype = dtype;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Element i (row-major) as a JS value: halves decoded to numbers, 64-bit ints as bigint. */
  at(i: number): number | bigint {
    const v = this.data[i] as number | bigint;
    if (this.dtype === 'float16') return halfToFloat(v as number);
    if (this.dtype === 'bfloat16') return bfloat16ToFloat(v as number);
    return v;
  }

  /** Nested JS arrays (a scalar for shape []), like numpy's tolist(). */
  toArray(): NestedArray<number | bigint> {
    const rec = (axis: number, base: number, stride: number): NestedArray<number | bigint> => {
      if (axis === this.shape.length) return this.at(base);
      const len = this.shape[axis];
      const inner = stride / (len || 1);
      const out: NestedArray<number | bigint>[] = [];
      for (let i = 0; i < len; i++) out.push(rec(axis + 1, base + i * inner, inner));
      return out;
    };
    return rec(0, 0, this.data.length);
  }

  toString(): string {
    return `tf.Tensor(${numpyStr((i) => this.at(i), this.shape, this.dtype)}, shape=${shapeStr(this.shape)}, dtype=${this.dtype})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
