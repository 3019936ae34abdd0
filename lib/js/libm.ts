// glibc's double-precision log, exp, pow, log1p and lgamma_r in TypeScript,
// bit for bit as TensorFlow's x86-64 Linux build gets them (sincos: sincos.ts).
//
// Which glibc: 2.36 (Debian 12, the release/2.36 branch), on a CPU with FMA
// and AVX2, where the dynamic linker picks the "-mfma -mavx2" builds of log,
// exp, pow and log1p (sysdeps/x86_64/fpu/multiarch/*-fma.c). Those builds are
// the generic C sources (sysdeps/ieee754/dbl-64/e_log.c, e_exp.c, e_pow.c,
// s_log1p.c) with the compiler fusing many a*b + c into one rounding, so the
// fused operations below follow the instructions of those builds, read from
// their disassembly: fma(a, b, c) marks a fused multiply-add, every other
// operation is rounded on its own (JS arithmetic is IEEE double, round to
// nearest, like SSE2). lgamma_r (e_lgamma_r.c) has no FMA build; it calls the
// FMA log. Special-case results follow glibc; errno and exception flags are
// not modelled.
//
// V8's Math.log/exp/pow/log1p are fdlibm ports and differ from these in the
// last bit on 0.07-10% of the inputs the samplers use (5e5 random inputs
// each: log on [1e-7, 1) 7.2%, exp 9.2%, pow(u, 1/alpha) 10%, log1p(-u)
// 0.07%; lgamma has no Math counterpart), so every one of them is ported.
// Math.sqrt, Math.floor, Math.ceil and Math.abs are exact and used as is.
// test/js-backend.test.js checks these functions against digests of the
// system glibc's results (test/js-backend/libm_reference.c) and, through the
// samplers, against the native addon.
import { fma } from './fma';
import * as D from './libm_data';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // u32[0]: low word, u32[1]: high word (little-endian)

// 2^e for integer e in [-1074, 1023], exactly, at POW2[e + 1074].
const POW2 = (() => {
  const t = new Float64Array(2098);
  let v = 1;
  for (let e = 0; e <= 1023; e++, v *= 2) t[e + 1074] = v;
  v = 1;
  for (let e = 0; e >= -1074; e--, v /= 2) t[e + 1074] = v;
  return t;
})();

// ---- log (e_log.c, LOG_TABLE_BITS 7) ------------------------------------------

const LN2HI = 0.6931471805598903; // 0x1.62e42fefa3800p-1
const LN2LO = 5.497923018708371e-14; // 0x1.ef35793c76730p-45
const A0 = -0.5000000000000001, A1 = 0.33333333331825593, A2 = -0.2499999999622955;
const A3 = 0.20000304511814496, A4 = -0.16667054827627667;
const B0 = -0.5, B1 = 0.3333333333333352, B2 = -0.24999999999998432, B3 = 0.19999999999320328;
const B4 = -0.16666666669929706, B5 = 0.14285715076560868, B6 = -0.12499997863982555;
const B7 = 0.11110712032936046, B8 = -0.10000486757818193, B9 = 0.09181994006195467;
const B10 = -0.08328363062289341;

/** glibc log (the FMA build). */
export function log(x: number): number {
  f64[0] = x;
  let hi = u32[1];
  // 1 - 2^-4 <= x < 1 + 0x1.09p-4: log1p's polynomial on r = x - 1.
  if (hi >= 0x3fee0000 && hi < 0x3ff10900) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    const q1 = fma(r2, B3, fma(r, B2, B1));
    const q2 = fma(r2, B6, fma(r, B5, B4));
    const q3 = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
    const p = fma(fma(q3, r3, q2), r3, q1);
    // r = rhi + rlo with rhi*rhi exact; the products by B0 = -0.5 are exact,
    // so the fused forms of hi and lo round like the plain ones.
    const w = r * 134217728;
    const rhi = r + w - w;
    const rlo = r - rhi;
    const ww = rhi * rhi * B0;
    const h = r + ww;
    let lo = r - h + ww;
    lo = fma(B0 * rlo, rhi + r, lo);
    return h + fma(p, r3, lo);
  }
  const top = hi >>> 16;
  if (((top - 0x0010) >>> 0) >= 0x7ff0 - 0x0010) {
    // x < 2^-1022, or inf or nan.
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if ((top & 0x8000) !== 0 || (top & 0x7ff0) === 0x7ff0) return NaN;
    // subnormal: normalise
    f64[0] = x * 4503599627370496; // 2^52
    hi = u32[1] - (52 << 20);
  }
  // x = 2^k z with z in [0x1.6p-1, 0x1.6p0); bits 45..51 of ix - OFF pick
  // the subinterval.
  const tmp = (hi - 0x3fe60000) | 0;
  const i = (tmp >>> 13) & 127;
  const k = tmp >> 20;
  u32[1] = hi - (tmp & 0xfff00000);
  const z = f64[0];
  const invc = D.LOG_INVC[i];
  const logc = D.LOG_LOGC[i];
  const r = fma(z, invc, -1);
  const kd = k;
  const w = kd * LN2HI + logc; // fused in glibc; kd*LN2HI is exact (|k| < 2^11)
  const h = w + r;
  const lo = fma(kd, LN2LO, w - h + r);
  const r2 = r * r;
  const p = fma(r2, fma(r, A4, A3), fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, lo)) + h;
}

