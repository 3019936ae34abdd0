#!/usr/bin/env node
'use strict';
// Writes tf-philox's raw Philox4x32-10 stream to stdout as little-endian
// uint32 words, for statistical batteries (dieharder -g 200, PractRand's
// RNG_test stdin32, TestU01 through scripts/quality.js). TF's layout: the key
// is (lo32(seed), hi32(seed)), the counter starts at (0, 0, lo32(seed2),
// hi32(seed2)), and the words are w0..w3 of the blocks at counter, counter+1,
// ... — exactly what philox.fill(dist 'bits') writes, computed by the native
// kernel this CPU selects (the best SIMD tier; TF_PHILOX_KERNEL=scalar|avx2|
// avx512|neon caps it).
//
//   node scripts/quality-stream.js [--seed=N] [--seed2=N] [--bytes=N] [--kernel=NAME]
//
// Without --bytes it runs until the reader closes the pipe.
const path = require('path');

function opt(name, dflt) {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
}
const kernel = opt('kernel', null);
if (kernel) process.env.TF_PHILOX_KERNEL = kernel;  // read once, when the addon loads
const tf = require(path.join(__dirname, '..'));

const seed = BigInt(opt('seed', '20240611'));
const seed2 = BigInt(opt('seed2', '0'));
const limit = opt('bytes', null) === null ? Infinity : Number(opt('bytes'));
const M32 = 0xffffffffn;
const key = [Number(seed & M32), Number((seed >> 32n) & M32)];
let ctr = (seed2 & ((1n << 64n) - 1n)) << 64n;  // 128-bit counter: c2, c3 = seed2

const WORDS = 1 << 20;  // 4 MiB per write: 2^18 blocks
let written = 0;
let stopped = false;

process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') { stopped = true; process.exit(0); }
  throw e;
});
process.stderr.write(`quality-stream: kernel ${tf.kernel}, key [${key}], seed2 ${seed2}\n`);

function words4(c) {
  return [0, 1, 2, 3].map((i) => Number((c >> BigInt(32 * i)) & M32));
}

function pump() {
  while (!stopped && written < limit) {
    const buf = new Uint32Array(WORDS);
    tf.philox.fill(buf, { key, counter: words4(ctr), dist: 'bits' });
    ctr = (ctr + BigInt(WORDS / 4)) & ((1n << 128n) - 1n);
    let bytes = Buffer.from(buf.buffer);
    if (written + bytes.length > limit) bytes = bytes.subarray(0, limit - written);
    written += bytes.length;
    if (!process.stdout.write(bytes)) {
      process.stdout.once('drain', pump);
      return;
    }
  }
}
pump();
