// glibc's float logf and sincosf algorithms (glibc 2.28+, e_logf.c,
// s_sincosf.c; the same as cpp/mathf.cc, whose comments explain each step)
// and TensorFlow's float / double Box-Muller transforms built on them.
//
// glibc evaluates these in double and rounds once to float at the end; JS
// numbers are doubles, so the port is direct: every double operation below is
// one rounded IEEE operation, Math.fround marks each rounding to float. No
// operation is fused here (glibc's FMA builds of logf/sincosf round alike:
// cpp/test/mathf_exhaustive.cc proves the C++ port equal to the system glibc
// for every input Box-Muller can produce, and test/js-backend.test.js proves
// this port equal to the C++ one over the same 2^23 + 2^23 inputs).
import { log } from './libm';
import { sincos } from './sincos';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

// logf ------------------------------------------------------------------------

const LOGF_OFF = 0x3f330000;
const LOGF_INVC = [
  1.398907162146528, 1.3403141896637998, 1.286432210124115, 1.2367150214269895,
  1.1906977166711752, 1.1479821020556429, 1.1082251448272158, 1.0711297413057381,
  1.036437278977283, 1, 0.9492859795739057, 0.8951049428609004,
  0.8476821620351103, 0.8050314851692001, 0.7664671008843108, 0.731428603316328,
];
const LOGF_LOGC = [
  -0.33569133332882284, -0.2929040563774074, -0.2518726580937369, -0.21245868807117255,
  -0.17453945183745634, -0.1380057072319758, -0.10275976698545139, -0.06871392447020525,
  -0.0357891387398228, 0, 0.05204517742929496, 0.11081431298787942,
  0.1652495223695143, 0.21687389031699977, 0.2659635028121397, 0.3127556664073557,
];
const LOGF_LN2 = 0.6931471805599453;
const LOGF_R2 = -0.4999997485802103, LOGF_R3 = 0.333456765744066, LOGF_R4 = -0.25089342214237154;

/** glibc logf (x a float value). */
export function logf(x: number): number {
  f32[0] = x;
  let ix = u32[0];
  if (ix === 0x3f800000) return 0;
  if (((ix - 0x00800000) >>> 0) >= 0x7f800000 - 0x00800000) {
    if ((ix & 0x7fffffff) === 0) return -Infinity;
    if (ix === 0x7f800000) return x;
    if ((ix >>> 31) !== 0 || ix >= 0x7f800000) return NaN;
    f32[0] = x * 8388608; // subnormal: scale by 2^23 (exact)
    ix = (u32[0] - (23 << 23)) >>> 0;
  }
  const tmp = (ix - LOGF_OFF) | 0;
  const i = (tmp >>> 19) & 15;
  const k = tmp >> 23;
  u32[0] = ix - (tmp & 0xff800000);
  const z = f32[0];
  const r = z * LOGF_INVC[i] - 1;
  const y0 = LOGF_LOGC[i] + k * LOGF_LN2;
  const r2 = r * r;
  let y = LOGF_R3 * r + LOGF_R2;
  y = LOGF_R4 * r2 + y;
  y = y * r2 + (y0 + r);
  return Math.fround(y);
}

// sincosf ---------------------------------------------------------------------

const HALF_PI_INV24 = 10680707.430881744; // 2/pi * 2^24
const HALF_PI = 1.5707963267948966;
const PI63 = 3.4061215800865545e-19; // 2pi * 2^-64
const COS1 = -0.49999999725108224, COS2 = 0.041666623324344516, COS3 = -0.001388676379437604;
const COS4 = 2.4390450703564542e-05;
const SIN1 = -0.16666654943701084, SIN2 = 0.008332178146138854, SIN3 = -0.00019517298981385725;

// 4/pi in 8-bit steps (s_sincosf_data.c's __inv_pio4).
const INV_PIO4 = [
  0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
  0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
  0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
];

