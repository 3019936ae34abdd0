// tf.data.Dataset.shuffle (stateless.md §9) over JS iterables, async
// iterables and object-mode streams.
//
// Seeds: get_seed(seed) once, when the dataset is built (seed.ts; inside a
// traced fn the graph's op-seed counter, and the dataset op is a node of the
// trace like a random op: later calls rebuild it with the same seeds). No seed
// at all gives (0, 0), which TF replaces by two random 64-bit values
// (RandomSeeds).
// Seed generator (one per dataset object): with reshuffleEachIteration the
// k-th iterator uses words 2k, 2k+1 of the single-sample stream over
// PhiloxRandom(seed, seed2); without, every iterator uses (seed, seed2).
// Iterator: a single-sample stream over PhiloxRandom(itSeed, itSeed2) and a
// ring buffer of B slots:
//   fill while fewer than B elements are buffered and input remains;
//   offset = word mod buffered; idx = (start + offset) mod B;
//   emit buf[idx]; buf[idx] <- buf[start mod B]; start++.
// PhiloxRandom(s, s2): key = (lo s, hi s), counter = (0, 0, lo s2, hi s2).
import { randomFillSync } from 'crypto';
import { Dist, fillSync } from './engine';
import { addon } from './native';
import { Counter, skip } from './counter';
import { resolveSeeds, state as seedState } from './seed';
import { checkReplay, kernelFor } from './function';
import { Key, numberWords, wordsToInt64 } from './key_counter';
import { checkCount, checkOptionalSeed, checkOptions, describe, typeError, Seed } from './validate';

export interface ShuffleDatasetOptions {
  /** The op seed (tf.data get_seed rules with the global seed of setSeed). */
  seed?: Seed | null;
  /** Default true: every new iteration (epoch) is shuffled in a new order. */
  reshuffleEachIteration?: boolean;
}

/** The words of one Philox stream, read one at a time (TF's SingleSampleAdapter). */
class WordStream {
  private buf = new Uint32Array(0);
  private at = 0;
  private ctr: Counter;
  private blocks = 4;

  constructor(private readonly key: Key, counter: Counter) {
    this.ctr = counter;
  }

  next(): number {
    if (this.at === this.buf.length) this.refill();
    return this.buf[this.at++];
  }

  private refill(): void {
    if (this.buf.length !== this.blocks * 4) this.buf = new Uint32Array(this.blocks * 4);
    fillSync({ dist: Dist.Bits, dtype: 'uint32', key: this.key, counter: this.ctr }, this.buf);
    this.ctr = skip(this.ctr, this.blocks);
    this.at = 0;
    if (this.blocks < 1024) this.blocks *= 2;
  }
}

/** A 64-bit seed as words [lo, hi]. */
type Seed64 = [number, number];

/** PhiloxRandom(seed, seed2) as a key and counter. */
function philoxOf(seed: Seed64, seed2: Seed64): { key: Key; counter: Counter } {
  return { key: [seed[0], seed[1]], counter: [0, 0, seed2[0], seed2[1]] };
}

/** One epoch's shuffle state: the ring buffer and its RNG. */
class Shuffler<T> {
  private readonly buf: (T | undefined)[] = [];
  private start = 0;
  private end = 0;

  constructor(private readonly B: number, private readonly rng: WordStream) {}

  get buffered(): number {
    return this.end - this.start;
  }
  get full(): boolean {
    return this.end - this.start >= this.B;
  }
  push(v: T): void {
    this.buf[this.end % this.B] = v;
    this.end++;
  }
  /** The next output (requires buffered > 0). */
  take(): T {
    const offset = this.rng.next() % (this.end - this.start);
    const idx = (this.start + offset) % this.B;
    const s = this.start % this.B;
    const v = this.buf[idx] as T;
    this.buf[idx] = this.buf[s];
    this.buf[s] = undefined;
    this.start++;
    return v;
  }
}

type Source<T> = Iterable<T> | AsyncIterable<T> | (() => Iterable<T> | AsyncIterable<T>);

function isSyncIterable(x: unknown): x is Iterable<unknown> {
  return x !== null && x !== undefined && typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}
function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return x !== null && x !== undefined && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/**
 * The shuffled dataset over an async source (async iterable, object-mode
 * Readable, or a function returning a fresh iterable per epoch). Each
 * iteration is the next epoch.
 */
export class AsyncShuffleDataset<T> implements AsyncIterable<T> {
  /** The (seed, seed2) pair of the dataset op, as TF's kernel gets it. */
  readonly seed: bigint;
  readonly seed2: bigint;
  readonly bufferSize: number;
  readonly reshuffleEachIteration: boolean;
  /** Iterators created so far (epochs started). */
  protected epochs = 0;
  protected readonly source: Source<T>;
  private readonly s: Seed64;
  private readonly s2: Seed64;

  /** @internal use shuffleDataset() */
  constructor(source: Source<T>, bufferSize: number, s: Seed64, s2: Seed64, reshuffle: boolean) {
    this.source = source;
    this.bufferSize = bufferSize;
    this.s = s;
    this.s2 = s2;
    this.seed = wordsToInt64(s[0], s[1]);
    this.seed2 = wordsToInt64(s2[0], s2[1]);
    this.reshuffleEachIteration = reshuffle;
  }

