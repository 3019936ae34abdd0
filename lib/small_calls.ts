// The common small calls without options: uniform(shape), normal(shape),
// statelessUniform(shape, seed), statelessNormal(shape, seed) with at most
// TINY_MAX float32 elements. They compute exactly what the general path does
// (same kernel, same reservation, same fill, same affine step), without
// building the option, spec and draw objects that cost more than the Philox
// blocks themselves. Anything unusual returns null before any state moves,
// and the caller takes the general path, which validates and reports.
import { Affine, Dist, tinyEnabled } from './engine';
import { checkReplay, kernelFor } from './function';
import { Tensor, makeTensor } from './tensor';
import { TINY_MAX, tinyFill, tinyStatelessFill } from './tiny';

const TWO32 = 2 ** 32;

// TF's kernel signatures (op type : dtype attr) of the stateful fast paths.
const UNIFORM_SIG = 'RandomUniform:float32';
const NORMAL_SIG = 'RandomStandardNormal:float32';

/**
 * A copy of shape when it is a plain array of positive integers whose
 * product is at most TINY_MAX, else null. Each element is read once.
 */
function tinyShape(shape: unknown): number[] | null {
  if (!Array.isArray(shape) || shape.length > TINY_MAX) return null;
  const copy: number[] = [];
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number' || !(d >= 1 && d <= TINY_MAX) || d % 1 !== 0) return null;
    n *= d;
    copy.push(d);
  }
  return n <= TINY_MAX ? copy : null;
}

function count(shape: number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** uniform(shape) / normal(shape) with no options, or null. */
export function smallStateful(dist: Dist.Uniform | Dist.Normal, shapeArg: unknown): Tensor<'float32'> | null {
  if (!tinyEnabled) return null;
  const shape = tinyShape(shapeArg);
  if (shape === null) return null;
  const n = count(shape);
  const sig = dist === Dist.Uniform ? UNIFORM_SIG : NORMAL_SIG;
  checkReplay(sig, null);
  const k = kernelFor(sig, null);
  const pos = k.reservePosition(n * 256);
  const out = new Float32Array(n);
  // the default uniform is the raw sample; normal is (rnd * 1) + 0 in float32
  if (dist === Dist.Uniform) tinyFill(dist, Affine.None, 0, 0, k.k0, k.k1, pos >>> 0, Math.floor(pos / TWO32), k.c2, k.c3, out);
  else tinyFill(dist, Affine.MulAdd, 1, 0, k.k0, k.k1, pos >>> 0, Math.floor(pos / TWO32), k.c2, k.c3, out);
  return makeTensor(out, shape, 'float32');
}

/**
 * statelessUniform(shape, seed) / statelessNormal(shape, seed) with no
 * options and seed a plain array of two safe integers (int64 seeds), or null.
 */
export function smallStateless(dist: Dist.Uniform | Dist.Normal, shapeArg: unknown, seed: unknown): Tensor<'float32'> | null {
  if (!tinyEnabled || !Array.isArray(seed) || seed.length !== 2) return null;
  const s0: unknown = seed[0], s1: unknown = seed[1];
  if (!Number.isSafeInteger(s0) || !Number.isSafeInteger(s1)) return null;
  const shape = tinyShape(shapeArg);
  if (shape === null) return null;
  const n = count(shape);
  const a = s0 as number, b = s1 as number;
  const out = new Float32Array(n);
  // both are (rnd * (hi - lo)) + lo, resp. (rnd * stddev) + mean, with 1 and 0;
  // the seed words are each value's two's complement (lo, hi)
  tinyStatelessFill(dist, Affine.MulAdd, 1, 0, a >>> 0, Math.floor(a / TWO32) >>> 0, b >>> 0, Math.floor(b / TWO32) >>> 0, out);
  return makeTensor(out, shape, 'float32');
}
