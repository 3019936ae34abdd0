// TensorFlow's variable-consumption samplers in TypeScript, exactly as
// cpp/ops/*.cc (whose header cpp/ops.h states the conventions): gamma,
// poisson, multinomial, binomial, and tensorflow::Shard's work partition.
// All arithmetic is IEEE double with glibc's log / log1p / exp / pow / lgamma
// (./libm), float / half where TF rounds to them. Each sampler fills a range
// of its work units, so the async path can spread a call over event-loop turns.
import { DEFAULT_NAN_F64_HI, floatToBfloat16, floatToHalf, halfToFloat, nanWordsToF32, uint64ToDouble } from './convert';
import { DT } from './fill';
import { exp, lgamma, log, log1p, pow } from './libm';
import { boxMullerF64 } from './mathf';
import { PhiloxGen, WordStream, counterSkip } from './philox';

// ---- output conversion (store_double_as) --------------------------------------------

/** A typed face of an output buffer, one view per element width. */
export class Out {
  readonly f64: Float64Array | null;
  readonly f32: Float32Array | null;
  readonly u16: Uint16Array | null;
  readonly u32: Uint32Array;

  /** n elements of dt at byte `off` of `buf` (off a multiple of the element size). */
  constructor(readonly dt: number, buf: ArrayBufferLike, off: number, n: number) {
    const es = dt === DT.F16 || dt === DT.BF16 ? 2 : dt === DT.F64 || dt === DT.I64 || dt === DT.U64 ? 8 : 4;
    this.f64 = es === 8 ? new Float64Array(buf, off, n) : null;
    this.f32 = dt === DT.F32 ? new Float32Array(buf, off, n) : null;
    this.u16 = es === 2 ? new Uint16Array(buf, off, n) : null;
    this.u32 = es === 2 ? new Uint32Array(0) : new Uint32Array(buf, off, (n * es) / 4);
  }
}

/**
 * The quiet NaN a sampler produced, as double words: x86's default NaN for an
 * invalid operation, or a NaN operand's own bits (quieted). JS numbers cannot
 * carry these, so each sampler states which NaN it made.
 */
export interface NaNWords { lo: number; hi: number }
export const DEFAULT_NAN: NaNWords = { lo: 0, hi: DEFAULT_NAN_F64_HI };
export const POSITIVE_NAN: NaNWords = { lo: 0, hi: 0x7ff80000 }; // std::nan("")

function writeInt64(u32: Uint32Array, idx: number, t: number): void {
  // t an integer-valued double with -2^63 <= t < 2^63
  const neg = t < 0;
  const a = neg ? -t : t;
  const hi = Math.floor(a / 4294967296);
  let lo = a - hi * 4294967296;
  let h = hi;
  if (neg) {
    // two's complement of (h, lo)
    lo = (~lo + 1) >>> 0;
    h = (~h + (lo === 0 ? 1 : 0)) >>> 0;
  }
  u32[2 * idx] = lo >>> 0;
  u32[2 * idx + 1] = h >>> 0;
}

/** out[idx] = static_cast<U>(v) as TF's x86-64 build computes it (cpp/ops.h store_double_as). */
export function storeDouble(o: Out, idx: number, v: number, nan: NaNWords = DEFAULT_NAN): void {
  switch (o.dt) {
    case DT.F64:
      if (v === v) (o.f64 as Float64Array)[idx] = v;
      else { o.u32[2 * idx] = nan.lo; o.u32[2 * idx + 1] = (nan.hi | 0x00080000) >>> 0; }
      return;
    case DT.F32:
      if (v === v) (o.f32 as Float32Array)[idx] = v;
      else o.u32[idx] = nanWordsToF32(nan.lo, nan.hi);
      return;
    case DT.F16:
      (o.u16 as Uint16Array)[idx] = v === v ? floatToHalf(v) : 0x7e00 | ((nan.hi >>> 16) & 0x8000);
      return;
    case DT.BF16:
      (o.u16 as Uint16Array)[idx] = v === v ? floatToBfloat16(v) : 0x7fc0 | ((nan.hi >>> 16) & 0x8000);
      return;
    case DT.I32:
      o.u32[idx] = v > -2147483649 && v < 2147483648 ? Math.trunc(v) : 0x80000000;
      return;
    case DT.I64:
      if (v >= -9223372036854775808 && v < 9223372036854775808) writeInt64(o.u32, idx, Math.trunc(v));
      else { o.u32[2 * idx] = 0; o.u32[2 * idx + 1] = 0x80000000; }
      return;
    default:
      return;
  }
}

