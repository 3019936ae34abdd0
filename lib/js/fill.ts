// The fill layer in TypeScript: what TF's FillPhiloxRandom writes for a
// generator starting at (key, counter), for every distribution and dtype of
// cpp/fill.h, with the same group layout (group g from the block at counter + g;
// truncated normal's group g from a fresh generator at counter + 256g / 128g),
// the same affine step and the same partial last group. Any range of groups
// can be filled on its own and gives the same bytes (fillGroups), which the
// async path uses to cut big fills into event-loop turns.
import {
  BF16_UNIFORM, DEFAULT_NAN_F32, DEFAULT_NAN_F64_HI, HALF_UNIFORM, bfloat16ToFloat, floatToBfloat16, floatToHalf,
  halfToFloat, nanWordsToF32,
} from './convert';
import { boxMullerF32, boxMullerF64 } from './mathf';
import { WordStream, counterSkip, philoxBlock } from './philox';

// cpp/fill.h's enums
export const enum Dist { Bits = 0, Uniform = 1, Normal = 2, TruncNormal = 3, Int = 4 }
export const enum DT { F16 = 0, BF16 = 1, F32 = 2, F64 = 3, I32 = 4, I64 = 5, U32 = 6, U64 = 7 }
export const enum Affine { None = 0, Mul = 1, MulAdd = 2 }

export interface FillSpec {
  dist: number;
  dtype: number;
  k0: number;
  k1: number;
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  /** Int: lo and range as uint32 words (two's complement lo). */
  loLo: number;
  loHi: number;
  rangeLo: number;
  rangeHi: number;
  affine: number;
  a: number;
  b: number;
  /** The words of a and b as they sit in the parameter block (NaN payloads). */
  aWords: [number, number];
  bWords: [number, number];
}

export function elementSize(dt: number): number {
  return dt === DT.F16 || dt === DT.BF16 ? 2 : dt === DT.F64 || dt === DT.I64 || dt === DT.U64 ? 8 : 4;
}
export function groupSize(dt: number): number {
  return elementSize(dt) === 8 ? 2 : 4;
}
export function groupCount(n: number, dt: number): number {
  const G = groupSize(dt);
  return Math.floor((n + G - 1) / G);
}

const f4 = new Float32Array(4);
const d2 = new Float64Array(2);

/**
 * Writes groups [g0, g1) of an n-element output whose bytes start at `bytes`
 * (a Uint8Array over the whole output).
 */
export function fillGroups(s: FillSpec, bytes: Uint8Array, n: number, g0: number, g1: number): void {
  const dt = s.dtype;
  const G = groupSize(dt);
  const es = elementSize(dt);
  const full = Math.floor(n / G);
  const ngroups = groupCount(n, dt);
  if (g1 > ngroups) g1 = ngroups;
  if (g0 >= g1) return;
  const endFull = Math.min(g1, full);
  if (g0 < endFull) {
    const off = bytes.byteOffset + g0 * G * es;
    const len = (endFull - g0) * G * es;
    if (off % es === 0) {
      fillRange(s, bytes.buffer, off, g0, endFull);
    } else {
      // unaligned output: compute into an aligned scratch, then copy the bytes
      const tmp = new Uint8Array(len);
      fillRange(s, tmp.buffer, 0, g0, endFull);
      bytes.set(tmp, g0 * G * es);
    }
  }
  if (g1 > full) {
    // the partial last group: compute it whole, keep its head
    const tmp = new Uint8Array(16);
    fillRange(s, tmp.buffer, 0, full, full + 1);
    bytes.set(tmp.subarray(0, (n - full * G) * es), full * G * es);
  }
}

const FLOAT_DTYPES = [DT.F16, DT.BF16, DT.F32, DT.F64];

// Whether (dist, dtype) is one of TF's; the others (rejected by lib/) write nothing.
function supported(dist: number, dt: number): boolean {
  if (dist === Dist.Bits || dist === Dist.Int) return elementSize(dt) >= 4;
  return FLOAT_DTYPES.includes(dt);
}

// Philox blocks are made CHUNK at a time into `words` (w0..w3 per block), then
// converted: the block loop stays small and monomorphic, which V8 runs faster
// than a conversion per block.
const CHUNK = 1024;
const words = new Int32Array(4 * CHUNK);