// ---- exp (e_exp.c, EXP_TABLE_BITS 7) ------------------------------------------

const INVLN2N = 184.6649652337873; // 0x1.71547652b82fep0 * 128
const NEGLN2HIN = -0.005415212348111709; // -0x1.62e42fefa0000p-8
const NEGLN2LON = -1.2864023111638346e-14; // -0x1.cf79abc9e3b3ap-47
const SHIFT = 6755399441055744; // 0x1.8p52
const C2 = 0.49999999999996786, C3 = 0.16666666666665886, C4 = 0.0416666808410674, C5 = 0.008333335853059549;

/** glibc exp (the FMA build). */
export function exp(x: number): number {
  f64[0] = x;
  let abstop = (u32[1] >>> 20) & 0x7ff;
  if (((abstop - 0x3c9) >>> 0) >= 0x3f) {
    if (((abstop - 0x3c9) >>> 0) >= 0x80000000) return 1 + x; // |x| < 2^-54
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0;
      if (abstop >= 0x7ff) return 1 + x;
      return x < 0 ? 0 : Infinity;
    }
    abstop = 0; // 512 <= |x| < 1024: may overflow or underflow
  }
  // x = k ln2/128 + r; kd + SHIFT rounds z = x*128/ln2 to an integer (fused).
  const kds = fma(x, INVLN2N, SHIFT);
  const kd = kds - SHIFT;
  const k = kd | 0;
  const r = fma(kd, NEGLN2LON, fma(kd, NEGLN2HIN, x));
  const idx = k & 127;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, D.EXP_TAIL[idx] + r));
  if (abstop === 0) return expSpecial(tmp, idx, k, 1);
  const scale = D.EXP_H[idx] * POW2[(k >> 7) + 1074];
  return fma(scale, tmp, scale);
}