/** The words of element i of a Float64Array as stored (its NaN bits). */
function slotWords(arr: Float64Array, i: number): NaNWords {
  const w = new Uint32Array(arr.buffer, arr.byteOffset + 8 * i, 2);
  return { lo: w[0], hi: w[1] };
}

// ---- gamma ------------------------------------------------------------------------

const RESERVED = 256; // blocks per output reserved in the stream

// RandomSampleBuffer: two doubles from one block, handed out last first.
class PairBuffer {
  readonly v = new Float64Array(2);
  remaining = 0;
}

function nextUniform(gen: PhiloxGen, buf: PairBuffer): number {
  if (buf.remaining === 0) {
    const b = gen.next();
    buf.v[0] = uint64ToDouble(b[0], b[1]);
    buf.v[1] = uint64ToDouble(b[2], b[3]);
    buf.remaining = 2;
  }
  return buf.v[--buf.remaining];
}

function nextNormal(gen: PhiloxGen, buf: PairBuffer): number {
  if (buf.remaining === 0) {
    const b = gen.next();
    boxMullerF64(b[0], b[1], b[2], b[3], buf.v, 0);
    buf.remaining = 2;
  }
  return buf.v[--buf.remaining];
}

// One NORMAL and one UNIFORM buffer per output, reused across outputs (each
// output starts them empty, as TF's per-output sampler objects do).
const gammaNormal = new PairBuffer(), gammaUniform = new PairBuffer();

function marsagliaTsang(gen: PhiloxGen, alpha: number, less: boolean, d: number, c: number): number {
  const normal = gammaNormal, uniform = gammaUniform;
  normal.remaining = 0;
  uniform.remaining = 0;
  for (;;) {
    const x = nextNormal(gen, normal);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = nextUniform(gen, uniform);
    if (u < 1 - 0.0331 * (x * x) * (x * x) || log(u) < 0.5 * x * x + d * (1 - v + log(v))) {
      let res = d * v;
      if (less) {
        const b = nextUniform(gen, uniform);
        res *= pow(b, 1 / alpha);
      }
      return res;
    }
  }
}

export interface Seat { k0: number; k1: number; c: [number, number, number, number] }

/** TF's RandomGamma kernel, raw output, work units [o0, o1) (cpp/ops.h gamma_fill). */
export function gammaFill(o: Out, seat: Seat, alpha: Float64Array, P: number, o0: number, o1: number): void {
  const A = alpha.length;
  if (P === 0 || A === 0) return;
  let curA = -1;
  let a = 0, d = 0, c = 0, less = false;
  let nan = DEFAULT_NAN;
  const gen = new PhiloxGen(seat.k0, seat.k1, seat.c);
  for (let ob = o0; ob < o1; ob++) {
    const ai = Math.floor(ob / P);
    const si = ob - ai * P;
    if (ai !== curA) {
      curA = ai;
      a = alpha[ai];
      less = a < 1;
      d = a + (less ? 2 / 3 : -1 / 3);
      c = 1 / 3 / Math.sqrt(d);
      // a NaN result is alpha's own NaN, else sqrt's invalid (x86 default) NaN
      nan = a !== a ? slotWords(alpha, ai) : DEFAULT_NAN;
    }
    gen.seek(seat.c, RESERVED * ob); // output ob's own generator
    let res: number;
    if (a === 1) {
      // exponential: -log1p(-u), u the second double of the first block
      const b = gen.next();
      res = -log1p(-uint64ToDouble(b[2], b[3]));
    } else {
      res = marsagliaTsang(gen, a, less, d, c);
    }
    storeDouble(o, si * A + ai, res, nan);
  }
}

// ---- poisson ------------------------------------------------------------------------

const MAX_PTRS_ATTEMPTS = 2 ** 28;

function highestAsDouble(dt: number): number {
  switch (dt) {
    case DT.F16: return 65504;
    case DT.BF16: return 3.3895313892515355e38;
    case DT.F32: return 3.4028234663852886e38;
    case DT.F64: return Number.MAX_VALUE;
    case DT.I32: return 2147483647;
    case DT.I64: return 9223372036854775807; // 2^63, as double(INT64_MAX)
    default: return 0;
  }
}

/** Whether TF's Poisson kernel returns for this rate and output dtype (cpp/ops.h). */
export function poissonRateTerminates(dt: number, rate: number): boolean {
  if (rate !== rate) return false;
  if (rate < 10 || rate === Infinity) return true;
  return rate - highestAsDouble(dt) <= 5 * Math.sqrt(rate);
}

