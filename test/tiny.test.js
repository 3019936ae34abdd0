'use strict';
// The JS path for tiny float32 fills (lib/tiny.ts) against the native core,
// on every path it takes: uniform and normal, n = 1..8, every affine step,
// counters across 32-bit carries.
const assert = require('assert');
const { tinyFill } = require('../dist/tiny');
const { setFillParams } = require('../dist/engine');
const { addon } = require('../dist/native');

describe('tiny JS fills', function () {
  it('equal the native core bit for bit', function () {
    if (require('..').backend !== 'native') this.skip();
    let seed = 12345;
    const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
    const counters = [[0, 0, 0, 0], [0xffffffff, 0, 5, 0], [0xfffffffe, 0xffffffff, 0xffffffff, 7], [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]];
    let checked = 0;
    for (const dist of [1, 2]) {
      for (const [affine, a, b] of [[0, 0, 0], [1, 3.5, 0], [2, -2.25, 0.75], [2, 1e-30, -7], [1, NaN, 0], [2, Infinity, 1]]) {
        for (let n = 1; n <= 8; n++) {
          for (let r = 0; r < 40; r++) {
            const c = r < counters.length ? counters[r] : [rnd(), rnd(), rnd(), rnd()];
            const k0 = rnd(), k1 = rnd();
            const js = new Float32Array(n), nat = new Float32Array(n);
            tinyFill(dist, affine, Math.fround(a), Math.fround(b), k0, k1, c[0], c[1], c[2], c[3], js);
            setFillParams({ dist, dtype: 'float32', affine, a: Math.fround(a), b: Math.fround(b) }, k0, k1, c[0], c[1], c[2], c[3]);
            addon.fill(nat);
            assert.deepStrictEqual(new Uint32Array(js.buffer), new Uint32Array(nat.buffer), `dist ${dist} affine ${affine} n ${n} counter ${c}`);
            checked++;
          }
        }
      }
    }
    assert.strictEqual(checked, 2 * 6 * 8 * 40);
  });
});
