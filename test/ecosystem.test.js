'use strict';
// Streams and examples: Generator.batches equals the same calls made one by
// one; every example in examples/ runs and checks itself.
const assert = require('assert');
const path = require('path');
const { Readable } = require('stream');
const { execFileSync } = require('child_process');
const t = require('..');

describe('Generator.batches', function () {
  it('yields what the same sequence of async calls yields, state included', async function () {
    const a = t.Generator.fromSeed(77), b = t.Generator.fromSeed(77);
    const got = [];
    for await (const x of Readable.from(a.batches({ shape: [5, 3], dist: 'truncatedNormal', dtype: 'float64', count: 3 }))) got.push(x);
    assert.strictEqual(got.length, 3);
    for (const x of got) assert.deepStrictEqual(Array.from(x.data), Array.from(b.truncatedNormal([5, 3], { dtype: 'float64' }).data));
    assert.deepStrictEqual(Array.from(a.state.data), Array.from(b.state.data));
  });
  it('validates up front without moving the state', function () {
    const g = t.Generator.fromSeed(1);
    const before = Array.from(g.state.data);
    assert.throws(() => g.batches({ shape: [-1] }), RangeError);
    assert.throws(() => g.batches({ shape: [2], dist: 'gamma' }), TypeError);
    assert.throws(() => g.batches({ shape: [2], dtype: 'int32' }), TypeError); // int uniform needs maxval
    assert.deepStrictEqual(Array.from(g.state.data), before);
  });
});

describe('examples/', function () {
  for (const f of ['weight-init.js', 'pipeline-shuffle.js', 'worker-sharding.js']) {
    it(`${f} runs`, function () {
      const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', f)], { timeout: 60000 }).toString();
      assert.ok(out.length > 0);
      assert.doesNotMatch(out, /DIFFERENT|not reproducible/);
    });
  }
});