// specialcase() of e_exp.c (sign 1) and e_pow.c (sign +-1): scale*(1 + tmp)
// where scale = sign * 2^(k/128) may be outside the normal range.
function expSpecial(tmp: number, idx: number, k: number, sign: number): number {
  const e = k >> 7;
  if (k >= 0) {
    const scale = sign * D.EXP_H[idx] * POW2[e - 1009 + 1074];
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  const scale = sign * D.EXP_H[idx] * POW2[e + 1022 + 1074];
  const st = scale * tmp;
  let y = scale + st;
  if (Math.abs(y) < 1) {
    // Round to the final precision before scaling into the subnormal range.
    const one = y < 0 ? -1 : 1;
    let lo = scale - y + st;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = lo + hi - one;
    if (y === 0) y = sign < 0 ? -0 : 0;
  }
  return y * 2.2250738585072014e-308; // 2^-1022
}

// ---- pow (e_pow.c, POW_LOG_TABLE_BITS 7) ----------------------------------------

const PA0 = -0.5, PA1 = -0.6666666666666679, PA2 = 0.5000000000000007, PA3 = 0.7999999995323976;
const PA4 = -0.6666666663487739, PA5 = -1.142909628459501, PA6 = 1.0000415263675542;

// powLog's second result (a typed slot: a `let` holding a double would box it)
const powTailSlot = new Float64Array(1);
// log(x) as hi + tail (about 15 extra bits; the tail in powTailSlot), x given by its words (positive,
// normalised: a subnormal's exponent is negative in the high word).
function powLog(hi: number, lo: number): number {
  const tmp = (hi - 0x3fe69555) | 0;
  const i = (tmp >>> 13) & 127;
  const k = tmp >> 20;
  u32[1] = hi - (tmp & 0xfff00000);
  u32[0] = lo;
  const z = f64[0];
  const kd = k;
  const r = fma(z, D.POW_INVC[i], -1); // exact: r is representable
  const t1 = kd * LN2HI + D.POW_LOGC[i]; // fused in glibc; the product is exact
  const t2 = t1 + r;
  const lo1 = fma(kd, LN2LO, D.POW_LOGCTAIL[i]);
  const lo2 = t1 - t2 + r;
  const ar = PA0 * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const h = t2 + ar2;
  const lo3 = fma(ar, r, -ar2);
  const lo4 = t2 - h + ar2;
  const q = fma(ar2, fma(fma(r, PA6, PA5), ar2, fma(r, PA4, PA3)), fma(r, PA2, PA1));
  const l = fma(ar3, q, lo1 + lo2 + lo3 + lo4);
  const y = h + l;
  powTailSlot[0] = h - y + l;
  return y;
}

// 0: not an integer, 1: odd integer, 2: even integer (y finite, non-zero).
function checkint(y: number): number {
  const ay = Math.abs(y);
  if (ay < 1) return 0;
  if (ay >= 9007199254740992) return 2; // 2^53
  if (Math.floor(ay) !== ay) return 0;
  return ay % 2 === 1 ? 1 : 2;
}

/** glibc pow (the FMA build). */
export function pow(x: number, y: number): number {
  f64[0] = x;
  let ixHi = u32[1];
  const ixLo = u32[0];
  f64[0] = y;
  const iyHi = u32[1];
  const topx0 = ixHi >>> 20;
  const topy = iyHi >>> 20;
  let sign = 1;
  if (((topx0 - 1) >>> 0) >= 0x7fe || (((topy & 0x7ff) - 0x3be) >>> 0) >= 0x80) {
    if (y === 0 || !Number.isFinite(y)) {
      if (y === 0) return 1;
      if (x === 1) return 1;
      if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
      if (Math.abs(x) === 1) return 1;
      if ((Math.abs(x) < 1) === (y > 0)) return 0;
      return y * y;
    }
    const xneg = (ixHi >>> 31) !== 0;
    if (x === 0 || !Number.isFinite(x)) {
      let x2 = x * x;
      if (xneg && checkint(y) === 1) x2 = -x2;
      if (y < 0) return 1 / x2;
      return x2;
    }
    if (xneg) {
      const yint = checkint(y);
      if (yint === 0) return NaN;
      if (yint === 1) sign = -1;
      ixHi &= 0x7fffffff;
    }
    if ((((topy & 0x7ff) - 0x3be) >>> 0) >= 0x80) {
      const ax = Math.abs(x);
      if (ax === 1) return 1;
      if ((topy & 0x7ff) < 0x3be) return ax > 1 ? 1 + y : 1 - y;
      return (ax > 1) === (y > 0) ? Infinity : 0;
    }
    if ((ixHi >>> 20) === 0) {
      // subnormal x: normalise, the exponent becoming negative
      f64[0] = Math.abs(x) * 4503599627370496;
      const h = (u32[1] - (52 << 20)) | 0;
      const hi = powLog(h, u32[0]);
      return powExp(y, hi, powTailSlot[0], sign);
    }
  }
  const hi = powLog(ixHi, ixLo);
  return powExp(y, hi, powTailSlot[0], sign);
}

// exp_inline(y*hi, y*lo + fma(y, hi, -y*hi)) of e_pow.c.
function powExp(y: number, hi: number, lo: number, sign: number): number {
  const ehi = y * hi;
  const elo = fma(y, lo, fma(y, hi, -ehi));
  f64[0] = ehi;
  let abstop = (u32[1] >>> 20) & 0x7ff;
  if (((abstop - 0x3c9) >>> 0) >= 0x3f) {
    if (((abstop - 0x3c9) >>> 0) >= 0x80000000) return sign * (1 + ehi);
    if (abstop >= 0x409) return ehi < 0 ? sign * 0 : sign * Infinity;
    abstop = 0;
  }
  const kds = fma(ehi, INVLN2N, SHIFT);
  const kd = kds - SHIFT;
  const k = kd | 0;
  const r = elo + fma(kd, NEGLN2LON, fma(kd, NEGLN2HIN, ehi));
  const idx = k & 127;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, r + D.EXP_TAIL[idx]));
  if (abstop === 0) return expSpecial(tmp, idx, k, sign);
  const scale = sign * D.EXP_H[idx] * POW2[(k >> 7) + 1074];
  return fma(scale, tmp, scale);
}

// ---- log1p (s_log1p.c, fdlibm's algorithm) ---------------------------------------

