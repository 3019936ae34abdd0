'use strict';
// tf-philox/tfjs: tfjs signatures, TensorFlow (Python) values, tfjs Tensors.
const assert = require('assert');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const t = require('..');
const r = require('../dist/tfjs');
const docs = require('../examples/tf-set-seed-docs.json');

const bits = (f32) => Array.from(new Uint32Array(Float32Array.from(f32).buffer), (w) => w.toString(16).padStart(8, '0'));

describe('tf-philox/tfjs', function () {
  before(async function () { await tf.setBackend('cpu'); });

  it('is exported as a package subpath', function () {
    assert.strictEqual(require.resolve('tf-philox/tfjs'), require.resolve('../dist/tfjs'));
  });
  it('randomUniform returns a tfjs Tensor with TensorFlow\'s values', function () {
    t.setSeed(1234);
    const a = r.randomUniform([1]), b = r.randomUniform([1]);
    assert.ok(a instanceof tf.Tensor);
    const want = docs.examples.find((e) => e.id === 'global-seed').printed;
    assert.deepStrictEqual(bits(a.dataSync()), want[0].values[0]);
    assert.deepStrictEqual(bits(b.dataSync()), want[1].values[0]);
  });
  it('an op seed follows TF\'s rules (default graph seed without a global seed)', function () {
    t.setSeed(null);
    const want = docs.examples.find((e) => e.id === 'op-seed').printed;
    assert.deepStrictEqual(bits(r.randomUniform([1], 0, 1, 'float32', 1).dataSync()), want[0].values[0]);
    assert.deepStrictEqual(bits(r.randomUniform([1], 0, 1, 'float32', 1).dataSync()), want[1].values[0]);
  });
  it('randomNormal / randomStandardNormal / truncatedNormal / randomUniformInt equal the core ops', function () {
    for (const [f, g] of [
      [() => r.randomNormal([2, 3], 1, 2, 'float32', 5), () => t.normal([2, 3], { mean: 1, stddev: 2, seed: 5 })],
      [() => r.randomStandardNormal([4], 'float32', 6), () => t.normal([4], { seed: 6 })],
      [() => r.truncatedNormal([7], 0, 3, 'float32', 7), () => t.truncatedNormal([7], { stddev: 3, seed: 7 })],
      [() => r.randomUniformInt([9], -5, 100, 8), () => t.uniform([9], { minval: -5, maxval: 100, dtype: 'int32', seed: 8 })],
    ]) {
      t.setSeed(3);
      const a = f();
      t.setSeed(3);
      const b = g();
      assert.deepStrictEqual(a.shape, b.shape);
      assert.deepStrictEqual(Array.from(a.dataSync()), Array.from(b.data));
    }
  });
  it('toTfjs converts every dtype (float64 rounded, halves widened, int64 checked)', function () {
    const h = new t.Tensor(Uint16Array.from([0x3c00, 0xc000]), [2], 'float16');
    assert.deepStrictEqual(Array.from(r.toTfjs(h).dataSync()), [1, -2]);
    const d = new t.Tensor(Float64Array.from([0.1]), [1], 'float64');
    assert.strictEqual(r.toTfjs(d).dtype, 'float32');
    const big = new t.Tensor(BigInt64Array.from([2n ** 40n]), [1], 'int64');
    assert.throws(() => r.toTfjs(big), RangeError);
    assert.throws(() => r.toTfjs({}), TypeError);
  });
  it('rejects dtypes tfjs cannot hold', function () {
    assert.throws(() => r.randomUniform([1], 0, 1, 'float64'), TypeError);
  });
});
