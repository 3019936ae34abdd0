// The result of every sampling call: shape, dtype and a row-major TypedArray
// (float16/bfloat16 as Uint16Array of raw bits), printed like TF eager.
import { inspect } from 'util';
import { DType, DTYPES, TypedArrayOf, isDType } from './dtype';
import { bfloat16ToFloat, halfToFloat } from './half';
import { numpyStr, shapeStr } from './format';
import { addon } from './native';
import { bufferOf, checkShape, describe, isDetached, lengthOf, rangeError, typeError, typedArrayKind } from './validate';

/**
 * Throws unless `data` is an attached TypedArray of dtype's kind holding
 * product(shape) elements: a Tensor built or altered by hand is checked
 * before any op reads it (no state moves for a bad one).
 */
export function checkTensorParts(fn: string, arg: string, data: unknown, shape: unknown, dtype: unknown): number[] {
  const field = (f: string): string => (arg ? `${arg}.${f}` : f);
  if (!isDType(dtype)) throw typeError(fn, field('dtype'), `must be one of ${Object.keys(DTYPES).join(', ')}, got ${describe(dtype)}`);
  const want = DTYPES[dtype].kind;
  if (typedArrayKind(data) !== want)
    throw typeError(fn, field('data'), `must be a ${want} for dtype ${dtype}, got ${describe(data)}`);
  if (isDetached(data as ArrayBufferView)) throw typeError(fn, field('data'), 'is detached (its buffer was transferred)');
  const { shape: s, n } = checkShape(fn, shape, field('shape'));
  const len = lengthOf(data as ArrayBufferView);
  if (len !== n) throw rangeError(fn, field('shape'), `[${s}] needs ${n} elements but data has ${len}`);
  return s;
}

/** checkTensorParts for an existing Tensor (its fields may have been replaced). */
export function checkTensor(fn: string, arg: string, t: Tensor): void {
  checkTensorParts(fn, arg, t.data, t.shape, t.dtype);
}

let trusted = false;

/**
 * A Tensor over parts tf-philox has just made and checked itself (a fresh
 * shape array, data of the right kind and length): skips the constructor's
 * validation, which costs more than a small sampling call.
 */
export function makeTensor<D extends DType>(data: TypedArrayOf<D>, shape: number[], dtype: D): Tensor<D> {
  // the trusted constructor only assigns fields, so it cannot throw and leave the flag set
  trusted = true;
  const t = new Tensor(data, shape, dtype);
  trusted = false;
  return t;
}

export type NestedArray<T> = T | NestedArray<T>[];

export class Tensor<D extends DType = DType> {
  readonly shape: number[];
  readonly dtype: D;
  readonly data: TypedArrayOf<D>;

  constructor(data: TypedArrayOf<D>, shape: readonly number[], dtype: D) {
    if (trusted) {
      // built by tf-philox itself from validated parts (makeTensor)
      this.data = data;
      this.shape = shape as number[];
      this.dtype = dtype;
      return;
    }
    const s = checkTensorParts('Tensor', '', data, shape, dtype);
    this.data = data;
    this.shape = Object.freeze(s) as number[];
    this.dtype = dtype;
  }

  /** Number of elements (of its shape: a disposed tensor keeps it). */
  get size(): number {
    const len = this.data.length; // 0 once disposed: then the shape says
    if (len > 0) return len;
    let n = 1;
    for (const d of this.shape) n *= d;
    return n;
  }

  /**
   * Gives a large result's memory back to tf-philox at once, for the next
   * result to reuse, instead of once the garbage collector has collected
   * it (a call or two later in a loop). Only results of 4 MiB or more
   * that tf-philox allocated itself are affected: their buffer is detached
   * (every view of it then has length 0) and this Tensor is unusable; the
   * return value is true. Any other Tensor (small, or over a caller's `out`)
   * is left as it is: false.
   */
  dispose(): boolean {
    return disposeView(this.data);
  }

  /** Whether its data is gone: dispose() took it (or its buffer was transferred). */
  get isDisposed(): boolean {
    return this.size > 0 && isDetached(this.data);
  }

  /** Element i (row-major) as a JS value: halves decoded to numbers, 64-bit ints as bigint. */
  at(i: number): number | bigint {
    const v = this.data[i] as number | bigint | undefined;
    if (v === undefined) this.checkLive(); // disposed reads as out of range: say why
    return this.decode(v as number | bigint);
  }

  /** Nested JS arrays (a scalar for shape []), like numpy's tolist(). */
  toArray(): NestedArray<number | bigint> {
    this.checkLive();
    const rec = (axis: number, base: number, stride: number): NestedArray<number | bigint> => {
      if (axis === this.shape.length) return this.value(base);
      const len = this.shape[axis];
      const inner = stride / (len || 1);
      const out: NestedArray<number | bigint>[] = [];
      for (let i = 0; i < len; i++) out.push(rec(axis + 1, base + i * inner, inner));
      return out;
    };
    return rec(0, 0, this.data.length);
  }

  toString(): string {
    if (this.isDisposed) return `tf.Tensor(<disposed>, shape=${shapeStr(this.shape)}, dtype=${this.dtype})`;
    return `tf.Tensor(${numpyStr((i) => this.value(i), this.shape, this.dtype)}, shape=${shapeStr(this.shape)}, dtype=${this.dtype})`;
  }

  private value(i: number): number | bigint {
    return this.decode(this.data[i] as number | bigint);
  }

  private decode(v: number | bigint): number | bigint {
    if (this.dtype === 'float16') return halfToFloat(v as number);
    if (this.dtype === 'bfloat16') return bfloat16ToFloat(v as number);
    return v;
  }

  private checkLive(): void {
    if (this.isDisposed) throw new TypeError('Tensor: its data is detached (disposed, or its buffer was transferred)');
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function disposeView(v: ArrayBufferView): boolean {
  return addon.dispose(bufferOf(v) as ArrayBuffer);
}

/**
 * Tensor.dispose() for a Tensor or a result's TypedArray (`t.data`): a large
 * result tf-philox allocated goes back to it at once and its buffer is
 * detached -> true; anything else is left as it is -> false.
 */
export function dispose(x: Tensor | ArrayBufferView): boolean {
  if (x instanceof Tensor) return x.dispose();
  if (typedArrayKind(x) === undefined) throw typeError('dispose', 'x', `must be a Tensor or a TypedArray, got ${describe(x)}`);
  return disposeView(x as ArrayBufferView);
}
