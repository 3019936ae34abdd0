#!/usr/bin/env node
'use strict';
// Weight initialisation for a small dense network, reproducible from one
// global seed exactly as a Keras script seeded with tf.random.set_seed would
// draw it with the same ops: Glorot-uniform kernels and truncated-normal
// embeddings, zero biases.
//   node examples/weight-init.js [seed]
const tf = require('..');

const seed = Number(process.argv[2] ?? 42);
tf.setSeed(seed);

// glorot_uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out))
function glorotUniform(fanIn, fanOut) {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.uniform([fanIn, fanOut], { minval: -limit, maxval: limit });
}

const layers = [
  { name: 'embedding', w: tf.truncatedNormal([1000, 16], { stddev: 0.05 }) },
  { name: 'dense_1', w: glorotUniform(16, 64), b: new Float32Array(64) },
  { name: 'dense_2', w: glorotUniform(64, 10), b: new Float32Array(10) },
];

for (const l of layers) {
  const d = l.w.data;
  let sum = 0, sq = 0, lo = Infinity, hi = -Infinity;
  for (const v of d) { sum += v; sq += v * v; lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const mean = sum / d.length, std = Math.sqrt(sq / d.length - mean * mean);
  console.log(`${l.name.padEnd(10)} shape [${l.w.shape}]  mean ${mean.toFixed(5)}  std ${std.toFixed(5)}  range [${lo.toFixed(4)}, ${hi.toFixed(4)}]`);
}
// The same seed gives the same weights on every run and in Python.
tf.setSeed(seed);
const again = tf.truncatedNormal([1000, 16], { stddev: 0.05 });
if (Buffer.compare(Buffer.from(again.data.buffer), Buffer.from(layers[0].w.data.buffer)) !== 0) {
  console.error('not reproducible!');
  process.exit(1);
}
console.log(`first embedding row: ${String(new tf.Tensor(layers[0].w.data.slice(0, 4), [4], 'float32'))}`);
console.log('reproducible: the same seed gave the same weights');
