'use strict';
// Prints the bits of a fixed sequence of small calls (and a few larger ones
// in between, which share the kernels): test/small_calls.test.js runs it with
// and without TF_PHILOX_TINY=0 and compares.
const t = require('../..');
const out = [];
const bits = (x) => Array.from(new Uint32Array(x.data.buffer, x.data.byteOffset, x.data.length));
const rec = (x) => out.push({ shape: x.shape, dtype: x.dtype, bits: bits(x) });
const shapes = [[], [1], [2], [3], [4], [5], [7], [8], [2, 4], [1, 1, 8], [2, 2, 2], [9], [0], [3, 0]];
for (const seed of [7, 123456789]) {
  t.setSeed(seed);
  for (const s of shapes) { rec(t.uniform(s)); rec(t.normal(s)); }
  rec(t.uniform([5], { seed: 3 }));
  for (const s of shapes) { rec(t.uniform(s)); rec(t.normal(s)); }
  const f = t.fn(() => [t.uniform([2]), t.normal([3]), t.uniform([8])]);
  for (let i = 0; i < 3; i++) f().forEach(rec);
}
const seeds = [[1, 2], [0, 0], [-1, -5], [2 ** 53 - 1, -(2 ** 53 - 1)], [-0, 0], [0xffffffff, 4294967296], [-2147483648, 2147483647]];
for (const seed of seeds) for (const s of shapes) { rec(t.statelessUniform(s, seed)); rec(t.statelessNormal(s, seed)); }
process.stdout.write(JSON.stringify(out));
