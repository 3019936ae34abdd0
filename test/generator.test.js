'use strict';
// tf.random.Generator. Expected values come from TensorFlow only: the recorded
// fixtures (replayed when present), TensorFlow's docstrings, guide and unit
// tests (stateful_random_ops_test.py); other tests check properties (state
// round-trips, async moves the state at call time, errors change nothing).
const assert = require('assert');
const api = require('..');
const { replayFile: replayFixture, sameF32 } = require('./replay');
const replayFile = (file, pick) => replayFixture(api, file, pick);
const { Generator } = api;


const state = (g) => Array.from(g.state.data);
const bytes = (t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);

describe('Generator: TensorFlow recordings', function () {
  replayFile('shared-tf-2.21-scenarios.json', (n) => n === 'generator');
  replayFile('tf-stateless.json', (n) => n.startsWith('generator'));
  replayFile('tf-stateless-extra.json', (n) => n.startsWith('generator'));
});

describe('Generator: TensorFlow docs and unit tests', function () {
  it('from_seed(1234): state, normal((2, 3)), state [2770, 0, 0], next normal', function () {
    const g = Generator.fromSeed(1234);
    assert.deepStrictEqual(state(g), [1234n, 0n, 0n]);
    const v = g.normal([2, 3]);
    assert.deepStrictEqual(v.shape, [2, 3]);
    assert.ok(sameF32(Array.from(v.data), [0.9356609, 1.0854305, -0.93788373, -0.5061547, 1.3169702, 0.7137579]), String(v));
    assert.deepStrictEqual(state(g), [2770n, 0n, 0n]);
    // stateful_random_ops_test.testTF1 (its tolerance: the printed values have 8 digits)
    const w = Array.from(g.normal([2, 3]).data);
    const want = [-0.3964749, 0.8369565, -0.30946946, 1.1206646, 1.00852597, -0.10185789];
    assert.ok(w.every((x, i) => Math.abs(x - want[i]) <= 1.5e-7), String(w));
    // and uniform((3,)) after it, from_seed(1234).normal((2,3)) then uniform
    const g3 = Generator.fromSeed(1234);
    g3.normal([2, 3]);
    assert.ok(sameF32(Array.from(g3.uniform([3]).data), [0.6512613, 0.9295906, 0.50873387]));
  });
  it("from_seed(123, alg='philox').normal((2, 3))", function () {
    const v = Generator.fromSeed(123, { alg: 'philox' }).normal([2, 3]);
    assert.ok(sameF32(Array.from(v.data), [0.8673864, -0.29899067, -0.9310337, -1.5828488, 1.2481191, -0.6770643]));
  });
  it('testCreateRNGStateIntSeed: a big Python int is cut into 64-bit chunks', function () {
    const g = Generator.fromSeed(0xFFFF222233334444FFAA666677778888n);
    assert.deepStrictEqual(state(g), [BigInt.asIntN(64, 0xFFAA666677778888n), BigInt.asIntN(64, 0xFFFF222233334444n), 0n]);
  });
  it('testSkip: counter += 432 * 256', function () {
    const g = new Generator([5678, 0, 1234]);
    g.skip(432);
    assert.deepStrictEqual(state(g), [BigInt(5678 + 432 * 256), 0n, 1234n]);
  });
  it('guide: from_seed(1) normal([]) twice; split(3) children', function () {
    const g = Generator.fromSeed(1);
    assert.ok(sameF32([g.normal([]).data[0], g.normal([]).data[0]], [0.43842274, 1.6272374]));
    const h = Generator.fromSeed(1);
    h.normal([]);
    const kids = h.split(3);
    const vals = kids.map((k) => k.normal([]).data[0]).concat([h.normal([]).data[0]]);
    assert.ok(sameF32(vals, [2.536413, 0.33186463, -0.07144657, -0.79253083]), String(vals));
  });
  it('create_rng_state rules: -1, -5, 2^200 + 7, lists (left-padded, cut to 3)', function () {
    assert.deepStrictEqual(state(Generator.fromSeed(-1)), [-1n, -1n, -1n]);
    assert.deepStrictEqual(state(Generator.fromSeed(-5)), [-5n, -1n, -1n]);
    assert.deepStrictEqual(state(Generator.fromSeed(2n ** 200n + 7n)), [7n, 0n, 0n]);
    assert.deepStrictEqual(state(Generator.fromSeed(5)), [5n, 0n, 0n]);
    assert.deepStrictEqual(state(Generator.fromSeed([5])), [0n, 0n, 5n]);
    assert.deepStrictEqual(state(Generator.fromSeed([1, 2, 3, 4, 5])), [1n, 2n, 3n]);
    assert.deepStrictEqual(state(Generator.fromSeed(BigInt64Array.of(7n, -8n))), [0n, 7n, -8n]);
  });
});

