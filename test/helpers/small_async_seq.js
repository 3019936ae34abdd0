'use strict';
// A sequence of small async calls (below, at and just above the sizes
// computed at call time), then the same sequence of sync calls after the
// same setSeed; prints the bits of every async result and how many differ
// from their sync twins, as one JSON line. test/small_async.test.js runs it
// with and without TF_PHILOX_ASYNC_INLINE=0 (every async fill on the threadpool).
const t = require('../..');

const bits = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
// around every limit of lib/engine.ts INLINE_MAX
const sizes = [0, 1, 7, 100, 512, 513, 1024, 1025, 4096, 4097, 1 << 13, (1 << 13) + 1, 1 << 14, (1 << 14) + 1];
const raw = (n) => ({ key: [n, 1], counter: [2, 0, 0, 0], dist: 'bits' });

// [name, async call, sync call] for n values
const calls = (n) => [
  ['uniform', () => t.uniformAsync([n]), () => t.uniform([n])],
  ['uniform f64 out', () => t.uniformAsync([n], { dtype: 'float64', out: new Float64Array(n) }), () => t.uniform([n], { dtype: 'float64' })],
  ['int', () => t.uniformAsync([n], { dtype: 'int32', minval: -5, maxval: 1000 }), () => t.uniform([n], { dtype: 'int32', minval: -5, maxval: 1000 })],
  ['normal', () => t.normalAsync([n], { seed: 4 }), () => t.normal([n], { seed: 4 })],
  ['truncated', () => t.truncatedNormalAsync([n], { mean: 2 }), () => t.truncatedNormal([n], { mean: 2 })],
  ['stateless normal bf16', () => t.statelessNormalAsync([n], [n, 9], { dtype: 'bfloat16' }), () => t.statelessNormal([n], [n, 9], { dtype: 'bfloat16' })],
  ['philox bits', () => t.philox.fillAsync(new Uint32Array(n), raw(n)).then((data) => ({ data })),
    () => ({ data: t.philox.fill(new Uint32Array(n), raw(n)) })],
];

(async () => {
  const rows = [];
  t.setSeed(3);
  for (const n of sizes) for (const [name, a] of calls(n)) rows.push([name, n, bits((await a()).data)]);
  t.setSeed(3);
  let i = 0, bad = 0;
  for (const n of sizes) for (const [, , s] of calls(n)) if (bits(s().data) !== rows[i++][2]) bad++;
  process.stdout.write(JSON.stringify({ rows, bad }) + '\n');
})();