// m <= CHUNK blocks at counter ctr, ctr+1, ... into out[at ..]; ctr advances by m
// (an exact 128-bit increment: blocks of one fill never use TF's lossy Skip).
function blocks(k0: number, k1: number, ctr: number[], m: number, out: Int32Array, at: number): void {
  let c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
  for (let i = 0; i < m; i++) {
    philoxBlock(k0, k1, c0, c1, c2, c3, out, at + 4 * i);
    if ((c0 = (c0 + 1) >>> 0) === 0 && (c1 = (c1 + 1) >>> 0) === 0 && (c2 = (c2 + 1) >>> 0) === 0) c3 = (c3 + 1) >>> 0;
  }
  ctr[0] = c0; ctr[1] = c1; ctr[2] = c2; ctr[3] = c3;
}

// Whole groups [ga, gb) written at byte offset `off` of `buf` (aligned).
function fillRange(s: FillSpec, buf: ArrayBufferLike, off: number, ga: number, gb: number): void {
  const dt = s.dtype;
  if (!supported(s.dist, dt)) return;
  if (s.dist === Dist.TruncNormal) {
    fillTrunc(s, buf, off, ga, gb);
    return;
  }
  // the counter of group ga (an exact 128-bit addition for any group index)
  const ctr = [s.c0, s.c1, s.c2, s.c3];
  counterSkip(ctr, ga);
  const m = gb - ga;
  const es = elementSize(dt);
  if (s.dist === Dist.Bits) {
    // 32-bit types: 4 words per block; 64-bit types: (w0 | w1 << 32), (w2 | w3 << 32)
    const o = new Int32Array(buf, off, 4 * m);
    for (let i = 0; i < m; i += CHUNK) blocks(s.k0, s.k1, ctr, Math.min(CHUNK, m - i), o, 4 * i);
    return;
  }
  for (let i = 0; i < m; i += CHUNK) {
    const mc = Math.min(CHUNK, m - i);
    blocks(s.k0, s.k1, ctr, mc, words, 0);
    convert(s, buf, off + i * 4 * (es === 8 ? 4 : es), mc);
  }
}

// mc blocks of `words` -> groups of the output at byte `off`.
function convert(s: FillSpec, buf: ArrayBufferLike, off: number, mc: number): void {
  const dt = s.dtype;
  const w = words;
  switch (s.dist) {
    case Dist.Int:
      if (elementSize(dt) === 8) {
        fillInt64(s, new Uint32Array(buf, off, 4 * mc), mc);
      } else {
        const o = new Int32Array(buf, off, 4 * mc);
        const lo = s.loLo | 0, r = s.rangeLo >>> 0;
        for (let j = 0; j < 4 * mc; j++) o[j] = lo + ((w[j] >>> 0) % r);
      }
      return;
    case Dist.Uniform:
      if (dt === DT.F32) {
        const o = new Float32Array(buf, off, 4 * mc);
        for (let j = 0; j < 4 * mc; j++) o[j] = (w[j] & 0x7fffff) * 1.1920928955078125e-7;
        affineF32(s, buf, off, 4 * mc);
      } else if (dt === DT.F64) {
        const o = new Float64Array(buf, off, 2 * mc);
        for (let j = 0; j < 2 * mc; j++) o[j] = ((w[2 * j] & 0xfffff) * 4294967296 + (w[2 * j + 1] >>> 0)) * 2.220446049250313e-16;
        affineF64(s, buf, off, 2 * mc);
      } else {
        const o = new Uint16Array(buf, off, 4 * mc);
        if (dt === DT.F16) for (let j = 0; j < 4 * mc; j++) o[j] = HALF_UNIFORM[w[j] & 0x3ff];
        else for (let j = 0; j < 4 * mc; j++) o[j] = BF16_UNIFORM[w[j] & 0x7f];
        affine16(s, o, 4 * mc);
      }
      return;
    case Dist.Normal:
      if (dt === DT.F64) {
        const o = new Float64Array(buf, off, 2 * mc);
        for (let i = 0; i < mc; i++) boxMullerF64(w[4 * i], w[4 * i + 1], w[4 * i + 2], w[4 * i + 3], o, 2 * i);
        affineF64(s, buf, off, 2 * mc);
      } else if (dt === DT.F32) {
        const o = new Float32Array(buf, off, 4 * mc);
        for (let j = 0; j < 4 * mc; j += 2) boxMullerF32(w[j], w[j + 1], o, j);
        affineF32(s, buf, off, 4 * mc);
      } else {
        const o = new Uint16Array(buf, off, 4 * mc);
        const round = dt === DT.F16 ? floatToHalf : floatToBfloat16;
        for (let j = 0; j < 4 * mc; j += 2) {
          boxMullerF32(w[j], w[j + 1], f4, 0);
          o[j] = round(f4[0]);
          o[j + 1] = round(f4[1]);
        }
        affine16(s, o, 4 * mc);
      }
      return;
    default:
      return;
  }
}

