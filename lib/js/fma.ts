// fma(a, b, c) = a*b + c rounded once, in plain JS doubles.
//
// The glibc functions TensorFlow calls are, on x86-64 CPUs with FMA, glibc's
// "-mfma -mavx2" builds of the same C sources: the compiler fused many a*b + c
// into one vfmadd. Reproducing their bits needs a correctly rounded fma, which
// JS does not have. Here: the product exactly as ph + pl (Dekker's TwoProduct),
// c + ph exactly as s + sl (TwoSum), then r = s + (sl + pl). That is already
// RN(a*b + c) unless v = sl + pl was rounded (error e != 0) and s + v fell
// exactly on a midpoint of two doubles (Boldo & Melquiond, "Emulation of FMA
// and correctly rounded sums: proved algorithms using rounding to odd", IEEE
// TC 57(4), 2008, make the same point with rounding to odd). Whenever e != 0,
// |v| is at most 1.5 ulp(s), so the remainder t of s + v = r + t is exact
// (Fast2Sum) and lies on a grid much finer than ulp(r): a midpoint is
// |2t| == the gap to r's neighbour, and then e's sign picks the side.
// Scaling keeps the product exact for products far from 1; results in the
// subnormal range are not needed by the samplers and are not exact here.
// test/js-backend.test.js compares it with the hardware fma (through the
// glibc functions built on it).

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's splitter for 53-bit significands
const TWO_M900 = 2 ** -900;
const TWO_P900 = 2 ** 900;
const TWO_P600 = 2 ** 600;
const TWO_M600 = 2 ** -600;
const TWO_P995 = 2 ** 995;

/** The core: exact for finite a, b, c with 2^-900 <= |a*b| <= 2^900 and |a|, |b| < 2^995. */
function fmaCore(a: number, b: number, c: number, ph: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl; // ph + pl == a*b exactly
  const s = c + ph; // TwoSum(c, ph): s + sl == c + ph exactly
  const bv = s - c;
  const sl = c - (s - bv) + (ph - bv);
  const v = sl + pl;
  const r = s + v;
  const rt = s - r + v; // s + v == r + rt exactly
  if (rt === 0 || r + 2 * rt - r !== 2 * rt) return r; // not a midpoint
  return fmaTie(sl, pl, v, r, rt); // a midpoint: the rounding error of v decides
}

export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  const ap = Math.abs(ph);
  if (!(ap >= TWO_M900 && ap <= TWO_P900 && Math.abs(a) < TWO_P995 && Math.abs(b) < TWO_P995 && c - c === 0)) {
    return fmaRare(a, b, c, ph);
  }
  // fmaCore, written out: V8 then inlines fma into its callers (no boxed return)
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  const s = c + ph;
  const bv = s - c;
  const sl = c - (s - bv) + (ph - bv);
  const v = sl + pl;
  const r = s + v;
  const rt = s - r + v;
  if (rt === 0 || r + 2 * rt - r !== 2 * rt) return r;
  return fmaTie(sl, pl, v, r, rt);
}

function fmaTie(sl: number, pl: number, v: number, r: number, rt: number): number {
  const bw = v - sl;
  const e = sl - (v - bw) + (pl - bw);
  if (e === 0 || e > 0 !== rt > 0) return r;
  return r + 2 * rt;
}

function fmaRare(a: number, b: number, c: number, p: number): number {
  // NaN, infinities and exact zeros: a*b + c has the fma's value (a zero or
  // infinite product is exact).
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) return p + c;
  // Scale the larger factor down or the smaller one up by 2^600, and c with
  // it (exact unless c or the result is far into the subnormal range).
  const big = Math.abs(p) > 1 || Math.abs(a) > TWO_P900 || Math.abs(b) > TWO_P900;
  if (!big && Math.abs(c) >= 2 ** -840) return c; // |a*b| < 2^-900 is under a quarter ulp of c
  const s = big ? TWO_M600 : TWO_P600;
  const aLarger = Math.abs(a) >= Math.abs(b);
  const a2 = aLarger === big ? a * s : a;
  const b2 = aLarger === big ? b : b * s;
  const c2 = c * s;
  const p2 = a2 * b2;
  const ap = Math.abs(p2);
  const r = ap >= TWO_M900 && ap <= TWO_P900 && Math.abs(a2) < TWO_P995 && Math.abs(b2) < TWO_P995
    ? fmaCore(a2, b2, c2, p2) : p2 + c2;
  return r / s;
}
