#!/usr/bin/env node
'use strict';
// Small calls, nanoseconds per call: each candidate is timed in a Node process
// of its own, in a loop that calls only it (as a user's loop would), so the
// large fills measured before and the other candidates leave no trace in its
// heap or in V8's type feedback. Not a test: nothing is asserted.
//
//   node bench/small_calls.js [--quick]        all candidates, medians
//   node bench/small_calls.js --one <name>     one candidate (the child)
const { execFileSync } = require('child_process');

const CANDIDATES = {
  'uniform([1])': (tfp) => () => tfp.uniform([1]),
  'uniform([1], { seed: 1 })': (tfp) => () => tfp.uniform([1], { seed: 1 }),
  'uniform([1]) reused out': (tfp) => { const o = new Float32Array(1); return () => tfp.uniform([1], { seed: 1, out: o }); },
  'normal([1])': (tfp) => () => tfp.normal([1]),
  // a new seed each call: the seed scramble is part of the cost
  'statelessUniform([1], seed)': (tfp) => { let i = 0; return () => tfp.statelessUniform([1], [i++, 2]); },
  'statelessNormal([2], seed)': (tfp) => { let i = 0; return () => tfp.statelessNormal([2], [i++, 2]); },
  // awaited one after another: computed at call time below ~20 µs of work
  'await uniformAsync([1000])': (tfp) => () => tfp.uniformAsync([1000]),
  'await normalAsync([4096], { out })': (tfp) => { const o = new Float32Array(4096); return () => tfp.normalAsync([4096], { out: o }); },
};

/** The child: median ns per call of one candidate over `rounds` timed loops. */
async function one(name, rounds) {
  const f = CANDIDATES[name](require('..'));
  let sink = null;
  const isAsync = typeof f().then === 'function';
  const loop = isAsync
    ? async (reps) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < reps; i++) sink = await f();
      return Number(process.hrtime.bigint() - t0);
    }
    : (reps) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < reps; i++) sink = f();
      return Number(process.hrtime.bigint() - t0);
    };
  const reps = isAsync ? 20000 : 200000;
  await loop(reps / 4); // warm-up: optimised before timing
  const ns = [];
  for (let r = 0; r < rounds; r++) ns.push((await loop(reps)) / reps);
  ns.sort((a, b) => a - b);
  if (!sink) throw new Error('no result');
  return ns[ns.length >> 1];
}

/** Median ns per call of every candidate, each in its own process. */
function smallCalls(rounds) {
  const out = {};
  for (const name of Object.keys(CANDIDATES)) {
    const r = execFileSync(process.execPath, [__filename, '--one', name, '--rounds', String(rounds)], { encoding: 'utf8' });
    out[name] = Number(r);
  }
  return out;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : args.includes('--quick') ? 5 : 9;
  if (args.includes('--one')) {
    one(args[args.indexOf('--one') + 1], rounds).then((ns) => process.stdout.write(String(ns)));
  } else {
    for (const [k, v] of Object.entries(smallCalls(rounds))) console.log(`  ${k.padEnd(30)} ${v.toFixed(0).padStart(8)} ns`);
  }
}

module.exports = { smallCalls };