/** TF's RandomPoissonV2 kernel, work units [o0, o1); false if a rate never terminates. */
export function poissonFill(o: Out, seat: Seat, rate: Float64Array, P: number, o0: number, o1: number): boolean {
  const R = rate.length;
  if (P === 0 || R === 0) return true;
  const dt = o.dt;
  const highest = highestAsDouble(dt);
  const intOut = dt === DT.I32 || dt === DT.I64;
  const buf = new PairBuffer();
  const gen = new PhiloxGen(seat.k0, seat.k1, seat.c);
  let curR = -1;
  let lam = 0, expNegRate = 0, logRate = 0, b = 0, a = 0, invAlpha = 0;
  for (let ob = o0; ob < o1; ob++) {
    const ri = Math.floor(ob / P);
    const si = ob - ri * P;
    if (ri !== curR) {
      curR = ri;
      lam = rate[ri];
      if (!poissonRateTerminates(dt, lam)) return false;
      if (lam < 10) {
        expNegRate = exp(-lam);
      } else {
        logRate = log(lam);
        b = 0.931 + 2.53 * Math.sqrt(lam);
        a = -0.059 + 0.02483 * b;
        invAlpha = 1.1239 + 1.1328 / (b - 3.4);
      }
    }
    const dst = si * R + ri;
    buf.remaining = 0;
    if (lam < 10) {
      // Knuth: multiply uniforms until the product drops to exp(-rate)
      gen.seek(seat.c, RESERVED * ob);
      let prod = 1;
      let x = 0;
      for (;;) {
        prod = prod * nextUniform(gen, buf);
        if (prod <= expNegRate && x <= highest) {
          storeDouble(o, dst, x);
          break;
        }
        x += 1;
      }
      continue;
    }
    if (lam === Infinity) {
      storeDouble(o, dst, intOut ? 0 : lam); // numeric_limits<U>::infinity()
      continue;
    }
    // Hoermann's transformed rejection (PTRS)
    gen.seek(seat.c, RESERVED * ob);
    let attempts = 0;
    for (;;) {
      if (++attempts > MAX_PTRS_ATTEMPTS) return false;
      let u = nextUniform(gen, buf);
      u -= 0.5;
      const v = nextUniform(gen, buf);
      const us = 0.5 - Math.abs(u);
      const k = Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (k > highest) continue; // TF: retry in case of overflow
      if (us >= 0.07 && v <= 0.9277 - 3.6224 / (b - 2)) {
        storeDouble(o, dst, k);
        break;
      }
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const s = log(v * invAlpha / (a / (us * us) + b));
      const t = -lam + k * logRate - lgamma(k + 1);
      if (s <= t) {
        storeDouble(o, dst, k);
        break;
      }
    }
  }
  return true;
}

// ---- binomial -------------------------------------------------------------------------

const BTRS_BLOCKS = 256;
const INVERSION_BLOCKS = 42; // "For binomial inversion ... we need 42 samples"

// v (a value of T, or an exact result of one float op on such values) rounded to T.
function roundTo(t: number, v: number): number {
  if (t === DT.F16) return halfToFloat(floatToHalf(v));
  if (t === DT.F32) return Math.fround(v);
  return v;
}
function mulIn(t: number, a: number, b: number): number {
  if (t === DT.F64) return a * b;
  return roundTo(t, Math.fround(Math.fround(a) * Math.fround(b)));
}
function subIn(t: number, a: number, b: number): number {
  if (t === DT.F64) return a - b;
  return roundTo(t, Math.fround(Math.fround(a) - Math.fround(b)));
}

function inversion(count: number, prob: number, gen: PhiloxGen, buf: PairBuffer): number {
  let geomSum = 0;
  let numGeom = 0;
  for (;;) {
    const u = nextUniform(gen, buf);
    const geom = Math.ceil(log(u) / log1p(-prob));
    geomSum += geom;
    if (geomSum > count) break;
    ++numGeom;
  }
  return numGeom;
}

const TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
];

