'use strict';
// A synchronous loop of large fresh results never lets Node run the
// finalizers that return their memory: the addon's pool takes back blocks
// whose results V8 has collected, and lends new blocks only up to a cap
// (the rest are allocated in JS, freed by V8's GC).
// Checks that memory stays bounded and every value is what the same call
// writes into a caller's buffer. Prints one JSON line.
const t = require('../..');

const N = 2e6;           // 8 MB of float32 per result (pooled size class)
const CALLS = 250;       // 2 GB in all: far more than the cap
const probe = (a) => a[0] + a[N >> 1] * 3 + a[N - 1] * 7 + a[12345] * 11;

t.setSeed(5);
const fresh = [];
let keep = null;
for (let i = 0; i < CALLS; i++) {
  keep = t.uniform([N], { seed: 9 });
  fresh.push(probe(keep.data));
}
const rss = process.memoryUsage().rss;

t.setSeed(5);
const out = new Float32Array(N);
let bad = 0;
for (let i = 0; i < CALLS; i++) {
  t.uniform([N], { seed: 9, out });
  if (probe(out) !== fresh[i]) bad++;
}
process.stdout.write(JSON.stringify({ calls: CALLS, bad, rssMiB: Math.round(rss / 2 ** 20), last: keep.data.length }) + '\n');
