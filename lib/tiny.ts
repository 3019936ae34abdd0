// Tiny float32 fills computed in JS: below about eight values, crossing into
// the addon costs more than the Philox blocks themselves. Bit-identical to
// the native core (the lib/js backend's Philox and glibc-exact Box-Muller);
// test/tiny.test.js compares the two on every path this takes.
import { Affine, Dist } from './engine';
import { fastKeyedBlock, fastPhiloxBlock as philoxBlock } from './js/philox_wasm';
import { boxMullerF32 } from './js/mathf';
import { SCRAMBLE_KEY } from './key_counter';

export const TINY_MAX = 8;

// words[0..4): the stateless scramble (key, counter words); words[4..8): a block
const words = new Int32Array(8);
const pair = new Float32Array(2);
const TWO32 = 2 ** 32;

/** out[base..base+4) (as far as out goes) from the block in words[4..8) by dist Uniform or Normal. */
function convert(dist: Dist, base: number, out: Float32Array): void {
  const m = Math.min(4, out.length - base);
  if (dist === Dist.Uniform) {
    for (let j = 0; j < m; j++) out[base + j] = (words[4 + j] & 0x7fffff) * 1.1920928955078125e-7;
  } else {
    for (let j = 0; j < m; j += 2) {
      boxMullerF32(words[4 + j], words[5 + j], pair, 0);
      out[base + j] = pair[0];
      if (j + 1 < m) out[base + j + 1] = pair[1];
    }
  }
}

/** The affine step in float32: x * a, or (x * a) + b. */
function affineStep(affine: Affine, a: number, b: number, out: Float32Array): void {
  const n = out.length;
  if (affine === Affine.Mul) for (let i = 0; i < n; i++) out[i] = out[i] * a;
  else if (affine === Affine.MulAdd) for (let i = 0; i < n; i++) out[i] = Math.fround(out[i] * a) + b;
}

/**
 * Fills out (n <= TINY_MAX float32 elements) with dist Uniform or Normal from
 * block counter (c0..c3) + g for group g, then the affine step in float32.
 */
export function tinyFill(dist: Dist, affine: Affine, a: number, b: number,
  k0: number, k1: number, c0: number, c1: number, c2: number, c3: number, out: Float32Array): void {
  for (let g = 0; g * 4 < out.length; g++) {
    // counter + g as a 128-bit add (g < 2)
    let d0 = c0 + g, d1 = c1, d2 = c2, d3 = c3;
    if (d0 >= TWO32) {
      d0 -= TWO32;
      if (++d1 === TWO32) { d1 = 0; if (++d2 === TWO32) { d2 = 0; d3 = (d3 + 1) % TWO32; } }
    }
    philoxBlock(k0, k1, d0, d1, d2, d3, words, 4);
    convert(dist, g * 4, out);
  }
  affineStep(affine, a, b, out);
}

/**
 * tinyFill for a stateless seed given as its four words (lo s0, hi s0, lo s1,
 * hi s1): the scramble and the first block in one call (fastKeyedBlock); the
 * key is (m0, m1) and the counter (g, 0, m2, m3) for group g.
 */
export function tinyStatelessFill(dist: Dist, affine: Affine, a: number, b: number,
  s0lo: number, s0hi: number, s1lo: number, s1hi: number, out: Float32Array): void {
  fastKeyedBlock(SCRAMBLE_KEY[0], SCRAMBLE_KEY[1], s0lo, s0hi, s1lo, s1hi, words, 0);
  convert(dist, 0, out);
  if (out.length > 4) {
    philoxBlock(words[0], words[1], 1, 0, words[2], words[3], words, 4);
    convert(dist, 4, out);
  }
  affineStep(affine, a, b, out);
}