function stirlingTail(k: number): number {
  if (k <= 9) return TAIL[Math.trunc(k)];
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

function btrs(count: number, prob: number, gen: PhiloxGen, buf: PairBuffer): number {
  const stddev = Math.sqrt(count * prob * (1 - prob));
  const b = 1.15 + 2.53 * stddev;
  const a = -0.0873 + 0.0248 * b + 0.01 * prob;
  const c = count * prob + 0.5;
  const vR = 0.92 - 4.2 / b;
  const r = prob / (1 - prob);
  const alpha = (2.83 + 5.1 / b) * stddev;
  const m = Math.floor((count + 1) * prob);
  for (;;) {
    let u = nextUniform(gen, buf);
    let v = nextUniform(gen, buf);
    u = u - 0.5;
    const usv = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / usv + b) * u + c);
    if (usv >= 0.07 && v <= vR) return k;
    if (k < 0 || k > count) continue;
    v = log(v * alpha / (a / (usv * usv) + b));
    const upper =
      (m + 0.5) * log((m + 1) / (r * (count - m + 1))) +
      (count + 1) * log((count - m + 1) / (count - k + 1)) +
      (k + 0.5) * log(r * (count - k + 1) / (k + 1)) + stirlingTail(m) +
      stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k);
    if (v <= upper) return k;
  }
}

/** False exactly for the (count, prob) pairs TF's binomial kernel never returns for. */
export function binomialTerminates(count: number, prob: number): boolean {
  return !(count !== count && prob > 0 && prob < 1);
}

/** TF's RandomBinomialFunctor, elements [i0, i1); false if a batch never terminates. */
export function binomialFill(
  pdt: number, o: Out, seat: Seat, counts: Float64Array, probs: Float64Array, spb: number, i0: number, i1: number,
): boolean {
  const nb = counts.length;
  if (nb === 0 || spb === 0) return true;
  const buf = new PairBuffer();
  const gen = new PhiloxGen(seat.k0, seat.k1, seat.c);
  for (let i = i0; i < i1; i++) {
    const batch = Math.floor(i / spb);
    const sample = i - batch * spb;
    const count = counts[batch];
    const prob = probs[batch];
    if (!binomialTerminates(count, prob)) return false;
    const dst = sample * nb + batch;
    buf.remaining = 0;
    let res: number;
    let nan = DEFAULT_NAN;
    if (count <= 0 || prob <= 0) {
      res = 0;
    } else if (prob >= 1) {
      res = count;
      if (count !== count) nan = slotWords(counts, batch);
    } else if (prob <= 0.5) {
      if (mulIn(pdt, count, prob) >= 10) {
        gen.seek(seat.c, BTRS_BLOCKS * i);
        res = btrs(count, prob, gen, buf);
      } else {
        gen.seek(seat.c, INVERSION_BLOCKS * i);
        res = inversion(count, prob, gen, buf);
      }
    } else if (prob > 0.5) {
      const q = subIn(pdt, 1, prob);
      if (mulIn(pdt, count, q) >= 10) {
        gen.seek(seat.c, BTRS_BLOCKS * i);
        res = count - btrs(count, q, gen, buf);
      } else {
        gen.seek(seat.c, INVERSION_BLOCKS * i);
        res = count - inversion(count, q, gen, buf);
      }
    } else {
      res = NaN; // prob is NaN: static_cast<U>(NAN)
      nan = POSITIVE_NAN;
    }
    storeDouble(o, dst, res, nan);
  }
  return true;
}

// ---- tensorflow::Shard (work_sharder.cc, Eigen parallelFor) -------------------------------

const PER_THREAD_MAX_PARALLELISM = 1000000;

function costModelThreads(n: number, cost: number, maxThreads: number): number {
  let threads = (n * cost - 100000) / 100000 + 0.9;
  threads = Math.min(threads, 2147483647);
  const t = threads < -2147483648 ? -2147483648 : Math.trunc(threads);
  return Math.min(maxThreads, Math.max(1, t));
}

function eigenParallelForBlock(numThreads: number, n: number, cost: number): number {
  if (n <= 0) return 0;
  if (n === 1 || numThreads === 1 || costModelThreads(n, cost, numThreads) === 1) return n;
  const blockSizeF = 1 / (cost / 40000);
  const divUp = (x: number, y: number): number => Math.floor((x + y - 1) / y);
  let blockSize = Math.min(n, Math.max(divUp(n, 4 * numThreads), Math.trunc(blockSizeF)));
  const maxBlockSize = Math.min(n, 2 * blockSize);
  let blockCount = divUp(n, blockSize);
  const efficiency = (count: number): number => {
    const c = count | 0;
    return count / (Math.trunc((c + numThreads - 1) / numThreads) * numThreads);
  };
  let maxEfficiency = efficiency(blockCount);
  for (let prev = blockCount; maxEfficiency < 1 && prev > 1;) {
    const coarserSize = divUp(n, prev - 1);
    if (coarserSize > maxBlockSize) break;
    const coarserCount = divUp(n, coarserSize);
    prev = coarserCount;
    const coarserEff = efficiency(coarserCount);
    if (coarserEff + 0.01 >= maxEfficiency) {
      blockSize = coarserSize;
      blockCount = coarserCount;
      if (maxEfficiency < coarserEff) maxEfficiency = coarserEff;
    }
  }
  return blockSize;
}

