'use strict';
// Run with --expose-gc. Disposed results go back to the pool at once; their
// ArrayBuffers' finalizers still run later (after gc and an event-loop turn)
// and must not give the block back a second time while a newer result is
// using it. Every result is compared with the same call into a caller's
// buffer, and results kept alive must keep their values. Prints one JSON line.
const t = require('../..');

const N = 3 << 20; // 12 MiB of float32: lent by the pool
const tick = () => new Promise((r) => setImmediate(r));
const same = (a, b) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
const want = (seed) => { const o = new Float32Array(N); t.statelessUniform([N], seed, { out: o }); return o; };

(async () => {
  let bad = 0, checked = 0, disposed = 0;
  const kept = [];
  for (let i = 0; i < 16; i++) {
    const seed = [300 + i, 1];
    const r = i % 4 === 1 ? await t.statelessUniformAsync([N], seed) : t.statelessUniform([N], seed);
    if (!same(r.data, want(seed))) bad++;
    checked++;
    if (i % 3 === 0) kept.push({ r, copy: Float32Array.from(r.data) });
    else if (r.dispose()) disposed++;
    globalThis.gc();
    await tick();
    await tick();
    // several live results at once: none may share a block
    const live = [0, 1, 2].map((j) => t.statelessUniform([N], [400 + i, j]));
    live.forEach((l, j) => { if (!same(l.data, want([400 + i, j]))) bad++; checked++; });
    for (const k of kept) { if (!same(k.r.data, k.copy)) bad++; checked++; }
  }
  process.stdout.write(JSON.stringify({ bad, checked, disposed, kept: kept.length }) + '\n');
})();
