'use strict';
// Small async fills (about 20 µs of work or less) are computed at call time:
// the same values as on the threadpool and as the sync calls, in call order
// with pending calls into the same buffer, and a settled promise either way.
const assert = require('assert');
const path = require('path');
const childJson = require('./helpers/child_json');
const t = require('..');

const SEQ = path.join(__dirname, 'helpers', 'small_async_seq.js');
const run = (env) => childJson(SEQ, env);
const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('small async calls', function () {
  this.timeout(60000);
  after(() => t.setSeed(null));

  it('equal the threadpool path (TF_PHILOX_ASYNC_INLINE=0) and the sync calls, every dtype and dist', function () {
    const inline = run({});
    const pool = run({ TF_PHILOX_ASYNC_INLINE: '0' });
    assert.strictEqual(inline.rows.length, 7 * 14);
    assert.strictEqual(inline.bad, 0);
    assert.strictEqual(pool.bad, 0);
    assert.deepStrictEqual(inline.rows, pool.rows);
  });

  it('return a promise, never the result itself, and reject bad input the same way', async function () {
    const p = t.uniformAsync([10], { seed: 1 });
    assert.ok(p instanceof Promise);
    assert.strictEqual((await p).data.length, 10);
    await assert.rejects(t.uniformAsync([10], { out: new Float32Array(9) }), RangeError);
    await assert.rejects(t.normalAsync([-1]), RangeError);
  });

  it('queue behind a pending async call into the same buffer (the last call wins)', async function () {
    const N = 1 << 20;
    const out = new Float32Array(N);
    const head = out.subarray(0, 512);
    const big = t.statelessUniformAsync([N], [5, 5], { out });            // threadpool
    const small = t.statelessNormalAsync([512], [6, 6], { out: head });   // small, but behind big
    const order = [];
    await Promise.all([big.then(() => order.push('big')), small.then(() => order.push('small'))]);
    assert.deepStrictEqual(order, ['big', 'small']);
    assert.ok(bytes(head).equals(bytes(t.statelessNormal([512], [6, 6]).data)));
    assert.ok(bytes(out.subarray(512)).equals(bytes(t.statelessUniform([N], [5, 5]).data.subarray(512))));
  });
});
