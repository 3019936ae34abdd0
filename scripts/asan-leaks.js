#!/usr/bin/env node
'use strict';
// LeakSanitizer check for the addon, run by scripts/asan.js (which preloads
// the ASan runtime and sets TF_PHILOX_ADDON): a child node process starts
// workers that queue async calls of every kind, terminates them while the
// calls are in flight, and exits; LeakSanitizer then lists what was never
// freed. A leak allocated by the addon — directly, or through the N-API call
// it made (a napi_deferred, a reference…) — fails the check; others (Node's
// own) are only counted.
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
  // (no process.exit(): it skips the main environment's teardown, and
  // LeakSanitizer would list all of Node's memory)
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
// The frames above the allocator: N-API entry points are skipped, and the
// first frame left decides (ours, or Node/V8 internals that merely run below
// an addon call, such as V8 growing its heap while the addon sets a property).
function allocatedByAddon(block) {
  const frames = block.split('\n').filter((l) => /^\s+#\d+ /.test(l)).slice(1);
  for (const f of frames) {
    if (/ in (napi_|v8impl::|node::napi|operator new|__interceptor|malloc|calloc)/.test(f)) continue;
    return /tf_philox\.node|tfp_binding|tfp::|Napi::/.test(f);
  }
  return false;
}

let ours = 0, others = 0;
for (const f of fs.readdirSync(dir)) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  for (const block of text.split(/\n(?=(?:Direct|Indirect) leak)/)) {
    if (!/^(Direct|Indirect) leak/.test(block)) continue;
    if (allocatedByAddon(block)) {
      ours++;
      console.error(block);
    } else others++;
  }
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`asan-leaks: ${ours} leak(s) from the addon, ${others} elsewhere (not ours)`);
process.exit(ours ? 1 : 0);
