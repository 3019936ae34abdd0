// Philox4x32-10 as WebAssembly functions, assembled here at load time from
// the instruction list below (no binary blob, no build step): block, and
// keyed (the stateless seed scramble and the first block of the stream it
// keys, in one call: a small stateless call crosses into wasm once).
//
// Why: TypeScript has no 32x32 -> 64-bit multiply, so lib/js/philox.ts builds
// each high half from four 16-bit partial products (~52 ns a block on the CI
// machine class); wasm's i64.mul does it in one instruction (~22 ns a block,
// call included). Tiny calls and the stateless seed scramble spend most of
// their time in one or two blocks. The JS backend keeps the pure TypeScript
// block; test/wasm_philox.test.js checks the two agree bit for bit.
//
// Where WebAssembly is unavailable (node --jitless) or TF_PHILOX_WASM=0,
// fastPhiloxBlock is the TypeScript block.
import { philoxBlock } from './philox';

// The little of the WebAssembly JS API used here (the project's TypeScript lib has no wasm types).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
declare const WebAssembly: WasmApi | undefined;

type Block = (k0: number, k1: number, c0: number, c1: number, c2: number, c3: number, out: Int32Array, at: number) => void;

// Opcodes (WebAssembly core spec, binary format).
const LOCAL_GET = 0x20, LOCAL_SET = 0x21, I32_CONST = 0x41, I64_CONST = 0x42, I32_STORE = 0x36;
const I32_ADD = 0x6a, I32_XOR = 0x73, I64_MUL = 0x7e, I64_SHR_U = 0x88, I32_WRAP_I64 = 0xa7, I64_EXTEND_I32_U = 0xad;
const END = 0x0b, I32 = 0x7f, I64 = 0x7e;

// Locals: the six parameters, then the two 64-bit products.
const K0 = 0, K1 = 1, C0 = 2, C1 = 3, C2 = 4, C3 = 5, P0 = 6, P1 = 7;

/** Unsigned LEB128 (lengths, indices). */
function uleb(v: number): number[] {
  const b: number[] = [];
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    b.push(byte);
  } while (v !== 0);
  return b;
}

/** Signed LEB128 of an integer constant (i32.const / i64.const immediates). */
function sleb(v: bigint): number[] {
  const b: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    b.push(done ? byte : byte | 0x80);
    if (done) return b;
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

const get = (i: number): number[] => [LOCAL_GET, i];
const set = (i: number): number[] => [LOCAL_SET, i];
const i64c = (v: bigint): number[] => [I64_CONST, ...sleb(v)];
const i32c = (v: number): number[] => [I32_CONST, ...sleb(BigInt(v | 0))];

/** Ten Philox rounds on the locals: (c0..c3) becomes the block of key (k0, k1); the key locals are bumped. */
function rounds(code: number[]): void {
  for (let r = 0; r < 10; r++) {
    code.push(
      // p0 = c0 * 0xD2511F53, p1 = c2 * 0xCD9E8D57 (64-bit products of uint32 words)
      ...get(C0), I64_EXTEND_I32_U, ...i64c(0xd2511f53n), I64_MUL, ...set(P0),
      ...get(C2), I64_EXTEND_I32_U, ...i64c(0xcd9e8d57n), I64_MUL, ...set(P1),
      // c0' = hi(p1) ^ c1 ^ k0, c1' = lo(p1), c2' = hi(p0) ^ c3 ^ k1, c3' = lo(p0)
      ...get(P1), ...i64c(32n), I64_SHR_U, I32_WRAP_I64, ...get(C1), I32_XOR, ...get(K0), I32_XOR, ...set(C0),
      ...get(P1), I32_WRAP_I64, ...set(C1),
      ...get(P0), ...i64c(32n), I64_SHR_U, I32_WRAP_I64, ...get(C3), I32_XOR, ...get(K1), I32_XOR, ...set(C2),
      ...get(P0), I32_WRAP_I64, ...set(C3),
    );
    // the key bump (Weyl constants) between rounds
    if (r < 9) code.push(...get(K0), ...i32c(0x9e3779b9), I32_ADD, ...set(K0), ...get(K1), ...i32c(0xbb67ae85), I32_ADD, ...set(K1));
  }
}

/** memory[at..at+16) = the four locals (little-endian i32, align 2^2, offset at + 4*i). */
function store(code: number[], words: number[], at: number): void {
  words.forEach((w, i) => code.push(...i32c(0), ...get(w), I32_STORE, 2, at + 4 * i));
}

/** A function body: two i64 locals after the six i32 parameters, then code. */
function body(code: number[]): number[] {
  code.push(END);
  const locals = vec([[2, I64]]);
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

/** block(k0, k1, c0, c1, c2, c3): the block, stored at memory[0..16). */
function blockBody(): number[] {
  const code: number[] = [];
  rounds(code);
  store(code, [C0, C1, C2, C3], 0);
  return body(code);
}

/**
 * keyed(k0, k1, c0, c1, c2, c3): m = the block of (k, c) at memory[0..16),
 * then the block of key (m0, m1) and counter (0, 0, m2, m3) at
 * memory[16..32): TF's stateless seed scramble and the first block of the
 * stream it keys, in one call.
 */
function keyedBody(): number[] {
  const code: number[] = [];
  rounds(code);
  store(code, [C0, C1, C2, C3], 0);
  code.push(...get(C0), ...set(K0), ...get(C1), ...set(K1), ...i32c(0), ...set(C0), ...i32c(0), ...set(C1));
  rounds(code);
  store(code, [C0, C1, C2, C3], 16);
  return body(code);
}

/** The module: one memory page (exported "mem"), block and keyed (functions 0 and 1, both of type 0). */
export function philoxModuleBytes(): Uint8Array {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])]])), // type 0: (6 x i32) -> ()
    ...section(3, vec([uleb(0), uleb(0)])), // functions 0 and 1 have type 0
    ...section(5, vec([[0x00, 1]])), // memory 0: min 1 page, no max
    ...section(7, vec([[...name('block'), 0x00, 0], [...name('keyed'), 0x00, 1], [...name('mem'), 0x02, 0]])), // exports
    ...section(10, vec([blockBody(), keyedBody()])), // code
  ]);
}

