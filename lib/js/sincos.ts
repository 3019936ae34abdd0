// glibc's double sincos (sysdeps/ieee754/dbl-64/s_sincos.c with s_sin.c's
// do_sin / do_cos / reduce_sincos, IBM Accurate Mathematical Library), bit for
// bit as TensorFlow's BoxMullerDouble gets it on x86-64 Linux: the
// "-mfma -mavx2" build glibc 2.36 selects on FMA CPUs (s_sincos-fma.c). fma()
// marks the operations that build fuses, read from its disassembly (the
// compiler merged do_sin and do_cos of the same argument, which decides what
// it fused); everything else is rounded separately, in source order.
//
// Domain: |x| < 105414336 (BoxMullerDouble passes [0, 2pi)). Larger
// arguments need glibc's __branred, which is not ported: they fall back to
// V8's Math.sin/Math.cos, not bit-exact.
import { fma } from './fma';
import { SINCOSTAB } from './libm_data';

const S1 = -0.16666666666666666, S2 = 0.008333333333332329, S3 = -0.00019841269834414642;
const S4 = 2.755729806860771e-6, S5 = -2.5022014848318398e-8;
const BIG = 52776558133248; // 0x1.8p45: adding it rounds |x| to a multiple of 1/128
const HP0 = 1.5707963267948966; // pi/2 high
const HP1 = 6.123233995736766e-17; // pi/2 low
const MP1 = 1.5707963407039642, MP2 = -1.3909067564377153e-8;
const PP3 = -4.97899623147991e-17, PP4 = -1.9034889620193266e-25;
const HPINV = 0.6366197723675814; // 2/pi
const TOINT = 6755399441055744; // 0x1.8p52
const SN3 = -0.16666666666666488, SN5 = 0.008333332142857223;
const CS2 = 0.5, CS4 = -0.04166666666666644, CS6 = 0.001388888740079376;

// TAYLOR_SIN(x*x, x, dx) with the fused polynomial.
function taylorSin(x: number, dx: number): number {
  const xx = x * x;
  const p = fma(xx, fma(xx, fma(xx, fma(xx, S5, S4), S3), S2), S1);
  return x + fma(xx, fma(p, x, -(0.5 * dx)), dx);
}

/**
 * The sin/cos of a + da near a table point: `a1` = |a| - (u - BIG) with
 * `j` = round(128|a|) the table row. Writes sin to out[0], cos to out[1]
 * (signs as do_sin / do_cos give them, before quadrant handling).
 */
function sinPart(a1: number, j: number, dx: number, sign: number): number {
  // do_sin for |a| >= 0.126: dx already negated when a <= 0.
  const xx = a1 * a1;
  const s = fma(a1 * xx, fma(xx, SN5, SN3), dx) + a1;
  const c = fma(dx, a1, xx * fma(fma(xx, CS6, CS4), xx, CS2));
  const t = 4 * j;
  const sn = SINCOSTAB[t], ssn = SINCOSTAB[t + 1], cs = SINCOSTAB[t + 2], ccs = SINCOSTAB[t + 3];
  const cor = fma(s, cs, fma(-c, sn, fma(s, ccs, ssn)));
  const r = sn + cor;
  return sign < 0 ? -Math.abs(r) : Math.abs(r); // copysign(sn + cor, a)
}

function cosPart(x: number, j: number): number {
  // do_cos with x = |a| - (u - BIG) + dx.
  const xx = x * x;
  const s = fma(x * xx, fma(xx, SN5, SN3), x);
  const c = xx * fma(fma(xx, CS6, CS4), xx, CS2);
  const t = 4 * j;
  const sn = SINCOSTAB[t], ssn = SINCOSTAB[t + 1], cs = SINCOSTAB[t + 2], ccs = SINCOSTAB[t + 3];
  return fma(-s, sn, fma(-c, cs, fma(-s, ssn, ccs))) + cs;
}

// do_sin(a, da) and do_cos(a, da) of the same argument: [sin, cos].
function sinCos(a: number, da: number, out: number[]): void {
  const aa = Math.abs(a);
  const u = BIG + aa;
  const j = (u - BIG) * 128; // the low word of u: a row index < 110
  const a1 = aa - (u - BIG);
  if (aa < 0.126) {
    out[0] = taylorSin(a, da);
  } else {
    out[0] = sinPart(a1, j, a <= 0 ? -da : da, a < 0 || Object.is(a, -0) ? -1 : 1);
  }
  out[1] = cosPart(a1 + (a < 0 ? -da : da), j);
}

const tmp = [0, 0];

/** glibc sincos(x): out[0] = sin x, out[1] = cos x. */
export function sincos(x: number, out: number[]): void {
  // glibc tests the high word of |x| against 0x3e400000, 0x3feb6000,
  // 0x400368fd and 0x419921fb: |x| against the doubles those words begin.
  const ax = Math.abs(x);
  if (ax < 2.4262638092041016) {
    if (ax < 7.450580596923828e-9) {
      // |x| < 2^-27: sin x = x, cos x = 1
      out[0] = x;
      out[1] = 1;
      return;
    }
    if (ax < 0.85546875) {
      sinCos(x, 0, tmp);
      out[0] = tmp[0];
      out[1] = tmp[1];
      return;
    }
    // sin x = copysign(cos(pi/2 - |x|), x), cos x = sin(pi/2 - |x|), with
    // pi/2 - |x| as a + da
    const y = HP0 - ax;
    const a = y + HP1;
    const da = y - a + HP1;
    sinCos(a, da, tmp);
    out[0] = x < 0 ? -Math.abs(tmp[1]) : Math.abs(tmp[1]);
    out[1] = tmp[0];
    return;
  }
  if (ax < 105414336) {
    // reduce_sincos: x - n pi/2 in three parts, n = round(x * 2/pi)
    const t = fma(x, HPINV, TOINT);
    const xn = t - TOINT;
    const y = fma(-xn, MP2, fma(-xn, MP1, x));
    const t2 = fma(-xn, PP3, y);
    let db = fma(-xn, PP3, y - t2);
    let b = fma(-xn, PP4, t2);
    db += fma(-xn, PP4, t2 - b);
    const n = xn & 3;
    if (n === 1 || n === 2) {
      b = -b;
      db = -db;
    }
    sinCos(b, db, tmp);
    const s = tmp[0];
    const c = (n & 2) !== 0 ? -tmp[1] : tmp[1];
    if (n & 1) {
      out[0] = c;
      out[1] = s;
    } else {
      out[0] = s;
      out[1] = c;
    }
    return;
  }
  if (Number.isFinite(x)) {
    out[0] = Math.sin(x); // not reached by the samplers (see the header)
    out[1] = Math.cos(x);
    return;
  }
  out[0] = out[1] = NaN;
}
