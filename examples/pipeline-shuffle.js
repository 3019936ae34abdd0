#!/usr/bin/env node
'use strict';
// A data pipeline: tf.data.Dataset.shuffle's exact order over a Node stream of
// records, reshuffled each epoch, with memory bounded by the buffer size, then
// batched. The same seeds give the order TensorFlow gives.
//   node examples/pipeline-shuffle.js
const { Readable } = require('stream');
const tf = require('..');

// a "file" of 20 records, read as an object-mode stream (a new one per epoch)
const records = () => Readable.from(Array.from({ length: 20 }, (_, i) => ({ id: i, text: `record ${i}` })));

async function main() {
  tf.setSeed(1234);
  const ds = tf.shuffleDataset(records, 8, { seed: 7, reshuffleEachIteration: true });
  for (let epoch = 0; epoch < 2; epoch++) {
    const batches = [];
    let batch = [];
    for await (const rec of ds) {
      batch.push(rec.id);
      if (batch.length === 5) { batches.push(batch); batch = []; }
    }
    if (batch.length) batches.push(batch);
    console.log(`epoch ${epoch}: ${batches.map((b) => `[${b.join(' ')}]`).join(' ')}`);
  }
  // in memory, sync: tf.data.Dataset.range(10).shuffle(3, seed=1) with global seed 2 ...
  tf.setSeed(2);
  console.log('range(10), buffer 3:', [...tf.shuffleDataset(Array.from({ length: 10 }, (_, i) => i), 3, { seed: 1 })].join(' '));
}

main().catch((e) => { console.error(e); process.exit(1); });
