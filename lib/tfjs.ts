// tf-philox/tfjs: TensorFlow.js's random-op signatures with TensorFlow
// (Python) values. randomUniform(shape, minval, maxval, dtype, seed) gives
// what tf.random.uniform(shape, minval, maxval, dtype, seed=seed) gives in
// Python under the same global seed (setSeed), and so on. Results are
// tfjs Tensors when @tensorflow/tfjs-core is installed (an optional peer
// dependency; a backend must be registered, e.g. tfjs-backend-cpu or
// tfjs-node), else tf-philox Tensors.
import { Tensor } from './tensor';
import { uniform, normal, truncatedNormal as tn } from './ops';
import { typeError, describe } from './validate';

/** The subset of @tensorflow/tfjs-core we use. */
interface Tfjs {
  tensor(values: Float32Array | Int32Array | Uint8Array, shape: number[], dtype: string): unknown;
}

let tfjsModule: Tfjs | null | undefined;

function tfjs(): Tfjs | null {
  if (tfjsModule === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      tfjsModule = require('@tensorflow/tfjs-core') as Tfjs;
    } catch {
      tfjsModule = null;
    }
  }
  return tfjsModule;
}

/** Whether results are tfjs Tensors (i.e. @tensorflow/tfjs-core could be loaded). */
export function hasTfjs(): boolean {
  return tfjs() !== null;
}

/**
 * A tf-philox Tensor as a tfjs Tensor (same shape). tfjs holds float32 and
 * int32 only: float16/bfloat16 are widened exactly, float64 is rounded to
 * float32, and int64/uint32/uint64 must fit in int32 (else RangeError).
 */
export function toTfjs(t: Tensor): unknown {
  const tf = tfjs();
  if (!tf) throw new Error('toTfjs: @tensorflow/tfjs-core is not installed (npm install @tensorflow/tfjs-core)');
  if (!(t instanceof Tensor)) throw typeError('toTfjs', 'tensor', `must be a tf-philox Tensor, got ${describe(t)}`);
  switch (t.dtype) {
    case 'float32': return tf.tensor(t.data as Float32Array, [...t.shape], 'float32');
    case 'int32': return tf.tensor(t.data as Int32Array, [...t.shape], 'int32');
    case 'float64': return tf.tensor(Float32Array.from(t.data as Float64Array), [...t.shape], 'float32');
    case 'float16':
    case 'bfloat16': {
      const f = new Float32Array(t.size);
      for (let i = 0; i < f.length; i++) f[i] = t.at(i) as number;
      return tf.tensor(f, [...t.shape], 'float32');
    }
    default: {
      const d = new Int32Array(t.size);
      for (let i = 0; i < d.length; i++) {
        const v = Number(t.data[i]);
        if (v < -(2 ** 31) || v >= 2 ** 31) throw new RangeError(`toTfjs: element ${i} (${t.data[i]}) does not fit in tfjs int32`);
        d[i] = v;
      }
      return tf.tensor(d, [...t.shape], 'int32');
    }
  }
}

const wrap = (t: Tensor): unknown => (tfjs() ? toTfjs(t) : t);

export type TfjsDType = 'float32' | 'int32';
const seedOpt = (seed: number | undefined): { seed?: number } => (seed === undefined ? {} : { seed });

/** tf.randomUniform(shape, minval=0, maxval=1, dtype='float32', seed) */
export function randomUniform(shape: number[], minval: number = 0, maxval: number = 1, dtype: TfjsDType = 'float32', seed?: number): unknown {
  if (dtype !== 'float32' && dtype !== 'int32') throw typeError('randomUniform', 'dtype', `must be 'float32' or 'int32', got ${describe(dtype)}`);
  return wrap(uniform(shape, { minval, maxval, dtype, ...seedOpt(seed) }));
}

/** tf.randomUniformInt(shape, minval, maxval, seed): int32 in [minval, maxval) */
export function randomUniformInt(shape: number[], minval: number, maxval: number, seed?: number): unknown {
  return wrap(uniform(shape, { minval, maxval, dtype: 'int32', ...seedOpt(seed) }));
}

/** tf.randomNormal(shape, mean=0, stdDev=1, dtype='float32', seed) */
export function randomNormal(shape: number[], mean = 0, stdDev = 1, dtype: 'float32' = 'float32', seed?: number): unknown {
  if (dtype !== 'float32') throw typeError('randomNormal', 'dtype', `must be 'float32', got ${describe(dtype)}`);
  return wrap(normal(shape, { mean, stddev: stdDev, dtype, ...seedOpt(seed) }));
}

/** tf.randomStandardNormal(shape, dtype='float32', seed) */
export function randomStandardNormal(shape: number[], dtype: 'float32' = 'float32', seed?: number): unknown {
  return randomNormal(shape, 0, 1, dtype, seed);
}

/** tf.truncatedNormal(shape, mean=0, stdDev=1, dtype='float32', seed) */
export function truncatedNormal(shape: number[], mean = 0, stdDev = 1, dtype: 'float32' = 'float32', seed?: number): unknown {
  if (dtype !== 'float32') throw typeError('truncatedNormal', 'dtype', `must be 'float32', got ${describe(dtype)}`);
  return wrap(tn(shape, { mean, stddev: stdDev, dtype, ...seedOpt(seed) }));
}
