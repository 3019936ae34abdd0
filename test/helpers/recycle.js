'use strict';
// Run with --expose-gc: large fresh results come from the addon's pool and
// go back to it when collected. Checks that a recycled block never shows
// through: each result equals the same call made into a caller's buffer,
// and results kept alive keep their values while later results reuse the
// memory of dropped ones. Prints one JSON line.
const t = require('../..');

const N = 3 << 20; // 12 MiB of float32: pooled (>= 4 MiB)
const tick = () => new Promise((r) => setImmediate(r));
const same = (a, b) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

(async () => {
  let bad = 0, checked = 0;
  const kept = [];
  for (let i = 0; i < 12; i++) {
    const seed = [100 + i, 7];
    const async = i % 2 === 1;
    const r = async ? await t.statelessUniformAsync([N], seed) : t.statelessNormal([N], seed);
    const ref = new Float32Array(N);
    if (async) t.statelessUniform([N], seed, { out: ref });
    else t.statelessNormal([N], seed, { out: ref });
    if (!same(r.data, ref)) bad++;
    checked++;
    if (i % 3 === 0) kept.push({ r, copy: Float32Array.from(r.data) });
    // drop r unless kept, collect, let finalizers run: the next result may reuse its block
    globalThis.gc();
    await tick();
    await tick();
    for (const k of kept) { if (!same(k.r.data, k.copy)) bad++; checked++; }
  }
  process.stdout.write(JSON.stringify({ bad, checked, kept: kept.length }) + '\n');
})();
