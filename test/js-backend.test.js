'use strict';
// The pure-TypeScript backend (lib/js/): how it is selected, the TensorFlow
// golden data replayed through it (child processes with TF_PHILOX_BACKEND=js),
// bit identity with the native addon on random fills and ops (both addons side
// by side in this process), its glibc ports against the system glibc's bits
// (digests written by test/js-backend/libm_reference.c), its exact fma, and an
// async fill that leaves the event loop alone.
const assert = require('assert');
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { createJsAddon } = require('../dist/js/addon');
const libm = require('../dist/js/libm');
const { sincos } = require('../dist/js/sincos');
const { logf, sincosf } = require('../dist/js/mathf');
const { fma } = require('../dist/js/fma');

function run(env, script, cwd = root) {
  return spawnSync(process.execPath, ['-e', script], {
    cwd, encoding: 'utf8', env: { ...process.env, TF_PHILOX_ADDON: '', TF_PHILOX_BACKEND: '', ...env },
  });
}

// The native addon, when lib/ would use it (a binary that loads and speaks
// lib/'s interface): asked of a child with TF_PHILOX_BACKEND=native.
const probe = "const t = require('.'); console.log(JSON.stringify({ backend: t.backend, kernel: t.kernel }))";
let native = null;
if (run({ TF_PHILOX_BACKEND: 'native' }, probe).status === 0) native = require('node-gyp-build')(root);

// The native core calls the C library's double log / exp / pow / sincos /
// lgamma; the js backend reproduces glibc's on x86-64 CPUs with FMA (the
// builds glibc picks there, and TensorFlow's golden data). Elsewhere the two
// may differ in the last bit for float64 normals and the ops, by design.
function nativeLibmIsGlibcFma() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return false;
  if (!process.report.getReport().header.glibcVersionRuntime) return false;
  try {
    const flags = fs.readFileSync('/proc/cpuinfo', 'utf8');
    return /^flags\s*:.*\bfma\b/m.test(flags) && /^flags\s*:.*\bavx2\b/m.test(flags);
  } catch {
    return false;
  }
}
const sameLibm = nativeLibmIsGlibcFma();

// xorshift32, the input generator of test/js-backend/libm_reference.c
function xorshift(seed) {
  let s = seed >>> 0;
  const next = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  const u53 = () => {
    const w0 = next(), w1 = next();
    return ((w0 >>> 6) * 134217728 + (w1 >>> 5)) * 2 ** -53;
  };
  return { next, u53 };
}

const f64 = new Float64Array(1);
const w64 = new Uint32Array(f64.buffer);
function pow2(e) { // 2^e for -1022 <= e <= 1023, from its bits
  w64[0] = 0; w64[1] = (e + 1023) << 20;
  return f64[0];
}

describe('js backend: selection', function () {
  this.timeout(30000);

  it('TF_PHILOX_BACKEND=js selects it: backend and kernel are "js"', function () {
    const r = run({ TF_PHILOX_BACKEND: 'js' }, probe);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), { backend: 'js', kernel: 'js' });
  });

  it('is the fallback in an install without any native binary, silently', function () {
    // the package as npm would install it where no prebuild fits and nothing was compiled
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'tf-philox-js-'));
    try {
      fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
      fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
      const r = run({}, `const t = require(process.cwd());
        console.log(JSON.stringify({ backend: t.backend, kernel: t.kernel }));
        t.setSeed(1234); console.log(String(t.uniform([1])))`, dir);
      assert.strictEqual(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.deepStrictEqual(JSON.parse(lines[0]), { backend: 'js', kernel: 'js' });
      assert.strictEqual(lines[1], 'tf.Tensor([0.5380393], shape=(1,), dtype=float32)');
      assert.strictEqual(r.stderr, '', 'no warning when there is simply no binary');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the fallback, with a warning, when a binary is there but does not load', function () {
    const r = run({ TF_PHILOX_ADDON: path.join(root, 'no-such-addon.node') }, probe);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), { backend: 'js', kernel: 'js' });
    assert.match(r.stderr, /TF_PHILOX_JS_BACKEND.*native addon did not load/);
  });

  it('TF_PHILOX_BACKEND=native insists on the addon; other values are rejected', function () {
    let r = run({ TF_PHILOX_ADDON: path.join(root, 'no-such-addon.node'), TF_PHILOX_BACKEND: 'native' }, probe);
    assert.notStrictEqual(r.status, 0);
    r = run({ TF_PHILOX_BACKEND: 'wasm' }, probe);
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, /TF_PHILOX_BACKEND must be 'native' or 'js'/);
  });

  it('without the variable the native addon is used when it loads', function () {
    if (!native) this.skip(); // (TF_PHILOX_BACKEND=native fails here)
    const r = run({}, probe);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).backend, 'native');
  });
});

