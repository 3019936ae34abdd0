// The dtypes tf-philox speaks, their TypedArrays, and the codes the native
// core uses for them (cpp/fill.h: DType).

export type DType = 'float16' | 'bfloat16' | 'float32' | 'float64' | 'int32' | 'int64' | 'uint32' | 'uint64';
export type FloatDType = 'float16' | 'bfloat16' | 'float32' | 'float64';
export type IntDType = 'int32' | 'int64' | 'uint32' | 'uint64';

export type TypedArrayOf<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : D extends 'uint32'
        ? Uint32Array
        : D extends 'int64'
          ? BigInt64Array
          : D extends 'uint64'
            ? BigUint64Array
            : Uint16Array;

export type AnyTypedArray =
  | Float32Array | Float64Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Uint16Array;

interface DTypeInfo {
  code: number;  // cpp/fill.h DType
  bytes: number;
  ctor: { new (n: number): AnyTypedArray; new (b: ArrayBufferLike, off: number, len: number): AnyTypedArray; name: string };
  /** ctor's name, the TypedArray kind (read once: Function#name is an accessor) */
  kind: string;
  float: boolean;
  big: boolean;
}

export const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  float16: { code: 0, bytes: 2, ctor: Uint16Array as never, kind: 'Uint16Array', float: true, big: false },
  bfloat16: { code: 1, bytes: 2, ctor: Uint16Array as never, kind: 'Uint16Array', float: true, big: false },
  float32: { code: 2, bytes: 4, ctor: Float32Array as never, kind: 'Float32Array', float: true, big: false },
  float64: { code: 3, bytes: 8, ctor: Float64Array as never, kind: 'Float64Array', float: true, big: false },
  int32: { code: 4, bytes: 4, ctor: Int32Array as never, kind: 'Int32Array', float: false, big: false },
  int64: { code: 5, bytes: 8, ctor: BigInt64Array as never, kind: 'BigInt64Array', float: false, big: true },
  uint32: { code: 6, bytes: 4, ctor: Uint32Array as never, kind: 'Uint32Array', float: false, big: false },
  uint64: { code: 7, bytes: 8, ctor: BigUint64Array as never, kind: 'BigUint64Array', float: false, big: true },
};

export const ALL_DTYPES = Object.keys(DTYPES) as DType[];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, x);
}

/** A new zeroed TypedArray for n elements of dtype. */
export function allocate<D extends DType>(dtype: D, n: number): TypedArrayOf<D> {
  return new DTYPES[dtype].ctor(n) as TypedArrayOf<D>;
}

/** A TypedArray of dtype over an existing buffer. */
export function view<D extends DType>(dtype: D, buf: ArrayBufferLike, offset: number, n: number): TypedArrayOf<D> {
  return new DTYPES[dtype].ctor(buf, offset, n) as TypedArrayOf<D>;
}
