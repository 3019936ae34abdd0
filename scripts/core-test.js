#!/usr/bin/env node
'use strict';
// Builds and runs the Node-free C++ core tests (cpp/test/*.cc): every SIMD
// tier against the scalar reference, the exhaustive logf/sincosf proof, the
// known-answer vectors and the TF golden data for the fill layer.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const buildDir = path.join(root, 'build-core');
const core = path.join(root, 'test', 'fixtures', 'shared-tf-2.21-core.json');
const own = path.join(root, 'test', 'fixtures', 'tf-core.json');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`core-test: ${path.basename(cmd)} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

run('cmake', ['-S', root, '-B', buildDir, '-DTFP_CORE_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release']);
run('cmake', ['--build', buildDir, '-j2']);
const tests = fs.readdirSync(path.join(root, 'cpp', 'test')).filter((f) => f.endsWith('.cc')).map((f) => f.slice(0, -3)).sort();
let passed = 0;
for (const t of tests) {
  const args = [core];
  if (fs.existsSync(own)) args.push(own);
  console.log(`\n== ${t}`);
  run(path.join(buildDir, t), args);
  passed++;
}
console.log(`\ncore tests: ${passed} passed, 0 failed`);