describe('js backend: TensorFlow golden data (TF_PHILOX_BACKEND=js)', function () {
  this.timeout(120000);
  const files = fs.readdirSync(path.join(__dirname, 'fixtures')).filter((f) => f.endsWith('.json')).sort();
  let results = null;
  before(function () {
    // every fixture replayed in one child process on the js backend
    const script = `
      const api = require('.');
      const { runScenario, loadFixture } = require('./test/replay');
      const out = { backend: api.backend, files: {} };
      for (const f of ${JSON.stringify(files)}) {
        const data = loadFixture(f);
        if (!data || !data.scenarios) continue;
        const res = out.files[f] = {};
        for (const [name, steps] of Object.entries(data.scenarios)) {
          const s = runScenario(api, name, steps);
          res[name] = { ok: s.ok, total: s.total, fail: s.fail.slice(0, 5) };
        }
      }
      process.stdout.write(JSON.stringify(out));`;
    const r = run({ TF_PHILOX_BACKEND: 'js' }, script);
    assert.strictEqual(r.status, 0, r.stderr);
    results = JSON.parse(r.stdout);
  });

  it('ran on the js backend', function () {
    assert.strictEqual(results.backend, 'js');
    assert.ok(Object.keys(results.files).length > 0, 'no fixtures replayed');
  });

  for (const f of files) {
    it(`${f}: every value exact`, function () {
      const res = results.files[f];
      if (!res) this.skip();
      let ok = 0, total = 0;
      const fail = [];
      for (const [name, s] of Object.entries(res)) {
        ok += s.ok; total += s.total;
        if (s.ok !== s.total || s.fail.length) fail.push(`${name}: ${s.ok}/${s.total} ${s.fail.join('; ')}`);
      }
      assert.ok(total > 0);
      assert.deepStrictEqual(fail, []);
      assert.strictEqual(ok, total);
    });
  }
});