// int64 / uint64 'int': lo + ((w0 | w1 << 32) mod range), wrapping, written as
// word pairs, for the mc blocks in `words`.
function fillInt64(s: FillSpec, o: Uint32Array, mc: number): void {
  const w = words;
  const loLo = s.loLo >>> 0, loHi = s.loHi >>> 0;
  const put = (at: number, modLo: number, modHi: number): void => {
    const sLo = loLo + modLo;
    o[at] = sLo >>> 0;
    o[at + 1] = (loHi + modHi + (sLo >= 4294967296 ? 1 : 0)) >>> 0;
  };
  if (s.rangeHi === 0) {
    // range < 2^32: x mod r in 16-bit steps, every intermediate exact
    const r = s.rangeLo >>> 0;
    for (let j = 0; j < 4 * mc; j += 2) {
      const lo = w[j] >>> 0;
      let t = (w[j + 1] >>> 0) % r;
      t = (t * 65536 + (lo >>> 16)) % r;
      put(j, (t * 65536 + (lo & 0xffff)) % r, 0);
    }
    return;
  }
  const r = (BigInt(s.rangeHi >>> 0) << 32n) | BigInt(s.rangeLo >>> 0);
  for (let j = 0; j < 4 * mc; j += 2) {
    const v = ((BigInt(w[j + 1] >>> 0) << 32n) | BigInt(w[j] >>> 0)) % r;
    put(j, Number(v & 0xffffffffn), Number(v >> 32n));
  }
}

// ---- the affine step (r*a, or (r*a)+b, each op rounded in the dtype) --------------

function affineF32(s: FillSpec, buf: ArrayBufferLike, off: number, n: number): void {
  if (s.affine === Affine.None) return;
  const o = new Float32Array(buf, off, n);
  const a = Math.fround(s.a), b = Math.fround(s.b);
  if (Number.isFinite(a) && Number.isFinite(b)) {
    if (s.affine === Affine.Mul) for (let i = 0; i < n; i++) o[i] = Math.fround(o[i] * a);
    else for (let i = 0; i < n; i++) o[i] = Math.fround(Math.fround(o[i] * a) + b);
    return;
  }
  const bits = new Uint32Array(buf, off, n);
  for (let i = 0; i < n; i++) {
    const v = nanAwareF32(o[i], s);
    if (typeof v === 'number') o[i] = v;
    else bits[i] = v.nan;
  }
}

interface NaNBits { nan: number }
const nanBox: NaNBits = { nan: 0 };
function nanOf(bits: number): NaNBits {
  nanBox.nan = bits >>> 0;
  return nanBox;
}

// x*a (+ b) in float with x86's NaN rules: an invalid operation gives the
// default NaN, a NaN operand propagates (the first one if both are NaN).
function nanAwareF32(x: number, s: FillSpec): number | NaNBits {
  const a = Math.fround(s.a), b = Math.fround(s.b);
  let m: number | NaNBits;
  if (Number.isNaN(a)) m = nanOf(nanWordsToF32(s.aWords[0], s.aWords[1]));
  else {
    const p = Math.fround(x * a);
    m = Number.isNaN(p) ? nanOf(DEFAULT_NAN_F32) : p;
  }
  if (s.affine === Affine.Mul || typeof m !== 'number') return m;
  if (Number.isNaN(b)) return nanOf(nanWordsToF32(s.bWords[0], s.bWords[1]));
  const r = Math.fround(m + b);
  return Number.isNaN(r) ? nanOf(DEFAULT_NAN_F32) : r;
}

function affineF64(s: FillSpec, buf: ArrayBufferLike, off: number, n: number): void {
  if (s.affine === Affine.None) return;
  const o = new Float64Array(buf, off, n);
  const a = s.a, b = s.b;
  if (Number.isFinite(a) && Number.isFinite(b)) {
    if (s.affine === Affine.Mul) for (let i = 0; i < n; i++) o[i] = o[i] * a;
    else for (let i = 0; i < n; i++) o[i] = o[i] * a + b;
    return;
  }
  const w = new Uint32Array(buf, off, 2 * n);
  for (let i = 0; i < n; i++) {
    const x = o[i];
    let lo = 0, hi = 0, v = 0, nan = false;
    if (Number.isNaN(a)) { nan = true; lo = s.aWords[0]; hi = s.aWords[1] | 0x00080000; }
    else {
      v = x * a;
      if (Number.isNaN(v)) { nan = true; lo = 0; hi = DEFAULT_NAN_F64_HI; }
    }
    if (!nan && s.affine === Affine.MulAdd) {
      if (Number.isNaN(b)) { nan = true; lo = s.bWords[0]; hi = s.bWords[1] | 0x00080000; }
      else {
        v = v + b;
        if (Number.isNaN(v)) { nan = true; lo = 0; hi = DEFAULT_NAN_F64_HI; }
      }
    }
    if (nan) { w[2 * i] = lo; w[2 * i + 1] = hi; } else o[i] = v;
  }
}

