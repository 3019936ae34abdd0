'use strict';
// Child process for test/concurrency.test.js: starts workers that queue many
// async fills, terminates each while its fills are in flight, and keeps its
// own async fills running meanwhile. Exits 0 and prints one JSON line if the
// process came through intact; a crash or abort shows in the exit status.
// argv: rounds, mebibytes per async fill.
const path = require('path');
const { Worker } = require('worker_threads');
const root = path.join(__dirname, '..', '..');
const t = require(root);

const rounds = Number(process.argv[2] || 2);
const mib = Number(process.argv[3] || 8);
const n = (mib << 20) >> 2;

const workerSrc = `
const { parentPort, workerData } = require('worker_threads');
const t = require(workerData.root);
const n = workerData.n;
const pending = [];
for (let i = 0; i < 4; i++) pending.push(t.uniformAsync([n], { seed: i }));
pending.push(t.normalAsync([n >> 1], { out: new Float32Array(n >> 1) }));
pending.push(t.gammaAsync([1 << 14], [0.5, 3]));
pending.push(t.poissonAsync([1 << 14], [2, 50], { dtype: 'int32' }));
pending.push(t.categoricalAsync([[1, 2, 3]], 1 << 12));
pending.push(t.philox.fillAsync(new Float64Array(n >> 1), { key: [1, 2], counter: [0, 0, 0, 0], dist: 'normal' }));
if (typeof t.statelessUniformAsync === 'function') pending.push(t.statelessUniformAsync([n >> 1], [1, 2]));
if (typeof t.Generator === 'function') pending.push(t.Generator.fromSeed(1).uniformAsync([n >> 1]));
for (const p of pending) p.catch(() => {});
parentPort.postMessage('queued');
`;

const rss = () => process.memoryUsage().rss / 2 ** 20;

(async () => {
  t.setSeed(11);
  const want = t.uniform([n >> 2], { seed: 5 }).data;
  t.setSeed(11);
  const rss0 = rss();
  for (let r = 0; r < rounds; r++) {
    const mine = t.uniformAsync([n >> 2], { seed: 5 });
    const w = new Worker(workerSrc, { eval: true, workerData: { root, n } });
    await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
    await new Promise((r2) => setTimeout(r2, r % 4));
    await w.terminate();
    const got = await mine;
    if (Buffer.compare(Buffer.from(got.data.buffer, got.data.byteOffset, got.data.byteLength), Buffer.from(want.buffer)) !== 0)
      throw new Error('the main thread got other values while workers were terminated');
    t.setSeed(11);
  }
  if (global.gc) global.gc();
  await new Promise((r) => setTimeout(r, 50));
  process.stdout.write(JSON.stringify({ ok: true, rounds, rssGrowthMiB: rss() - rss0 }) + '\n');
})().catch((e) => {
  process.stdout.write(JSON.stringify({ ok: false, error: String(e && e.stack) }) + '\n');
  process.exitCode = 1;
});