describe('js backend: bit-identical to the native addon', function () {
  this.timeout(60000);
  const ES = [2, 2, 4, 8, 4, 8, 4, 8];
  let js, pn, pj, pnw, pjw;
  before(function () {
    if (!native) this.skip();
    js = createJsAddon();
    // The addon is one instance per process: when lib/ uses it too, share
    // lib/'s parameter block (every call rewrites it) rather than replace it.
    const lib = require('../dist/native');
    if (lib.addon === native) {
      pn = lib.params;
    } else {
      pn = new Float64Array(17);
      native.setParamBlock(pn);
    }
    pj = new Float64Array(17);
    js.setParamBlock(pj);
    pnw = new Uint32Array(pn.buffer, pn.byteOffset, 34); pjw = new Uint32Array(pj.buffer);
  });

  const rng = xorshift(20250101);
  const rnd = rng.next, u = rng.u53;
  // counter words biased towards carries
  const word = () => {
    const r = rnd() % 8;
    if (r === 0) return 0xffffffff - (rnd() % 4);
    if (r === 1) return rnd() % 4;
    return rnd();
  };
  const hex = (b, k, es) => Buffer.from(b.subarray(k * es, (k + 1) * es)).toString('hex');
  function sameBytes(a, b, es, what) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    assert.strictEqual(x.length, y.length, what);
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) {
        const k = Math.floor(i / es);
        assert.fail(`${what}: element ${k} native ${hex(x, k, es)} js ${hex(y, k, es)}`);
      }
    }
  }
  function setBoth(p) {
    pn.set(p); pj.set(p);
  }

  const combos = [];
  for (const dt of [4, 5, 6, 7]) combos.push([0, dt]); // bits
  for (const dt of [4, 5]) combos.push([4, dt]); // int
  for (const dist of [1, 2, 3]) for (const dt of [0, 1, 2, 3]) combos.push([dist, dt]);
  const DIST = ['bits', 'uniform', 'normal', 'truncatedNormal', 'int'];

  function randomSpec(dist, dt) {
    const p = new Float64Array(17);
    p[0] = dist; p[1] = dt; p[2] = rnd(); p[3] = rnd();
    for (let i = 4; i < 8; i++) p[i] = word();
    if (dist === 4) {
      if (dt === 4) {
        p[8] = rnd(); p[10] = 1 + (rnd() % (rnd() % 2 ? 100 : 0xfffffffe));
      } else {
        p[8] = rnd(); p[9] = rnd();
        if (rnd() % 2) { p[10] = 1 + (rnd() % 1000000); } else { p[10] = rnd(); p[11] = 1 + (rnd() % 0xfffffffe); }
      }
    }
    if (dist >= 1 && dist <= 3) {
      p[12] = rnd() % 3;
      const v = () => (u() - 0.5) * 2 ** ((rnd() % 20) - 5);
      p[13] = v(); p[14] = v();
    }
    return p;
  }

  for (const [dist, dt] of combos) {
    it(`fill ${DIST[dist]} dtype ${dt}: sizes 0..130 and thousands, random keys and counters`, function () {
      if ((dist === 2 || dist === 3) && dt === 3 && !sameLibm) this.skip(); // float64 normals: the C library's log / sincos
      for (let iter = 0; iter < 160; iter++) {
        const n = iter % 16 === 15 ? 1000 + (rnd() % 4000) : iter % 131;
        setBoth(randomSpec(dist, dt));
        const mk = () => (ES[dt] === 2 ? new Uint16Array(n) : ES[dt] === 4 ? new Uint32Array(n) : new BigUint64Array(n));
        const on = mk(), oj = mk();
        native.fill(on);
        js.fill(oj);
        sameBytes(on, oj, ES[dt], `n=${n} params=${Array.from(pj)}`);
      }
    });
  }

  it('fill truncatedNormal: groups straddling c0 wraps, and groups that read past their first two blocks', function () {
    // Native float groups take their first block, then (for groups that
    // rejected one of its 4) their second block, from a kernel entry that
    // computes listed blocks and must not wrap c0 within a call; a group
    // whose 8 normals keep fewer than 4 (about 1 in 10^5: 1.5·10^6 groups
    // below give ~17 such) falls back to the group-by-group reader.
    this.timeout(120000);
    const W = 0xffffffff;
    for (const c0 of [W, W - 1, W - 255, W - 256, W - 257, W - 256 * 7 - 1, W - 256 * 40, 0]) {
      for (const dt of [0, 1, 2]) {
        const p = new Float64Array(17);
        p[0] = 3; p[1] = dt; p[2] = 7; p[3] = 9;
        p[4] = c0; p[5] = c0 === 0 ? 0 : W; p[6] = 5; p[7] = 0;
        const n = 4 * 300;
        setBoth(p);
        const on = ES[dt] === 2 ? new Uint16Array(n) : new Uint32Array(n), oj = on.slice();
        native.fill(on);
        js.fill(oj);
        sameBytes(on, oj, ES[dt], `c0=${c0} dtype ${dt}`);
      }
    }
    const p = new Float64Array(17);
    p[0] = 3; p[1] = 2; p[2] = 1234; p[3] = 5678; p[4] = 11;
    setBoth(p);
    const on = new Uint32Array(6e6), oj = new Uint32Array(6e6);
    native.fill(on);
    js.fill(oj);
    sameBytes(on, oj, 4, 'float32, 1.5e6 groups');
  });

  it('fill: the affine step with NaN / inf / huge parameters, NaN signs included', function () {
    const specials = [NaN, Infinity, -Infinity, 0, -0, 1.5, -2, 1e38, 70000, 3e38, 1e-40];
    for (const dist of [1, 2, 3]) for (const dt of [0, 1, 2, 3]) for (const aff of [1, 2]) {
      for (const a of specials) for (const b of specials) for (const neg of [0, 1]) {
        setBoth([dist, dt, 7, 9, 0xfffffffe, 0xffffffff, 3, 4, 0, 0, 0, 0, aff, a, b, 0, 0]);
        if (neg && Number.isNaN(a)) { pnw[27] |= 0x80000000; pjw[27] |= 0x80000000; }
        if (neg && Number.isNaN(b)) { pnw[29] |= 0x80000000; pjw[29] |= 0x80000000; }
        const mk = () => (ES[dt] === 2 ? new Uint16Array(13) : ES[dt] === 4 ? new Float32Array(13) : new Float64Array(13));
        const on = mk(), oj = mk();
        native.fill(on);
        js.fill(oj);
        sameBytes(on, oj, ES[dt], `dist ${dist} dtype ${dt} affine ${aff} a ${a} b ${b} negative NaN ${neg}`);
      }
    }
  });

  it('fillAsync gives the sync bytes (several event-loop slices)', async function () {
    for (const [dist, dt] of [[2, 2], [1, 3], [3, 0], [4, 5], [0, 4], [2, 3]]) {
      const n = 20000 + (rnd() % 5000);
      setBoth(randomSpec(dist, dt));
      pn[15] = pj[15] = n; pn[16] = pj[16] = 2;
      const got = await Promise.all([native, js].map((a) => new Promise((res, rej) => a.fillAsync((e, buf) => (e ? rej(e) : res(buf))))));
      sameBytes(new Uint8Array(got[0]), new Uint8Array(got[1]), ES[dt], `async dist ${dist} dtype ${dt}`);
    }
  });

  // ---- ops -----------------------------------------------------------------------------------

  const seat = () => [rnd(), rnd(), rnd() % 3 === 0 ? 0xffffff00 + (rnd() % 256) : rnd(), rnd() % 3 === 0 ? 0xffffffff : rnd(), rnd(), rnd()];
  const negNaN = new Float64Array(new BigUint64Array([0xfff8000000000123n]).buffer)[0];
  const half = require('../dist/half');
  const roundT = (dt, v) => (dt === 2 ? Math.fround(v) : dt === 0 ? half.halfToFloat(half.floatToHalf(v)) : v);
  function opBoth(kind, odt, args, n) {
    const on = new Uint8Array(n * ES[odt]), oj = new Uint8Array(n * ES[odt]);
    let en = null, ej = null;
    try { native.op(kind, on, 1, ...args); } catch (e) { en = `${e.constructor.name}: ${e.message}`; }
    try { js.op(kind, oj, 1, ...args); } catch (e) { ej = `${e.constructor.name}: ${e.message}`; }
    assert.strictEqual(ej, en, `errors differ for op ${kind}`);
    if (!en) sameBytes(on, oj, ES[odt], `op ${kind} args ${args.map((a) => (ArrayBuffer.isView(a) ? `[${Array.from(a)}]` : a))}`);
  }

  it('gamma: random and edge alphas (0, negative, NaN of both signs, inf, 1), every output dtype', function () {
      if (!sameLibm) this.skip(); // the ops use the C library's double functions
    const alphaOf = () => {
      const r = rnd() % 10;
      if (r === 0) return [0, -0.5, -1, NaN, Infinity, -Infinity, 1, negNaN][rnd() % 8];
      if (r < 4) return u() * 1.2;
      if (r < 6) return 1;
      return Math.exp((u() - 0.3) * 12);
    };
    for (let it = 0; it < 600; it++) {
      const odt = [0, 1, 2, 3][it % 4];
      const A = 1 + (rnd() % 4), P = rnd() % 6;
      const alpha = new Float64Array(A).map(() => roundT(odt, alphaOf()));
      opBoth(1, odt, [odt, ...seat(), alpha, P], A * P);
    }
    for (const odt of [0, 1, 2, 3]) {
      const edges = new Float64Array([0, -0, -0.5, -0.7, -1, 1e-300, 1, Infinity, -Infinity, NaN, negNaN, 1e300]);
      opBoth(1, odt, [odt, ...seat(), edges, 5], edges.length * 5);
    }
    opBoth(1, 2, [2, ...seat(), new Float64Array([0.3, 1, 2.5, 40]), 3000], 12000);
  });

  it('poisson: small, large, zero, negative, inf and non-terminating rates, every output dtype', function () {
      if (!sameLibm) this.skip(); // the ops use the C library's double functions
    for (let it = 0; it < 600; it++) {
      const odt = [0, 2, 3, 4, 5][it % 5];
      const R = 1 + (rnd() % 4), P = rnd() % 6;
      const rate = new Float64Array(R).map(() => {
        const r = rnd() % 12;
        if (r === 0) return [0, -1, Infinity, -Infinity, NaN, 1e5, 1e300, 65504][rnd() % 8];
        return r < 6 ? u() * 10 : Math.exp(u() * 12);
      });
      opBoth(2, odt, [odt, ...seat(), rate, P], R * P);
    }
    opBoth(2, 3, [3, ...seat(), new Float64Array([0.5, 5, 15, 1000, 1e6]), 2000], 10000);
  });

  it('binomial: inversion and BTRS, edge counts / probs, half / float / double parameters', function () {
      if (!sameLibm) this.skip(); // the ops use the C library's double functions
    for (let it = 0; it < 600; it++) {
      const pdt = [0, 2, 3][it % 3];
      const odt = [0, 2, 3, 4, 5][rnd() % 5];
      const nb = 1 + (rnd() % 4), spb = rnd() % 6;
      const counts = new Float64Array(nb).map(() => {
        const r = rnd() % 12;
        return roundT(pdt, r === 0 ? [0, -3, Infinity, NaN, 2.5][rnd() % 5] : r < 5 ? rnd() % 30 : Math.floor(Math.exp(u() * 14)));
      });
      const probs = new Float64Array(nb).map(() => roundT(pdt, rnd() % 12 === 0 ? [0, 1, -0.1, 1.5, NaN, 0.5][rnd() % 6] : u()));
      opBoth(3, odt, [pdt, odt, ...seat(), counts, probs, spb], nb * spb);
    }
    // every edge pair, NaN signs included (a NaN count with prob >= 1 is returned as is)
    const edges = [0, -3, 2.5, 40, 1e6, Infinity, -Infinity, NaN, negNaN];
    const pEdges = [0, -0.1, 0.25, 0.5, 0.75, 1, 1.5, NaN, negNaN];
    for (const odt of [0, 2, 3, 4, 5]) {
      for (const c of edges) for (const p of pEdges) {
        opBoth(3, odt, [3, odt, ...seat(), new Float64Array([c]), new Float64Array([p]), 3], 3);
      }
    }
  });

  it("multinomial: non-finite logits, and TF's shard partition for 1..16 threads", function () {
      if (!sameLibm) this.skip(); // the ops use the C library's double functions
    for (let it = 0; it < 600; it++) {
      const ldt = [0, 2, 3][it % 3];
      const odt = [4, 5][rnd() % 2];
      const B = rnd() % 5, C = 1 + (rnd() % 7), S = rnd() % 9;
      const logits = new Float64Array(B * C).map(() => roundT(ldt, rnd() % 15 === 0 ? [Infinity, -Infinity, NaN][rnd() % 3] : (u() - 0.5) * (rnd() % 2 ? 4 : 400)));
      opBoth(4, odt, [ldt, odt, ...seat(), logits, B, C, S, 1 + (rnd() % 5)], B * S);
    }
    for (let it = 0; it < 30; it++) {
      const B = 20 + (rnd() % 200), C = 2 + (rnd() % 60), S = 1 + (rnd() % 100);
      const logits = new Float64Array(B * C).map(() => Math.fround((u() - 0.5) * 6));
      opBoth(4, 5, [2, 5, ...seat(), logits, B, C, S, [1, 2, 3, 4, 16][it % 5]], B * S);
    }
  });

  it('async ops give the sync bytes', async function () {
      if (!sameLibm) this.skip(); // the ops use the C library's double functions
    const calls = [
      [1, 3, [3, ...seat(), new Float64Array([0.2, 1, 7]), 3000], 9000],
      [2, 4, [4, ...seat(), new Float64Array([3, 30, 3000]), 3000], 9000],
      [3, 5, [3, 5, ...seat(), new Float64Array([5, 100, 1e6]), new Float64Array([0.3, 0.5, 0.9]), 3000], 9000],
      [4, 5, [2, 5, ...seat(), new Float64Array(300 * 20).map(() => Math.fround(u() * 4)), 300, 20, 50, 4], 15000],
    ];
    for (const [kind, odt, args, n] of calls) {
      const got = await Promise.all([native, js].map((a) => new Promise((res, rej) => a.op(kind, (e, buf) => (e ? rej(e) : res(buf)), 2, ...args))));
      sameBytes(new Uint8Array(got[0]), new Uint8Array(got[1]), ES[odt], `async op ${kind}`);
      const sync = new Uint8Array(n * ES[odt]);
      js.op(kind, sync, 1, ...args);
      sameBytes(new Uint8Array(got[1]), sync, ES[odt], `async vs sync op ${kind}`);
    }
    // a failing async call reports through done, as natively
    const err = await new Promise((res) => js.op(2, (e) => res(e), 1, 2, ...seat(), new Float64Array([NaN]), 1));
    assert.ok(err instanceof RangeError && /never terminates/.test(err.message));
  });

  it('rejects bad internal arguments with the native errors', function () {
    const seatW = [1, 2, 3, 4, 5, 6];
    const errOf = (f) => { try { f(); return null; } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
    const both = (what, f) => {
      const en = errOf(() => f(native, pn)), ej = errOf(() => f(js, pj));
      assert.ok(en, `${what}: native accepted it`);
      assert.strictEqual(ej, en, what);
    };
    const good = [2, 2, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (const [slot, v] of [[0, 9], [1, 8], [2, -1], [4, 2 ** 32], [5, 0.5], [7, NaN], [12, 3]]) {
      both(`param slot ${slot} = ${v}`, (a, p) => { p.set(good); p[slot] = v; a.fill(new Float32Array(4)); });
    }
    both('int range 0', (a, p) => { p.set([4, 4, 1, 2, 3, 4, 5, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0]); a.fill(new Int32Array(4)); });
    both('out not a TypedArray', (a, p) => { p.set(good); a.fill([1, 2]); });
    both('op kind 9', (a) => a.op(9, new Float32Array(1), 1, 2, ...seatW, new Float64Array(1), 1));
    both('op kind 0', (a) => a.op(0, new Float32Array(1), 1, 2, ...seatW, new Float64Array(1), 1));
    both('missing argument', (a) => a.op(1, new Float32Array(1), 1, 2, ...seatW, new Float64Array(1)));
    both('alpha not a Float64Array', (a) => a.op(1, new Float32Array(1), 1, 2, ...seatW, [1], 1));
    both('wrong out length', (a) => a.op(1, new Float32Array(2), 1, 2, ...seatW, new Float64Array(1), 1));
    both('bad dtype', (a) => a.op(1, new Float32Array(1), 1, 11, ...seatW, new Float64Array(1), 1));
    both('bad seat word', (a) => a.op(1, new Float32Array(1), 1, 2, 1, 2, 3, -4, 5, 6, new Float64Array(1), 1));
    both('counts/probs sizes', (a) => a.op(3, new Float32Array(1), 1, 3, 2, ...seatW, new Float64Array(1), new Float64Array(2), 1));
    both('logits size', (a) => a.op(4, new Int32Array(1), 1, 2, 4, ...seatW, new Float64Array(3), 1, 2, 1, 1));
    both('non-terminating poisson', (a) => a.op(2, new Float32Array(1), 1, 2, ...seatW, new Float64Array([NaN]), 1));
    both('non-terminating binomial', (a) => a.op(3, new Float32Array(1), 1, 3, 2, ...seatW, new Float64Array([NaN]), new Float64Array([0.5]), 1));
    both('block word', (a) => a.block(1, 2, 3, 4, 5, 2 ** 33));
    assert.deepStrictEqual(Array.from(js.block(0, 0, 0, 0, 0, 0)), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    assert.deepStrictEqual(Array.from(js.block(7, 8, 0xffffffff, 1, 2, 3)), Array.from(native.block(7, 8, 0xffffffff, 1, 2, 3)));
    for (const [kind, dt, x, y] of [[2, 2, NaN, 0], [2, 0, 1e5, 0], [2, 2, 1e300, 0], [2, 3, 1e300, 0], [3, 2, NaN, 0.5], [3, 2, NaN, 1]]) {
      assert.strictEqual(js.terminates(kind, dt, x, y), native.terminates(kind, dt, x, y), `terminates(${kind}, ${dt}, ${x}, ${y})`);
    }
  });
});

// ---- the glibc ports against the system glibc's bits ------------------------------------------

// SHA-256 digests of test/js-backend/libm_reference.c's output files (glibc
// 2.36, x86-64, FMA CPU: the FMA builds of log / exp / pow / log1p / sincos).
const DIGESTS = {
  log: '586bdb2acb4fc4b72d221d0aa2f284bdff2c79b44dbd54436368ebe5fbf56e6a',
  exp: 'b43e52dd2860486bf1f24af28e521e20043e967025938a5d3dfa4b22c47f36b7',
  sincos: '9b894932bc3fa37f3a6fcfe2882fee820ab86ffc47ebe0091bf6dccc7d753e20',
  log1p: '343150d99cef45895035a8366c395b7370e17ac3a26936cb8c281fc166307364',
  pow: 'd683ea4907f4d1d5bd64b1d33d5a529b73d415ff548d2fa1d7bfa3442cdd222d',
  lgamma: '8c027eadbda092789cb71bb8a6338b04208659496f5be9c54de527a8543b5e14',
  logf: '207fef8ffa8c82caf82c478ee40c5bdbcc5d64d385cd8a1ce60d832fcf03b59b',
  sincosf: '89d0aaf6e7fa725ca773d0a81b406538c90f4f6adb0e723a28ba61d243a0063d',
};
const N = 100000;

// JS numbers do not carry NaN signs or payloads, so NaN results are hashed as
// x86's default NaN: what glibc returns for the invalid inputs here (e.g.
// log1p(x < -1)). The samplers never pass such inputs; where they produce a
// NaN they write its bits explicitly.
function digest(arr) {
  const words = new Uint32Array(arr.buffer, arr.byteOffset, arr.byteLength / 4);
  for (let i = 0; i < arr.length; i++) {
    if (arr[i] !== arr[i]) {
      if (arr instanceof Float64Array) { words[2 * i] = 0; words[2 * i + 1] = 0xfff80000; } else words[i] = 0xffc00000;
    }
  }
  return crypto.createHash('sha256').update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength)).digest('hex');
}

