'use strict';
// Stateless ops, split / foldIn, statelessShuffle and indexShuffle.
// Expected values come from TensorFlow only: the recorded fixtures (replayed
// when present) and values printed in TensorFlow's own docstrings; the other
// tests check properties (sync == async, seeds of either dtype agree, errors
// leave nothing written).
const assert = require('assert');
const api = require('..');
const { replayFile: replayFixture, sameF32 } = require('./replay');
const replayFile = (file, pick) => replayFixture(api, file, pick);

const STATELESS_SCENARIO = (name) => !/^(generator|dataset)/.test(name);



const bytes = (t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);

describe('stateless: TensorFlow recordings', function () {
  replayFile('shared-tf-2.21-scenarios.json', (n) => n === 'stateless' || n === 'shuffles');
  replayFile('tf-stateless.json', STATELESS_SCENARIO);
  replayFile('tf-stateless-extra.json', STATELESS_SCENARIO);
});

describe('stateless: TensorFlow docstring values', function () {
  it('split([1, 2], 3) of an int32 seed', function () {
    const s = api.split(Int32Array.of(1, 2), 3);
    assert.strictEqual(s.dtype, 'int32');
    assert.deepStrictEqual(s.shape, [3, 2]);
    assert.deepStrictEqual(Array.from(s.data), [1105988140, 1738052849, -335576002, 370444179, 10670227, -246211131]);
  });
  it('stateless_normal([3], seed=split(...)[0])', function () {
    const s = api.split(Int32Array.of(1, 2), 3);
    const v = api.statelessNormal([3], s.data.subarray(0, 2));
    assert.ok(sameF32(Array.from(v.data), [-0.59835213, -0.9578608, 0.9002807]), String(v));
  });
  it('fold_in([1, 2], 3) and stateless_normal of it', function () {
    const f = api.foldIn([1, 2], 3);
    assert.strictEqual(f.dtype, 'int32');
    assert.deepStrictEqual(Array.from(f.data), [1105988140, 3]);
    const v = api.statelessNormal([3], f);
    assert.ok(sameF32(Array.from(v.data), [0.03197195, 0.8979765, 0.13253039]), String(v));
  });
  it('index_shuffle(range(4), [5, 9], 3) and (range(10), [5, 8], 9)', function () {
    assert.deepStrictEqual([0, 1, 2, 3].map((i) => api.indexShuffle(i, [5, 9], 3)), [2, 0, 1, 3]);
    assert.deepStrictEqual([...Array(10).keys()].map((i) => api.indexShuffle(i, [5, 8], 9)), [3, 8, 0, 1, 2, 7, 6, 9, 4, 5]);
  });
  it('stateless_shuffle([[1,2],[3,4],[5,6]], seed=[8, 9])', function () {
    const t = new api.Tensor(Int32Array.of(1, 2, 3, 4, 5, 6), [3, 2], 'int32');
    assert.deepStrictEqual(api.statelessShuffle(t, [8, 9]).toArray(), [[5, 6], [1, 2], [3, 4]]);
  });
  it('stateless_random_brightness(x, 0.2, seed=(1, 2)) delta', function () {
    const d = api.statelessUniform([], [1, 2], { minval: -0.2, maxval: 0.2 });
    assert.deepStrictEqual(d.shape, []);
    assert.ok(sameF32([Math.fround(1 + d.data[0])], [1.1376241]), String(d));
  });
  it('tf_quant_finance random_scrambling_vectors: stateless_uniform([2], (2, 3))', function () {
    assert.ok(sameF32(Array.from(api.statelessUniform([2], [2, 3]).data), [0.17481351, 0.9780868]));
  });
});

