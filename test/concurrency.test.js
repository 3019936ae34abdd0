'use strict';
// Concurrency: worker_threads, worker termination with async work in flight,
// buffers detached or shrunk under an async fill, several async fills into
// one buffer, and the event loop's responsiveness during a 256 MiB fill.
const assert = require('assert');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { Worker } = require('worker_threads');
const t = require('..');
const { workload } = require('./helpers/workload');

const root = path.join(__dirname, '..');
const helper = (f) => path.join(__dirname, 'helpers', f);
const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function detach(buf) {
  if (typeof buf.transfer === 'function') buf.transfer();
  else structuredClone(buf, { transfer: [buf] });
}

describe('concurrency', function () {
  this.timeout(300000);

  describe('worker_threads', function () {
    it('8 workers and the main thread, all at once, produce the bytes of a serial run', async function () {
      const ref = await workload(t);
      const workers = [];
      const results = [];
      for (let i = 0; i < 8; i++) {
        const w = new Worker(helper('worker-workload.js'), { workerData: { root, rounds: 2 } });
        workers.push(w);
        results.push(new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
        }));
      }
      // the main thread runs the same workload while the workers run theirs
      const mine = [await workload(t), await workload(t)];
      const got = await Promise.all(results);
      await Promise.all(workers.map((w) => w.terminate()));
      assert.deepStrictEqual(mine, [ref, ref]);
      got.forEach((g, i) => {
        assert.ok(!g.error, `worker ${i}: ${g.error}`);
        assert.strictEqual(g.kernel, t.kernel);
        assert.deepStrictEqual(g.digests, [ref, ref], `worker ${i} produced other bytes`);
      });
    });

    it('the digest depends on the values (a different seed changes it)', async function () {
      const ref = await workload(t);
      assert.strictEqual(await workload(t), ref);
      assert.notStrictEqual(await workload(t, 4322), ref);
    });

    it('terminating workers with async fills in flight never affects the process (20 child processes)', function () {
      // each child terminates 2 workers mid-flight while its own async fills run
      for (let i = 0; i < 20; i++) {
        const r = spawnSync(process.execPath, [helper('terminate-child.js'), '2', '8'], { cwd: root, encoding: 'utf8', env: process.env });
        assert.strictEqual(r.signal, null, `child ${i} died of ${r.signal}\n${r.stderr}`);
        assert.strictEqual(r.status, 0, `child ${i} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
        const res = JSON.parse(r.stdout.trim().split('\n').pop());
        assert.ok(res.ok, res.error);
        assert.strictEqual(res.rounds, 2);
      }
    });

    it('async work of terminated workers is released (no memory growth over 10 terminations)', function () {
      // each terminated worker had ~400 MiB of async fills pending; leaking
      // their scratch memory would grow the process by gigabytes
      const out = execFileSync(process.execPath, ['--expose-gc', helper('terminate-child.js'), '10', '64'],
        { cwd: root, encoding: 'utf8', env: process.env });
      const res = JSON.parse(out.trim().split('\n').pop());
      assert.ok(res.ok, res.error);
      assert.ok(res.rssGrowthMiB < 1024, `the process grew by ${res.rssGrowthMiB.toFixed(0)} MiB`);
    });
  });

  describe('a buffer detached or shrunk under an async fill', function () {
    const N = 1 << 23; // 32 MiB of float32: several copy chunks
    const PAT = 0x5a5a5a5a;
    const canaryF32 = (buf, n) => { const a = new Float32Array(buf, 0, n); new Uint32Array(buf, 0, n).fill(PAT); return a; };
    const calls = [
      ['uniformAsync', (out) => t.uniformAsync([out.length], { out, seed: 1 })],
      ['normalAsync', (out) => t.normalAsync([out.length], { out, seed: 1 })],
      ['gammaAsync (op + post-processing)', (out) => t.gammaAsync([out.length], 2, { out, seed: 1 })],
      ['philox.fillAsync', (out) => t.philox.fillAsync(out, { key: [1, 2], counter: [0, 0, 0, 0], dist: 'uniform' })],
    ];
    if (typeof t.statelessUniformAsync === 'function')
      calls.push(['statelessUniformAsync', (out) => t.statelessUniformAsync([out.length], [1, 2], { out })]);
    if (typeof t.statelessGammaAsync === 'function')
      calls.push(['statelessGammaAsync (op + post-processing)', (out) => t.statelessGammaAsync([out.length], [1, 2], 2, { out })]);
    if (typeof t.Generator === 'function')
      calls.push(['Generator#uniformAsync', (out) => t.Generator.fromSeed(3).uniformAsync([out.length], { out })]);

    for (const [name, start] of calls) {
      it(`${name}: detached before the result arrives -> rejects with a TypeError`, async function () {
        const out = new Float32Array(1 << 20);
        const p = start(out);
        detach(out.buffer);
        await assert.rejects(p, (e) => e.constructor === TypeError && /out/.test(e.message) && /detached/.test(e.message));
      });
    }

    it('detached between two copy chunks -> rejects with a TypeError, the process is fine', async function () {
      const out = new Float32Array(N);
      const p = t.uniformAsync([N], { out, seed: 2 });
      let stop = false;
      p.catch(() => undefined).then(() => { stop = true; });
      // detach as soon as the first chunk has landed
      while (!stop && out[0] === 0) await new Promise((r) => setImmediate(r));
      assert.ok(!stop, 'the fill finished in one chunk; the test needs more than one');
      detach(out.buffer);
      await assert.rejects(p, (e) => e.constructor === TypeError && /nothing more was written/.test(e.message));
      t.setSeed(1);
      assert.strictEqual(t.uniform([3]).data.length, 3);
    });

    it('a resizable buffer shrunk between chunks -> rejects; nothing is written after the shrink', async function () {
      // The buffer shrinks to halfway between the prefix copied so far and its
      // end. Copies run for up to ~4 ms a turn, so the whole buffer may be in
      // before JS looks: then the attempt is repeated.
      for (let attempt = 0; attempt < 5; attempt++) {
        const buf = new ArrayBuffer(N * 4, { maxByteLength: N * 4 });
        const out = new Float32Array(buf); // length-tracking
        new Uint32Array(buf).fill(PAT);
        const p = t.normalAsync([N], { out, seed: 2 });
        let stop = false;
        p.catch(() => undefined).then(() => { stop = true; });
        const u = new Uint32Array(buf);
        while (!stop && u[0] === PAT) await new Promise((r) => setImmediate(r));
        const w0 = u.findIndex((x) => x === PAT);
        if (stop || w0 < 0) { await p.catch(() => undefined); continue; }
        const len = w0 + Math.floor((N - w0) / 2);
        buf.resize(len * 4);
        const written = u.findIndex((x) => x === PAT);
        await assert.rejects(p, (e) => e.constructor === TypeError && /resized/.test(e.message));
        // the written part is a prefix, and nothing after it changed
        assert.ok(written >= w0 && written < len, `written ${written} (${w0} before the shrink, length ${len})`);
        for (let i = written; i < len; i += 997) assert.strictEqual(u[i], PAT, `element ${i} written after the shrink`);
        assert.strictEqual(u[len - 1], PAT);
        return;
      }
      assert.fail('every attempt was copied whole before JS could shrink the buffer');
    });

    it('a fixed-length view whose resizable buffer shrank -> rejects, nothing written', async function () {
      // (above the size computed at call time: this one runs on the threadpool)
      const buf = new ArrayBuffer(1 << 19, { maxByteLength: 1 << 19 });
      const out = canaryF32(buf, 1 << 17);
      const p = t.uniformAsync([1 << 17], { out, seed: 2 });
      buf.resize(1 << 10);
      assert.strictEqual(out.length, 0);
      await assert.rejects(p, TypeError);
      assert.ok(new Uint32Array(buf).every((x) => x === PAT));
    });

    it('a view whose buffer grew (length-tracking) is rejected too: its length changed', async function () {
      const buf = new ArrayBuffer(1 << 19, { maxByteLength: 1 << 20 });
      const out = new Float32Array(buf);
      const p = t.uniformAsync([1 << 17], { out, seed: 2 });
      buf.resize(1 << 20);
      await assert.rejects(p, (e) => e.constructor === TypeError && /resized/.test(e.message));
    });
  });

  describe('two async fills into one buffer', function () {
    // Documented (README): async calls writing into the same ArrayBuffer copy
    // their results one after another in call order, never interleaved; all
    // of them resolve, and the buffer ends with the values of the last call.
    const N = 1 << 22;
    async function run(first, second) {
      t.setSeed(31);
      const want1 = first.sync(), want2 = second.sync();
      t.setSeed(31);
      const out = new Float32Array(N);
      const order = [];
      const p1 = first.async(out).then((x) => { order.push(1); return x; });
      const p2 = second.async(out).then((x) => { order.push(2); return x; });
      const [r1, r2] = await Promise.all([p1, p2]);
      assert.deepStrictEqual(order, [1, 2]);
      assert.strictEqual(r1.data, out);
      assert.strictEqual(r2.data, out);
      return { out, want1, want2 };
    }
    const slow = {
      sync: () => t.truncatedNormal([N], { seed: 1 }).data,
      async: (out) => t.truncatedNormalAsync([N], { seed: 1, out }),
    };
    const fast = {
      sync: () => t.uniform([N], { seed: 2 }).data,
      async: (out) => t.uniformAsync([N], { seed: 2, out }),
    };

    it('a slow fill, then a fast one: both resolve in call order, the later call wins', async function () {
      const { out, want2 } = await run(slow, fast);
      assert.ok(bytes(out).equals(bytes(want2)));
    });
    it('a fast fill, then a slow one: the later call still wins', async function () {
      const { out, want2 } = await run(fast, slow);
      assert.ok(bytes(out).equals(bytes(want2)));
    });
    it('overlapping views of one buffer: the later call wins where they overlap', async function () {
      t.setSeed(31);
      const whole = t.truncatedNormal([N], { seed: 1 }).data;
      const half = t.uniform([N / 2], { seed: 2 }).data;
      t.setSeed(31);
      const out = new Float32Array(N);
      await Promise.all([
        t.truncatedNormalAsync([N], { seed: 1, out }),
        t.uniformAsync([N / 2], { seed: 2, out: out.subarray(N / 4, (3 * N) / 4) }),
      ]);
      assert.ok(bytes(out.subarray(0, N / 4)).equals(bytes(whole.subarray(0, N / 4))));
      assert.ok(bytes(out.subarray(N / 4, (3 * N) / 4)).equals(bytes(half)));
      assert.ok(bytes(out.subarray((3 * N) / 4)).equals(bytes(whole.subarray((3 * N) / 4))));
    });
    it('a failed earlier call does not block the later one', async function () {
      const buf = new ArrayBuffer(1 << 19, { maxByteLength: 1 << 19 });
      const p1 = t.uniformAsync([1 << 17], { out: new Float32Array(buf), seed: 1 }); // length-tracking
      const later = new Float32Array(buf, 0, 512);
      // small, but after a pending call into its buffer: queued behind it
      const p2 = t.philox.fillAsync(later, { key: [0, 0], counter: [0, 0, 0, 0], dist: 'normal' });
      buf.resize(1 << 18); // p1's view shrinks to 2^16 elements, p2's stays whole
      await assert.rejects(p1, TypeError);
      const r2 = await p2;
      assert.strictEqual(r2, later);
      assert.ok(bytes(later).equals(bytes(t.philox.fill(new Float32Array(512), { key: [0, 0], counter: [0, 0, 0, 0], dist: 'normal' }))));
    });
  });

  describe('a SharedArrayBuffer out (written in place by the threadpool)', function () {
    const N = 1 << 22;
    const shared = (n) => new Float32Array(new SharedArrayBuffer(n * 4));
    it('holds the sync values, for fills and for ops with post-processing', async function () {
      t.setSeed(7);
      const u = t.uniform([N], { seed: 3 }).data, g = t.gammaAsync ? t.gamma([1 << 16], 2, { seed: 4 }).data : null;
      t.setSeed(7);
      const out = shared(N);
      const r = await t.uniformAsync([N], { seed: 3, out });
      assert.strictEqual(r.data, out);
      assert.ok(bytes(out).equals(bytes(u)));
      if (g) {
        const go = shared(1 << 16);
        await t.gammaAsync([1 << 16], 2, { seed: 4, out: go });
        assert.ok(bytes(go).equals(bytes(g)));
      }
    });
    it('several calls into one shared buffer: call order, the later call wins', async function () {
      t.setSeed(31);
      const want = t.uniform([N], { seed: 2 }).data;
      t.setSeed(31);
      const out = shared(N);
      const order = [];
      await Promise.all([
        t.truncatedNormalAsync([N], { seed: 1, out }).then(() => order.push(1)),
        t.uniformAsync([N], { seed: 2, out }).then(() => order.push(2)),
      ]);
      assert.deepStrictEqual(order, [1, 2]);
      assert.ok(bytes(out).equals(bytes(want)));
    });
    it('a length-tracking view of a growable shared buffer that grew -> rejects with a TypeError', async function () {
      const sab = new SharedArrayBuffer(1 << 19, { maxByteLength: 1 << 20 });
      if (!sab.growable) this.skip();
      const out = new Float32Array(sab);
      const p = t.uniformAsync([1 << 17], { out, seed: 2 });
      sab.grow(1 << 20);
      await assert.rejects(p, (e) => e.constructor === TypeError && /resized/.test(e.message));
    });
  });

  describe('async fills streamed into an ArrayBuffer-backed out', function () {
    const { setMaxParts } = require('../dist/engine');
    const cases = [
      ['float32 uniform', 'float32', (n, o) => t.statelessUniform([n], [3, 4], o), (n, o) => t.statelessUniformAsync([n], [3, 4], o)],
      ['float16 normal', 'float16', (n, o) => t.statelessNormal([n], [5, 6], { dtype: 'float16', ...o }), (n, o) => t.statelessNormalAsync([n], [5, 6], { dtype: 'float16', ...o })],
      ['float64 truncated normal', 'float64', (n, o) => t.statelessTruncatedNormal([n], [7, 8], { dtype: 'float64', ...o }), (n, o) => t.statelessTruncatedNormalAsync([n], [7, 8], { dtype: 'float64', ...o })],
      ['int64 bounded', 'int64', (n, o) => t.statelessUniform([n], [9, 1], { dtype: 'int64', minval: -5n, maxval: 1000003n, ...o }), (n, o) => t.statelessUniformAsync([n], [9, 1], { dtype: 'int64', minval: -5n, maxval: 1000003n, ...o })],
    ];
    const ctor = { float32: Float32Array, float16: Uint16Array, float64: Float64Array, int64: BigInt64Array };
    afterEach(() => setMaxParts(64));
    for (const [name, dtype, sync, async] of cases) {
      it(`${name}: the bytes of the sync call, any size, 1, 2 or 4 parts`, async function () {
        for (const n of [1, 5, 262147, (3 << 20) + 3]) {
          const want = new ctor[dtype](n);
          sync(n, { out: want });
          for (const parts of [1, 2, 4]) {
            setMaxParts(parts);
            const out = new ctor[dtype](n);
            const r = await async(n, { out });
            assert.strictEqual(r.data, out);
            assert.ok(bytes(out).equals(bytes(want)), `${name} n=${n} parts=${parts}`);
          }
        }
      });
    }
    it('a main thread busy while the chunks complete: the rest is handed over and copied, values exact', async function () {
      const n = 6 << 20;
      const want = new Float32Array(n);
      t.statelessNormal([n], [1, 1], { out: want });
      const out = new Float32Array(n);
      const p = t.statelessNormalAsync([n], [1, 1], { out });
      const until = Date.now() + 300; // every chunk completes meanwhile
      while (Date.now() < until) { /* hold the main thread */ }
      await p;
      assert.ok(bytes(out).equals(bytes(want)));
    });
  });

  describe('recycled result memory', function () {
    it('large fresh results reuse collected ones\' memory; none shows through into a live result', function () {
      const r = spawnSync(process.execPath, ['--expose-gc', helper('recycle.js')], { cwd: root, encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      const res = JSON.parse(r.stdout.trim().split('\n').pop());
      assert.deepStrictEqual(res, { bad: 0, checked: 42, kept: 4 });
    });
  });

  describe('held results (addon.copyOut / addon.release)', function () {
    const { addon, params } = require('../dist/native');
    const held = (n) => {
      params.set([1, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n, 1]);
      return new Promise((res, rej) => addon.fillAsync((e, h) => (e ? rej(e) : res(h)), true));
    };
    it('copies element ranges; refuses a released handle, a foreign value and a wrong-sized out', async function () {
      const h = await held(1000);
      const a = new Float32Array(1000), b = new Float32Array(1000);
      addon.copyOut(h, a, 0, 600);
      addon.copyOut(h, a, 600, 1000);
      params.set([1, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 1]);
      addon.fill(b);
      assert.ok(bytes(a).equals(bytes(b)));
      assert.throws(() => addon.copyOut(h, new Float32Array(999), 0, 1), RangeError);
      assert.throws(() => addon.copyOut(h, a, 0, 1001), RangeError);
      assert.throws(() => addon.copyOut({}, a, 0, 1), TypeError);
      assert.throws(() => addon.copyOut(h + 1000, a, 0, 1), /released/);
      const detached = new Float32Array(1000);
      detach(detached.buffer);
      assert.throws(() => addon.copyOut(h, detached, 0, 1), TypeError);
      addon.release(h);
      addon.release(h);
      assert.throws(() => addon.copyOut(h, a, 0, 1), /released/);
    });
  });

  describe('the event loop during a 256 MiB async fill', function () {
    // The largest gap between 1 ms interval ticks, measured in a child
    // process, less the time the main thread waited for a CPU (see
    // helpers/loop-gap.js: on a busy 2-core machine the scheduler alone can
    // stall any thread). Up to three attempts: a genuinely blocking
    // implementation fails all of them.
    for (const mode of ['fresh', 'out']) {
      it(`${mode === 'fresh' ? 'a fresh output' : "a caller's out"}: the loop is never held for 50 ms`, function () {
        const seen = [];
        for (let attempt = 0; attempt < 3; attempt++) {
          const out = execFileSync(process.execPath, [helper('loop-gap.js'), mode], { cwd: root, encoding: 'utf8', env: process.env });
          const r = JSON.parse(out.trim().split('\n').pop());
          assert.ok(r.ok, `wrong values: ${out}`);
          const held = r.schedstat ? r.maxBlocked : r.maxGap;
          seen.push(`held ${held.toFixed(1)} ms (raw gap ${r.maxGap.toFixed(1)} ms, ${r.ticks} ticks in ${r.total.toFixed(0)} ms)`);
          if (held < 50) {
            this.test.title += ` — ${seen[seen.length - 1]}`;
            return;
          }
        }
        assert.fail(`the event loop was held >= 50 ms in every attempt: ${seen.join('; ')}`);
      });
    }
  });
});
