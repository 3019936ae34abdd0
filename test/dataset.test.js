'use strict';
// shuffleDataset: tf.data.Dataset.shuffle orders. Expected orders come from
// TensorFlow only: the recorded fixtures (replayed when present) and the
// cases of TF's shuffle_dataset_op_test.cc; other tests check properties
// (sources of every kind give the same order, memory is bounded, epochs).
const assert = require('assert');
const { Readable } = require('stream');
const api = require('..');
const { replayFile: replayFixture } = require('./replay');
const replayFile = (file, pick) => replayFixture(api, file, pick);


const range = (n) => Array.from({ length: n }, (_, i) => i);
async function collect(it) {
  const out = [];
  for await (const x of it) out.push(x);
  return out;
}
// Kernel seeds (s, s2) = get_seed(op seed) with global seed s: (s, s2) for small positive values.
function dataset(src, B, s, s2, reshuffle) {
  api.setSeed(s);
  const ds = api.shuffleDataset(src, B, { seed: s2, reshuffleEachIteration: reshuffle });
  api.setSeed(null);
  return ds;
}

describe('shuffleDataset: TensorFlow recordings', function () {
  replayFile('shared-tf-2.21-scenarios.json', (n) => n === 'shuffles');
  replayFile('tf-stateless.json', (n) => n.startsWith('dataset'));
});

describe("shuffleDataset: TF's shuffle_dataset_op_test.cc", function () {
  // (n, buffer, seed, seed2, reshuffle, two epochs)
  const cases = [
    [10, 3, 1, 2, false, [[2, 3, 0, 5, 6, 4, 7, 8, 9, 1], [2, 3, 0, 5, 6, 4, 7, 8, 9, 1]]],
    [10, 10, 1, 2, true, [[2, 6, 1, 3, 9, 5, 0, 8, 7, 4], [1, 6, 0, 5, 2, 7, 4, 3, 9, 8]]],
    [10, 2, 1, 2, true, [[0, 2, 1, 3, 5, 6, 4, 7, 8, 9], [1, 0, 2, 3, 4, 5, 6, 7, 9, 8]]],
    [10, 10, 2, 2, true, [[3, 0, 8, 1, 5, 4, 7, 2, 6, 9], [4, 6, 9, 0, 1, 8, 2, 7, 3, 5]]],
    [10, 1, 1, 2, true, [range(10), range(10)]],
    [0, 10, 1, 2, true, [[], []]],
  ];
  for (const [k, [n, B, s, s2, r, want]] of cases.entries()) {
    it(`case ${k + 1}: range(${n}), buffer ${B}, seeds (${s}, ${s2}), reshuffle ${r}`, async function () {
      const ds = dataset(range(n), B, s, s2, r);
      assert.deepStrictEqual([[...ds], [...ds]], want);
      const da = dataset(() => Readable.from(range(n)), B, s, s2, r);
      assert.deepStrictEqual([await collect(da), await collect(da)], want);
    });
  }
});

