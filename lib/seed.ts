// TF 2.x seed resolution (tensorflow/python/framework/random_seed.py get_seed
// and context.py's eager op-seed stream).
//
//   global seed g set:     (g mod M, op mod M), op drawn when not given:
//                          eager: random.Random(g).randint(0, 2**31-1) stream
//                          in a traced fn: that graph's counter 0, 1, 2, ...
//   only the op seed:      (87654321, op mod M)
//   neither:               (null, null) -> the kernel is seeded from the OS
//   a result of (0, 0) becomes (0, 2**31 - 1).
// M = 2**31 - 1 with Python's modulo (non-negative for negative seeds).
import { PyRandom } from './mt19937';
import { checkOptionalSeed } from './validate';

export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2n ** 31n - 1n;

const MAXINT32_NUM = 2 ** 31 - 1;

/** Python's seed % (2**31 - 1) (always in [0, 2**31 - 2]); a number must be a safe integer. */
export function truncateSeed(s: bigint | number): number {
  if (typeof s === 'number') {
    const r = s % MAXINT32_NUM; // exact for safe integers
    return r < 0 ? r + MAXINT32_NUM : r + 0;
  }
  const r = s % MAXINT32;
  return Number(r < 0n ? r + MAXINT32 : r);
}

/** A traced function's graph: its own seed and op-seed counter. */
export interface GraphSeeds {
  seed: bigint | null;
  nextOpSeed: number;
}

interface SeedState {
  global: bigint | null;
  // truncateSeed(global), kept so eager calls need no bigint arithmetic
  globalTrunc: number | null;
  rng: PyRandom | null;
  // Incremented by every setSeed: kernels created before are reset lazily.
  generation: number;
  // Innermost graph being traced, if any (see function.ts).
  graph: GraphSeeds | null;
}

export const state: SeedState = { global: null, globalTrunc: null, rng: null, generation: 0, graph: null };

export type SeedPairResult = readonly [number, number] | readonly [null, null];

// the result when no seed applies (shared: small calls make no array)
const NO_SEEDS: readonly [null, null] = [null, null];

/** The (seed, seed2) pair get_seed hands the kernel; draws an op seed when needed. */
export function resolveSeeds(opSeed: bigint | number | null): SeedPairResult {
  let pair: [number, number];
  const graph = state.graph;
  if (graph) {
    if (graph.seed !== null) {
      const op = opSeed !== null ? opSeed : graph.nextOpSeed++;
      pair = [truncateSeed(graph.seed), truncateSeed(op)];
    } else if (opSeed !== null) pair = [DEFAULT_GRAPH_SEED, truncateSeed(opSeed)];
    else return NO_SEEDS;
  } else if (state.globalTrunc !== null) {
    // eager: the op seed comes from random.Random(global).randint(0, 2**31-1)
    const op = opSeed !== null ? opSeed : (state.rng as PyRandom).randint31();
    pair = [state.globalTrunc, truncateSeed(op)];
  } else if (opSeed !== null) {
    pair = [DEFAULT_GRAPH_SEED, truncateSeed(opSeed)];
  } else {
    return NO_SEEDS;
  }
  if (pair[0] === 0 && pair[1] === 0) pair[1] = MAXINT32_NUM;
  return pair;
}

/**
 * tf.random.set_seed: sets (or with null unsets) the global seed, restarts
 * the op-seed stream and resets every kernel's counter. Inside a function
 * being traced it sets only that graph's seed (TF's behaviour).
 */
export function setSeed(seed: bigint | number | null): void {
  const s = checkOptionalSeed('setSeed', 'seed', seed);
  if (state.graph) {
    state.graph.seed = s;
    return;
  }
  state.global = s;
  state.globalTrunc = s === null ? null : truncateSeed(s);
  state.rng = s === null ? null : new PyRandom(s);
  state.generation++;
}

/** tf.random.get_seed: the pair the kernel would get here (draws an op seed if it must). */
export function getSeed(opSeed?: bigint | number | null): [bigint | null, bigint | null] {
  const op = checkOptionalSeed('getSeed', 'opSeed', opSeed);
  const [a, b] = resolveSeeds(op);
  return a === null ? [null, null] : [BigInt(a), BigInt(b as number)];
}
