'use strict';
// Fast fixed-seed distribution tests of what the native kernels produce (the
// best SIMD tier of this CPU), each with a "power" case: a deliberately broken
// transform of the same raw stream that the same test must reject. The seeds
// are fixed, so every outcome is deterministic: a correct generator passes at
// p > 1e-4 and each broken one fails at p < 1e-8. (bench/quality-report.md
// has the long batteries: dieharder, PractRand, TestU01.)
//
//   uniform float32 / float64   KS (asymptotic Kolmogorov p)  + low mantissa bits chi-square
//   float16 / bfloat16          chi-square over every value of the 10 / 7 mantissa bits
//   normal float32 / float64    KS against Φ
//   truncated normal            KS against Φ restricted to (-2, 2)
//   int32 / int64 ranges        chi-square against TF's exact, modulo-biased pmf
//   shuffle                     chi-square over the 24 permutations of 4 items and
//                               over (item, position) for 10 items
const assert = require('assert');
const tf = require('..');
const { chiSquare, gammaQ, ksTest, normalCdf } = require('./stats');

const PASS = 1e-4;   // a correct transform must give p above this
const REJECT = 1e-8; // a broken one must give p below this

function fill(Ctor, n, opts, key = [0x2545f491, 0x9e3779b9]) {
  const out = new Ctor(n);
  tf.philox.fill(out, { key, counter: [7, 0, 0, 0], ...opts });
  return out;
}

const VERBOSE = !!process.env.TFP_STATS_VERBOSE;  // print every p-value
function accept(r, what) {
  if (VERBOSE) console.log(`      accept ${what}: p = ${r.p.toPrecision(4)}`);
  assert.ok(r.p > PASS, `${what}: p = ${r.p} (statistic ${r.d ?? r.stat}) — a correct generator must pass`);
}
function reject(r, what) {
  if (VERBOSE) console.log(`      reject ${what}: p = ${r.p.toPrecision(4)}`);
  assert.ok(r.p < REJECT, `${what}: p = ${r.p} (statistic ${r.d ?? r.stat}) — this broken transform must be rejected`);
}

// Counts of the low `bits` bits of k for each sample x = k / 2^mbits.
function lowBitCounts(xs, mbits, bits) {
  const counts = new Float64Array(2 ** bits);
  const scale = 2 ** mbits, mask = 2 ** bits - 1;
  for (const x of xs) counts[(x * scale) & mask]++;
  return counts;
}
const flat = (k) => new Array(k).fill(1 / k);

const uniformCdf = (x) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
const PHI_M2 = normalCdf(-2), PHI_2 = normalCdf(2);
const truncCdf = (x) => (x <= -2 ? 0 : x >= 2 ? 1 : (normalCdf(x) - PHI_M2) / (PHI_2 - PHI_M2));

