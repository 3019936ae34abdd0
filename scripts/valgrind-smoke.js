'use strict';
// A small tour of every native entry point, run under valgrind memcheck by
// scripts/valgrind.js (AVX2 tier: valgrind has no AVX-512). Exits non-zero
// if any value disagrees with the same call made before, so a run that
// valgrind perturbs shows too.
const assert = require('assert');
const t = require('..');

(async () => {
  const key = [0x12345678, 0x9abcdef0];
  const counter = [0xfffffffe, 0xffffffff, 0xffffffff, 0];
  const kinds = [
    [Float32Array, 'uniform'], [Float32Array, 'normal'], [Float64Array, 'truncatedNormal'],
    [Uint16Array, 'uniform', 'bfloat16'], [Uint16Array, 'normal', 'float16'],
    [Uint32Array, 'bits'], [BigUint64Array, 'bits'], [Int32Array, 'int'], [BigInt64Array, 'int'],
  ];
  for (const [Ctor, dist, dtype] of kinds) {
    for (const n of [1, 5, 67]) {
      const opts = { key, counter, dist, ...(dtype ? { dtype } : {}), ...(dist === 'int' ? { minval: -9, maxval: 1000 } : {}) };
      // an odd element offset inside a larger buffer
      const buf = new ArrayBuffer((n + 3) * Ctor.BYTES_PER_ELEMENT);
      const a = t.philox.fill(new Ctor(buf, Ctor.BYTES_PER_ELEMENT, n), opts);
      const b = await t.philox.fillAsync(new Ctor(n), opts);
      assert.deepStrictEqual(Array.from(a), Array.from(b), `${Ctor.name} ${dist}`);
    }
  }
  t.setSeed(7);
  const sync = [
    t.uniform([33]), t.normal([9], { dtype: 'float64' }), t.truncatedNormal([17], { dtype: 'float16' }),
    t.uniform([11], { dtype: 'int64', minval: -(2n ** 40n), maxval: 2n ** 40n }),
    t.gamma([5], [0.3, 1, 9], { beta: [2, 3, 4] }), t.poisson([7], [0.5, 20, 400], { dtype: 'int32' }),
    t.categorical([[0, 1, 2], [2, 1, 0]], 13), t.shuffle(Float64Array.from({ length: 50 }, (_, i) => i)),
  ];
  t.setSeed(7);
  const asyncs = await Promise.all([
    t.uniformAsync([33]), t.normalAsync([9], { dtype: 'float64' }), t.truncatedNormalAsync([17], { dtype: 'float16' }),
    t.uniformAsync([11], { dtype: 'int64', minval: -(2n ** 40n), maxval: 2n ** 40n }),
    t.gammaAsync([5], [0.3, 1, 9], { beta: [2, 3, 4] }), t.poissonAsync([7], [0.5, 20, 400], { dtype: 'int32' }),
    t.categoricalAsync([[0, 1, 2], [2, 1, 0]], 13),
  ]);
  asyncs.forEach((x, i) => assert.deepStrictEqual(Array.from(x.data), Array.from(sync[i].data), `op ${i}`));
  // a large fresh output (the addon's own allocation) and a detached out
  const big = await t.uniformAsync([1 << 20]);
  assert.strictEqual(big.data.length, 1 << 20);
  const out = new Float32Array(1 << 16);
  const p = t.normalAsync([1 << 16], { out });
  structuredClone(out.buffer, { transfer: [out.buffer] });
  await assert.rejects(p, TypeError);
  assert.strictEqual(t.philox.block(key, counter).length, 4);
  if (typeof t.statelessUniform === 'function') {
    const s = t.statelessNormal([19], [1, 2]);
    assert.deepStrictEqual(Array.from((await t.statelessNormalAsync([19], [1, 2])).data), Array.from(s.data));
  }
  if (typeof t.Generator === 'function') {
    const g = t.Generator.fromSeed(5);
    const a = g.uniform([21]);
    assert.strictEqual(a.data.length, 21);
    await g.normalAsync([21]);
  }
  console.log(`valgrind-smoke: ok (kernel ${t.kernel})`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
