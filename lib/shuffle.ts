// TF's RandomShuffle / StatelessShuffle inner loop: Fisher-Yates over rows,
// for i = 0 .. m-2: j = i + (word mod (m - i)), swap rows i and j, with the
// words w0, w1, w2, w3 of successive Philox blocks (single-sample adapter).
import { Dist, fillSync } from './engine';
import { skip } from './counter';

const CHUNK_BLOCKS = 1 << 14;

type Rows = ArrayLike<unknown> & { [i: number]: unknown; subarray?(a: number, b: number): unknown; copyWithin?: unknown };

export function shuffleRows(data: ArrayBufferView & ArrayLike<unknown>, m: number, rowLen: number,
  key: readonly [number, number], counter: readonly number[]): void {
  if (m <= 1) return;
  if (m >= 2 ** 31 - 1) throw new RangeError('shuffle: value has 2^31 - 1 or more rows; not supported');
  const d = data as unknown as Rows & { set(a: unknown, o: number): void; slice(a: number, b: number): unknown };
  const words = new Uint32Array(CHUNK_BLOCKS * 4);
  let ctr = counter.slice();
  let avail = 0, at = 0;
  for (let i = 0; i < m - 1; i++) {
    if (at === avail) {
      const blocks = Math.min(CHUNK_BLOCKS, Math.ceil((m - 1 - i) / 4));
      const view = words.subarray(0, blocks * 4);
      fillSync({ dist: Dist.Bits, dtype: 'uint32', key, counter: [ctr[0], ctr[1], ctr[2], ctr[3]] }, view);
      ctr = skip(ctr, blocks);
      avail = blocks * 4;
      at = 0;
    }
    const j = i + (words[at++] % (m - i));
    if (j === i) continue;
    if (rowLen === 1) {
      const t = d[i];
      d[i] = d[j];
      d[j] = t;
    } else {
      const a = d.slice(i * rowLen, (i + 1) * rowLen);
      d.set(d.slice(j * rowLen, (j + 1) * rowLen), i * rowLen);
      d.set(a, j * rowLen);
    }
  }
}
