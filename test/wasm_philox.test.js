'use strict';
// The WebAssembly Philox block (lib/js/philox_wasm.ts) against the TypeScript
// block it stands in for, and its fallback where WebAssembly is missing.
const assert = require('assert');
const { execFileSync } = require('child_process');
const { philoxBlock } = require('../dist/js/philox');
const { wasmPhiloxBlock, philoxModuleBytes, fastPhiloxBlock } = require('../dist/js/philox_wasm');

describe('WebAssembly Philox block', function () {
  it('is a valid module and is used by default', function () {
    assert.ok(WebAssembly.validate(philoxModuleBytes()));
    assert.notStrictEqual(fastPhiloxBlock, philoxBlock);
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
      "process.stdout.write(String(w.fastPhiloxBlock===p.philoxBlock))";
    const cwd = require('path').join(__dirname, '..');
    assert.strictEqual(execFileSync(process.execPath, ['--jitless', '-e', probe], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString(), 'true');
    assert.strictEqual(execFileSync(process.execPath, ['-e', probe], { cwd, env: { ...process.env, TF_PHILOX_WASM: '0' } }).toString(), 'true');
  });
});