describe('stateless: seeds and algorithms', function () {
  it('int32 and int64 seeds agree (sign extension) except for the dtype of split', function () {
    for (const [a, b] of [[-1, 5], [0, 0], [2147483647, -2147483648], [-7, -8]]) {
      const x = api.statelessUniform([9], [a, b]);
      assert.deepStrictEqual(bytes(api.statelessUniform([9], Int32Array.of(a, b))), bytes(x));
      assert.deepStrictEqual(bytes(api.statelessUniform([9], BigInt64Array.of(BigInt(a), BigInt(b)))), bytes(x));
      assert.deepStrictEqual(bytes(api.statelessUniform([9], [BigInt(a), b])), bytes(x));
    }
    assert.strictEqual(api.split([1, 2]).dtype, 'int64');
    assert.strictEqual(api.split(BigInt64Array.of(1n, 2n)).dtype, 'int64');
    assert.strictEqual(api.split(Int32Array.of(1, 2)).dtype, 'int32');
    assert.deepStrictEqual(api.split([1, 2]).shape, [2, 2]);
  });
  it('a seed Tensor (split row, foldIn result) works as a seed', function () {
    const s = api.split([3, 4], 2);
    const row = new api.Tensor(s.data.slice(2, 4), [2], 'int64');
    assert.deepStrictEqual(bytes(api.statelessNormal([4], row)), bytes(api.statelessNormal([4], Array.from(s.data.slice(2, 4)))));
  });
  it("'philox', 'auto_select' and ids 1 / 3 give the same numbers on CPU", function () {
    const ref = bytes(api.statelessNormal([7], [8, 9], { dtype: 'float64' }));
    for (const alg of ['philox', 'auto_select', 'PHILOX', 'auto-select', 'Auto_Select', 1, 3])
      assert.deepStrictEqual(bytes(api.statelessNormal([7], [8, 9], { dtype: 'float64', alg })), ref);
  });
  it("rejects alg 'threefry' (XLA-only in TF) and unknown names", function () {
    assert.throws(() => api.statelessUniform([2], [1, 2], { alg: 'threefry' }), (e) => e instanceof RangeError && /threefry.*XLA/i.test(e.message));
    assert.throws(() => api.statelessUniform([2], [1, 2], { alg: 2 }), RangeError);
    assert.throws(() => api.statelessUniform([2], [1, 2], { alg: 'mt' }), TypeError);
    assert.throws(() => api.split([1, 2], 2, { alg: 'threefry' }), RangeError);
  });
  it('rejects bad seeds with a TypeError / RangeError naming the argument', function () {
    const cases = [
      [null, TypeError, /seed/], [undefined, TypeError, /seed/], [[1], RangeError, /shape \[2\]/], [[1, 2, 3], RangeError, /shape/],
      [[1.5, 2], TypeError, /seed\[0\]/], [[1, '2'], TypeError, /seed\[1\]/], [[2 ** 53, 1], RangeError, /seed\[0\]/],
      [[2n ** 63n, 1], RangeError, /int64/], [new Float64Array(2), TypeError, /seed/], [new Uint32Array(2), TypeError, /seed/],
      [Int32Array.of(1), RangeError, /seed/], [new api.Tensor(new Float32Array(2), [2], 'float32'), TypeError, /seed/],
    ];
    for (const [seed, E, re] of cases)
      assert.throws(() => api.statelessUniform([2], seed), (e) => e instanceof E && /statelessUniform/.test(e.message) && re.test(e.message), String(seed));
  });
});

