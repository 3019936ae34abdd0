'use strict';
// The tf-philox command: TF-eager printing, JSON, raw streaming identical to
// the API, clear usage errors.
const assert = require('assert');
const path = require('path');
const { spawnSync } = require('child_process');
const t = require('..');

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { maxBuffer: 1 << 30 });

describe('tf-philox CLI', function () {
  it('prints like TF eager (the set_seed docs value)', function () {
    const r = run('uniform', '1', '--global-seed', '1234');
    assert.strictEqual(r.status, 0);
    assert.strictEqual(r.stdout.toString(), 'tf.Tensor([0.5380393], shape=(1,), dtype=float32)\n');
  });
  it('equals the API for stateful and stateless ops, text and json', function () {
    t.setSeed(1234);
    assert.strictEqual(run('uniform', '2,3', '--seed', '7', '--global-seed', '1234').stdout.toString(), `${t.uniform([2, 3], { seed: 7 })}\n`);
    const j = JSON.parse(run('stateless-uniform', '5', '--seed', '1,2', '--dtype', 'int32', '--minval', '0', '--maxval', '10', '--format', 'json').stdout);
    assert.deepStrictEqual(j.values, Array.from(t.statelessUniform([5], [1, 2], { dtype: 'int32', minval: 0, maxval: 10 }).data));
    assert.deepStrictEqual(j.shape, [5]);
  });
  it('streams raw bytes identical to the API, across pieces', function () {
    t.setSeed(null);
    for (const [args, want] of [
      [['normal', '3000001', '--seed', '1', '--format', 'raw'], () => t.normal([3000001], { seed: 1 })],
      [['truncated-normal', '2100003', '--seed', '2', '--dtype', 'float64', '--format', 'raw'], () => t.truncatedNormal([2100003], { seed: 2, dtype: 'float64' })],
      [['stateless-uniform', '1500000', '--seed', '5,-6', '--dtype', 'uint64', '--format', 'raw'], () => t.statelessUniform([1500000], [5, -6], { dtype: 'uint64', minval: null, maxval: null })],
    ]) {
      const r = run(...args);
      assert.strictEqual(r.status, 0, r.stderr.toString());
      const w = want().data;
      assert.ok(r.stdout.equals(Buffer.from(w.buffer, w.byteOffset, w.byteLength)), args.join(' '));
    }
  });
  it('rejects bad usage with exit code 2 and a message', function () {
    for (const args of [['bogus', '1'], ['uniform'], ['uniform', '-1'], ['uniform', '2', '--dtype', 'int8'], ['uniform', '2', '--wat', '1'],
      ['stateless-uniform', '2'], ['uniform', '2', '--format', 'xml'], ['uniform', '2', '--dtype', 'int32']]) {
      const r = run(...args);
      assert.strictEqual(r.status, 2, args.join(' '));
      assert.match(r.stderr.toString(), /tf-philox: /);
    }
    assert.strictEqual(run('--help').status, 0);
  });
});
