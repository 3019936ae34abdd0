#!/usr/bin/env node
'use strict';
// npm run bench: tf-philox against its peers, measured in the same process,
// interleaved (round-robin over candidates, so drift hits everyone alike),
// medians of several rounds. Prints throughput ratios; writes
// bench/results.json and bench/chart.svg. Not a test: nothing is asserted.
//
//   node bench/run.js [--quick] [--sizes 1e3,1e5,1e7] [--no-tiers]
//
// Last, every dtype the performance targets name, at the largest size, sync
// into a reused array on one thread, for each SIMD tier this CPU can run.
const os = require('os');
const fs = require('fs');
const path = require('path');
const tfp = require('..');
const { setMaxParts } = require('../dist/engine');
const { addon } = require('../dist/native');
const { chart } = require('./chart');
const { smallCalls } = require('./small_calls');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : null;
const SIZES = (sizesArg || (quick ? '1e3,1e5,1e7' : '1e3,1e4,1e5,1e6,1e7')).split(',').map(Number);
const ROUNDS = quick ? 5 : 9;
const MIN_MS = quick ? 15 : 40; // each timed sample runs at least this long

function peers() {
  const p = {};
  try {
    const { xoroshiro128plus } = require('pure-rand/generator/xoroshiro128plus');
    const { uniformFloat32 } = require('pure-rand/distribution/uniformFloat32');
    const g = xoroshiro128plus(42);
    p.pureRand = (out) => { for (let i = 0; i < out.length; i++) out[i] = uniformFloat32(g); };
  } catch { /* not installed */ }
  try {
    const alea = require('seedrandom').alea('42');
    p.seedrandom = (out) => { for (let i = 0; i < out.length; i++) out[i] = alea(); };
  } catch { /* not installed */ }
  try {
    const u = require('@stdlib/random-array-uniform');
    const n = require('@stdlib/random-array-normal');
    p.stdlibUniform = (out) => u.assign(0, 1, out);
    p.stdlibNormal = (out) => n.assign(0, 1, out);
  } catch { /* not installed */ }
  try {
    const tfjs = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');
    p.tfjs = tfjs;
  } catch { /* not installed */ }
  return p;
}

function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

// Times fn (sync or async) repeated until MIN_MS passed; returns values/s.
// Calls run in batches between clock reads (the batch doubles while a batch
// takes under 1 ms), so that reading the clock is no part of a small call's time.
async function sample(fn, n) {
  let reps = 0, batch = 1;
  const t0 = now();
  let t = t0;
  do {
    const b0 = t;
    for (let i = 0; i < batch; i++) {
      const r = fn();
      if (r && typeof r.then === 'function') await r;
    }
    reps += batch;
    t = now();
    if (t - b0 < 1) batch *= 2;
  } while (t - t0 < MIN_MS);
  return (n * reps) / ((t - t0) / 1e3);
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };

