// Tiny float32 fills computed in JS: below about eight values, crossing into
// the addon costs more than the Philox blocks themselves. Bit-identical to
// the native core (the lib/js backend's Philox and glibc-exact Box-Muller);
// test/tiny.test.js compares the two on every path this takes.
import { Affine, Dist } from './engine';
import { fastPhiloxBlock as philoxBlock } from './js/philox_wasm';
import { boxMullerF32 } from './js/mathf';

export const TINY_MAX = 8;

const words = new Int32Array(4);
const pair = new Float32Array(2);
const TWO32 = 2 ** 32;

/**
 * Fills out (n <= TINY_MAX float32 elements) with dist Uniform or Normal from
 * block counter (c0..c3) + g for group g, then the affine step in float32.
 */
export function tinyFill(dist: Dist, affine: Affine, a: number, b: number,
  k0: number, k1: number, c0: number, c1: number, c2: number, c3: number, out: Float32Array): void {
  const n = out.length;
  for (let g = 0; g * 4 < n; g++) {
    // counter + g as a 128-bit add (g < 2)
    let d0 = c0 + g, d1 = c1, d2 = c2, d3 = c3;
    if (d0 >= TWO32) {
      d0 -= TWO32;
      if (++d1 === TWO32) { d1 = 0; if (++d2 === TWO32) { d2 = 0; d3 = (d3 + 1) % TWO32; } }
    }
    philoxBlock(k0, k1, d0, d1, d2, d3, words, 0);
    const base = g * 4;
    const m = Math.min(4, n - base);
    if (dist === Dist.Uniform) {
      for (let j = 0; j < m; j++) out[base + j] = (words[j] & 0x7fffff) * 1.1920928955078125e-7;
    } else {
      for (let j = 0; j < m; j += 2) {
        boxMullerF32(words[j], words[j + 1], pair, 0);
        out[base + j] = pair[0];
        if (j + 1 < m) out[base + j + 1] = pair[1];
      }
    }
  }
  if (affine === Affine.Mul) for (let i = 0; i < n; i++) out[i] = out[i] * a;
  else if (affine === Affine.MulAdd) for (let i = 0; i < n; i++) out[i] = Math.fround(out[i] * a) + b;
}
