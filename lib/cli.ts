#!/usr/bin/env node
// The tf-philox command: TensorFlow's random values from the shell, printed
// like TF eager, as JSON, or as raw little-endian bytes for pipelines (raw
// output streams in pieces, so counts far beyond memory work).
//
//   tf-philox uniform 2,3 --seed 7 --global-seed 1234
//   tf-philox normal 1000000 --format raw > normals.f32
//   tf-philox stateless-uniform 5 --seed 1,2 --dtype int32 --minval 0 --maxval 10
import * as tfp from './index';
import { DTYPES, DType, view } from './dtype';
import { Dist, FillSpec, fillAt } from './engine';
import { reserveFill } from './ops';
import { FillDraw, prepareNormal, prepareUniform } from './sampler';
import { keyCounter, parseAlg, parseSeedPair } from './key_counter';
import { skip } from './counter';
import { checkOptions } from './validate';

const HELP = `Usage: tf-philox <op> <shape> [options]

TensorFlow ${tfp.tfVersion}'s random numbers (tf.random.*), bit for bit.

Ops:
  uniform, normal, truncated-normal                   the stateful ops (tf.random.uniform, ...)
  stateless-uniform, stateless-normal,
  stateless-truncated-normal                          tf.random.stateless_* (needs --seed s0,s1)
Shape:  comma-separated dimensions: 5   2,3   [2,3]   (use [] for a scalar)

Options:
  --seed S              op seed (stateful ops), or s0,s1 (stateless ops)
  --global-seed G       tf.random.set_seed(G) first (stateful ops)
  --dtype D             float32 (default), float64, float16, bfloat16, int32, int64, uint32, uint64
  --minval X --maxval X bounds (uniform; ints need --maxval; stateless full-range ints: omit both)
  --mean M --stddev S   (normal, truncated-normal)
  --alg A               philox | auto_select (stateless ops)
  --format F            text (default: like TF eager print), json, raw (little-endian bytes to stdout)
  -h, --help            this help;  -v, --version  the version
`;

class UsageError extends Error {}

function parseNumber(flag: string, s: string): number | bigint {
  if (/^[-+]?\d+$/.test(s)) {
    const b = BigInt(s);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  const x = Number(s);
  if (s.trim() === '' || Number.isNaN(x) && !/^[-+]?nan$/i.test(s)) throw new UsageError(`${flag}: not a number: ${s}`);
  return x;
}

function parseShape(s: string): number[] {
  const t = s.trim().replace(/^\[|\]$/g, '');
  if (t === '') return [];
  return t.split(/[,x]/).map((d) => {
    if (!/^\d+$/.test(d.trim())) throw new UsageError(`shape: not a list of non-negative integers: ${s}`);
    return Number(d);
  });
}

interface Args { op: string; shape: number[]; flags: Record<string, string> }

function parseArgs(argv: string[]): Args | null {
  const pos: string[] = [];
  const flags: Record<string, string> = {};
  const known = ['seed', 'global-seed', 'dtype', 'minval', 'maxval', 'mean', 'stddev', 'alg', 'format'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return null;
    if (a === '-v' || a === '--version') { flags.version = '1'; continue; }
    if (a.startsWith('--')) {
      let [k, v] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!known.includes(k)) throw new UsageError(`unknown option --${k}`);
      if (v === undefined) {
        v = argv[++i];
        if (v === undefined) throw new UsageError(`--${k} needs a value`);
      }
      flags[k] = v;
    } else pos.push(a);
  }
  if (flags.version) return { op: 'version', shape: [], flags };
  if (pos.length !== 2) throw new UsageError(pos.length < 2 ? 'expected <op> <shape>' : `unexpected argument ${pos[2]}`);
  return { op: pos[0], shape: parseShape(pos[1]), flags };
}

function options(a: Args, keys: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of keys) {
    const v = a.flags[k];
    if (v === undefined) continue;
    if (k === 'dtype' || k === 'alg') o[k] = v;
    else o[k] = parseNumber(`--${k}`, v);
  }
  return o;
}

