// 128-bit Philox counter arithmetic on four uint32 words (c0 least
// significant), with TF's Skip carry rule (philox.h, stateless.md §2).

export type Counter = [number, number, number, number];

const TWO32 = 2 ** 32;

/** TF's Skip(n) for 0 <= n < 2^64 given as (lo32, hi32) words: returns a new counter. */
export function skipWords(c: readonly number[], lo: number, hi: number): Counter {
  let c0 = c[0] + lo;
  let h = hi;
  if (c0 >= TWO32) { c0 -= TWO32; h = (h + 1) % TWO32; }
  let c1 = c[1] + h, c2 = c[2], c3 = c[3];
  if (c1 >= TWO32) {
    c1 -= TWO32;
    c2 = (c2 + 1) % TWO32;
    if (c2 === 0) c3 = (c3 + 1) % TWO32;
  }
  return [c0, c1, c2, c3];
}

/** Skip by a non-negative safe integer. */
export function skip(c: readonly number[], n: number): Counter {
  return skipWords(c, n % TWO32, Math.floor(n / TWO32));
}

/** Skip by a uint64 bigint (wrapped to 64 bits). */
export function skipBig(c: readonly number[], n: bigint): Counter {
  const u = BigInt.asUintN(64, n);
  return skipWords(c, Number(u & 0xffffffffn), Number(u >> 32n));
}
