'use strict';
// The option-less small calls (lib/small_calls.ts) against the general path:
// the same values for the same seeds, the same kernel positions afterwards,
// and bad arguments still reported by the general path with no state moved.
const assert = require('assert');
const path = require('path');
const childJson = require('./helpers/child_json');
const t = require('..');

const SEQ = path.join(__dirname, 'helpers', 'small_calls_seq.js');
const run = (env, flags = []) => childJson(SEQ, env, flags);
const bits = (x) => Array.from(new Uint32Array(x.data.buffer, x.data.byteOffset, x.data.length));

describe('small calls without options', function () {
  this.timeout(60000);
  after(() => t.setSeed(null));

  it('give what the general path gives (TF_PHILOX_TINY=0), in sequence with other calls', function () {
    const fast = run({});
    const general = run({ TF_PHILOX_TINY: '0' });
    assert.strictEqual(fast.length, general.length);
    assert.ok(fast.length > 300);
    assert.deepStrictEqual(fast, general);
    // without WebAssembly (TypeScript Philox blocks)
    assert.deepStrictEqual(run({ TF_PHILOX_WASM: '0' }), general);
    assert.deepStrictEqual(run({}, ['--jitless']), general);
  });

  it('equal the same call with an empty options object', function () {
    for (const s of [[], [1], [3], [8], [2, 4], [2, 2, 2]]) {
      for (const seed of [[1, 2], [-3, 2 ** 40], [0, -0]]) {
        assert.deepStrictEqual(bits(t.statelessUniform(s, seed)), bits(t.statelessUniform(s, seed, {})));
        assert.deepStrictEqual(bits(t.statelessNormal(s, seed)), bits(t.statelessNormal(s, seed, {})));
        assert.deepStrictEqual(t.statelessUniform(s, seed).shape, s);
      }
      t.setSeed(11); const a = [t.uniform(s), t.normal(s), t.uniform(s)].map(bits);
      t.setSeed(11); const b = [t.uniform(s, {}), t.normal(s, {}), t.uniform(s, {})].map(bits);
      assert.deepStrictEqual(a, b);
    }
  });

  it('use the general path\'s kernel signatures (a traced fn replays either form)', function () {
    for (const op of ['uniform', 'normal']) {
      const f = t.fn((general) => (general ? t[op]([2], {}) : t[op]([2])));
      f(false);
      assert.doesNotThrow(() => f(true));
      const g = t.fn((general) => (general ? t[op]([2], {}) : t[op]([2])));
      g(true);
      assert.doesNotThrow(() => g(false));
    }
  });

  it('return a fresh shape array and data each call', function () {
    const shape = [2, 3];
    const x = t.statelessUniform(shape, [1, 2]), y = t.statelessUniform(shape, [1, 2]);
    assert.notStrictEqual(x.shape, shape);
    assert.notStrictEqual(x.data, y.data);
    shape[0] = 1;
    assert.deepStrictEqual(x.shape, [2, 3]);
  });

  it('leave bad arguments to the general path: same errors, no state moved', function () {
    t.setSeed(5);
    const want = [t.uniform([2]), t.normal([2])].map(bits);
    t.setSeed(5);
    for (const bad of [[1.5], [-1], ['1'], [NaN], [Infinity], 1, null, [1, , 2]]) { // eslint-disable-line no-sparse-arrays
      assert.throws(() => t.uniform(bad), (e) => e instanceof TypeError || e instanceof RangeError);
      assert.throws(() => t.normal(bad), (e) => e instanceof TypeError || e instanceof RangeError);
    }
    assert.deepStrictEqual([t.uniform([2]), t.normal([2])].map(bits), want);
    for (const seed of [[1], [1, 2, 3], [1.5, 2], [2 ** 53, 0], ['1', 2], null, [1, NaN]]) {
      assert.throws(() => t.statelessUniform([1], seed), (e) => e instanceof TypeError || e instanceof RangeError);
      assert.throws(() => t.statelessNormal([1], seed), (e) => e instanceof TypeError || e instanceof RangeError);
    }
  });

  it('read each shape element once (a getter cannot change the shape between check and use)', function () {
    let reads = 0;
    const shape = [];
    Object.defineProperty(shape, 0, { get: () => (++reads === 1 ? 2 : 1e9), enumerable: true });
    const x = t.statelessUniform(shape, [1, 2]);
    assert.deepStrictEqual(x.shape, [2]);
    assert.strictEqual(x.data.length, 2);
    assert.strictEqual(reads, 1);
  });
});