/** The op as one streamable fill: spec at group 0, element count, dtype, shape. */
function plan(a: Args): { spec: FillSpec; n: number; dtype: DType; shape: number[] } {
  const f = a.flags;
  if (a.op === 'uniform' || a.op === 'normal' || a.op === 'truncated-normal') {
    if (f.alg !== undefined) throw new UsageError('--alg applies to stateless ops');
    if (f['global-seed'] !== undefined) tfp.setSeed(parseNumber('--global-seed', f['global-seed']) as number);
    const op = a.op === 'truncated-normal' ? 'truncatedNormal' : a.op;
    const keys = op === 'uniform' ? ['minval', 'maxval', 'dtype', 'seed'] : ['mean', 'stddev', 'dtype', 'seed'];
    for (const k of Object.keys(f)) if (!['format', 'global-seed', ...keys].includes(k)) throw new UsageError(`--${k} does not apply to ${a.op}`);
    return reserveFill(op, a.shape, options(a, keys));
  }
  const m = /^stateless-(uniform|normal|truncated-normal)$/.exec(a.op);
  if (!m) throw new UsageError(`unknown op ${a.op} (see --help)`);
  if (f['global-seed'] !== undefined) throw new UsageError('--global-seed applies to stateful ops');
  if (f.seed === undefined) throw new UsageError(`${a.op} needs --seed s0,s1`);
  const seed = f.seed.split(',').map((x) => parseNumber('--seed', x));
  const fn = a.op;
  const seat = keyCounter(parseSeedPair(fn, seed));
  parseAlg(fn, f.alg, 'auto_select');
  let draw;
  if (m[1] === 'uniform') {
    const o = options(a, ['minval', 'maxval', 'dtype']);
    // stateless full-range ints: no bounds given
    if (o.dtype && !String(o.dtype).startsWith('float') && o.dtype !== 'bfloat16' && o.minval === undefined && o.maxval === undefined) {
      o.minval = null; o.maxval = null;
    }
    draw = prepareUniform(fn, a.shape, checkOptions(fn, o, ['minval', 'maxval', 'dtype']));
  } else {
    draw = prepareNormal(fn, m[1] === 'normal' ? Dist.Normal : Dist.TruncNormal, a.shape, options(a, ['mean', 'stddev', 'dtype']));
  }
  if (!(draw instanceof FillDraw)) throw new UsageError(`${a.op}: unsupported options`);
  return { spec: { ...draw.spec, key: [seat.key[0], seat.key[1]], counter: [...seat.counter] as never }, n: draw.n, dtype: draw.dtype, shape: draw.shape };
}

// Elements per group and blocks per group of a fill (cpp/fill.h).
function layout(spec: FillSpec): { G: number; stride: number } {
  const wide = DTYPES[spec.dtype].bytes === 8;
  const G = wide ? 2 : 4;
  const stride = spec.dist === Dist.TruncNormal ? (spec.dtype === 'float64' ? 128 : 256) : 1;
  return { G, stride };
}

const CHUNK = 1 << 20; // elements per piece (a multiple of every group size)

/** The values of groups starting at element `start` (a multiple of G), `len` of them. */
function piece(spec: FillSpec, start: number, len: number): ArrayBufferView {
  const { G, stride } = layout(spec);
  const c = skip(spec.counter, (start / G) * stride);
  const out = new DTYPES[spec.dtype].ctor(len);
  if (len > 0) fillAt(spec, spec.key[0], spec.key[1], c[0], c[1], c[2], c[3], out);
  return out;
}

function write(chunk: ArrayBufferView): Promise<void> {
  const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return new Promise((resolve, reject) => {
    process.stdout.write(buf, (err) => (err ? reject(err) : resolve()));
  });
}

async function raw(p: ReturnType<typeof plan>): Promise<void> {
  const bar = process.stderr.isTTY && p.n > 4 * CHUNK;
  for (let i = 0; i < p.n; i += CHUNK) {
    await write(piece(p.spec, i, Math.min(CHUNK, p.n - i)));
    if (bar) {
      const f = Math.min(1, (i + CHUNK) / p.n);
      process.stderr.write(`\r[${'#'.repeat(Math.round(f * 40)).padEnd(40)}] ${(100 * f).toFixed(0)}%`);
    }
  }
  if (bar) process.stderr.write('\n');
}

function whole(p: ReturnType<typeof plan>): tfp.Tensor {
  const data = view(p.dtype, new ArrayBuffer(p.n * DTYPES[p.dtype].bytes), 0, p.n);
  for (let i = 0; i < p.n; i += CHUNK) {
    const part = piece(p.spec, i, Math.min(CHUNK, p.n - i)) as unknown as ArrayLike<never>;
    (data as unknown as { set(a: ArrayLike<never>, o: number): void }).set(part, i);
  }
  return new tfp.Tensor(data as never, p.shape, p.dtype);
}

async function main(argv: string[]): Promise<number> {
  let a: Args | null;
  try {
    a = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`tf-philox: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (!a) { process.stdout.write(HELP); return 0; }
  if (a.op === 'version') { process.stdout.write(`tf-philox ${require('../package.json').version} (TensorFlow ${tfp.tfVersion}, ${tfp.backend}, ${tfp.kernel})\n`); return 0; }
  const format = a.flags.format ?? 'text';
  try {
    if (!['text', 'json', 'raw'].includes(format)) throw new UsageError(`--format must be text, json or raw, got ${format}`);
    const p = plan(a);
    if (format === 'raw') await raw(p);
    else {
      const t = whole(p);
      if (format === 'text') process.stdout.write(`${t}\n`);
      else {
        const values = Array.from({ length: t.size }, (_, i) => {
          const v = t.at(i);
          return typeof v === 'bigint' ? v.toString() : Number.isFinite(v) ? v : String(v);
        });
        process.stdout.write(JSON.stringify({ shape: t.shape, dtype: t.dtype, tensorflow: tfp.tfVersion, values }) + '\n');
      }
    }
    return 0;
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`tf-philox: ${err.message}\n`);
    return err instanceof UsageError || err instanceof TypeError || err instanceof RangeError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

export { main };