function sharderDoBlock(maxParallelism: number, total: number, cost: number): number {
  cost = Math.max(1, cost);
  const numShards = Math.max(1, Math.min(maxParallelism, Math.trunc((total * cost) / 10000)));
  const bs = Math.floor((total + numShards - 1) / numShards);
  return bs >= total ? total : bs;
}

/** shard_block_size_general of cpp/ops.h. */
export function shardBlockSizeGeneral(maxParallelism: number, poolThreads: number, total: number, cost: number): number {
  if (total <= 0) return 0;
  maxParallelism = Math.min(maxParallelism, PER_THREAD_MAX_PARALLELISM);
  if (maxParallelism <= 1 || poolThreads <= 1) return total;
  if (maxParallelism >= poolThreads) return eigenParallelForBlock(poolThreads, total, cost);
  return sharderDoBlock(maxParallelism, total, cost);
}

export function shardBlockSize(numThreads: number, total: number, cost: number): number {
  return shardBlockSizeGeneral(numThreads, numThreads, total, cost);
}

// ---- multinomial ----------------------------------------------------------------------

function lowestOf(dt: number): number {
  switch (dt) {
    case DT.F16: return -65504;
    case DT.BF16: return -3.3895313892515355e38;
    case DT.F32: return -3.4028234663852886e38;
    default: return -Number.MAX_VALUE;
  }
}

/** TF's Shard cost per row: int64(50 * (S * log(C) / log(2) + C)), S and C as int. */
export function multinomialCost(S: number, C: number): number {
  const s = S | 0, c = C | 0;
  return Math.trunc(50 * (s * log(c) / log(2) + c));
}

export interface MultinomialJob {
  seat: Seat;
  ldt: number;
  logits: Float64Array;
  B: number;
  C: number;
  S: number;
  threads: number;
}

/**
 * TF's MultinomialFunctor, resumable: yields after each `rowsPerStep` rows so
 * the async path can spread a big call over turns. Rows are split by TF's
 * Shard; a shard starting at row r0 reads one word stream from
 * ctr + floor(r0*(S+3)/4) through all its rows.
 */
export function* multinomialRows(j: MultinomialJob, o: Out, rowsPerStep: number): Generator<void, void, void> {
  const { B, C, S } = j;
  if (B === 0 || S === 0 || C === 0) return;
  const bs = shardBlockSize(j.threads, B, multinomialCost(S, C));
  const cdf = new Float64Array(C);
  const int32 = o.dt === DT.I32;
  let done = 0;
  for (let r0 = 0; r0 < B; r0 += bs) {
    const r1 = Math.min(B, r0 + bs);
    // Skip counts blocks: TF's start_row * (num_samples + 3) / 4 (exact below 2^53)
    const c = j.seat.c.slice();
    counterSkip(c, Math.floor((r0 * (S + 3)) / 4));
    const ws = new WordStream(j.seat.k0, j.seat.k1, c);
    for (let row = r0; row < r1; row++) {
      const base = row * C;
      let mx = lowestOf(j.ldt);
      for (let k = 0; k < C; k++) {
        const l = j.logits[base + k];
        if (Number.isFinite(l) && mx < l) mx = l;
      }
      let total = 0;
      for (let k = 0; k < C; k++) {
        const l = j.logits[base + k];
        const e = exp(l - mx);
        if (Number.isFinite(l)) total += e;
        cdf[k] = total;
      }
      for (let s = 0; s < S; s++) {
        const x0 = ws.next();
        const x1 = ws.next();
        const toFind = uint64ToDouble(x0, x1) * total;
        // std::upper_bound
        let first = 0, count = C;
        while (count > 0) {
          const step = count >>> 1;
          const it = first + step;
          if (!(toFind < cdf[it])) {
            first = it + 1;
            count -= step + 1;
          } else {
            count = step;
          }
        }
        const at = row * S + s;
        if (int32) o.u32[at] = first;
        else { o.u32[2 * at] = first; o.u32[2 * at + 1] = 0; }
      }
      if (++done % rowsPerStep === 0) yield;
    }
  }
}

