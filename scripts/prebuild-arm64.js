#!/usr/bin/env node
'use strict';
// npm run prebuilds:arm64: cross-compiles the addon for linux-arm64 (Debian's
// g++-aarch64-linux-gnu, cmake/aarch64-linux-gnu.cmake, -ffp-contract=off as
// everywhere), strips it, checks it under qemu with an arm64 Node of this
// host's version (it must load, embed the hash of these sources, and replay
// the TensorFlow golden files exactly on every kernel tier it has), and only
// then writes prebuilds/linux-arm64/tf-philox.node.
// Re-run it whenever cpp/, binding/ or CMakeLists.txt change (like
// npm run prebuilds for linux-x64): test/prebuild.test.js rejects stale binaries.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const t = require('./test-arm64');

const root = path.resolve(__dirname, '..');
const dest = path.join(root, 'prebuilds', 'linux-arm64', 'tf-philox.node');

t.checkTools();
const node = t.arm64Node();
const built = t.buildAddon();
const stripped = path.join(path.dirname(built), 'tf-philox.stripped.node');
const s = spawnSync('aarch64-linux-gnu-strip', ['--strip-unneeded', '-o', stripped, built], { stdio: 'inherit' });
if (s.status !== 0) {
  console.error('prebuild-arm64: strip failed');
  process.exit(1);
}
const results = t.replay(node, t.stage(stripped), 'linux-arm64 prebuild');
const bad = results.filter((r) => !r.ok);
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
if (bad.length) {
  console.error('prebuild-arm64: checks failed; prebuilds/linux-arm64 left unchanged');
  process.exit(1);
}
// the newest glibc symbol version the binary needs
const syms = spawnSync('aarch64-linux-gnu-objdump', ['-T', stripped], { encoding: 'utf8' }).stdout || '';
const vers = [...syms.matchAll(/GLIBC_(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
vers.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
fs.mkdirSync(path.dirname(dest), { recursive: true });
fs.copyFileSync(stripped, dest);
const glibc = vers.length ? `${vers[vers.length - 1][0]}.${vers[vers.length - 1][1]}` : '?';
console.log(`prebuild-arm64: wrote ${path.relative(root, dest)} (${fs.statSync(dest).size} bytes, needs glibc >= ${glibc})`);
