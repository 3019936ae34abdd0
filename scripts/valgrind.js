#!/usr/bin/env node
'use strict';
// npm run test:valgrind — scripts/valgrind-smoke.js under valgrind memcheck
// with the AVX2 tier (TF_PHILOX_KERNEL=avx2; valgrind has no AVX-512), against
// the addon lib/ loads (build/Release or the prebuild; TF_PHILOX_ADDON picks
// another). Fails on any memcheck error in which the addon takes part
// (invalid reads/writes, uses of uninitialised values, bad frees); errors
// wholly inside node/V8 are counted and printed but do not fail the run.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const which = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
if (which.status !== 0) {
  console.error('test:valgrind: valgrind is not installed (apt-get install valgrind)');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfp-valgrind-'));
const xml = path.join(dir, 'memcheck.xml');
const args = [
  '--tool=memcheck', '--error-limit=no', '--leak-check=no', '--track-origins=no', '--smc-check=all-non-file',
  '--xml=yes', `--xml-file=${xml}`,
  process.execPath, '--jitless', '--single-threaded-gc', path.join(__dirname, 'valgrind-smoke.js'),
];
console.log(`$ valgrind ${args.join(' ')}  (${which.stdout.trim()}, ~1 min)`);
const r = spawnSync('valgrind', args, {
  cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TF_PHILOX_KERNEL: 'avx2' },
});
const text = fs.existsSync(xml) ? fs.readFileSync(xml, 'utf8') : '';
fs.rmSync(dir, { recursive: true, force: true });
const errors = text.split('<error>').slice(1);
const ours = errors.filter((e) => /tf_philox|tf-philox|tfp_binding|tfp::|Napi::/.test(e));
for (const e of ours) {
  const kind = (e.match(/<kind>(.*?)<\/kind>/) || [])[1];
  const what = (e.match(/<text>(.*?)<\/text>/) || [])[1];
  const frames = [...e.matchAll(/<fn>(.*?)<\/fn>/g)].map((m) => m[1]).slice(0, 8);
  console.error(`memcheck: ${kind}: ${what}\n    ${frames.join('\n    ')}`);
}
const elsewhere = errors.filter((e) => !ours.includes(e)).map((e) => {
  const kind = (e.match(/<kind>(.*?)<\/kind>/) || [])[1];
  const fn = (e.match(/<fn>(.*?)<\/fn>/) || [])[1];
  return `${kind} in ${fn}`;
});
console.log(`test:valgrind: ${ours.length} memcheck error(s) involving the addon, ${elsewhere.length} elsewhere` +
  (elsewhere.length ? ` (${elsewhere.join('; ')})` : ''));
if (r.status !== 0) {
  console.error(`test:valgrind: the script exited with ${r.status ?? r.signal}`);
  process.exit(1);
}
if (!text) {
  console.error('test:valgrind: no memcheck output');
  process.exit(1);
}
process.exit(ours.length ? 1 : 0);