// 16-bit values in place: each op widens to float, computes in float, rounds back.
function affine16(s: FillSpec, o: Uint16Array, n: number): void {
  if (s.affine === Affine.None) return;
  const half = s.dtype === DT.F16;
  const round = half ? floatToHalf : floatToBfloat16;
  const widen = half ? halfToFloat : bfloat16ToFloat;
  const a = Math.fround(s.a), b = Math.fround(s.b);
  if (Number.isFinite(a) && Number.isFinite(b)) {
    if (s.affine === Affine.Mul) for (let i = 0; i < n; i++) o[i] = round(widen(o[i]) * a);
    else for (let i = 0; i < n; i++) o[i] = round(widen(round(widen(o[i]) * a)) + b);
    return;
  }
  // A NaN's sign is all that survives the rounding to 16 bits.
  const nan16 = (f32bits: number): number => (half ? 0x7e00 : 0x7fc0) | ((f32bits >>> 16) & 0x8000);
  const aNaN = Number.isNaN(a) ? nan16(nanWordsToF32(s.aWords[0], s.aWords[1])) : -1;
  const bNaN = Number.isNaN(b) ? nan16(nanWordsToF32(s.bWords[0], s.bWords[1])) : -1;
  const dflt = nan16(DEFAULT_NAN_F32);
  for (let i = 0; i < n; i++) {
    let m: number;
    if (aNaN >= 0) m = aNaN;
    else {
      const p = widen(o[i]) * a;
      m = Number.isNaN(p) ? dflt : round(p);
    }
    const mIsNaN = half ? (m & 0x7c00) === 0x7c00 && (m & 0x3ff) !== 0 : (m & 0x7f80) === 0x7f80 && (m & 0x7f) !== 0;
    if (s.affine === Affine.MulAdd && !mIsNaN) {
      if (bNaN >= 0) m = bNaN;
      else {
        const r = widen(m) + b;
        m = Number.isNaN(r) ? dflt : round(r);
      }
    }
    o[i] = m;
  }
}

// ---- truncated normal: group g has its own generator at counter + 256g / 128g --------

function fillTrunc(s: FillSpec, buf: ArrayBufferLike, off: number, ga: number, gb: number): void {
  const m = gb - ga;
  const dt = s.dtype;
  if (dt === DT.F64) {
    const o = new Float64Array(buf, off, 2 * m);
    for (let g = ga; g < gb; g++) {
      const ws = streamAt(s, g * 128);
      let kept = 0;
      while (kept < 2) {
        const x0 = ws.next(), x1 = ws.next(), x2 = ws.next(), x3 = ws.next();
        boxMullerF64(x0, x1, x2, x3, d2, 0);
        for (let i = 0; i < 2 && kept < 2; i++) if (Math.abs(d2[i]) < 2) o[2 * (g - ga) + kept++] = d2[i];
      }
    }
    affineF64(s, buf, off, 2 * m);
    return;
  }
  const vals = dt === DT.F32 ? new Float32Array(buf, off, 4 * m) : new Float32Array(4 * m);
  for (let g = ga; g < gb; g++) {
    const ws = streamAt(s, g * 256);
    let kept = 0;
    while (kept < 4) {
      const x0 = ws.next(), x1 = ws.next();
      boxMullerF32(x0, x1, f4, 0);
      for (let i = 0; i < 2 && kept < 4; i++) if (Math.abs(f4[i]) < 2) vals[4 * (g - ga) + kept++] = f4[i];
    }
  }
  if (dt === DT.F32) {
    affineF32(s, buf, off, 4 * m);
    return;
  }
  const o = new Uint16Array(buf, off, 4 * m);
  const round = dt === DT.F16 ? floatToHalf : floatToBfloat16;
  for (let i = 0; i < 4 * m; i++) o[i] = round(vals[i]);
  affine16(s, o, 4 * m);
}

function streamAt(s: FillSpec, skip: number): WordStream {
  const c = [s.c0, s.c1, s.c2, s.c3];
  counterSkip(c, skip); // TF: gen.Skip(group * 256), its carry rule included
  return new WordStream(s.k0, s.k1, c);
}