describe('js backend: glibc ports equal the system glibc', function () {
  this.timeout(60000);
  const sets = {
    log(r) {
      const o = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        let x;
        switch (i % 4) {
          case 0: case 1: x = r.u53(); if (x < 1e-7) x = 1e-7; break;
          case 2: { const e = (r.next() % 2046) - 1022; x = (1 + r.u53()) * pow2(e); break; }
          default: x = 1 + (r.u53() - 0.5) * 0.25;
        }
        o[i] = libm.log(x);
      }
      return o;
    },
    exp(r) {
      const o = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const x = i % 3 === 0 ? -10 * r.u53() : i % 3 === 1 ? -745 * r.u53() : (r.u53() - 0.5) * 1600;
        o[i] = libm.exp(x);
      }
      return o;
    },
    sincos(r) {
      const o = new Float64Array(2 * N);
      const sc = [0, 0];
      for (let i = 0; i < N; i++) {
        sincos(6.283185307179586 * r.u53(), sc);
        o[2 * i] = sc[0]; o[2 * i + 1] = sc[1];
      }
      return o;
    },
    log1p(r) {
      const o = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        let x;
        if (i % 3 === 0) x = -r.u53();
        else if (i % 3 === 1) x = -0.5 * r.u53();
        else {
          const e = (r.next() % 60) - 30;
          x = (1 + r.u53()) * pow2(e);
          if (r.next() & 1) x = -x;
        }
        o[i] = libm.log1p(x);
      }
      return o;
    },
    pow(r) {
      const o = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        let x, y;
        if (i % 2 === 0) {
          x = r.u53();
          y = 1 / (r.u53() * 0.999 + 0.001);
        } else {
          const e = (r.next() % 2046) - 1022;
          x = (1 + r.u53()) * pow2(e);
          const v = r.u53();
          y = (v - 0.5) * pow2((r.next() % 24) - 8);
        }
        o[i] = libm.pow(x, y);
      }
      return o;
    },
    lgamma(r) {
      const o = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        let x;
        if (i % 3 === 0) x = 1 + (r.next() % 100000);
        else if (i % 3 === 1) x = 1 + r.next();
        else { const e = (r.next() % 260) - 60; x = (1 + r.u53()) * pow2(e); }
        o[i] = libm.lgamma(x);
      }
      return o;
    },
  };
  let seed = 1;
  for (const [name, gen] of Object.entries(sets)) {
    const s = seed++;
    it(`${name}: ${name === 'sincos' ? 2 * N : N} results, every bit`, function () {
      assert.strictEqual(digest(gen(xorshift(s))), DIGESTS[name]);
    });
  }

  it('logf on all 2^23 Box-Muller u1 inputs (max(k / 2^23, 1e-7f))', function () {
    const o = new Float32Array(1 << 23);
    const tiny = Math.fround(1e-7);
    for (let k = 0; k < 1 << 23; k++) o[k] = logf(Math.max(k * 2 ** -23, tiny));
    assert.strictEqual(digest(o), DIGESTS.logf);
  });

  it('sincosf on all 2^23 Box-Muller v1 inputs (float(2pi * k / 2^23))', function () {
    const o = new Float32Array(2 << 23);
    const sc = [0, 0];
    for (let k = 0; k < 1 << 23; k++) {
      sincosf(Math.fround(6.283185307179586 * (k * 2 ** -23)), sc);
      o[2 * k] = sc[0]; o[2 * k + 1] = sc[1];
    }
    assert.strictEqual(digest(o), DIGESTS.sincosf);
  });
});