/**
 * keyed's contract: out[at..at+4) = the block of (k, c), and out[at+4..at+8)
 * = the block of key (out[at], out[at+1]) and counter (0, 0, out[at+2], out[at+3]).
 */
export type KeyedBlock = (k0: number, k1: number, c0: number, c1: number, c2: number, c3: number, out: Int32Array, at: number) => void;

/** The TypeScript keyed: two calls of philoxBlock. */
export const keyedBlockTS: KeyedBlock = (k0, k1, c0, c1, c2, c3, out, at) => {
  philoxBlock(k0, k1, c0, c1, c2, c3, out, at);
  philoxBlock(out[at], out[at + 1], 0, 0, out[at + 2], out[at + 3], out, at + 4);
};

interface WasmPhilox { block: Block; keyed: KeyedBlock }

/** The wasm functions with the TypeScript signatures, or null where WebAssembly is unavailable. */
export function wasmPhilox(): WasmPhilox | null {
  if (typeof WebAssembly !== 'object' || WebAssembly === null) return null;
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(philoxModuleBytes()));
    type Fn = (k0: number, k1: number, c0: number, c1: number, c2: number, c3: number) => void;
    const block = inst.exports.block as Fn, keyed = inst.exports.keyed as Fn;
    const words = new Int32Array((inst.exports.mem as { buffer: ArrayBuffer }).buffer, 0, 8);
    return {
      block: (k0, k1, c0, c1, c2, c3, out, at) => {
        block(k0, k1, c0, c1, c2, c3);
        out[at] = words[0]; out[at + 1] = words[1]; out[at + 2] = words[2]; out[at + 3] = words[3];
      },
      keyed: (k0, k1, c0, c1, c2, c3, out, at) => {
        keyed(k0, k1, c0, c1, c2, c3);
        for (let i = 0; i < 8; i++) out[at + i] = words[i];
      },
    };
  } catch {
    return null;
  }
}

/** The wasm block alone (tests), or null. */
export function wasmPhiloxBlock(): Block | null {
  return wasmPhilox()?.block ?? null;
}

const wasm = process.env.TF_PHILOX_WASM !== '0' ? wasmPhilox() : null;

/** Philox4x32-10 for tiny calls and seed scrambles: wasm where available, else TypeScript. */
export const fastPhiloxBlock: Block = wasm ? wasm.block : philoxBlock;

/** The stateless scramble and the stream's first block: wasm where available, else TypeScript. */
export const fastKeyedBlock: KeyedBlock = wasm ? wasm.keyed : keyedBlockTS;
