'use strict';
// A fixed mix of sync and async calls whose bytes are hashed: the same digest
// must come out of the main thread and of every worker_thread, run one at a
// time or all at once (test/concurrency.test.js).
const crypto = require('crypto');

async function workload(t, seed = 4321, n = 1 << 16) {
  const h = crypto.createHash('sha256');
  const add = (x) => {
    const d = x.data || x;
    h.update(Buffer.from(d.buffer, d.byteOffset, d.byteLength));
  };
  t.setSeed(seed);
  add(t.uniform([n]));
  add(t.normal([n], { dtype: 'float64', seed: 3 }));
  add(t.uniform([n], { dtype: 'int64', minval: -7, maxval: 2n ** 40n }));
  add(t.truncatedNormal([n], { dtype: 'float16' }));
  add(t.gamma([n >> 4], [0.5, 4], { beta: 2 }));
  add(t.poisson([n >> 4], [3, 40], { dtype: 'int32' }));
  add(t.categorical([[0, 1, 2, 3], [3, 2, 1, 0]], n >> 4, { intraOpThreads: 2 }));
  add(t.shuffle(Float32Array.from({ length: 1000 }, (_, i) => i)));
  const out = new Float32Array(n << 3);
  const all = await Promise.all([
    t.uniformAsync([n << 3], { out }),
    t.normalAsync([n << 2], { seed: 9 }),
    t.truncatedNormalAsync([n << 2], { dtype: 'float64' }),
    t.gammaAsync([n >> 3], 1.5),
    t.poissonAsync([n >> 3], 7, { dtype: 'int64' }),
    t.categoricalAsync([[1, 1, 1]], n >> 3, { intraOpThreads: 2 }),
    t.philox.fillAsync(new Uint32Array(n << 3), { key: [7, 8], counter: [0xffffff00, 0xffffffff, 0xffffffff, 0], dist: 'bits' }),
  ]);
  all.forEach(add);
  add(t.philox.fill(new BigInt64Array(n), { key: [1, 2], counter: [3, 4, 5, 6], dist: 'int', minval: -5n, maxval: 5n }));
  add(t.philox.block([1, 2], [3, 4, 5, 6]));
  if (typeof t.statelessUniform === 'function') {
    add(t.statelessUniform([n], [1, 2]));
    add(await t.statelessNormalAsync([n], [3, 4]));
  }
  if (typeof t.Generator === 'function') {
    const g = t.Generator.fromSeed(77);
    add(g.uniform([n]));
    add(await g.normalAsync([n]));
    add(g.state);
  }
  add(t.uniform([4]));
  return h.digest('hex');
}

module.exports = { workload };
