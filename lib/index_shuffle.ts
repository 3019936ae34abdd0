// tf.random.experimental.index_shuffle (stateless.md §6, RandomIndexShuffle):
// the position of `index` in a pseudorandom permutation of [0, maxIndex],
// computed with a Simon block cipher and cycle walking, not with Philox.
//
//   key words   [498247692, u32(s0), u32(s1)], each taken mod 2^W
//   block size  B = ceil(log2(double(maxIndex))), rounded up to even, in [16, 64]; W = B/2
//   round keys  rk[i] = c ^ (z & 1) ^ rk[i-3] ^ rotr(rk[i-1], 3) ^ rotr(rk[i-1], 4), z >>= 1
//               (c = 0xFFFFFFFC, z = 0x7369F885192C0EF5, both mod 2^W)
//   encryption  per key pair: L ^= F(R) ^ rk[i]; R ^= F(L) ^ rk[i+1],
//               F(x) = (rotl(x,1) & rotl(x,8)) ^ rotl(x,2)
//   cycle walk  encrypt again until the value is <= maxIndex.
// W <= 32, so each half is a uint32 JS number: no BigInt in the loop.
import { SeedPair, parseSeedPair } from './key_counter';
import { checkOptions, describe, isIntegerKind, rangeError, typeError } from './validate';

const SEED_PAD = 498247692;
const TWO32 = 4294967296;

export interface IndexShuffleOptions {
  /** Cipher rounds: an even number >= 4 (TF's Python API uses 4). */
  rounds?: number;
}

/** An index value as a non-negative integer below 2^64, split at W bits later. */
function indexValue(fn: string, arg: string, v: unknown): number | bigint {
  if (typeof v === 'bigint') {
    if (v < 0n) throw rangeError(fn, arg, `must be >= 0, got ${v}`);
    if (v >= 2n ** 64n) throw rangeError(fn, arg, `must be below 2^64, got ${v}`);
    return v;
  }
  if (typeof v === 'number') {
    if (!isIntegerKind(v)) throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
    if (!Number.isSafeInteger(v)) throw rangeError(fn, arg, `must be a safe integer or a bigint, got ${v}`);
    if (v < 0) throw rangeError(fn, arg, `must be >= 0, got ${v}`);
    return v;
  }
  throw typeError(fn, arg, `must be an integer (number or bigint), got ${describe(v)}`);
}

/**
 * ceil(log2(double(m))) exactly as a correctly rounded log2 gives it (m >= 1):
 * log2 of a double just above 2^k rounds to k when the excess is below half
 * an ulp of k, which happens for large m only.
 */
export function blockBits(m: number | bigint): number {
  // the double TF converts max_index to
  const x = typeof m === 'bigint' ? Number(m) : m;
  if (x <= 1) return 0;
  let k = Math.floor(Math.log2(x));
  if (2 ** k > x) k--;
  if (2 ** (k + 1) <= x) k++;
  if (x === 2 ** k) return k;
  // x = 2^k (1 + r), log2 x = k + log2(1 + r); ulp(k) = 2^(floor(log2 k) - 52)
  const r = x / 2 ** k - 1;
  const delta = Math.log1p(r) / Math.LN2;
  const halfUlp = 2 ** (Math.floor(Math.log2(k)) - 53);
  return delta < halfUlp ? k : k + 1;
}

function rotl(x: number, r: number, w: number, mask: number): number {
  return (((x << r) | (x >>> (w - r))) & mask) >>> 0;
}

function rotr(x: number, r: number, w: number, mask: number): number {
  return (((x >>> r) | (x << (w - r))) & mask) >>> 0;
}

/** The raw RandomIndexShuffle on a uint64 index given as a number or bigint. */
function shuffleIndex(index: number | bigint, key: [number, number, number], maxIndex: number | bigint, rounds: number): number | bigint {
  const big = typeof index === 'bigint' || typeof maxIndex === 'bigint';
  if (maxIndex === 0 || maxIndex === 0n) return big ? 0n : 0;
  let b = blockBits(maxIndex);
  b += b % 2;
  b = Math.min(Math.max(b, 16), 64);
  const w = b / 2;
  const mask = w === 32 ? 0xffffffff : 2 ** w - 1;
  const m = (x: number): number => (w === 32 ? x >>> 0 : (x & mask) >>> 0);
  // round keys
  const rk: number[] = [m(key[0]), m(key[1]), m(key[2])];
  const c = m(0xfffffffc);
  let z = m(0x192c0ef5);  // 0x7369F885192C0EF5 mod 2^W (W <= 32)
  for (let i = 3; i < rounds; i++) {
    rk.push((c ^ (z & 1) ^ rk[i - 3] ^ rotr(rk[i - 1], 3, w, mask) ^ rotr(rk[i - 1], 4, w, mask)) >>> 0);
    z >>>= 1;
  }
  const F = (x: number): number => ((rotl(x, 1, w, mask) & rotl(x, 8, w, mask)) ^ rotl(x, 2, w, mask)) >>> 0;
  // split values at W bits: high part L, low part R
  const scale = 2 ** w;
  let L: number, R: number, maxL: number, maxR: number;
  if (typeof index === 'bigint') { L = Number(index >> BigInt(w)); R = Number(index & BigInt(mask)); }
  else { L = Math.floor(index / scale); R = index % scale; }
  if (typeof maxIndex === 'bigint') { maxL = Number(maxIndex >> BigInt(w)); maxR = Number(maxIndex & BigInt(mask)); }
  else { maxL = Math.floor(maxIndex / scale); maxR = maxIndex % scale; }
  // bits of the index above the block are dropped (std::bitset<W>(value >> W))
  L = m(L >= TWO32 ? L % TWO32 : L);
  for (;;) {
    for (let i = 0; i < rk.length; i += 2) {
      L = (L ^ F(R) ^ rk[i]) >>> 0;
      R = (R ^ F(L) ^ rk[i + 1]) >>> 0;
    }
    if (L < maxL || (L === maxL && R <= maxR)) break;
  }
  if (big) return (BigInt(L) << BigInt(w)) | BigInt(R);
  return L * scale + R;
}

/**
 * tf.random.experimental.index_shuffle: the image of `index` under a
 * pseudorandom permutation of [0, maxIndex] determined by `seed`. Numbers in,
 * a number out; a bigint index or maxIndex (needed beyond 2^53) gives a bigint.
 */
export function indexShuffle(index: number | bigint, seed: SeedPair, maxIndex: number | bigint, opts?: IndexShuffleOptions): number | bigint {
  const fn = 'indexShuffle';
  const o = checkOptions(fn, opts, ['rounds']);
  const idx = indexValue(fn, 'index', index);
  const max = indexValue(fn, 'maxIndex', maxIndex);
  const s = parseSeedPair(fn, seed);
  let rounds = 4;
  if (o.rounds !== undefined) {
    const r = o.rounds;
    if (typeof r !== 'number' || !isIntegerKind(r)) throw typeError(fn, 'rounds', `must be an integer, got ${describe(r)}`);
    if (r < 4 || r % 2 !== 0 || r > 1 << 16) throw rangeError(fn, 'rounds', `must be an even number >= 4, got ${r}`);
    rounds = r;
  }
  if (idx > max) throw rangeError(fn, 'maxIndex', `must be >= index (${idx}), got ${max}`);
  // key words: the seed values truncated to uint32 (the low words)
  return shuffleIndex(idx, [SEED_PAD, s.words[0], s.words[2]], max, rounds);
}