describe('distributions (fixed seeds, with power checks)', function () {
  this.timeout(60000);
  const N = 200000;

  describe('uniform float32', function () {
    const u = fill(Float32Array, N, { dist: 'uniform' });
    it('KS against U[0, 1)', function () {
      accept(ksTest(u, uniformCdf), 'uniform f32 KS');
    });
    it('power: a wrong mantissa mask (22 bits: [0, 0.5)) is rejected by KS', function () {
      reject(ksTest(u.map((x) => (x * 2 ** 23 % 2 ** 22) / 2 ** 23), uniformCdf), 'masked uniform KS');
    });
    it('low 8 mantissa bits are uniform (chi-square, 256 cells)', function () {
      accept(chiSquare(lowBitCounts(u, 23, 8), flat(256)), 'uniform f32 low bits');
    });
    it('power: a 12-bit mantissa passes KS but the low-bit chi-square rejects it', function () {
      const coarse = u.map((x) => Math.floor(x * 4096) / 4096);
      accept(ksTest(coarse, uniformCdf), 'KS is blind to a 12-bit mantissa');
      reject(chiSquare(lowBitCounts(coarse, 23, 8), flat(256)), '12-bit mantissa low bits');
    });
  });

  describe('uniform float64', function () {
    const u = fill(Float64Array, N, { dist: 'uniform' });
    it('KS against U[0, 1)', function () {
      accept(ksTest(u, uniformCdf), 'uniform f64 KS');
    });
    it('low 8 of the 52 mantissa bits are uniform; power: a float32-grade mantissa is rejected', function () {
      accept(chiSquare(lowBitCounts(u, 52, 8), flat(256)), 'uniform f64 low bits');
      const f32grade = u.map((x) => Math.floor(x * 2 ** 23) / 2 ** 23);
      reject(chiSquare(lowBitCounts(f32grade, 52, 8), flat(256)), 'float64 with 23-bit mantissa');
    });
  });

  describe('uniform float16 / bfloat16 (every representable value)', function () {
    for (const [dtype, mbits] of [['float16', 10], ['bfloat16', 7]]) {
      it(`${dtype}: the ${2 ** mbits} values k / 2^${mbits} are equally likely; power: a lost low bit is rejected`, function () {
        const h = fill(Uint16Array, N / 2, { dist: 'uniform', dtype });
        // value k / 2^m has the bits of 1 + k / 2^m minus 1: recover k from the bits
        const k = new Float64Array(h.length);
        for (let i = 0; i < h.length; i++) k[i] = decode(h[i], dtype) * 2 ** mbits;
        const counts = new Float64Array(2 ** mbits);
        for (const v of k) counts[v]++;
        accept(chiSquare(counts, flat(2 ** mbits)), `${dtype} values`);
        const broken = new Float64Array(2 ** mbits);
        for (const v of k) broken[v & ~1]++;
        reject(chiSquare(broken, flat(2 ** mbits)), `${dtype} without its last bit`);
      });
    }
  });

  describe('normal', function () {
    it('float32: KS against Φ; power: Box-Muller without the 2π is rejected', function () {
      const z = fill(Float32Array, N, { dist: 'normal' });
      accept(ksTest(z, normalCdf), 'normal f32 KS');
      // the same uniforms through a Box-Muller that forgot the 2π
      const u = fill(Float64Array, N, { dist: 'uniform' });
      const bad = new Float64Array(N);
      for (let i = 0; i + 1 < N; i += 2) {
        const r = Math.sqrt(-2 * Math.log(Math.max(u[i], 1e-7)));
        bad[i] = r * Math.sin(u[i + 1]);
        bad[i + 1] = r * Math.cos(u[i + 1]);
      }
      reject(ksTest(bad, normalCdf), 'Box-Muller without 2π');
    });
    it('float64: KS against Φ; power: a 3% too wide normal is rejected', function () {
      const z = fill(Float64Array, N, { dist: 'normal' });
      accept(ksTest(z, normalCdf), 'normal f64 KS');
      reject(ksTest(z.map((x) => x * 1.03), normalCdf), 'normal with stddev 1.03');
    });
  });

  describe('truncated normal', function () {
    const z = fill(Float32Array, N, { dist: 'truncatedNormal' });
    it('float32: KS against Φ on (-2, 2); every value inside', function () {
      for (const x of z) assert.ok(x > -2 && x < 2, `truncated normal value ${x}`);
      accept(ksTest(z, truncCdf), 'truncated normal KS');
    });
    it('power: a one-sided truncation (x < 2) and a bound of 2.5 are rejected', function () {
      const n = fill(Float32Array, N, { dist: 'normal' }, [11, 12]);
      reject(ksTest(n.filter((x) => x < 2), truncCdf), 'one-sided truncation');
      reject(ksTest(n.filter((x) => Math.abs(x) < 2.5).map((x) => x), truncCdf), 'truncation at 2.5');
    });
  });

  describe("integer ranges against TF's exact biased pmf", function () {
    // TF: lo + (x mod r) for a uniform 32-bit (64-bit) x. Over all 2^32 (2^64)
    // values of x, v < R = 2^32 mod r has Q + 1 preimages and the rest Q,
    // Q = floor(2^32 / r). Bin [a, b) of v thus has mass (Q (b - a) + the part
    // of [a, b) below R) / 2^32.
    function binProbs(r, R, Q, total, bins) {
      const w = r / bins, probs = [];
      for (let i = 0; i < bins; i++) {
        const a = i * w, b = (i + 1) * w;
        probs.push((Q * (b - a) + Math.max(0, Math.min(b, R) - a)) / total);
      }
      return probs;
    }

    it('int32, range 3·2^30 (values below 2^30 are twice as likely); power: unbiased ints are rejected', function () {
      const r = 3 * 2 ** 30, lo = -(2 ** 31);
      const v = fill(Int32Array, 100000, { dist: 'int', minval: lo, maxval: lo + r });
      const probs = binProbs(r, 2 ** 32 % r, Math.floor(2 ** 32 / r), 2 ** 32, 12);
      assert.deepStrictEqual(probs.map((p) => p * 16), [2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
      const counts = new Float64Array(12), w = r / 12;
      for (const x of v) counts[Math.floor((x - lo) / w)]++;
      accept(chiSquare(counts, probs), 'int32 3·2^30 against the biased pmf');
      // the same test must reject an unbiased sampler (what numpy's integers() would give)
      const u = fill(Float64Array, 100000, { dist: 'uniform' });
      const unb = new Float64Array(12);
      for (const x of u) unb[Math.floor(Math.floor(x * r) / w)]++;
      reject(chiSquare(unb, probs), 'unbiased int32');
      // and the biased pmf is no accident of binning: flat bins reject TF's output
      reject(chiSquare(counts, flat(12)), 'TF int32 output against a flat pmf');
    });

    it('int32, range 7 from a negative minval; power: an off-by-one range (6) is rejected', function () {
      const v = fill(Int32Array, 70000, { dist: 'int', minval: -3, maxval: 4 });
      const R = 2 ** 32 % 7, Q = Math.floor(2 ** 32 / 7);
      const probs = Array.from({ length: 7 }, (_, k) => (Q + (k < R ? 1 : 0)) / 2 ** 32);
      const counts = new Float64Array(7);
      for (const x of v) counts[x + 3]++;
      accept(chiSquare(counts, probs), 'int32 range 7');
      const off = new Float64Array(7);
      const w = fill(Uint32Array, 70000, { dist: 'bits' });
      for (const x of w) off[x % 6]++;
      reject(chiSquare(off, probs), 'range 6 for 7');
    });

    it('int64, range 3·2^62; power: unbiased int64 is rejected', function () {
      const r = 3n * 2n ** 62n, lo = -(2n ** 63n);
      const v = fill(BigInt64Array, 60000, { dist: 'int', minval: lo, maxval: lo + r });
      // 2^64 = r + 2^62: values below 2^62 have 2 preimages, the rest 1
      const probs = [2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 16);
      const w = r / 12n;
      const counts = new Float64Array(12);
      for (const x of v) counts[Number((x - lo) / w)]++;
      accept(chiSquare(counts, probs), 'int64 3·2^62 against the biased pmf');
      const u = fill(Float64Array, 60000, { dist: 'uniform' });
      const unb = new Float64Array(12);
      for (const x of u) unb[Math.floor(x * 12)]++;
      reject(chiSquare(unb, probs), 'unbiased int64');
    });
  });

  describe('shuffle', function () {
    const perms = [];
    (function gen(pre, rest) {
      if (!rest.length) { perms.push(pre.join('')); return; }
      rest.forEach((x, i) => gen([...pre, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
    })([], [0, 1, 2, 3]);
    const index = new Map(perms.map((p, i) => [p, i]));

    // A naive shuffle (swap i with any j in [0, n)) and Sattolo's (j in (i, n)),
    // on Philox words: the classic broken shuffles.
    function brokenCounts(kind, trials) {
      const words = fill(Uint32Array, trials * 4, { dist: 'bits' }, [99, 98]);
      const counts = new Float64Array(24);
      let at = 0;
      for (let t = 0; t < trials; t++) {
        const a = [0, 1, 2, 3];
        for (let i = 0; i < 3; i++) {
          const j = kind === 'naive' ? words[at++] % 4 : i + 1 + (words[at++] % (3 - i));
          [a[i], a[j]] = [a[j], a[i]];
        }
        if (kind === 'naive') { const j = words[at++] % 4; [a[3], a[j]] = [a[j], a[3]]; }
        counts[index.get(a.join(''))]++;
      }
      return counts;
    }

    it('tf.random.shuffle of 4 items: the 24 permutations are equally likely; power: naive and Sattolo shuffles are rejected', function () {
      const trials = 4800;
      tf.setSeed(20240611);
      const counts = new Float64Array(24);
      for (let t = 0; t < trials; t++) counts[index.get(tf.shuffle(Int32Array.of(0, 1, 2, 3)).join(''))]++;
      tf.setSeed(null);
      accept(chiSquare(counts, flat(24)), 'shuffle permutations');
      reject(chiSquare(brokenCounts('naive', trials), flat(24)), 'naive shuffle');
      reject(chiSquare(brokenCounts('sattolo', trials), flat(24)), "Sattolo's shuffle");
    });

    it('tf.random.shuffle of 10 items: every item is equally likely at every position', function () {
      const trials = 2000;
      const pos = Array.from({ length: 10 }, () => new Float64Array(10));
      for (let t = 0; t < trials; t++) {
        const s = tf.shuffle(Int32Array.from({ length: 10 }, (_, i) => i), { seed: t + 1 });
        for (let p = 0; p < 10; p++) pos[s[p]][p]++;
      }
      accept(positionTest(pos), 'shuffle positions');
      // power: the naive shuffle (j anywhere in [0, 10)) on the same number of trials
      const words = fill(Uint32Array, trials * 10, { dist: 'bits' }, [5, 6]);
      const bad = Array.from({ length: 10 }, () => new Float64Array(10));
      for (let t = 0; t < trials; t++) {
        const a = Array.from({ length: 10 }, (_, i) => i);
        for (let i = 0; i < 10; i++) {
          const j = words[t * 10 + i] % 10;
          [a[i], a[j]] = [a[j], a[i]];
        }
        for (let p = 0; p < 10; p++) bad[a[p]][p]++;
      }
      reject(positionTest(bad), 'naive shuffle positions');
    });
  });
});

// Items x positions counts: the sum of the per-item chi-squares (each row
// sums to the trials), 10 * 9 degrees of freedom.
function positionTest(pos) {
  let stat = 0;
  for (const row of pos) stat += chiSquare(row, new Array(row.length).fill(1 / row.length)).stat;
  const dof = pos.length * (pos[0].length - 1);
  return { stat, p: gammaQ(dof / 2, stat / 2) };
}

function decode(bits, dtype) {
  if (dtype === 'bfloat16') {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(bits << 16 >>> 0);
    return b.readFloatLE(0);
  }
  const e = (bits >> 10) & 31, m = bits & 1023;
  if (e === 0) return m * 2 ** -24;
  return (1 + m / 1024) * 2 ** (e - 15);
}
