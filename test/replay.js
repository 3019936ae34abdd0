'use strict';
// Replays scenario files recorded from real TensorFlow (the format of
// ../shared/golden/README.md, our own recordings in test/fixtures/) against the
// public API and reports every mismatch. Step kinds: setSeed, getSeed, any op
// by its API name, fn/invoke (bodies may contain setSeed), generator, gen,
// splitGenerator, indexShuffle, shuffleDataset, philoxFill.
const fs = require('fs');
const path = require('path');

const ARRAY = {
  uint32: Uint32Array, uint64: BigUint64Array, int32: Int32Array, int64: BigInt64Array,
  float32: Float32Array, float64: Float64Array, float16: Uint16Array, bfloat16: Uint16Array,
};

function arg(x) {
  if (x && typeof x === 'object' && !Array.isArray(x) && '$big' in x) return BigInt(x.$big);
  // NaN / Infinity / -Infinity (tools/golden/record.py writes them as {"$num": ...})
  if (x && typeof x === 'object' && !Array.isArray(x) && '$num' in x) return Number(x.$num);
  if (Array.isArray(x)) return x.map(arg);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, arg(v)]));
  return x;
}
const camel = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

/** Encodes a result's values as the fixtures do (hex bits for floats, decimal for ints). */
function encode(res, dtype) {
  const d = res && res.data !== undefined ? res.data : res;
  if (!ArrayBuffer.isView(d)) throw new Error('result has no typed data');
  const b = Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  const out = [];
  for (let i = 0; i < d.length; i++) {
    if (dtype === 'float32') out.push(b.readUInt32LE(i * 4).toString(16).padStart(8, '0'));
    else if (dtype === 'float64') out.push(b.readBigUInt64LE(i * 8).toString(16).padStart(16, '0'));
    else if (dtype === 'float16' || dtype === 'bfloat16') out.push(b.readUInt16LE(i * 2).toString(16).padStart(4, '0'));
    else out.push(String(d[i]));
  }
  return out;
}

function compare(res, exp, where, stat) {
  stat.total += exp.values.length;
  let got;
  try { got = encode(res, exp.dtype); } catch (e) { stat.fail.push(`${where}: ${e.message}`); return; }
  if (res && res.shape && JSON.stringify(Array.from(res.shape, Number)) !== JSON.stringify(exp.shape))
    stat.fail.push(`${where}: shape ${JSON.stringify(res.shape)} != ${JSON.stringify(exp.shape)}`);
  if (res && res.dtype && res.dtype !== exp.dtype) stat.fail.push(`${where}: dtype ${res.dtype} != ${exp.dtype}`);
  if (got.length !== exp.values.length) stat.fail.push(`${where}: ${got.length} values, want ${exp.values.length}`);
  let ok = 0, first = -1;
  for (let i = 0; i < exp.values.length; i++) {
    if (got[i] === exp.values[i]) ok++;
    else if (first < 0) first = i;
  }
  stat.ok += ok;
  if (ok < exp.values.length) stat.fail.push(`${where}: ${ok}/${exp.values.length} exact (first diff at ${first}: want ${exp.values[first]} got ${got[first]})`);
}

function makeCall(api) {
  return function call(step) {
    const a = arg(step.args || []), o = camel(arg(step.opts || {}));
    if (step.call === 'philoxFill') {
      const out = new ARRAY[o.dtype](a[0]);
      api.philox.fill(out, { key: a[1], counter: a[2], ...o });
      return { data: out };
    }
    if (step.call === 'setSeed') { api.setSeed(a[0]); return undefined; }
    if (step.call === 'getSeed') {
      const s = api.getSeed(a[0] === undefined ? null : a[0]);
      return { data: s.map((x) => (x === null ? 'null' : String(x))), shape: [2], dtype: 'int64', raw: true };
    }
    const f = api[step.call];
    if (typeof f !== 'function') throw new Error(`no export ${step.call}`);
    if (step.call === 'shuffle') return f(Int32Array.from(a[0]), o);
    if (step.call === 'statelessShuffle') return f(Int32Array.from(a[0]), a[1]);
    if (step.call === 'indexShuffle') return { data: BigInt64Array.from(a[0].map((i) => BigInt(f(i, a[1], a[2])))) };
    if (step.call === 'shuffleDataset') {
      const ds = f(Array.from({ length: a[0] }, (_, i) => i), a[1], o);
      return { data: BigInt64Array.from([...ds, ...ds].map((x) => BigInt(x))) };
    }
    if (Object.keys(o).length || ['uniform', 'normal', 'truncatedNormal'].includes(step.call)) return f(...a, o);
    return f(...a);
  };
}

