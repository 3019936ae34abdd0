#!/usr/bin/env node
'use strict';
// npm run demo: every example of TensorFlow's tf.random.set_seed
// documentation, run with tf-philox and printed next to what real TensorFlow
// printed for it (examples/tf-set-seed-docs.json, recorded by
// tools/golden/record_docs.py).
const path = require('path');
const tf = require('..');
const docs = require('./tf-set-seed-docs.json');

const random = tf;

// The JS twin of each documented Python example; returns what it "prints".
const EXAMPLES = {
  'no-seed': () => [random.uniform([1]), random.uniform([1])],
  'global-seed': () => {
    random.setSeed(1234);
    return [random.uniform([1]), random.uniform([1])];
  },
  'global-seed-functions': () => {
    random.setSeed(1234);
    const f = random.fn(() => [random.uniform([1]), random.uniform([1])]);
    const g = random.fn(() => [random.uniform([1]), random.uniform([1])]);
    return [f(), g()];
  },
  'op-seed': () => [random.uniform([1], { seed: 1 }), random.uniform([1], { seed: 1 })],
  reset: () => {
    random.setSeed(1234);
    const out = [random.uniform([1], { seed: 1 }), random.uniform([1], { seed: 1 })];
    random.setSeed(1234);
    out.push(random.uniform([1], { seed: 1 }), random.uniform([1], { seed: 1 }));
    return out;
  },
  'function-op-seed': () => {
    const foo = random.fn(() => [random.uniform([1], { seed: 1 }), random.uniform([1], { seed: 1 })]);
    return [foo(), foo()];
  },
  'function-global-seed': () => {
    random.setSeed(1234);
    const bar = random.fn(() => [random.uniform([1]), random.uniform([1])]);
    return [bar(), bar()];
  },
};

const hex = (t) => Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length), (w) => w.toString(16).padStart(8, '0'));
const text = (p) => (Array.isArray(p) ? `(${p.map(String).join(', ')})` : String(p));

const tty = process.stdout.isTTY;
const green = (s) => (tty ? `\x1b[32m${s}\x1b[0m` : s);
const red = (s) => (tty ? `\x1b[31m${s}\x1b[0m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s);

console.log(`tf-philox ${require('../package.json').version} (${tf.backend}, ${tf.kernel}) vs TensorFlow ${docs.tensorflow}`);
console.log(dim(`the examples of tf.random.set_seed's documentation; TF's output recorded by ${path.join('tools', 'golden', 'record_docs.py')}`));
let ok = 0, bad = 0;
for (const ex of docs.examples) {
  random.setSeed(null); // a fresh program: no global seed, no kernels
  const printed = EXAMPLES[ex.id]();
  console.log(`\n== ${ex.title}`);
  console.log(dim(ex.python.split('\n').map((l) => '   ' + l).join('\n')));
  printed.forEach((p, i) => {
    const tensors = Array.isArray(p) ? p : [p];
    let good;
    if (ex.deterministic) {
      good = JSON.stringify(tensors.map(hex)) === JSON.stringify(ex.printed[i].values);
    } else {
      // no seed at all: random in TF and here; the two calls must differ
      good = i === 0 || hex(tensors[0])[0] !== hex(printed[i - 1])[0];
    }
    good ? ok++ : bad++;
    console.log(`   ${good ? green('✔') : red('✘')} ours: ${text(p)}`);
    console.log(`     tf:   ${ex.printed[i].text}${ex.deterministic ? '' : dim('  (random: differs every run)')}`);
  });
}
console.log(`\n${ok} passed, ${bad} failed`);
process.exitCode = bad ? 1 : 0;