  /** The RNG of the next iterator (the seed generator's next seeds). */
  protected nextEpochRng(): WordStream {
    const k = this.epochs++;
    let it: { key: Key; counter: Counter };
    if (!this.reshuffleEachIteration) it = philoxOf(this.s, this.s2);
    else {
      // words 2k, 2k+1 of the stream over PhiloxRandom(seed, seed2): block k/2, words (2k) mod 4
      const base = philoxOf(this.s, this.s2);
      const c = skip(base.counter, Math.floor(k / 2));
      const b = addon.block(base.key[0], base.key[1], c[0], c[1], c[2], c[3]);
      const w = (2 * k) % 4;
      it = philoxOf([b[w], 0], [b[w + 1], 0]);
    }
    return new WordStream(it.key, it.counter);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return shuffleAsync(this.source, this.bufferSize, this.nextEpochRng());
  }
}

/** The shuffled dataset over a sync source: sync- and async-iterable; each iteration is the next epoch. */
export class ShuffleDataset<T> extends AsyncShuffleDataset<T> implements Iterable<T> {
  [Symbol.iterator](): Iterator<T> {
    return shuffleSync(this.source as Iterable<T>, this.bufferSize, this.nextEpochRng());
  }
}

function* shuffleSync<T>(source: Iterable<T>, B: number, rng: WordStream): Generator<T, void, undefined> {
  const it = source[Symbol.iterator]();
  const sh = new Shuffler<T>(B, rng);
  let done = false;
  try {
    for (;;) {
      while (!done && !sh.full) {
        const r = it.next();
        if (r.done) done = true;
        else sh.push(r.value);
      }
      if (sh.buffered === 0) return;
      yield sh.take();
    }
  } finally {
    if (!done && typeof it.return === 'function') it.return();
  }
}

async function* shuffleAsync<T>(source: Source<T>, B: number, rng: WordStream): AsyncGenerator<T, void, undefined> {
  let src: Iterable<T> | AsyncIterable<T>;
  if (typeof source === 'function') {
    src = source();
    if (!isSyncIterable(src) && !isAsyncIterable(src))
      throw typeError('shuffleDataset', 'source', `function must return an iterable or async iterable, got ${describe(src)}`);
  } else src = source;
  const it: Iterator<T> | AsyncIterator<T> = isAsyncIterable(src)
    ? (src as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (src as Iterable<T>)[Symbol.iterator]();
  const sh = new Shuffler<T>(B, rng);
  let done = false;
  try {
    for (;;) {
      while (!done && !sh.full) {
        const r = await it.next();
        if (r.done) done = true;
        else sh.push(r.value);
      }
      if (sh.buffered === 0) return;
      yield sh.take();
    }
  } finally {
    if (!done && typeof it.return === 'function') await it.return();
  }
}

/**
 * tf.data.Dataset.shuffle(bufferSize, seed, reshuffle_each_iteration): the
 * order TF produces, over a sync iterable (the result is sync- and
 * async-iterable), an async iterable or object-mode Readable, or a function
 * returning a fresh source per epoch (async-iterable result). Re-iterable:
 * each new iteration is TF's next epoch (the source is iterated again).
 * Memory: at most bufferSize buffered elements.
 */
export function shuffleDataset<T>(source: Iterable<T>, bufferSize: number, opts?: ShuffleDatasetOptions): ShuffleDataset<T>;
export function shuffleDataset<T>(source: AsyncIterable<T> | (() => Iterable<T> | AsyncIterable<T>), bufferSize: number, opts?: ShuffleDatasetOptions): AsyncShuffleDataset<T>;
export function shuffleDataset<T>(source: Source<T>, bufferSize: number, opts?: ShuffleDatasetOptions): AsyncShuffleDataset<T> {
  const fn = 'shuffleDataset';
  const sync = isSyncIterable(source);
  if (!sync && !isAsyncIterable(source) && typeof source !== 'function')
    throw typeError(fn, 'source', `must be an iterable, an async iterable (e.g. an object-mode Readable) or a function returning one, got ${describe(source)}`);
  const B = checkCount(fn, 'bufferSize', bufferSize, 1);
  const o = checkOptions(fn, opts, ['seed', 'reshuffleEachIteration']);
  const opSeed = checkOptionalSeed(fn, 'seed', o.seed);
  let reshuffle = true;
  if (o.reshuffleEachIteration !== undefined && o.reshuffleEachIteration !== null) {
    if (typeof o.reshuffleEachIteration !== 'boolean')
      throw typeError(fn, 'reshuffleEachIteration', `must be a boolean, got ${describe(o.reshuffleEachIteration)}`);
    reshuffle = o.reshuffleEachIteration;
  }
  // get_seed once, at construction; None -> 0; (0, 0) -> two random 64-bit
  // seeds, new for every dataset. Inside a traced fn the dataset op is a node
  // of the trace (like a random op) whose seeds were fixed at trace time.
  let pair: readonly [number, number] | readonly [null, null];
  if (seedState.graph) {
    const unseeded = seedState.graph.seed === null && opSeed === null;
    checkReplay('ShuffleDataset', opSeed);
    const k = kernelFor('ShuffleDataset', opSeed);
    // get_seed's pair, each below 2^31: the node's key word 0 and counter word 2
    pair = unseeded ? [null, null] : [k.k0, k.c2];
  } else pair = resolveSeeds(opSeed);
  let s: Seed64, s2: Seed64;
  if (pair[0] === null) {
    const r = randomFillSync(new Uint32Array(4));
    s = [r[0], r[1]];
    s2 = [r[2], r[3]];
  } else {
    s = numberWords(pair[0]);
    s2 = numberWords(pair[1] as number);
  }
  return sync
    ? new ShuffleDataset<T>(source as Iterable<T>, B, s, s2, reshuffle)
    : new AsyncShuffleDataset<T>(source, B, s, s2, reshuffle);
}
