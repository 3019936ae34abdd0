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

const EMPTY = -1;

export class Kernel {
  readonly k0: number;
  readonly k1: number;
  readonly c2: number;
  readonly c3: number;
  private pos = 0;
  private generation: number;
  // An eager kernel keeps its position in its cache table (under seed2 = c2),
  // so that every object for it, now or later, sees one position.
  private readonly table: PositionTable | null;

  constructor(k0: number, k1: number, c2: number, c3: number, table: PositionTable | null = null) {
    this.k0 = k0; this.k1 = k1; this.c2 = c2; this.c3 = c3;
    this.table = table;
    this.generation = state.generation;
  }

  /** A kernel for attrs (seed, seed2); (0, 0) draws its key and counter from the OS. */
  static fromSeeds(seed: number, seed2: number, table: PositionTable | null = null): Kernel {
    if (seed === 0 && seed2 === 0) {
      const w = new Uint32Array(4);
      randomFillSync(w);
      return new Kernel(w[0], w[1], w[2], w[3]);
    }
    // get_seed results are in [0, 2**31 - 1]: hi32 words are 0
    return new Kernel(seed, 0, seed2, 0, table);
  }

  /** Blocks already reserved (since the last setSeed). */
  get position(): number {
    if (this.table) return this.table.get(this.c2);
    this.sync();
    return this.pos;
  }

  // A setSeed since this kernel last ran resets it (TF drops every kernel;
  // an eager kernel's table is dropped with the cache).
  private sync(): void {
    if (this.generation !== state.generation) {
      this.generation = state.generation;
      this.pos = 0;
    }
  }

  /**
   * Reserves `blocks` blocks: returns the base counter words [c0, c1, c2, c3]
   * of this execution and advances the kernel.
   */
  reserve(blocks: number): [number, number, number, number] {
    const p = this.reservePosition(blocks);
    return [p % TWO32, Math.floor(p / TWO32), this.c2, this.c3];
  }

  /**
   * Reserves `blocks` blocks and returns the execution's position (its counter
   * is (pos, c2, c3)); throws before any state changes if it would pass 2^53.
   */
  reservePosition(blocks: number): number {
    // a kernel of a table: one lookup that checks and advances
    const p = this.table && blocks > 0 ? this.table.advance(this.c2, blocks, MAX_POSITION) : this.position;
    if (p < 0 || p + blocks > MAX_POSITION)
      throw new RangeError('tf-philox: this kernel has reserved 2^53 blocks; call setSeed to reset it');
    if (!this.table) this.pos = p + blocks;
    return p;
  }
}

/**
 * seed2 -> position of the eager kernels of one (signature, seed). A kernel
 * that never reserved is at position 0, so only kernels that ran are stored.
 * After setSeed, every eager call without an op seed draws a new seed2 and so
 * makes a new kernel: a long-running process may make far more of them than a
 * Map can hold (2^24 entries) or than objects would fit in memory. Open
 * addressing in one Float64Array of [seed2, position] pairs (16 bytes a slot,
 * at most 3/4 full; one cache line holds both halves, so a lookup in a table
 * much larger than the caches costs one miss).
 */
export class PositionTable {
  private slots = new Float64Array(2 * 64).fill(EMPTY);  // [seed2 in [0, 2^31) or EMPTY, position]
  private shift = 32 - 6;                                 // 32 - log2(capacity)
  private used = 0;

  /** Number of kernels stored (positions > 0). */
  get size(): number { return this.used; }

  // The pair index (even) holding s2, or the empty one where it would go
  // (linear probing from a multiplicative hash).
  private slot(s2: number): number {
    const mask = this.slots.length - 1;
    let i = (Math.imul(s2, 0x9e3779b1) >>> this.shift) * 2;
    for (;;) {
      const k = this.slots[i];
      if (k === s2 || k === EMPTY) return i;
      i = (i + 2) & mask;
    }
  }

  get(s2: number): number {
    const i = this.slot(s2);
    return this.slots[i] === s2 ? this.slots[i + 1] : 0;
  }

  /**
   * Returns s2's position and advances it by blocks (> 0), or returns -1 and
   * changes nothing if the new position would pass limit.
   */
  advance(s2: number, blocks: number, limit: number): number {
    let i = this.slot(s2);
    if (this.slots[i] === s2) {
      const p = this.slots[i + 1];
      if (p + blocks > limit) return -1;
      this.slots[i + 1] = p + blocks;
      return p;
    }
    if (blocks > limit) return -1;
    if (4 * (this.used + 1) > 3 * (this.slots.length / 2)) {
      this.grow();
      i = this.slot(s2);
    }
    this.slots[i] = s2;
    this.slots[i + 1] = blocks;
    this.used++;
    return 0;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    this.shift--;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === EMPTY) continue;
      const i = this.slot(old[j]);
      this.slots[i] = old[j];
      this.slots[i + 1] = old[j + 1];
    }
  }
}

// Eager kernel cache: op type + attrs -> seed -> seed2 -> position (TF keeps
// the kernel instances themselves). Cleared lazily by generation (setSeed).
// TF's own eager cache keeps every instance; an instance is only reachable
// again through the same (seed, seed2), which any later explicit op seed can
// name (or the op-seed stream can draw again), so none can be dropped without
// changing what TF would return. The OS-seeded instance of (0, 0) is one
// object per signature.
let tables = new Map<string, Map<number, PositionTable>>();
let osSeeded = new Map<string, Kernel>();
let cacheGeneration = -1;

// The last lookup: loops calling one op with one seed skip the maps.
let lastSignature = '', lastSeed = -1, lastSeed2 = -1;
let lastKernel: Kernel | null = null;

export function eagerKernel(signature: string, seed: number | null, seed2: number | null): Kernel {
  if (cacheGeneration !== state.generation) {
    tables = new Map();
    osSeeded = new Map();
    cacheGeneration = state.generation;
    lastKernel = null;
  }
  const s = seed ?? 0, s2 = seed2 ?? 0;
  if (lastKernel && s === lastSeed && s2 === lastSeed2 && signature === lastSignature) return lastKernel;
  let k: Kernel | undefined;
  if (s === 0 && s2 === 0) {
    k = osSeeded.get(signature);
    if (!k) osSeeded.set(signature, (k = Kernel.fromSeeds(0, 0)));
  } else {
    let bySeed = tables.get(signature);
    if (!bySeed) tables.set(signature, (bySeed = new Map()));
    let table = bySeed.get(s);
    if (!table) bySeed.set(s, (table = new PositionTable()));
    k = Kernel.fromSeeds(s, s2, table);
  }
  lastSignature = signature; lastSeed = s; lastSeed2 = s2; lastKernel = k;
  return k;
}

