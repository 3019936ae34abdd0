// Per-kernel Philox counters, as TF keeps them (stateful.md §2, §4).
//
// Each TF kernel instance owns a generator seeded from its (seed, seed2)
// attrs: key = (lo32 seed, hi32 seed), counter = (0, 0, lo32 seed2, hi32 seed2).
// Every execution copies the generator (its base) and advances it by its
// reservation. Eager calls with the same op type and attrs (not shapes or
// values) share one cached instance; tf.random.set_seed clears the cache.
// (seed, seed2) = (0, 0) means an instance seeded from the OS instead.
import { randomFillSync } from 'crypto';
import { state } from './seed';

const TWO32 = 2 ** 32;
// Positions are block counts kept as exact JS numbers.
const MAX_POSITION = Number.MAX_SAFE_INTEGER;

export class Kernel {
  readonly k0: number;
  readonly k1: number;
  readonly c2: number;
  readonly c3: number;
  private pos = 0;
  private generation: number;

  constructor(k0: number, k1: number, c2: number, c3: number) {
    this.k0 = k0; this.k1 = k1; this.c2 = c2; this.c3 = c3;
    this.generation = state.generation;
  }

  /** A kernel for attrs (seed, seed2); (0, 0) draws its key and counter from the OS. */
  static fromSeeds(seed: number, seed2: number): Kernel {
    if (seed === 0 && seed2 === 0) {
      const w = new Uint32Array(4);
      randomFillSync(w);
      return new Kernel(w[0], w[1], w[2], w[3]);
    }
    // get_seed results are in [0, 2**31 - 1]: hi32 words are 0
    return new Kernel(seed, 0, seed2, 0);
  }

  /** Blocks already reserved (since the last setSeed). */
  get position(): number {
    this.sync();
    return this.pos;
  }

  // A setSeed since this kernel last ran resets it (TF drops every kernel).
  private sync(): void {
    if (this.generation !== state.generation) {
      this.generation = state.generation;
      this.pos = 0;
    }
  }

  /** Checks a reservation would fit; throws before any state changes. */
  checkReserve(blocks: number): void {
    this.sync();
    if (this.pos + blocks > MAX_POSITION)
      throw new RangeError('tf-philox: this kernel has reserved 2^53 blocks; call setSeed to reset it');
  }

  /**
   * Reserves `blocks` blocks: returns the base counter words [c0, c1, c2, c3]
   * of this execution and advances the kernel.
   */
  reserve(blocks: number): [number, number, number, number] {
    const p = this.reservePosition(blocks);
    return [p % TWO32, Math.floor(p / TWO32), this.c2, this.c3];
  }

  /** Reserves `blocks` blocks and returns the execution's position (its counter is (pos, c2, c3)). */
  reservePosition(blocks: number): number {
    this.checkReserve(blocks);
    const p = this.pos;
    this.pos = p + blocks;
    return p;
  }
}

// Eager kernel cache: op type + attrs -> seed -> seed2 -> instance. Cleared lazily by
// generation (setSeed). TF's own eager cache keeps every instance too; an
// instance is only reachable again through the same (seed, seed2), which any
// later explicit op seed can name, so none can be dropped without changing
// what TF would return.
let cache = new Map<string, Map<number, Map<number, Kernel>>>();
let cacheGeneration = -1;

// The last lookup: loops calling one op with one seed skip the three maps.
let lastSignature = '', lastSeed = -1, lastSeed2 = -1;
let lastKernel: Kernel | null = null;

export function eagerKernel(signature: string, seed: number | null, seed2: number | null): Kernel {
  if (cacheGeneration !== state.generation) {
    cache = new Map();
    cacheGeneration = state.generation;
    lastKernel = null;
  }
  const s = seed ?? 0, s2 = seed2 ?? 0;
  if (lastKernel && s === lastSeed && s2 === lastSeed2 && signature === lastSignature) return lastKernel;
  let bySeed = cache.get(signature);
  if (!bySeed) cache.set(signature, (bySeed = new Map()));
  let bySeed2 = bySeed.get(s);
  if (!bySeed2) bySeed.set(s, (bySeed2 = new Map()));
  let k = bySeed2.get(s2);
  if (!k) bySeed2.set(s2, (k = Kernel.fromSeeds(s, s2)));
  lastSignature = signature; lastSeed = s; lastSeed2 = s2; lastKernel = k;
  return k;
}
