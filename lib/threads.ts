// The intra-op thread count TF would use, which decides how categorical (and
// the parameterized truncated normal) split rows into shards — and so their
// values. TF's default is the number of logical CPUs; pin it for results that
// do not depend on the machine.
import { availableParallelism } from 'os';
import { checkCount } from './validate';

let threads: number | null = null;

/** The intra-op thread count in force (default: logical CPUs, like TF). */
export function intraOpThreads(): number {
  return threads ?? Math.max(1, availableParallelism());
}

/** tf.config.threading.set_intra_op_parallelism_threads; 0 or null restores the default. */
export function setIntraOpThreads(n: number | null): void {
  threads = n === null || n === 0 ? null : checkCount('setIntraOpThreads', 'n', n, 1);
}
