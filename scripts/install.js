#!/usr/bin/env node
'use strict';
// npm's install step. Uses the prebuilt binary when it loads and works on
// this machine; otherwise (or with --build-from-source) compiles with
// cmake-js. A machine that can run the prebuild needs no compiler.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const fromSource =
  /^(true|1|tf-philox)$/i.test(process.env.npm_config_build_from_source || '') ||
  process.argv.includes('--build-from-source');

function prebuildWorks() {
  try {
    const addon = require('node-gyp-build')(root);
    return typeof addon.kernelName() === 'string';
  } catch (e) {
    console.error(`tf-philox: no usable prebuilt binary (${String(e.message).split('\n')[0]})`);
    return false;
  }
}

function buildFromSource() {
  console.error('tf-philox: building the native addon from source with cmake-js');
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  const r = spawnSync(process.execPath, [cmakeJs, 'rebuild', '--out', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    // Not fatal: lib/ falls back to the bit-identical TypeScript backend
    // (slower). `require('tf-philox').backend` then reports 'js'.
    console.error('tf-philox: the native build failed; using the pure-TypeScript backend (same values, slower)');
    if (fromSource) process.exit(r.status === null ? 1 : r.status);
  }
}

if (fromSource || !prebuildWorks()) buildFromSource();