// ---- fma against exact BigInt arithmetic ------------------------------------------------------

// x = m * 2^e exactly (x finite, non-zero)
function exact(x) {
  f64[0] = x;
  const lo = w64[0], hi = w64[1];
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e;
  if (be === 0) e = -1074;
  else { m |= 1n << 52n; e = be - 1075; }
  return { m: hi >>> 31 ? -m : m, e };
}
// a*b + c rounded to nearest even (the result in the normal range)
function fmaRef(a, b, c) {
  const A = exact(a), B = exact(b), C = exact(c);
  const ep = A.e + B.e;
  const E = Math.min(ep, C.e);
  const M = ((A.m * B.m) << BigInt(ep - E)) + (C.m << BigInt(C.e - E));
  if (M === 0n) return 0;
  const neg = M < 0n;
  let q = neg ? -M : M;
  let sh = q.toString(2).length - 53;
  if (sh > 0) {
    const rem = q & ((1n << BigInt(sh)) - 1n);
    const halfway = 1n << BigInt(sh - 1);
    q >>= BigInt(sh);
    if (rem > halfway || (rem === halfway && (q & 1n))) q += 1n;
    if (q === 1n << 53n) { q >>= 1n; sh += 1; }
  } else {
    sh = 0;
  }
  let v = Number(q);
  let e = E + sh;
  while (e > 0) { const k = Math.min(e, 1000); v *= 2 ** k; e -= k; }
  while (e < 0) { const k = Math.min(-e, 1000); v /= 2 ** k; e += k; }
  return neg ? -v : v;
}