function compareAny(res, exp, where, stat) {
  if (res && res.raw) {
    stat.total += exp.values.length;
    const ok = JSON.stringify(res.data) === JSON.stringify(exp.values);
    if (ok) stat.ok += exp.values.length;
    else stat.fail.push(`${where}: ${JSON.stringify(res.data)} != ${JSON.stringify(exp.values)}`);
    return;
  }
  compare(res, exp, where, stat);
}

/** Runs one scenario (a list of steps) in the current module state. */
function runScenario(api, name, steps) {
  // a scenario is a list of steps, or {steps, threads} (tools/golden/record.py)
  if (!Array.isArray(steps) && steps && Array.isArray(steps.steps)) steps = steps.steps;
  const call = makeCall(api);
  const stat = { ok: 0, total: 0, fail: [] };
  const gens = {}, fns = {};
  for (const [i, st] of steps.entries()) {
    const where = `${name}#${i}:${st.call}${st.method ? '.' + st.method : ''}`;
    try {
      if (st.call === 'generator') gens[st.id] = api.Generator.fromSeed(arg(st.args[0]));
      else if (st.call === 'splitGenerator') {
        const kids = gens[st.of].split(st.ids.length);
        st.ids.forEach((id, k) => { gens[id] = kids[k]; });
      } else if (st.call === 'gen') {
        const g = gens[st.id], a = arg(st.args || []), o = camel(arg(st.opts || {}));
        let r;
        if (st.method === 'state') r = typeof g.state === 'function' ? g.state() : g.state;
        else r = Object.keys(o).length ? g[st.method](...a, o) : g[st.method](...a);
        if (st.expect) compare(r, st.expect, where, stat);
      } else if (st.call === 'fn') {
        const body = st.body;
        // one result per body step (undefined for setSeed), aligned with invoke's expect
        fns[st.id] = api.fn(() => body.map((b) => call(b)));
      } else if (st.call === 'invoke') {
        const rs = fns[st.id]();
        st.expect.forEach((e, k) => { if (e) compare(rs[k], e, `${where}[${k}]`, stat); });
      } else {
        const r = call(st);
        if (st.expect) compareAny(r, st.expect, where, stat);
      }
    } catch (e) {
      const n = !st.expect ? 0 : Array.isArray(st.expect) ? st.expect.reduce((s, x) => s + (x ? x.values.length : 0), 0) : st.expect.values.length;
      stat.total += n;
      stat.fail.push(`${where}: threw ${String((e && e.message) || e).split('\n')[0].slice(0, 200)}`);
    }
  }
  return stat;
}

function loadFixture(file) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf8'));
}

function fixtureExists(file) {
  return fs.existsSync(path.join(__dirname, 'fixtures', file));
}

/**
 * Declares one mocha test per scenario of fixture `file` whose name passes
 * `pick`: every value must match exactly. Nothing if the file is absent.
 */
function replayFile(api, file, pick = () => true) {
  const assert = require('assert');
  if (!fixtureExists(file)) return;
  const data = loadFixture(file);
  for (const [name, sc] of Object.entries(data.scenarios)) {
    if (!pick(name)) continue;
    const steps = Array.isArray(sc) ? sc : sc.steps;
    it(`${file}: ${name} (${steps.length} steps)`, function () {
      const stat = runScenario(api, name, steps);
      assert.ok(stat.total > 0, 'scenario compared no values');
      assert.deepStrictEqual(stat.fail.slice(0, 8), [], `${stat.ok}/${stat.total} values exact`);
      assert.strictEqual(stat.ok, stat.total);
    });
  }
}

/** A float32 printed by TF (numpy precision 8) equals the value. */
function sameF32(got, printed) {
  return got.every((v, i) => Math.fround(printed[i]) === v || Math.abs(v - printed[i]) <= 5e-9);
}

module.exports = { runScenario, loadFixture, fixtureExists, encode, arg, replayFile, sameF32 };
