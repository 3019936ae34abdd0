#!/usr/bin/env node
'use strict';
// npm run test:asan — the addon under AddressSanitizer + UndefinedBehaviorSanitizer.
//
// 1. Builds the addon with -DTFP_SANITIZE=ON into build-asan/ (never build/,
//    which node-gyp-build would load in ordinary runs).
// 2. Runs the whole mocha suite (workers, terminated workers, detached
//    buffers included) against that binary: TF_PHILOX_ADDON points lib/native
//    at it, the ASan runtime is preloaded into node (it must come first), and
//    every process — child processes of the tests too — writes any report to
//    build-asan/logs/. UBSan aborts on the first finding
//    (-fno-sanitize-recover=undefined).
// 3. Runs a LeakSanitizer check: workers terminated while async calls are in
//    flight must leave nothing of ours behind (scripts/asan-leaks.js).
// Any report, a failing test or a non-zero exit fails the run.
// Options: --no-build (use the existing build-asan/), --no-leaks, -- <mocha args>.
const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const buildDir = path.join(root, 'build-asan');
const addonPath = path.join(buildDir, 'Release', 'tf_philox.node');
const logDir = path.join(buildDir, 'logs');
const args = process.argv.slice(2);
const dashdash = args.indexOf('--');
const mochaArgs = dashdash >= 0 ? args.slice(dashdash + 1) : [];

function run(cmd, argv, opts = {}) {
  console.log(`\n$ ${[cmd, ...argv].join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });
  return r.status === null ? 128 : r.status;
}

function fail(msg) {
  console.error(`\ntest:asan: ${msg}`);
  process.exit(1);
}

let libasan;
try {
  libasan = execFileSync('gcc', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).trim();
} catch {
  fail('gcc is needed (for the ASan runtime, gcc -print-file-name=libasan.so)');
}
if (!path.isAbsolute(libasan) || !fs.existsSync(libasan)) fail(`no ASan runtime found (gcc says ${libasan})`);

if (!args.includes('--no-build')) {
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  const rc = run(process.execPath, [cmakeJs, 'build', '--out', buildDir, '--CDTFP_SANITIZE=ON', '--CDCMAKE_CXX_FLAGS=-g', '-p', '2']);
  if (rc !== 0) fail('the sanitizer build failed');
}
if (!fs.existsSync(addonPath)) fail(`${addonPath} is missing`);
if (run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json']) !== 0) fail('tsc failed');

fs.rmSync(logDir, { recursive: true, force: true });
fs.mkdirSync(logDir, { recursive: true });
const env = {
  ...process.env,
  LD_PRELOAD: [libasan, process.env.LD_PRELOAD].filter(Boolean).join(' '),
  ASAN_OPTIONS: `detect_leaks=0:abort_on_error=1:log_path=${path.join(logDir, 'asan')}`,
  UBSAN_OPTIONS: `print_stacktrace=1:halt_on_error=1:log_path=${path.join(logDir, 'ubsan')}`,
  TF_PHILOX_ADDON: addonPath,
};

// Proof that the sanitized binary is the one loaded (and that ASan is live).
const probe = spawnSync(process.execPath, ['-e',
  "const t = require('.'); const a = require('./dist/native').addon; console.log(t.kernel, typeof a.fill)"],
{ cwd: root, env, encoding: 'utf8' });
if (probe.status !== 0) fail(`the sanitized addon does not load:\n${probe.stderr}`);
const maps = spawnSync(process.execPath, ['-e',
  "require('.'); const m = require('fs').readFileSync('/proc/self/maps', 'utf8'); " +
  "console.log(m.includes('build-asan/Release/tf_philox.node') && m.includes('libasan'))"],
{ cwd: root, env, encoding: 'utf8' });
if (maps.stdout.trim() !== 'true') fail('the sanitized addon or the ASan runtime is not what node loaded');
console.log(`test:asan: kernel ${probe.stdout.trim().split(' ')[0]}, ${addonPath} with ${libasan}`);

const mocha = require.resolve('mocha/bin/mocha.js');
// The packaging test (npm pack + install into a new project) checks no native
// memory and its npm child processes do not run under the preloaded runtime.
const rc = run(process.execPath, [mocha, '--timeout', '900000', '--ignore', 'test/package.test.js', ...mochaArgs], { env });

const reports = fs.readdirSync(logDir);
for (const f of reports) {
  console.error(`\n==== ${f}`);
  console.error(fs.readFileSync(path.join(logDir, f), 'utf8'));
}
if (reports.length) fail(`${reports.length} sanitizer report(s) in ${logDir}`);
if (rc !== 0) fail(`mocha exited with ${rc}`);

if (!args.includes('--no-leaks')) {
  const lrc = run(process.execPath, [path.join(__dirname, 'asan-leaks.js')], { env });
  if (lrc !== 0) fail('the leak check failed');
}
console.log('\ntest:asan: clean (no ASan/UBSan report, all tests passed, no leak from the addon)');
