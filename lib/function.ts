// tf.function semantics for random ops (stateful.md §3.2, §3.4, §4.2).
//
// The first call traces: the body runs with a graph whose seed is the global
// seed in force then, and its k-th unseeded random op gets op seed k. Every
// random op call becomes a node with its own kernel (counter), which persists
// across calls. Later calls replay: the body runs again and its i-th random op
// uses node i; a body that issues a different sequence of random ops is an
// error (TF would not rerun Python code at all). setSeed resets every node's
// counter (kernels are dropped) but keeps the traced seeds.
import { GraphSeeds, resolveSeeds, state } from './seed';
import { Kernel, eagerKernel } from './kernels';

interface Node {
  signature: string;    // op type + attrs
  opSeed: string;       // the explicit op seed given at trace time ('' if none)
  kernel: Kernel;
}

interface Trace {
  nodes: Node[];
}

interface Frame {
  trace: Trace;
  tracing: boolean;
  cursor: number;
  graph: GraphSeeds;
}

let current: Frame | null = null;

/**
 * The kernel a random op call uses here: eager (cached by signature and
 * seeds) or the traced function's node. `opSeed` is the user's op seed.
 */
export function kernelFor(signature: string, opSeed: bigint | number | null): Kernel {
  const f = current;
  if (!f) {
    const [s, s2] = resolveSeeds(opSeed);
    return eagerKernel(signature, s, s2);
  }
  const seedKey = opSeed === null ? '' : String(opSeed);
  if (f.tracing) {
    const [s, s2] = resolveSeeds(opSeed);
    const node: Node = { signature, opSeed: seedKey, kernel: Kernel.fromSeeds(s ?? 0, s2 ?? 0) };
    f.trace.nodes.push(node);
    return node.kernel;
  }
  const node = f.trace.nodes[f.cursor];
  if (!node || node.signature !== signature || node.opSeed !== seedKey) {
    const want = node ? `${node.signature}${node.opSeed ? ` seed=${node.opSeed}` : ''}` : 'no further random op';
    throw new Error(
      `fn: random op #${f.cursor} of this call is ${signature}${seedKey ? ` seed=${seedKey}` : ''}, ` +
        `but the traced function has ${want}; a fn body must issue the same random ops on every call`,
    );
  }
  f.cursor++;
  return node.kernel;
}

/**
 * Peek: would kernelFor(signature, opSeed) succeed? Used to validate before a
 * call moves any state (the op seed is only drawn by kernelFor itself).
 */
export function checkReplay(signature: string, opSeed: bigint | number | null): void {
  const f = current;
  if (!f || f.tracing) return;
  const node = f.trace.nodes[f.cursor];
  const seedKey = opSeed === null ? '' : String(opSeed);
  if (!node || node.signature !== signature || node.opSeed !== seedKey) kernelFor(signature, opSeed);
}

/** tf.function: wraps body so that its random ops behave as in a traced TF function. */
export function fn<A extends unknown[], T>(body: (...args: A) => T): (...args: A) => T {
  if (typeof body !== 'function') throw new TypeError(`fn: body must be a function, got ${typeof body}`);
  let trace: Trace | null = null;
  return (...args: A): T => {
    const outer = current;
    const outerGraph = state.graph;
    const tracing = trace === null;
    // A graph inherits the enclosing graph's seed (nested functions) or the
    // global seed; its op-seed counter starts at 0.
    const graph: GraphSeeds = { seed: outerGraph ? outerGraph.seed : state.global, nextOpSeed: 0 };
    const frame: Frame = { trace: trace ?? { nodes: [] }, tracing, cursor: 0, graph };
    current = frame;
    state.graph = graph;
    try {
      const result = body(...args);
      if (!tracing && frame.cursor !== frame.trace.nodes.length)
        throw new Error(
          `fn: this call issued ${frame.cursor} random ops but the traced function has ${frame.trace.nodes.length}`,
        );
      if (tracing) trace = frame.trace;
      return result;
    } finally {
      current = outer;
      state.graph = outerGraph;
    }
  };
}