const L_LN2HI = 0.6931471803691238; // 3fe62e42 fee00000
const L_LN2LO = 1.9082149292705877e-10; // 3dea39ef 35793c76
const LP1 = 0.6666666666666735, LP2 = 0.3999999999940942, LP3 = 0.2857142874366239;
const LP4 = 0.2222219843214978, LP5 = 0.1818357216161805, LP6 = 0.15313837699209373;
const LP7 = 0.14798198605116586;

/** glibc log1p (the FMA build of glibc 2.36's release branch). */
export function log1p(x: number): number {
  f64[0] = x;
  const hx = u32[1] | 0;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0, c = 0, hu = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x <= -1
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) return x;
      return fma(-(x * x), 0.5, x);
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      k = 0; // -0.2929 < x < 0.41422
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      f64[0] = u;
      hu = u32[1];
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // correction term
      c /= u;
    } else {
      u = x;
      f64[0] = u;
      hu = u32[1];
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u32[1] = hu | 0x3ff00000; // normalise u (f64[0] still holds u's low word)
    } else {
      k += 1;
      u32[1] = hu | 0x3fe00000; // normalise u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = f64[0] - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return fma(k, L_LN2HI, fma(k, L_LN2LO, c));
    }
    const R = fma(-f, 0.6666666666666666, 1) * hfsq; // hfsq * (1 - 2/3 f)
    if (k === 0) return f - R;
    return fma(k, L_LN2HI, -(R - fma(k, L_LN2LO, c) - f));
  }
  const s = f / (2 + f);
  const z = s * s;
  const R2 = fma(z, LP3, LP2);
  const R3 = fma(z, LP5, LP4);
  const R4 = fma(z, LP7, LP6);
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z2 * z4;
  const R = fma(z6, R4, fma(z4, R3, fma(z, LP1, z2 * R2)));
  const sr = (R + hfsq) * s;
  if (k === 0) return f - (hfsq - sr);
  return fma(k, L_LN2HI, -(hfsq - (fma(k, L_LN2LO, c) + sr) - f));
}

// ---- lgamma_r (e_lgamma_r.c, fdlibm's algorithm, no FMA build) ----------------------

const LG = {
  a0: 7.72156649015328655494e-02, a1: 3.22467033424113591611e-01, a2: 6.73523010531292681824e-02,
  a3: 2.05808084325167332806e-02, a4: 7.38555086081402883957e-03, a5: 2.89051383673415629091e-03,
  a6: 1.19270763183362067845e-03, a7: 5.10069792153511336608e-04, a8: 2.20862790713908385557e-04,
  a9: 1.08011567247583939954e-04, a10: 2.52144565451257326939e-05, a11: 4.48640949618915160150e-05,
  tc: 1.46163214496836224576e+00, tf: -1.21486290535849611461e-01, tt: -3.63867699703950536541e-18,
  t0: 4.83836122723810047042e-01, t1: -1.47587722994593911752e-01, t2: 6.46249402391333854778e-02,
  t3: -3.27885410759859649565e-02, t4: 1.79706750811820387126e-02, t5: -1.03142241298341437450e-02,
  t6: 6.10053870246291332635e-03, t7: -3.68452016781138256760e-03, t8: 2.25964780900612472250e-03,
  t9: -1.40346469989232843813e-03, t10: 8.81081882437654011382e-04, t11: -5.38595305356740546715e-04,
  t12: 3.15632070903625950361e-04, t13: -3.12754168375120860518e-04, t14: 3.35529192635519073543e-04,
  u0: -7.72156649015328655494e-02, u1: 6.32827064025093366517e-01, u2: 1.45492250137234768737e+00,
  u3: 9.77717527963372745603e-01, u4: 2.28963728064692451092e-01, u5: 1.33810918536787660377e-02,
  v1: 2.45597793713041134822e+00, v2: 2.12848976379893395361e+00, v3: 7.69285150456672783825e-01,
  v4: 1.04222645593369134254e-01, v5: 3.21709242282423911810e-03,
  s0: -7.72156649015328655494e-02, s1: 2.14982415960608852501e-01, s2: 3.25778796408930981787e-01,
  s3: 1.46350472652464452805e-01, s4: 2.66422703033638609560e-02, s5: 1.84028451407337715652e-03,
  s6: 3.19475326584100867617e-05,
  r1: 1.39200533467621045958e+00, r2: 7.21935547567138069525e-01, r3: 1.71933865632803078993e-01,
  r4: 1.86459191715652901344e-02, r5: 7.77942496381893596434e-04, r6: 7.32668430744625636189e-06,
  w0: 4.18938533204672725052e-01, w1: 8.33333333333329678849e-02, w2: -2.77777777728775536470e-03,
  w3: 7.93650558643019558500e-04, w4: -5.95187557450339963135e-04, w5: 8.36339918996282139126e-04,
  w6: -1.63092934096575273989e-03,
} as const;

