'use strict';
// Public API behaviour beyond the golden values: Tensor printing and
// conversion, `out` buffers, async == sync, kernel tiers, validation.
const assert = require('assert');
const util = require('util');
const t = require('..');

describe('Tensor', function () {
  it('prints like TF eager', function () {
    t.setSeed(1234);
    const x = t.uniform([1]);
    assert.strictEqual(String(x), 'tf.Tensor([0.5380393], shape=(1,), dtype=float32)');
    assert.strictEqual(util.inspect(x), 'tf.Tensor([0.5380393], shape=(1,), dtype=float32)');
  });
  it('prints scalars, matrices, ints and empty tensors numpy-style', function () {
    t.setSeed(1234);
    const s = t.uniform([], { maxval: 10, dtype: 'int32' });
    assert.match(String(s), /^tf\.Tensor\(\d, shape=\(\), dtype=int32\)$/);
    assert.strictEqual(String(t.uniform([0, 3])), 'tf.Tensor([], shape=(0, 3), dtype=float32)');
    const m = new t.Tensor(Float32Array.from([1, 0.5, -2.25, 3]), [2, 2], 'float32');
    assert.strictEqual(String(m), 'tf.Tensor(\n[[ 1.    0.5 ]\n [-2.25  3.  ]], shape=(2, 2), dtype=float32)'.replace('tf.Tensor(\n', 'tf.Tensor('));
    const i = new t.Tensor(Int32Array.from([1, -5, 10]), [3], 'int32');
    assert.strictEqual(String(i), 'tf.Tensor([ 1 -5 10], shape=(3,), dtype=int32)');
  });
  it('toArray decodes halves and nests rows', function () {
    const h = new t.Tensor(Uint16Array.from([0x3c00, 0x3800, 0xc000, 0x0001]), [2, 2], 'float16');
    assert.deepStrictEqual(h.toArray(), [[1, 0.5], [-2, 2 ** -24]]);
    const b = new t.Tensor(Uint16Array.from([0x3f80, 0x4049]), [2], 'bfloat16');
    assert.deepStrictEqual(b.toArray(), [1, 3.140625]);
    const l = new t.Tensor(BigInt64Array.from([1n, -2n]), [2], 'int64');
    assert.deepStrictEqual(l.toArray(), [1n, -2n]);
  });
});

describe('out buffers', function () {
  it('writes into out and returns a Tensor viewing it', function () {
    t.setSeed(7);
    const a = t.normal([3, 4], { seed: 1 });
    t.setSeed(7);
    const out = new Float32Array(12);
    const b = t.normal([3, 4], { seed: 1, out });
    assert.strictEqual(b.data, out);
    assert.deepStrictEqual(Array.from(out), Array.from(a.data));
  });
  it('rejects a wrong type or length and writes nothing, moves no counter', function () {
    t.setSeed(7);
    const before = t.uniform([4], { seed: 3 });
    t.setSeed(7);
    const canary = new Float64Array(4).fill(42);
    assert.throws(() => t.uniform([4], { seed: 3, out: canary }), (e) => e instanceof TypeError && /out/.test(e.message));
    const short = new Float32Array(3).fill(42);
    assert.throws(() => t.uniform([4], { seed: 3, out: short }), (e) => e instanceof RangeError && /out/.test(e.message));
    assert.deepStrictEqual(Array.from(canary), [42, 42, 42, 42]);
    assert.deepStrictEqual(Array.from(short), [42, 42, 42]);
    // the kernel did not advance: the next call still gives the first values
    assert.deepStrictEqual(Array.from(t.uniform([4], { seed: 3 }).data), Array.from(before.data));
  });
});

describe('async', function () {
  const cases = [
    ['uniform', (o) => t.uniform([1000], o), (o) => t.uniformAsync([1000], o), {}],
    ['uniform int64', (o) => t.uniform([999], o), (o) => t.uniformAsync([999], o), { minval: -5, maxval: 2n ** 40n, dtype: 'int64' }],
    ['normal f16', (o) => t.normal([1001], o), (o) => t.normalAsync([1001], o), { dtype: 'float16', mean: 1, stddev: 2 }],
    ['truncatedNormal f64', (o) => t.truncatedNormal([77], o), (o) => t.truncatedNormalAsync([77], o), { dtype: 'float64' }],
    ['gamma', (o) => t.gamma([50], [0.5, 3], o), (o) => t.gammaAsync([50], [0.5, 3], o), { beta: 2 }],
    ['poisson', (o) => t.poisson([50], [3, 30], o), (o) => t.poissonAsync([50], [3, 30], o), { dtype: 'int32' }],
    ['categorical', (o) => t.categorical([[1, 2, 3], [0, 0, -1]], 20, o), (o) => t.categoricalAsync([[1, 2, 3], [0, 0, -1]], 20, o), {}],
  ];
  for (const [name, sync, asyncFn, opts] of cases) {
    it(`${name}: the same values as sync, in the same call sequence`, async function () {
      t.setSeed(99);
      const s1 = sync({ ...opts }), s2 = sync({ ...opts, seed: 5 }), s3 = sync({ ...opts });
      t.setSeed(99);
      const p1 = asyncFn({ ...opts }), p2 = asyncFn({ ...opts, seed: 5 }), p3 = asyncFn({ ...opts });
      const [a1, a2, a3] = await Promise.all([p1, p2, p3]);
      for (const [s, a] of [[s1, a1], [s2, a2], [s3, a3]]) {
        assert.deepStrictEqual(a.shape, s.shape);
        assert.deepStrictEqual(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
          Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength));
      }
    });
  }
  it('a large async fill split across threads equals sync', async function () {
    const n = (1 << 23) + 3;
    const key = [123, 456], counter = [0xfffffff0, 0, 9, 0];
    for (const dist of ['uniform', 'normal', 'truncatedNormal']) {
      const s = t.philox.fill(new Float32Array(n), { key, counter, dist });
      const a = await t.philox.fillAsync(new Float32Array(n), { key, counter, dist });
      assert.ok(Buffer.from(s.buffer).equals(Buffer.from(a.buffer)), dist);
    }
  });
  it('rejects (not throws) on bad input', async function () {
    await assert.rejects(t.uniformAsync([-1]), RangeError);
    await assert.rejects(t.normalAsync([2], { dtype: 'int32' }), TypeError);
  });
});

describe('kernel tiers', function () {
  it('reports the tier in use and honours TF_PHILOX_KERNEL', function () {
    if (t.backend !== 'native') this.skip(); // TF_PHILOX_BACKEND=js runs: no native tiers
    const { execFileSync } = require('child_process');
    assert.ok(['avx512', 'avx2', 'sse4.1', 'neon', 'scalar'].includes(t.kernel));
    assert.strictEqual(t.backend, 'native');
    for (const k of ['scalar', 'avx2', 'avx512']) {
      const env = { ...process.env, TF_PHILOX_KERNEL: k };
      const got = execFileSync(process.execPath, ['-p', "require('.').kernel"], { env, cwd: require('path').join(__dirname, '..') }).toString().trim();
      const order = ['scalar', 'avx2', 'avx512'];
      // never above what the CPU supports
      assert.ok(order.indexOf(got) <= order.indexOf(k), `${k} -> ${got}`);
      if (k === 'scalar') assert.strictEqual(got, 'scalar');
    }
  });
});
