#!/usr/bin/env node
'use strict';
// One logical Philox stream split across worker_threads by counter offset:
// element i of a uniform fill belongs to group i/4, computed from block
// counter + i/4, so a worker that starts at counter + start/4 writes exactly
// the bytes the single-threaded fill writes there.
//   node examples/worker-sharding.js [N] [workers]
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const tf = require('..');

// counter + n (n < 2^53) as four uint32 words, c0 least significant
function addToCounter(c, n) {
  const lo = c[0] + (n % 2 ** 32);
  const hi = c[1] + Math.floor(n / 2 ** 32) + (lo >= 2 ** 32 ? 1 : 0);
  const c2 = c[2] + (hi >= 2 ** 32 ? 1 : 0);
  return [lo % 2 ** 32, hi % 2 ** 32, c2 % 2 ** 32, (c[3] + (c2 >= 2 ** 32 ? 1 : 0)) % 2 ** 32];
}

if (!isMainThread) {
  const { key, counter, start, end, shared } = workerData;
  const view = new Float32Array(shared, start * 4, end - start);
  tf.philox.fill(view, { key, counter: addToCounter(counter, start / 4), dist: 'normal' });
  parentPort.postMessage('done');
} else {
  const N = Number(process.argv[2] ?? 1 << 22);
  const W = Number(process.argv[3] ?? 4);
  const key = [0x1234, 0x5678], counter = [0xfffffff0, 0, 42, 0]; // crosses a carry on purpose
  const single = tf.philox.fill(new Float32Array(N), { key, counter, dist: 'normal' });
  const shared = new SharedArrayBuffer(N * 4);
  const per = Math.ceil(N / W / 4) * 4; // shard boundaries on whole groups
  const jobs = [];
  for (let w = 0; w < W; w++) {
    const start = Math.min(N, w * per), end = Math.min(N, (w + 1) * per);
    if (start === end) continue;
    jobs.push(new Promise((resolve, reject) => {
      const wk = new Worker(__filename, { workerData: { key, counter, start, end, shared } });
      wk.once('message', resolve);
      wk.once('error', reject);
    }));
  }
  Promise.all(jobs).then(() => {
    const sharded = new Float32Array(shared);
    const same = Buffer.compare(Buffer.from(single.buffer), Buffer.from(sharded.buffer)) === 0;
    console.log(`${N} normals from ${jobs.length} workers: ${same ? 'identical to' : 'DIFFERENT from'} the single-threaded fill`);
    process.exit(same ? 0 : 1);
  }, (e) => { console.error(e); process.exit(1); });
}
