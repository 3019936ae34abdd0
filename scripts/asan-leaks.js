#!/usr/bin/env node
'use strict';
// LeakSanitizer check for the addon, run by scripts/asan.js (which preloads
// the ASan runtime and sets TF_PHILOX_ADDON): a child node process starts
// workers that queue async calls of every kind, terminates them while the
// calls are in flight, and exits; LeakSanitizer then lists what was never
// freed. Any leak whose allocation stack passes through the addon fails the
// check (Node's own allocations, if any, are only counted).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfp-lsan-'));
const child = `
const { Worker } = require('worker_threads');
const root = ${JSON.stringify(root)};
const src = \`
const t = require(${JSON.stringify(root)});
const { parentPort } = require('worker_threads');
const keep = [];
for (let i = 0; i < 3; i++) keep.push(t.uniformAsync([1 << 18], { seed: i }));
keep.push(t.normalAsync([1 << 16], { out: new Float32Array(1 << 16) }));
keep.push(t.gammaAsync([1 << 12], [0.5, 2]));
keep.push(t.poissonAsync([1 << 12], [3, 30], { dtype: 'int32' }));
keep.push(t.categoricalAsync([[1, 2, 3]], 1 << 10));
keep.push(t.philox.fillAsync(new Float64Array(1 << 16), { key: [1, 2], counter: [0, 0, 0, 0], dist: 'normal' }));
if (t.statelessUniformAsync) keep.push(t.statelessUniformAsync([1 << 16], [1, 2]));
if (t.Generator) keep.push(t.Generator.fromSeed(1).normalAsync([1 << 16]));
for (const p of keep) p.catch(() => {});
parentPort.postMessage('queued');
\`;
(async () => {
  for (let i = 0; i < 8; i++) {
    const w = new Worker(src, { eval: true });
    await new Promise((r) => w.once('message', r));
    await new Promise((r) => setTimeout(r, i % 3));
    await w.terminate();
  }
  // and calls still pending when the main environment itself exits
  const t = require(root);
  t.uniformAsync([1 << 18]);
  t.gammaAsync([1 << 12], 2);
  setImmediate(() => process.exit(0));
})();
`;
const r = spawnSync(process.execPath, ['-e', child], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, ASAN_OPTIONS: `detect_leaks=1:fast_unwind_on_malloc=0:exitcode=0:log_path=${path.join(dir, 'lsan')}` },
});
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  console.error(`asan-leaks: the child exited with ${r.status ?? r.signal}`);
  process.exit(1);
}
let ours = 0, others = 0;
for (const f of fs.readdirSync(dir)) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  for (const block of text.split(/\n(?=(?:Direct|Indirect) leak)/)) {
    if (!/^(Direct|Indirect) leak/.test(block)) continue;
    if (/tf_philox\.node|tfp_binding|tfp::|Napi::/.test(block)) {
      ours++;
      console.error(block);
    } else others++;
  }
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`asan-leaks: ${ours} leak(s) from the addon, ${others} elsewhere (not ours)`);
process.exit(ours ? 1 : 0);