describe('js backend: fma', function () {
  this.timeout(30000);
  it('equals the exact a*b + c rounded once: random operands and cancellations', function () {
    const r = xorshift(77);
    const wide = (lo, hi) => (1 + r.u53()) * pow2(lo + (r.next() % (hi - lo + 1))) * (r.next() & 1 ? -1 : 1);
    for (let i = 0; i < 30000; i++) {
      const a = wide(-30, 30), b = wide(-30, 30);
      let c;
      switch (i % 4) {
        case 0: c = wide(-60, 60); break;
        case 1: c = -(a * b) * (1 + ((r.next() % 1000) - 500) * 2 ** -60); break;
        case 2: c = a * b * pow2(-(r.next() % 110)) * (r.next() & 1 ? -1 : 1); break;
        default: c = -(a * b);
      }
      const want = fmaRef(a, b, c), got = fma(a, b, c);
      assert.ok(Object.is(got, want), `fma(${a}, ${b}, ${c}) = ${got}, want ${want}`);
    }
  });

  it('equals it on midpoints reached only through a rounded low part', function () {
    // a*b has a 53-bit A times a short odd B whose product sits just off a
    // midpoint of c's grid 2^m: AB = 2^(m-1) + delta (mod 2^m), |delta| tiny.
    const r = xorshift(99);
    let made = 0;
    while (made < 3000) {
      const m = 57 + (r.next() % 6);
      const bbits = 15 + (r.next() % 25);
      const B = BigInt(r.next() % 2 ** (bbits - 1)) | 1n | (1n << BigInt(bbits - 1));
      let delta = BigInt(1 + (r.next() % (2 ** (m - 56))));
      if (r.next() & 1) delta = -delta;
      const mod = 1n << BigInt(m);
      const target = (((1n << BigInt(m - 1)) + delta) % mod + mod) % mod;
      let inv = B; // B^-1 mod 2^m by Newton
      for (let k = 0; k < 7; k++) inv = (inv * (2n - B * inv)) % mod;
      inv = (inv % mod + mod) % mod;
      const A = (target * inv) % mod;
      if (A >= 1n << 53n || A < 1n << 40n) continue;
      const K = (BigInt(r.next() >>> 11) << 32n) | BigInt(r.next()) | (1n << 52n);
      let a = Number(A), b = Number(B), c = Number(K & ((1n << 53n) - 1n)) * pow2(m);
      if (r.next() & 1) c = -c;
      const sc = (r.next() % 200) - 100;
      a *= pow2(sc); c *= pow2(sc);
      if (r.next() & 1) { a = -a; c = -c; }
      const want = fmaRef(a, b, c), got = fma(a, b, c);
      assert.ok(Object.is(got, want), `fma(${a}, ${b}, ${c}) = ${got}, want ${want}`);
      made++;
    }
  });
});

describe('js backend: async work leaves the event loop free', function () {
  this.timeout(60000);
  it('a 4M-value normal fill runs in short slices and equals the sync fill', async function () {
    const js = createJsAddon();
    const p = new Float64Array(17);
    js.setParamBlock(p);
    const n = 1 << 22;
    p.set([2, 2, 11, 22, 33, 44, 55, 66, 0, 0, 0, 0, 2, 1.5, -3, n, 1]);
    let maxGap = 0, last = performance.now(), ticks = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      maxGap = Math.max(maxGap, t - last);
      last = t;
      ticks++;
    }, 1);
    const buf = await new Promise((res, rej) => js.fillAsync((e, b) => (e ? rej(e) : res(b))));
    clearInterval(timer);
    const sync = new Float32Array(n);
    js.fill(sync);
    assert.ok(Buffer.from(buf).equals(Buffer.from(sync.buffer)), 'async bytes differ from sync');
    assert.ok(ticks > 10, `the timer ran ${ticks} times`);
    assert.ok(maxGap < 250, `the event loop was blocked for ${maxGap.toFixed(0)} ms`);
  });
});