// values/s of each dtype row, per tier: { avx512: { 'uniform f64': …, … }, … }
async function tiers(n) {
  const key = [7, 0];
  let ctr = 0;
  const fill = (out, dist, dtype, extra) => () =>
    tfp.philox.fill(out, { key, counter: [ctr++ >>> 0, 0, 1, 0], dist, dtype, ...extra });
  const f32 = new Float32Array(n), f64 = new Float64Array(n), i32 = new Int32Array(n), u16 = new Uint16Array(n);
  const rows = {
    'uniform f32': fill(f32, 'uniform'),
    'uniform f64': fill(f64, 'uniform'),
    'uniform f16': fill(u16, 'uniform', 'float16'),
    'uniform bf16': fill(u16, 'uniform', 'bfloat16'),
    'int32 [0, 1000)': fill(i32, 'int', 'int32', { minval: 0, maxval: 1000 }),
    'normal f32': fill(f32, 'normal'),
    'normal f64': fill(f64, 'normal'),
    'truncated normal f32': fill(f32, 'truncatedNormal'),
    'truncated normal f16': fill(u16, 'truncatedNormal', 'float16'),
    'truncated normal f64': fill(f64, 'truncatedNormal'),
  };
  const names = Object.keys(rows);
  const start = tfp.kernel;
  const res = {};
  console.log(`
N = ${n.toExponential(0)}, sync into a reused array, one thread, per SIMD tier (values/s, median of ${ROUNDS})`);
  console.log(`  ${''.padEnd(22)}${addon.kernels().map((t) => t.padStart(10)).join('')}`);
  try {
    for (const tier of addon.kernels()) {
      if (!addon.selectKernel(tier)) continue;
      const samples = Object.fromEntries(names.map((k) => [k, []]));
      for (const k of names) await sample(rows[k], n); // warm-up
      for (let r = 0; r < ROUNDS; r++) for (const k of names) samples[k].push(await sample(rows[k], n));
      res[tier] = Object.fromEntries(names.map((k) => [k, median(samples[k])]));
    }
  } finally {
    addon.selectKernel(start);
  }
  for (const k of names)
    console.log(`  ${k.padEnd(22)}${Object.keys(res).map((t) => `${(res[t][k] / 1e9).toFixed(3)}`.padStart(10)).join('')} G/s`);
  return res;
}