/**
 * glibc lgamma_r for x > 0 (and +-0, inf, NaN). TensorFlow's Poisson sampler
 * only evaluates lgamma(k + 1) with k >= 0; negative arguments (glibc's
 * lgamma_neg.c and sin_pi) are not ported and give NaN.
 */
export function lgamma(x: number): number {
  f64[0] = x;
  const hx = u32[1] | 0;
  const lx = u32[0];
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x;
  if ((ix | lx) === 0) return 1 / Math.abs(x);
  if (hx < 0) return NaN;
  if (ix < 0x3b900000) return -log(x); // |x| < 2^-70
  const g = LG;
  let r: number;
  if (((ix - 0x3ff00000) | lx) === 0 || ((ix - 0x40000000) | lx) === 0) {
    r = 0; // lgamma(1) = lgamma(2) = 0
  } else if (ix < 0x40000000) {
    // x < 2
    let y: number, i: number;
    if (ix <= 0x3feccccc) {
      // lgamma(x) = lgamma(x+1) - log(x)
      r = -log(x);
      if (ix >= 0x3fe76944) { y = 1 - x; i = 0; }
      else if (ix >= 0x3fcda661) { y = x - (g.tc - 1); i = 1; }
      else { y = x; i = 2; }
    } else {
      r = 0;
      if (ix >= 0x3ffbb4c3) { y = 2 - x; i = 0; } // [1.7316, 2]
      else if (ix >= 0x3ff3b4c4) { y = x - g.tc; i = 1; } // [1.23, 1.73]
      else { y = x - 1; i = 2; }
    }
    if (i === 0) {
      const z = y * y;
      const p1 = g.a0 + z * (g.a2 + z * (g.a4 + z * (g.a6 + z * (g.a8 + z * g.a10))));
      const p2 = z * (g.a1 + z * (g.a3 + z * (g.a5 + z * (g.a7 + z * (g.a9 + z * g.a11)))));
      const p = y * p1 + p2;
      r += p - 0.5 * y;
    } else if (i === 1) {
      const z = y * y;
      const w = z * y;
      const p1 = g.t0 + w * (g.t3 + w * (g.t6 + w * (g.t9 + w * g.t12)));
      const p2 = g.t1 + w * (g.t4 + w * (g.t7 + w * (g.t10 + w * g.t13)));
      const p3 = g.t2 + w * (g.t5 + w * (g.t8 + w * (g.t11 + w * g.t14)));
      const p = z * p1 - (g.tt - w * (p2 + y * p3));
      r += g.tf + p;
    } else {
      const p1 = y * (g.u0 + y * (g.u1 + y * (g.u2 + y * (g.u3 + y * (g.u4 + y * g.u5)))));
      const p2 = 1 + y * (g.v1 + y * (g.v2 + y * (g.v3 + y * (g.v4 + y * g.v5))));
      r += -0.5 * y + p1 / p2;
    }
  } else if (ix < 0x40200000) {
    // 2 <= x < 8
    const i = Math.trunc(x);
    const y = x - i;
    const p = y * (g.s0 + y * (g.s1 + y * (g.s2 + y * (g.s3 + y * (g.s4 + y * (g.s5 + y * g.s6))))));
    const q = 1 + y * (g.r1 + y * (g.r2 + y * (g.r3 + y * (g.r4 + y * (g.r5 + y * g.r6)))));
    r = 0.5 * y + p / q;
    if (i >= 3) {
      // lgamma(1+s) = log(s) + lgamma(s): z = (y+i-1)...(y+2), glibc's
      // fall-through switch from case i down to case 3
      let z = 1;
      for (let j = i - 1; j >= 2; j--) z *= y + j;
      r += log(z);
    }
  } else if (ix < 0x43900000) {
    // 8 <= x < 2^58
    const t = log(x);
    const z = 1 / x;
    const y = z * z;
    const w = g.w0 + z * (g.w1 + y * (g.w2 + y * (g.w3 + y * (g.w4 + y * (g.w5 + y * g.w6)))));
    r = (x - 0.5) * (t - 1) + w;
  } else {
    r = x * (log(x) - 1);
  }
  return r;
}