describe('shuffleDataset: sources and epochs', function () {
  it('sync arrays, generators, async iterables and object-mode streams give the same orders', async function () {
    const n = 5000, B = 100;
    const ref = dataset(range(n), B, 4, 5, true);
    const e0 = [...ref], e1 = [...ref];
    assert.notDeepStrictEqual(e0, e1);
    const fromGen = dataset({ *[Symbol.iterator]() { for (let i = 0; i < n; i++) yield i; } }, B, 4, 5, true);
    assert.deepStrictEqual([...fromGen], e0);
    const asyncSrc = { async *[Symbol.asyncIterator]() { for (let i = 0; i < n; i++) yield i; } };
    const fromAsync = dataset(asyncSrc, B, 4, 5, true);
    assert.strictEqual(typeof fromAsync[Symbol.iterator], 'undefined');
    assert.deepStrictEqual(await collect(fromAsync), e0);
    assert.deepStrictEqual(await collect(fromAsync), e1);
    const fromStream = dataset(Readable.from(range(n)), B, 4, 5, true);
    assert.deepStrictEqual(await collect(fromStream), e0);
    const fromFactory = dataset(() => Readable.from(range(n)), B, 4, 5, true);
    assert.deepStrictEqual(await collect(fromFactory), e0);
    assert.deepStrictEqual(await collect(fromFactory), e1);
    // a sync result is async-iterable too, continuing the same epoch count
    const both = dataset(range(n), B, 4, 5, true);
    assert.deepStrictEqual(await collect(both), e0);
    assert.deepStrictEqual([...both], e1);
  });
  it('yields the source objects themselves', function () {
    const objs = range(20).map((i) => ({ i }));
    const out = [...api.shuffleDataset(objs, 5, { seed: 1 })];
    assert.strictEqual(out.length, 20);
    for (const o of out) assert.ok(objs.includes(o));
  });
  it('is re-iterable: the k-th iteration is epoch k; without reshuffle every epoch is the same', function () {
    const a = dataset(range(300), 50, 9, 9, true), b = dataset(range(300), 50, 9, 9, true);
    const ea = [[...a], [...a], [...a]], eb = [[...b], [...b], [...b]];
    assert.deepStrictEqual(ea, eb);
    assert.notDeepStrictEqual(ea[1], ea[2]);
    const f = dataset(range(300), 50, 9, 9, false);
    const ef = [[...f], [...f], [...f]];
    assert.deepStrictEqual(ef[1], ef[0]);
    assert.deepStrictEqual(ef[2], ef[0]);
    // TF: the fixed seeds are the kernel seeds themselves; the reshuffled epoch 0 uses the first two words
    assert.notDeepStrictEqual(ef[0], ea[0]);
    // an iterator takes its epoch when it is created, not when it is first read
    const c = dataset(range(300), 50, 9, 9, true);
    const it0 = c[Symbol.iterator](), it1 = c[Symbol.iterator]();
    assert.deepStrictEqual([...{ [Symbol.iterator]: () => it1 }], ea[1]);
    assert.deepStrictEqual([...{ [Symbol.iterator]: () => it0 }], ea[0]);
  });
  it('datasets of 10^5 elements are permutations for several buffer sizes; buffer 1 keeps the order', function () {
    const n = 100000;
    for (const B of [1, 2, 1000, 65536, n, 10 * n]) {
      const ds = api.shuffleDataset(range(n), B, { seed: B });
      for (let epoch = 0; epoch < 2; epoch++) {
        const out = [...ds];
        assert.strictEqual(out.length, n);
        if (B === 1) assert.deepStrictEqual(out, range(n));
        const seen = new Uint8Array(n);
        for (const x of out) seen[x]++;
        assert.ok(seen.every((c) => c === 1), `buffer ${B} epoch ${epoch}`);
        // an element can only come out after the buffer reached it
        for (let i = 0; i < n; i++) assert.ok(out[i] < i + B, `buffer ${B}: element ${out[i]} at ${i}`);
      }
    }
  });
  it('holds at most bufferSize elements (lazy, infinite-capable sources)', async function () {
    const B = 64;
    let pulled = 0, emitted = 0, maxHeld = 0;
    const src = { *[Symbol.iterator]() { for (let i = 0; i < 100000; i++) { pulled++; yield i; } } };
    for (const _ of api.shuffleDataset(src, B, { seed: 3 })) {
      emitted++;
      maxHeld = Math.max(maxHeld, pulled - emitted + 1);
    }
    assert.strictEqual(emitted, 100000);
    assert.ok(maxHeld <= B, `held ${maxHeld}`);
    // infinite source, stop early: the source is closed
    let closed = false;
    const inf = { *[Symbol.iterator]() { try { for (let i = 0; ; i++) yield i; } finally { closed = true; } } };
    const first = [];
    for (const x of api.shuffleDataset(inf, 10, { seed: 3 })) { first.push(x); if (first.length === 25) break; }
    assert.ok(closed);
    assert.ok(first.every((x) => x < 35));
    let aclosed = false;
    const ainf = { async *[Symbol.asyncIterator]() { try { for (let i = 0; ; i++) yield i; } finally { aclosed = true; } } };
    for await (const x of api.shuffleDataset(ainf, 10, { seed: 3 })) if (x >= 0) break;
    assert.ok(aclosed);
  });
  it('seeds: op seed with the global seed, global seed only (op seeds drawn), none (random)', function () {
    api.setSeed(77);
    const a = api.shuffleDataset(range(50), 50);
    const b = api.shuffleDataset(range(50), 50);
    api.setSeed(77);
    const a2 = api.shuffleDataset(range(50), 50);
    assert.deepStrictEqual([...a2], [...a]);
    assert.notDeepStrictEqual([...b], [...a2]);
    assert.strictEqual(typeof a.seed, 'bigint');
    api.setSeed(null);
    const r1 = api.shuffleDataset(range(100), 100), r2 = api.shuffleDataset(range(100), 100);
    const o1 = [...r1];
    assert.deepStrictEqual([...o1].sort((x, y) => x - y), range(100));
    assert.notDeepStrictEqual(o1, [...r2]);
    // with only an op seed the kernel seeds are (87654321, seed)
    const d = api.shuffleDataset(range(10), 4, { seed: 5 });
    assert.strictEqual(d.seed, 87654321n);
    assert.strictEqual(d.seed2, 5n);
  });
  it('inside fn: graph op seeds, and every call rebuilds the dataset with the same seeds', function () {
    api.setSeed(5);
    const f = api.fn(() => {
      const u = api.uniform([1]);               // graph op seed 0
      const ds = api.shuffleDataset(range(30), 30); // graph op seed 1
      return [ds.seed, ds.seed2, [...ds], [...ds], u.data[0]];
    });
    const a = f(), b = f();
    api.setSeed(null);
    assert.deepStrictEqual(a.slice(0, 2), [5n, 1n]);
    assert.deepStrictEqual(b.slice(0, 4), a.slice(0, 4));
    assert.notStrictEqual(b[4], a[4]);           // the stateful op's counter moves on
    assert.notDeepStrictEqual(a[2], a[3]);
  });
  it('validates its arguments', function () {
    assert.throws(() => api.shuffleDataset(42, 3), (e) => e instanceof TypeError && /source/.test(e.message));
    assert.throws(() => api.shuffleDataset(null, 3), TypeError);
    assert.throws(() => api.shuffleDataset([1], 0), (e) => e instanceof RangeError && /bufferSize/.test(e.message));
    assert.throws(() => api.shuffleDataset([1], 1.5), TypeError);
    assert.throws(() => api.shuffleDataset([1], 2, { seed: 0.5 }), TypeError);
    assert.throws(() => api.shuffleDataset([1], 2, { reshuffle: true }), TypeError);
    assert.throws(() => api.shuffleDataset([1], 2, { reshuffleEachIteration: 'yes' }), TypeError);
  });
});
