'use strict';
// The eager kernel cache's position table (lib/kernels.ts): every kernel an
// eager call made keeps its position until setSeed, however many there are.
const assert = require('assert');
const { PositionTable } = require('../dist/kernels');
const t = require('..');

describe('eager kernel cache', function () {
  after(() => t.setSeed(null));

  it('PositionTable agrees with a Map through many growths, collisions and re-advances', function () {
    const table = new PositionTable();
    const ref = new Map();
    let s = 7;
    const rnd = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 1; return s; }; // [0, 2^31)
    const keys = [0, 2 ** 31 - 1, 1, 64, 128];
    for (let i = 0; i < 300000; i++) keys.push(i % 3 === 0 ? i : rnd());
    for (const k of keys) {
      const blocks = 1 + (k % 1000);
      const want = ref.get(k) ?? 0;
      assert.strictEqual(table.advance(k, blocks, Number.MAX_SAFE_INTEGER), want);
      ref.set(k, want + blocks);
    }
    assert.strictEqual(table.size, ref.size);
    for (const [k, v] of ref) assert.strictEqual(table.get(k), v);
    assert.strictEqual(table.get(123456789 * 7 % 2 ** 31), ref.get(123456789 * 7 % 2 ** 31) ?? 0);
  });

  it('PositionTable.advance refuses to pass its limit and changes nothing', function () {
    const table = new PositionTable();
    assert.strictEqual(table.advance(5, 10, 100), 0);
    assert.strictEqual(table.advance(5, 91, 100), -1);
    assert.strictEqual(table.get(5), 10);
    assert.strictEqual(table.advance(6, 101, 100), -1);
    assert.strictEqual(table.size, 1);
    assert.strictEqual(table.get(6), 0);
  });

  it('an op-seed-stream kernel named later by an explicit op seed continues where it stopped', function () {
    const { PyRandom } = require('../dist/mt19937');
    const stream = new PyRandom(1n);
    const s0 = stream.randint31(), s1 = stream.randint31(); // the op seeds of the first two unseeded calls
    t.setSeed(1);
    const [a, b] = [t.uniform([3], { seed: s0 }), t.uniform([3], { seed: s0 })].map((x) => Array.from(x.data));
    t.setSeed(1);
    assert.deepStrictEqual(Array.from(t.uniform([3]).data), a); // kernel (1, s0) at position 0
    for (let i = 0; i < 20000; i++) t.uniform([1], { seed: 1e6 + i }); // many other kernels in between
    assert.deepStrictEqual(Array.from(t.uniform([3], { seed: s0 }).data), b); // the same kernel, advanced
    t.setSeed(1);
    t.uniform([3]);
    const c = Array.from(t.uniform([2]).data); // kernel (1, s1) at position 0
    t.setSeed(1);
    assert.deepStrictEqual(Array.from(t.uniform([2], { seed: s1 }).data), c);
  });
});