describe('stateless: ops', function () {
  const calls = [
    ['statelessUniform', [[1000], [3, 4]]],
    ['statelessUniform', [[257], [3, 4], { dtype: 'float16', minval: -2, maxval: 5 }]],
    ['statelessUniform', [[99], [3, 4], { dtype: 'int64', minval: -5, maxval: 2n ** 40n }]],
    ['statelessUniform', [[99], [3, 4], { dtype: 'uint32', minval: null, maxval: null }]],
    ['statelessNormal', [[1001], [-1, 2], { dtype: 'bfloat16', mean: 1, stddev: 3 }]],
    ['statelessTruncatedNormal', [[1001], [-1, 2], { dtype: 'float64' }]],
    ['statelessCategorical', [[[1, 2, 3], [0, 0, -Infinity]], 50, [6, 7], { dtype: 'int32' }]],
    ['statelessBinomial', [[40, 2], [6, 7], [10, 300], 0.3]],
    ['statelessGamma', [[100, 3], [6, 7], [0.5, 1, 4], { beta: 2 }]],
    ['statelessPoisson', [[100, 2], [6, 7], [3, 40], { dtype: 'float32' }]],
  ];
  for (const [k, [name, args]] of calls.entries()) {
    it(`${name} (case ${k}): the async sibling gives the same values; same inputs, same output`, async function () {
      const a = api[name](...args);
      const b = await api[`${name}Async`](...args);
      const c = api[name](...args);
      assert.deepStrictEqual(b.shape, a.shape);
      assert.strictEqual(b.dtype, a.dtype);
      assert.deepStrictEqual(bytes(b), bytes(a));
      assert.deepStrictEqual(bytes(c), bytes(a));
    });
  }
  it('writes into `out` and returns a Tensor viewing it', async function () {
    const out = new Float64Array(10);
    const t = api.statelessNormal([10], [1, 2], { dtype: 'float64', out });
    assert.strictEqual(t.data, out);
    const out2 = new Float64Array(10);
    const t2 = await api.statelessNormalAsync([10], [1, 2], { dtype: 'float64', out: out2 });
    assert.strictEqual(t2.data, out2);
    assert.deepStrictEqual(out2, out);
    const g = new Float32Array(6);
    api.statelessGamma([6], [1, 2], 2, { out: g });
    assert.deepStrictEqual(g, api.statelessGamma([6], [1, 2], 2).data);
  });
  it('a large uniform is the concatenation of the per-group values (prefix property)', function () {
    const big = api.statelessUniform([100000], [7, 8]).data;
    const small = api.statelessUniform([4097], [7, 8]).data;
    assert.deepStrictEqual(big.subarray(0, 4097), small);
  });
  it('validates before writing anything', function () {
    const out = new Float32Array(4).fill(7);
    assert.throws(() => api.statelessUniform([4], [1], { out }), RangeError);
    assert.throws(() => api.statelessUniform([4], [1, 2], { out, alg: 'threefry' }), RangeError);
    assert.throws(() => api.statelessUniform([4], [1, 2], { out: new Float32Array(3) }), RangeError);
    assert.deepStrictEqual(Array.from(out), [7, 7, 7, 7]);
  });
  it('integer bounds follow TF: both or neither, int32/int64 only, minval < maxval unless empty', function () {
    assert.throws(() => api.statelessUniform([2], [1, 2], { dtype: 'int32' }), (e) => e instanceof TypeError && /maxval/.test(e.message));
    assert.throws(() => api.statelessUniform([2], [1, 2], { dtype: 'int32', minval: null, maxval: 5 }), TypeError);
    assert.throws(() => api.statelessUniform([2], [1, 2], { dtype: 'uint64', minval: 0, maxval: 5 }), TypeError);
    assert.throws(() => api.statelessUniform([2], [1, 2], { dtype: 'int32', minval: 5, maxval: 5 }), (e) => e instanceof RangeError && /minval/.test(e.message));
    assert.deepStrictEqual(api.statelessUniform([0, 3], [1, 2], { dtype: 'int32', minval: 5, maxval: 5 }).shape, [0, 3]);
    const full = api.statelessUniform([5], [1, 2], { dtype: 'int64', minval: null, maxval: null });
    assert.strictEqual(full.data.constructor, BigInt64Array);
  });
  it('gamma / poisson / binomial: the shape must end with the parameters\' shape', function () {
    assert.throws(() => api.statelessGamma([3], [1, 2], [1, 2]), (e) => e instanceof RangeError && /shape/.test(e.message));
    assert.throws(() => api.statelessPoisson([2, 3], [1, 2], [1, 2]), RangeError);
    assert.throws(() => api.statelessBinomial([3, 2], [1, 2], [[5], [200]], [0.25, 0.75]), RangeError);
    assert.deepStrictEqual(api.statelessBinomial([3, 2, 2], [1, 2], [[5], [200]], [0.25, 0.75]).shape, [3, 2, 2]);
    assert.throws(() => api.statelessPoisson([2], [1, 2], NaN), RangeError);
  });
  it('split and foldIn', function () {
    assert.deepStrictEqual(api.split([1, 2], 0).shape, [0, 2]);
    assert.strictEqual(api.foldIn([1, 2], 2 ** 40).dtype, 'int64');
    assert.strictEqual(api.foldIn([1, 2], 5n).dtype, 'int64');
    assert.strictEqual(api.foldIn([1, 2], -5).dtype, 'int32');
    assert.strictEqual(api.foldIn([1, 2], 2n ** 40n).data[1], 2n ** 40n);
    // fold_in's first value is the full-range int drawn from the seed
    assert.strictEqual(api.foldIn([9, 9], 1).data[0], api.statelessUniform([], [9, 9], { dtype: 'int32', minval: null, maxval: null }).data[0]);
    assert.throws(() => api.foldIn([1, 2], 0.5), TypeError);
    assert.throws(() => api.foldIn([1, 2], 2n ** 63n), RangeError);
  });
});