describe('Generator: state', function () {
  it('state round-trips: fromKeyCounter / fromState of a saved state continue the stream bit for bit', function () {
    const g = Generator.fromSeed(2n ** 70n + 12345n);
    g.normal([33]);
    g.skip(-7);
    const s = g.state.data;
    const a = Generator.fromKeyCounter(s[2], [s[0], s[1]]);
    const b = Generator.fromState(g.state);
    const c = new Generator(Array.from(s));
    for (const m of [['uniform', [[100]]], ['normal', [[7], { dtype: 'float64' }]], ['truncatedNormal', [[9]]],
      ['uniformFullInt', [[5]]], ['binomial', [[4], 10, 0.5]], ['uniform', [[3], { dtype: 'int32', minval: 0, maxval: 9 }]]]) {
      const want = bytes(g[m[0]](...m[1]));
      for (const x of [a, b, c]) assert.deepStrictEqual(bytes(x[m[0]](...m[1])), want, m[0]);
    }
    assert.deepStrictEqual(state(a), state(g));
    // uint64 values wrap like TF's state conversion
    assert.deepStrictEqual(state(Generator.fromKeyCounter(2n ** 64n - 1n, [0, 2n ** 63n])), [0n, -(2n ** 63n), -1n]);
  });
  it('every sampler advances the counter by 256 per element (zero elements: no move)', function () {
    const g = Generator.fromSeed(9);
    g.uniform([3]); g.normal([2, 2]); g.truncatedNormal([1]); g.uniformFullInt([5], { dtype: 'int32' });
    g.uniform([0]);
    assert.deepStrictEqual(state(g), [9n + 256n * 13n, 0n, 0n]);
    g.uniform([0]);
    g.binomial([4], 10, 0.5); // floor(1 * 200 * 7 / 4) = 350 blocks of 256
    assert.deepStrictEqual(state(g), [9n + 256n * 13n + 350n * 256n, 0n, 0n]);
  });
  it("binomial right after a state read leaves the state (TF 2.21's aliasing quirk), and only then", function () {
    // String(g) shows the state without reading it as a tensor
    const peek = (x) => /state=\[(-?\d+),/.exec(String(x))[1];
    const g = Generator.fromSeed(7), twin = Generator.fromSeed(7);
    state(g);
    const a = g.binomial([6], 10, 0.3);
    assert.strictEqual(peek(g), '7');
    const b = twin.binomial([6], 10, 0.3);   // no read before: advances
    assert.deepStrictEqual(bytes(a), bytes(b));
    assert.strictEqual(peek(twin), String(7 + 450 * 256));
    // after the quirky call the state is no longer shared: the next binomial advances
    g.binomial([6], 10, 0.3);
    assert.strictEqual(peek(g), String(7 + 450 * 256));
    // a write in between (skip(0), any sampler, reset) unshares it too
    state(g);
    g.skip(0);
    g.binomial([6], 10, 0.3);
    assert.strictEqual(peek(g), String(7 + 900 * 256));
  });
  it('skip returns the state before it; carries into C1; skip(-1) adds 2^64 - 256', function () {
    const g = Generator.fromSeed([2n ** 64n - 256n, 4, 5]);
    const old = g.skip(1);
    assert.deepStrictEqual(Array.from(old.data), [-256n, 4n, 5n]);
    assert.deepStrictEqual(state(g), [0n, 5n, 5n]);
    // TF's Skip adds the uint64 2^64 - 256 to the 128-bit counter: C0 goes back, C1 keeps its carry
    g.skip(-1);
    assert.deepStrictEqual(state(g), [-256n, 5n, 5n]);
    assert.deepStrictEqual(Array.from(g.skip(0).data), [-256n, 5n, 5n]);
    assert.deepStrictEqual(state(g), [-256n, 5n, 5n]);
  });
  it('algorithm and key', function () {
    assert.strictEqual(Generator.fromSeed(1).algorithm, 'philox');
    assert.strictEqual(Generator.fromSeed(1, { alg: 'auto_select' }).algorithm, 'auto_select');
    assert.strictEqual(Generator.fromSeed(1, { alg: 3 }).algorithmId, 3);
    assert.strictEqual(Generator.fromSeed([1, 2, -3]).key, -3n);
    assert.match(String(Generator.fromSeed(4)), /Generator\(state=\[4, 0, 0\], alg=philox\)/);
  });
  it('resetFromSeed, resetFromKeyCounter, reset', function () {
    const g = Generator.fromSeed(3);
    g.normal([10]);
    g.resetFromSeed(3);
    assert.deepStrictEqual(state(g), [3n, 0n, 0n]);
    g.resetFromKeyCounter(9, [1, 2]);
    assert.deepStrictEqual(state(g), [1n, 2n, 9n]);
    g.reset([4, 5, 6]);
    assert.deepStrictEqual(state(g), [4n, 5n, 6n]);
  });
  it('auto_select gives the same numbers as philox (CPU)', function () {
    const a = Generator.fromSeed(77), b = Generator.fromSeed(77, { alg: 'auto_select' });
    assert.deepStrictEqual(bytes(b.normal([50])), bytes(a.normal([50])));
    assert.deepStrictEqual(state(b), state(a));
  });
});

describe('Generator: split and makeSeeds', function () {
  it('children get state [0, 0, key] with keys = uniformFullInt([count], int64) of the parent', function () {
    const g = Generator.fromSeed(11), twin = Generator.fromSeed(11);
    const kids = g.split(3);
    const keys = twin.uniformFullInt([3], { dtype: 'int64' }).data;
    assert.strictEqual(kids.length, 3);
    kids.forEach((k, i) => assert.deepStrictEqual(state(k), [0n, 0n, keys[i]]));
    assert.deepStrictEqual(state(g), state(twin));
    assert.deepStrictEqual(g.split(0), []);
    assert.strictEqual(Generator.fromSeed(1, { alg: 'auto_select' }).split(1)[0].algorithm, 'auto_select');
  });
  it('makeSeeds(count): [2, count], row 0 full-range int64, row 1 zeros', function () {
    const g = Generator.fromSeed(12), twin = Generator.fromSeed(12);
    const s = g.makeSeeds(4);
    assert.deepStrictEqual(s.shape, [2, 4]);
    assert.strictEqual(s.dtype, 'int64');
    assert.deepStrictEqual(Array.from(s.data.subarray(0, 4)), Array.from(twin.uniformFullInt([4], { dtype: 'int64' }).data));
    assert.deepStrictEqual(Array.from(s.data.subarray(4)), [0n, 0n, 0n, 0n]);
    assert.deepStrictEqual(g.makeSeeds().shape, [2, 1]);
  });
  it('a sequence with splits and skips is reproducible', function () {
    const run = () => {
      const g = Generator.fromSeed(-42);
      const out = [];
      const [a, b] = g.split(2);
      out.push(bytes(a.normal([5])), bytes(b.uniform([5])));
      g.skip(10);
      const [c] = b.split();
      out.push(bytes(c.truncatedNormal([6], { dtype: 'float64' })), bytes(g.binomial([3], 20, 0.25)));
      out.push(Buffer.from(g.state.data.buffer));
      return Buffer.concat(out);
    };
    assert.deepStrictEqual(run(), run());
  });
});

describe('Generator: async siblings', function () {
  const calls = [
    ['uniform', [[1000]]], ['uniform', [[9], { dtype: 'int64', minval: -3, maxval: 3 }]],
    ['uniformFullInt', [[10]]], ['normal', [[300], { dtype: 'bfloat16' }]], ['truncatedNormal', [[300]]],
    ['binomial', [[7, 2], [10, 100], 0.3]],
  ];
  for (const [k, [name, args]] of calls.entries()) {
    it(`${name}Async (case ${k}): same values, state moved at call time`, async function () {
      const g = Generator.fromSeed(5), twin = Generator.fromSeed(5);
      const want = twin[name](...args);
      const p = g[`${name}Async`](...args);
      assert.deepStrictEqual(state(g), state(twin));
      const next = bytes(g.uniform([4]));
      const got = await p;
      assert.deepStrictEqual(bytes(got), bytes(want));
      assert.deepStrictEqual(next, bytes(twin.uniform([4])));
    });
  }
});

describe('Generator: validation', function () {
  it('rejects threefry, missing seeds and bad options without moving the state', async function () {
    assert.throws(() => Generator.fromSeed(1, { alg: 'threefry' }), (e) => e instanceof RangeError && /XLA/.test(e.message));
    assert.throws(() => Generator.fromSeed(null), TypeError);
    assert.throws(() => Generator.fromSeed(1.5), TypeError);
    assert.throws(() => Generator.fromSeed(2 ** 60), RangeError);
    assert.throws(() => new Generator([1, 2]), RangeError);
    assert.throws(() => Generator.fromKeyCounter(1, [1, 2, 3]), RangeError);
    const g = Generator.fromSeed(8);
    const before = state(g);
    assert.throws(() => g.uniform([3], { dtype: 'int32' }), (e) => e instanceof TypeError && /uniform: maxval/.test(e.message));
    assert.throws(() => g.uniform([3], { dtype: 'int32', minval: 4, maxval: 4 }), RangeError);
    assert.throws(() => g.uniform([3], { dtype: 'uint32', minval: 0, maxval: 4 }), TypeError);
    assert.throws(() => g.normal([3], { dtype: 'int32' }), TypeError);
    assert.throws(() => g.normal([-1]), RangeError);
    assert.throws(() => g.uniform([3], { seed: 1 }), TypeError);
    assert.throws(() => g.uniformFullInt([3], { dtype: 'float32' }), TypeError);
    assert.throws(() => g.binomial([3], [1, 2], 0.5), RangeError);
    assert.throws(() => g.skip(0.5), TypeError);
    assert.throws(() => g.makeSeeds(-1), RangeError);
    await assert.rejects(g.normalAsync([3], { stddev: 'x' }), TypeError);
    assert.deepStrictEqual(state(g), before);
  });
  it("binomial needs alg 'philox' (TF: Unsupported algorithm id: 3), state unchanged", async function () {
    const g = Generator.fromSeed(1, { alg: 'auto_select' });
    assert.throws(() => g.binomial([3], 10, 0.5), (e) => e instanceof RangeError && /algorithm id: 3/.test(e.message));
    await assert.rejects(g.binomialAsync([3], 10, 0.5), RangeError);
    assert.deepStrictEqual(state(g), [1n, 0n, 0n]);
  });
});

describe('Generator: the global generator', function () {
  it('is created once from OS entropy, unaffected by setSeed, replaced by setGlobalGenerator', function () {
    const g = api.getGlobalGenerator();
    assert.ok(g instanceof Generator);
    assert.strictEqual(api.getGlobalGenerator(), g);
    const s = state(g);
    api.setSeed(5);
    assert.deepStrictEqual(state(api.getGlobalGenerator()), s);
    api.setSeed(null);
    const mine = Generator.fromSeed(3);
    api.setGlobalGenerator(mine);
    assert.strictEqual(api.getGlobalGenerator(), mine);
    assert.throws(() => api.setGlobalGenerator({}), TypeError);
    assert.notDeepStrictEqual(state(Generator.fromNonDeterministicState()), state(Generator.fromNonDeterministicState()));
  });
});