// sincos_finish of cpp/mathf.cc: polynomials at the reduced x, signs from q,
// swap from n. Writes the two floats to out[0] (sin) and out[1] (cos).
function finish(x: number, q: number, n: number, out: number[]): void {
  const x2 = x * x;
  const x4 = x2 * x2;
  const x3 = x2 * x;
  const c2 = COS3 + x2 * COS4;
  const s1 = SIN2 + x2 * SIN3;
  const c1 = 1 + x2 * COS1;
  const x5 = x3 * x2;
  const x6 = x4 * x2;
  const sa = x + x3 * SIN1;
  const ca = c1 + x4 * COS2;
  let s = sa + x5 * s1;
  let c = ca + x6 * c2;
  if ((q + 1) & 2) s = -s;
  if (q & 2) c = -c;
  if (n & 1) {
    out[0] = Math.fround(c);
    out[1] = Math.fround(s);
  } else {
    out[0] = Math.fround(s);
    out[1] = Math.fround(c);
  }
}

const M64 = (1n << 64n) - 1n;

// reduce_large of cpp/mathf.cc for 120 <= |x| < inf (bits = the float's bits):
// exact 64-bit integer arithmetic, here in BigInt (never on the Box-Muller path).
function reduceLarge(bits: number, out: number[]): number {
  const j = (bits >>> 26) & 15;
  const shift = (bits >>> 23) & 7;
  const m = BigInt((((bits & 0xffffff) | 0x800000) << shift) >>> 0);
  const top = ((m * BigInt(INV_PIO4[j])) & 0xffffffffn) << 32n;
  const mid = m * BigInt(INV_PIO4[j + 4]);
  const low = m * BigInt(INV_PIO4[j + 8]);
  let frac = ((top | (low >> 32n)) + mid) & M64;
  const q = ((frac + (1n << 61n)) & M64) >> 62n;
  frac = (frac - (q << 62n)) & M64;
  out[2] = Number(q);
  return Number(BigInt.asIntN(64, frac)) * PI63;
}

const red = [0, 0, 0];

/** glibc sincosf (y a float value): out[0] = sinf y, out[1] = cosf y. */
export function sincosf(y: number, out: number[]): void {
  f32[0] = y;
  const bits = u32[0];
  const top = (bits & 0x7fffffff) >>> 20;
  if (top < 0x3f4) {
    if (top < 0x398) {
      out[0] = y;
      out[1] = 1;
      return;
    }
    finish(y, 0, 0, out);
  } else if (top < 0x42f) {
    const r = y * HALF_PI_INV24;
    const n = ((r | 0) + 0x800000) >> 24; // (int32_t)r: |r| < 2^31 here
    finish(y - n * HALF_PI, n, n, out);
  } else if (top < 0x7f8) {
    const r = reduceLarge(bits, red);
    const n = red[2];
    finish(r, n + (bits >>> 31), n, out);
  } else {
    out[0] = out[1] = NaN;
  }
}

// Box-Muller ------------------------------------------------------------------

const FLT_1E7 = Math.fround(1e-7);
const sc = [0, 0];

/**
 * TF's BoxMullerFloat(x0, x1): writes the two float normals to out[at],
 * out[at + 1] (any array of numbers, e.g. a Float32Array).
 */
export function boxMullerF32(x0: number, x1: number, out: Float32Array | number[], at: number): void {
  let u1 = (x0 & 0x7fffff) * 1.1920928955078125e-7; // uint32_to_float: exact
  if (u1 < FLT_1E7) u1 = FLT_1E7;
  const v1 = Math.fround(6.283185307179586 * ((x1 & 0x7fffff) * 1.1920928955078125e-7));
  const u2 = Math.fround(Math.sqrt(-2 * logf(u1))); // -2*logf is exact in float; sqrt of a
  // float rounded via double to float equals sqrtf (53 >= 2*24 + 2)
  sincosf(v1, sc);
  out[at] = Math.fround(sc[0] * u2);
  out[at + 1] = Math.fround(sc[1] * u2);
}

const scd = [0, 0];

/** TF's BoxMullerDouble(x0, x1, x2, x3) with glibc's log / sincos: out[at], out[at + 1]. */
export function boxMullerF64(x0: number, x1: number, x2: number, x3: number, out: Float64Array | number[], at: number): void {
  let u1 = ((x0 & 0xfffff) * 4294967296 + (x1 >>> 0)) * 2.220446049250313e-16; // uint64_to_double
  if (u1 < 1e-7) u1 = 1e-7;
  const v1 = 6.283185307179586 * (((x2 & 0xfffff) * 4294967296 + (x3 >>> 0)) * 2.220446049250313e-16);
  const u2 = Math.sqrt(-2 * log(u1));
  sincos(v1, scd);
  out[at] = scd[0] * u2;
  out[at + 1] = scd[1] * u2;
}