async function main() {
  const P = peers();
  if (P.tfjs) await P.tfjs.setBackend('cpu');
  const results = { machine: {}, sizes: {}, notes: [] };
  results.machine = {
    cpu: os.cpus()[0].model, cores: os.cpus().length, node: process.version,
    platform: `${process.platform}-${process.arch}`, tfPhilox: require('../package.json').version,
    kernel: tfp.kernel, backend: tfp.backend, date: new Date().toISOString().slice(0, 10),
  };
  console.log(`tf-philox ${results.machine.tfPhilox} (${tfp.backend}, ${tfp.kernel}) on ${results.machine.cpu}, ${results.machine.cores} cores, Node ${process.version}`);
  // small calls first (ns per call, each candidate in a process of its own,
  // bench/small_calls.js): after the large rows the machine is still busy
  // giving back their memory
  const small = smallCalls(ROUNDS);
  results.smallCallsNs = small;
  console.log('small calls (ns per call, median; each in a process of its own):');
  for (const [k, v] of Object.entries(small)) console.log(`  ${k.padEnd(30)} ${v.toFixed(0).padStart(8)} ns`);
  for (const n of SIZES) {
    const f32 = new Float32Array(n), f32b = new Float32Array(n);
    const sab = new Float32Array(new SharedArrayBuffer(4 * n));
    const key = [7, 0];
    let ctr = 0;
    const next = () => [ctr++ >>> 0, 0, 1, 0];
    const C = {
      'tfp uniform f32': () => tfp.philox.fill(f32, { key, counter: next(), dist: 'uniform' }),
      'tfp uniform f32 (op)': () => tfp.uniform([n], { seed: 1, out: f32 }),
      'tfp uniform f32 async 1T': () => { setMaxParts(1); return tfp.philox.fillAsync(f32, { key, counter: next(), dist: 'uniform' }); },
      'tfp uniform f32 async 2T': () => { setMaxParts(2); return tfp.philox.fillAsync(f32, { key, counter: next(), dist: 'uniform' }); },
      'tfp uniform f32 async SAB 1T': () => { setMaxParts(1); return tfp.philox.fillAsync(sab, { key, counter: next(), dist: 'uniform' }); },
      'tfp uniform f32 async SAB 2T': () => { setMaxParts(2); return tfp.philox.fillAsync(sab, { key, counter: next(), dist: 'uniform' }); },
      'tfp uniform f32 fresh': () => tfp.uniform([n], { seed: 1 }),
      // given back at once (results of 4 MiB or more): the next call reuses warm memory
      'tfp uniform f32 fresh+dispose': () => { tfp.uniform([n], { seed: 1 }).dispose(); },
      'tfp normal f32': () => tfp.philox.fill(f32, { key, counter: next(), dist: 'normal' }),
      'tfp normal f32 async 1T': () => { setMaxParts(1); return tfp.philox.fillAsync(f32, { key, counter: next(), dist: 'normal' }); },
      'tfp normal f32 async 2T': () => { setMaxParts(2); return tfp.philox.fillAsync(f32, { key, counter: next(), dist: 'normal' }); },
      'tfp uint32': () => tfp.philox.fill(new Uint32Array(f32.buffer), { key, counter: next(), dist: 'bits' }),
      'TypedArray.fill (memory)': () => f32b.fill(0.5),
      'new Float32Array + fill': () => new Float32Array(n).fill(0.5),
    };
    if (P.pureRand) C['pure-rand xoroshiro128+ f32'] = () => P.pureRand(f32b);
    if (P.seedrandom) C['seedrandom alea'] = () => P.seedrandom(f32b);
    if (P.stdlibUniform) C['@stdlib uniform f32'] = () => P.stdlibUniform(f32b);
    if (P.stdlibNormal) C['@stdlib normal f32'] = () => P.stdlibNormal(f32b);
    if (P.tfjs) {
      C['tfjs-core cpu randomUniform'] = () => { const t = P.tfjs.randomUniform([n]); t.dataSync(); t.dispose(); };
      C['tfjs-core cpu randomNormal'] = () => { const t = P.tfjs.randomNormal([n]); t.dataSync(); t.dispose(); };
    }
    const names = Object.keys(C);
    const samples = Object.fromEntries(names.map((k) => [k, []]));
    for (const k of names) await sample(C[k], n); // warm-up
    for (let r = 0; r < ROUNDS; r++) for (const k of names) samples[k].push(await sample(C[k], n));
    setMaxParts(64);
    const med = Object.fromEntries(names.map((k) => [k, median(samples[k])]));
    results.sizes[n] = med;
    console.log(`\nN = ${n.toExponential(0)}   (values/s, median of ${ROUNDS}; ratio = tf-philox / peer)`);
    for (const k of names) console.log(`  ${k.padEnd(30)} ${(med[k] / 1e9).toFixed(3).padStart(8)} G/s`);
    const ratio = (a, b) => (med[a] && med[b] ? (med[a] / med[b]).toFixed(1) + '×' : 'n/a');
    console.log(`  ratios: uniform f32 vs pure-rand ${ratio('tfp uniform f32', 'pure-rand xoroshiro128+ f32')}, ` +
      `vs seedrandom ${ratio('tfp uniform f32', 'seedrandom alea')}, vs @stdlib ${ratio('tfp uniform f32', '@stdlib uniform f32')}, ` +
      `vs tfjs ${ratio('tfp uniform f32', 'tfjs-core cpu randomUniform')}; normal f32 vs @stdlib ${ratio('tfp normal f32', '@stdlib normal f32')}, ` +
      `vs tfjs ${ratio('tfp normal f32', 'tfjs-core cpu randomNormal')}; async 2T/1T uniform ${ratio('tfp uniform f32 async 2T', 'tfp uniform f32 async 1T')}, ` +
      `normal ${ratio('tfp normal f32 async 2T', 'tfp normal f32 async 1T')}, SAB ${ratio('tfp uniform f32 async SAB 2T', 'tfp uniform f32 async SAB 1T')}; ` +
      `fresh vs new+fill ${ratio('tfp uniform f32 fresh', 'new Float32Array + fill')}, ` +
      `fresh+dispose ${ratio('tfp uniform f32 fresh+dispose', 'new Float32Array + fill')}`);
  }
  if (!args.includes('--no-tiers')) results.tiers = await tiers(SIZES[SIZES.length - 1]);
  const out = path.join(__dirname, 'results.json');
  fs.writeFileSync(out, JSON.stringify(results, null, 1) + '\n');
  fs.writeFileSync(path.join(__dirname, 'chart.svg'), chart(results));
  console.log(`\nwrote ${path.relative(process.cwd(), out)} and bench/chart.svg`);
}

main().catch((e) => { console.error(e); process.exit(1); });