describe('stateless: statelessShuffle', function () {
  it('permutes rows; keeps the TypedArray kind; leaves the input alone', function () {
    const v = Float64Array.from({ length: 1000 }, (_, i) => i);
    const s = api.statelessShuffle(v, [1, 2]);
    assert.ok(s instanceof Float64Array);
    assert.deepStrictEqual(Array.from(v), Array.from({ length: 1000 }, (_, i) => i));
    assert.deepStrictEqual(Array.from(s).sort((a, b) => a - b), Array.from(v));
    assert.notDeepStrictEqual(s, v);
    const arr = api.statelessShuffle(['a', 'b', 'c', 'd'], [1, 2]);
    assert.deepStrictEqual([...arr].sort(), ['a', 'b', 'c', 'd']);
    // an Int32Array gives the same permutation as an array of the same length
    const perm = api.statelessShuffle(Int32Array.from({ length: 50 }, (_, i) => i), [5, 5]);
    assert.deepStrictEqual(api.statelessShuffle(Array.from({ length: 50 }, (_, i) => i), [5, 5]), Array.from(perm));
  });
  it('moves whole rows of a Tensor', function () {
    const t = new api.Tensor(Int32Array.from({ length: 30 }, (_, i) => i), [10, 3], 'int32');
    const s = api.statelessShuffle(t, [4, 4]).toArray();
    for (const row of s) assert.deepStrictEqual(row, [row[0], row[0] + 1, row[0] + 2]);
  });
  it('returns 0-d, 1-row and empty values unchanged', function () {
    assert.deepStrictEqual(Array.from(api.statelessShuffle(Int32Array.of(5), [1, 2])), [5]);
    assert.deepStrictEqual(api.statelessShuffle(new api.Tensor(Int32Array.of(9), [], 'int32'), [1, 2]).toArray(), 9);
    assert.deepStrictEqual(api.statelessShuffle([], [1, 2]), []);
  });
});

describe('stateless: indexShuffle', function () {
  it('is a bijection on [0, maxIndex]', function () {
    for (const max of [1, 2, 9, 1000, 65535, 65536, 70000]) {
      const seen = new Uint8Array(max + 1);
      for (let i = 0; i <= max; i++) {
        const j = api.indexShuffle(i, [3, -4], max);
        assert.ok(Number.isInteger(j) && j >= 0 && j <= max);
        seen[j]++;
      }
      // TF's block for max = 2^16 exactly is 16 bits: index 2^16 aliases index 0
      if (max !== 65536) assert.ok(seen.every((c) => c === 1), `max ${max}`);
    }
  });
  it('numbers in, number out; bigints in, bigint out (same value)', function () {
    for (const max of [9, 2 ** 32 + 5, 2 ** 50 + 1, Number.MAX_SAFE_INTEGER]) {
      for (const i of [0, 1, 7, Math.floor(max / 3)]) {
        const a = api.indexShuffle(i, [1, 2], max);
        const b = api.indexShuffle(BigInt(i), [1, 2], BigInt(max));
        assert.strictEqual(typeof a, 'number');
        assert.strictEqual(typeof b, 'bigint');
        assert.strictEqual(BigInt(a), b);
      }
    }
    const r = api.indexShuffle(2n ** 63n, [1, 2], 2n ** 64n - 1n);
    assert.ok(typeof r === 'bigint' && r >= 0n && r < 2n ** 64n);
    assert.strictEqual(api.indexShuffle(0, [1, 2], 0), 0);
  });
  it('more rounds give another permutation', function () {
    const a = [...Array(20).keys()].map((i) => api.indexShuffle(i, [1, 2], 19));
    const b = [...Array(20).keys()].map((i) => api.indexShuffle(i, [1, 2], 19, { rounds: 8 }));
    assert.deepStrictEqual([...b].sort((x, y) => x - y), [...Array(20).keys()]);
    assert.notDeepStrictEqual(a, b);
  });
  it('rejects index > maxIndex, negative indices, odd rounds', function () {
    assert.throws(() => api.indexShuffle(4, [1, 2], 3), (e) => e instanceof RangeError && /maxIndex/.test(e.message));
    assert.throws(() => api.indexShuffle(-1, [1, 2], 3), (e) => e instanceof RangeError && /index/.test(e.message));
    assert.throws(() => api.indexShuffle(1.5, [1, 2], 3), TypeError);
    assert.throws(() => api.indexShuffle(1, [1, 2], 3, { rounds: 5 }), RangeError);
    assert.throws(() => api.indexShuffle(1, null, 3), TypeError);
  });
});
