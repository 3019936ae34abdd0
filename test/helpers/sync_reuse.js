'use strict';
// A synchronous loop of large fresh results, dropped as it goes: each
// result's block goes back to the addon's pool once V8 has collected it
// (seen through a weak reference when the pool next lends), long before
// Node could run its finalizer. So the loop keeps reusing a few warm blocks
// instead of lending new memory up to the cap. Prints one JSON line.
const t = require('../..');
const { addon } = require('../../dist/native');

const N = 2e7;     // 80 MB of float32 per result
const CALLS = 30;  // 2.4 GB in all
const probe = (a) => a[0] + a[N >> 1] * 3 + a[N - 1] * 7 + a[12345] * 11;

const fresh = [];
let maxOnLoan = 0, maxLoans = 0;
for (let i = 0; i < CALLS; i++) {
  const r = t.statelessUniform([N], [i, 3]);
  fresh.push(probe(r.data));
  const s = addon.poolStats();
  maxOnLoan = Math.max(maxOnLoan, s[0]);
  maxLoans = Math.max(maxLoans, s[2]);
}
const out = new Float32Array(N);
let bad = 0;
for (let i = 0; i < CALLS; i++) {
  t.statelessUniform([N], [i, 3], { out });
  if (probe(out) !== fresh[i]) bad++;
}
process.stdout.write(JSON.stringify({ calls: CALLS, bad, maxOnLoanMiB: Math.round(maxOnLoan / 2 ** 20), maxLoans }) + '\n');
