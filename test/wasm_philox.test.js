'use strict';
// The WebAssembly Philox block (lib/js/philox_wasm.ts) against the TypeScript
// block it stands in for, and its fallback where WebAssembly is missing.
const assert = require('assert');
const { execFileSync } = require('child_process');
const { philoxBlock } = require('../dist/js/philox');
const { wasmPhilox, wasmPhiloxBlock, philoxModuleBytes, fastPhiloxBlock, fastKeyedBlock, keyedBlockTS } = require('../dist/js/philox_wasm');
const { statelessKey, SCRAMBLE_KEY } = require('../dist/key_counter');

describe('WebAssembly Philox block', function () {
  it('is a valid module and is used by default', function () {
    assert.ok(WebAssembly.validate(philoxModuleBytes()));
    assert.notStrictEqual(fastPhiloxBlock, philoxBlock);
    assert.notStrictEqual(fastKeyedBlock, keyedBlockTS);
  });

  it('keyed (scramble + first block) equals two TypeScript blocks and the stateless scramble', function () {
    const keyed = wasmPhilox().keyed;
    const a = new Int32Array(8), b = new Int32Array(10), c = new Int32Array(4);
    let s = 7;
    const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
    for (let i = 0; i < 50000; i++) {
      const w = [rnd(), rnd(), rnd(), rnd()];
      if (i % 5 === 0) w[1] = w[3] = 0xffffffff; // negative int64 seeds
      if (i % 9 === 0) w[0] = w[2] = 0;
      keyedBlockTS(SCRAMBLE_KEY[0], SCRAMBLE_KEY[1], w[0], w[1], w[2], w[3], a, 0);
      keyed(SCRAMBLE_KEY[0], SCRAMBLE_KEY[1], w[0], w[1], w[2], w[3], b, 2);
      assert.deepStrictEqual(Array.from(b.subarray(2)), Array.from(a), `words ${w}`);
      // words 0..3: the scramble; 4..7: the block of key (m0, m1), counter (0, 0, m2, m3)
      assert.deepStrictEqual(Array.from(statelessKey(w[0], w[1], w[2], w[3])), Array.from(a.subarray(0, 4)));
      philoxBlock(a[0], a[1], 0, 0, a[2], a[3], c, 0);
      assert.deepStrictEqual(Array.from(c), Array.from(a.subarray(4)));
    }
  });

  it('equals the TypeScript block bit for bit (Random123 KATs, carries, random words)', function () {
    const wasm = wasmPhiloxBlock();
    assert.ok(wasm);
    // Random123 kat_vectors philox4x32 10: counter, key -> output
    const kats = [
      [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
      [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
      [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
    ];
    const a = new Int32Array(4), b = new Int32Array(8);
    for (const [c, k, want] of kats) {
      wasm(k[0], k[1], c[0], c[1], c[2], c[3], b, 4);
      assert.deepStrictEqual(Array.from(b.subarray(4), (x) => x >>> 0), want);
    }
    let s = 99;
    const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
    for (let i = 0; i < 200000; i++) {
      const w = [rnd(), rnd(), rnd(), rnd(), rnd(), rnd()];
      if (i % 7 === 0) w[2] = 0xffffffff;
      if (i % 11 === 0) w[0] = w[1] = 0;
      philoxBlock(w[0], w[1], w[2], w[3], w[4], w[5], a, 0);
      wasm(w[0], w[1], w[2], w[3], w[4], w[5], b, 2);
      assert.deepStrictEqual(Array.from(b.subarray(2, 6)), Array.from(a), `words ${w}`);
    }
    // signed inputs (int32 views of the same words) give the same block
    philoxBlock(-1, -2, -3, -4, -5, -6, a, 0);
    wasm(-1, -2, -3, -4, -5, -6, b, 0);
    assert.deepStrictEqual(Array.from(b.subarray(0, 4)), Array.from(a));
  });

  it('falls back to the TypeScript block under node --jitless and TF_PHILOX_WASM=0', function () {
    this.timeout(30000);
    const probe = "const w=require('./dist/js/philox_wasm');const p=require('./dist/js/philox');" +
      "process.stdout.write(String(w.fastPhiloxBlock===p.philoxBlock&&w.fastKeyedBlock===w.keyedBlockTS))";
    const cwd = require('path').join(__dirname, '..');
    assert.strictEqual(execFileSync(process.execPath, ['--jitless', '-e', probe], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString(), 'true');
    assert.strictEqual(execFileSync(process.execPath, ['-e', probe], { cwd, env: { ...process.env, TF_PHILOX_WASM: '0' } }).toString(), 'true');
  });
});
