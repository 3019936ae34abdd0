'use strict';
// Memory of large fresh results: bounded and reused in synchronous loops
// (the pool takes back the blocks of results V8 has collected, seen through
// weak references, and lends new blocks only up to a cap; Node would return
// them only at an event-loop turn), and dispose(), which gives a result's
// memory back at once.
const assert = require('assert');
const path = require('path');
const { spawnSync } = require('child_process');
const t = require('..');

const helper = (f) => path.join(__dirname, 'helpers', f);
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const BIG = 3 << 20; // float32 elements: 12 MiB, lent by the pool
const native = t.backend === 'native';

describe('result memory', function () {
  this.timeout(120000);

  it('a synchronous loop of 250 fresh 8 MB results stays bounded, values exact', function () {
    const res = run([helper('sync_loop.js')]);
    assert.strictEqual(res.bad, 0);
    assert.strictEqual(res.last, 2e6);
    // 2 GB were produced with no event-loop turn; before the loan cap the
    // process held all of it
    assert.ok(res.rssMiB < 1024, `RSS ${res.rssMiB} MiB`);
  });

  it('a synchronous loop reuses the blocks of results V8 has collected (no finalizer needed), values exact', function () {
    const res = run([helper('sync_reuse.js')]);
    assert.strictEqual(res.bad, 0);
    if (!native) return assert.strictEqual(res.maxLoans, 0);
    // 30 results of 80 MB: without taking collected blocks back, the loans
    // pile up to the 1 GiB cap (13 of them) before JS allocates the rest
    assert.ok(res.maxLoans >= 1 && res.maxLoans <= 4, `at most ${res.maxLoans} loans`);
    assert.ok(res.maxOnLoanMiB <= 4 * 78, `${res.maxOnLoanMiB} MiB on loan`);
  });

  it('disposed results go back to the pool; their later finalizers never free a block in use', function () {
    const res = run(['--expose-gc', helper('dispose_recycle.js')]);
    assert.deepStrictEqual(res, { bad: 0, checked: 115, disposed: native ? 10 : 0, kept: 6 });
  });

  describe('dispose()', function () {
    it('takes a large fresh result: buffer detached, tensor unusable, a second dispose is false', function () {
      const r = t.statelessUniform([BIG], [1, 2]);
      assert.strictEqual(r.dispose(), native);
      if (!native) return; // the TypeScript backend has no pool: nothing to give back
      assert.strictEqual(r.data.length, 0);
      assert.strictEqual(r.isDisposed, true);
      assert.strictEqual(r.size, BIG);
      assert.throws(() => r.at(0), { name: 'TypeError', message: /detached/ });
      assert.throws(() => r.toArray(), { name: 'TypeError', message: /detached/ });
      assert.strictEqual(String(r), `tf.Tensor(<disposed>, shape=(${BIG},), dtype=float32)`);
      assert.strictEqual(r.dispose(), false);
      assert.strictEqual(t.dispose(r), false);
    });

    it('takes async results and results of every dtype, through the Tensor or its TypedArray', async function () {
      if (!native) this.skip();
      const a = await t.statelessNormalAsync([BIG], [3, 4]);
      assert.strictEqual(t.dispose(a.data), true);
      assert.strictEqual(a.isDisposed, true);
      for (const dtype of ['float16', 'float64', 'int64']) {
        const opts = dtype === 'int64' ? { dtype, minval: 0, maxval: 10 } : { dtype };
        const x = t.statelessUniform([BIG], [5, 6], opts);
        assert.strictEqual(t.dispose(x.data.subarray(5, 10)), true, dtype); // any view of the buffer
        assert.strictEqual(x.data.length, 0);
      }
    });

    it('the next result reuses the memory with exactly its own values', function () {
      const a = t.statelessUniform([BIG], [7, 8]);
      const p = t.dispose(a);
      const b = t.statelessNormal([BIG], [9, 10]);
      const ref = new Float32Array(BIG);
      t.statelessNormal([BIG], [9, 10], { out: ref });
      assert.ok(Buffer.from(b.data.buffer).equals(Buffer.from(ref.buffer)));
      assert.strictEqual(p, native);
    });

    it('leaves small results, caller outs and foreign arrays alone (false)', function () {
      const small = t.uniform([100]);
      assert.strictEqual(small.dispose(), false);
      assert.strictEqual(small.data.length, 100);
      assert.strictEqual(small.isDisposed, false);
      const out = new Float32Array(BIG);
      const r = t.statelessUniform([BIG], [1, 1], { out });
      assert.strictEqual(r.dispose(), false);
      assert.strictEqual(out.length, BIG);
      assert.strictEqual(t.dispose(new Float64Array(BIG)), false);
      const sab = new Float32Array(new SharedArrayBuffer(16));
      assert.strictEqual(t.dispose(sab), false);
      const empty = t.uniform([0]);
      assert.strictEqual(empty.dispose(), false);
      assert.strictEqual(empty.isDisposed, false);
    });

    it('refuses what is neither a Tensor nor a TypedArray (TypeError naming x)', function () {
      for (const bad of [undefined, null, 5, 'x', {}, [1, 2], new ArrayBuffer(8), new DataView(new ArrayBuffer(8))])
        assert.throws(() => t.dispose(bad), { name: 'TypeError', message: /^dispose: x must be a Tensor or a TypedArray/ });
    });
  });
});
