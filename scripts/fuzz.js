#!/usr/bin/env node
'use strict';
// npm run fuzz: builds each libFuzzer target in fuzz/ against the C++ core
// (cpp/, with the same per-ISA kernel files and flags as CMakeLists.txt) with
// -fsanitize=fuzzer,address,undefined, then runs each for a fixed time,
// starting from the committed corpus fuzz/corpus/<target>/. Fails (exit 1) if
// any target crashes, hangs, leaks or trips a sanitizer; the crashing input is
// left in build-fuzz/artifacts/ (replay: build-fuzz/<target> <file>).
//
//   npm run fuzz                          every target, 60 s each
//   npm run fuzz -- --seconds=300         or FUZZ_SECONDS=300
//   npm run fuzz -- --only=kernels,fill   a subset (FUZZ_ONLY=...)
//   npm run fuzz -- --merge               also merge new coverage into fuzz/corpus/
//   npm run fuzz -- --build-only
//
// Needs clang with libFuzzer (Debian: clang libfuzzer-14-dev libclang-rt-14-dev).
// Not part of npm test / CI.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'build-fuzz');
const objDir = path.join(out, 'obj');

function opt(name, env, dflt) {
  const a = process.argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  if (a) return a.includes('=') ? a.slice(a.indexOf('=') + 1) : true;
  if (env && process.env[env] !== undefined && process.env[env] !== '') return process.env[env];
  return dflt;
}

const seconds = Number(opt('seconds', 'FUZZ_SECONDS', 60));
const timeout = Number(opt('timeout', 'FUZZ_TIMEOUT', 60));  // per input, seconds
const only = String(opt('only', 'FUZZ_ONLY', '') || '').split(',').filter(Boolean);
const merge = Boolean(opt('merge', null, false));
const buildOnly = Boolean(opt('build-only', null, false));
const cxx = process.env.FUZZ_CXX || 'clang++';
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('fuzz: --seconds must be a positive number');
  process.exit(2);
}

const probe = spawnSync(cxx, ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error(`fuzz: ${cxx} not found; install clang with libFuzzer ` +
    '(Debian: apt-get install clang libfuzzer-14-dev libclang-rt-14-dev) or set FUZZ_CXX');
  process.exit(2);
}

// ---- sources and flags: CMakeLists.txt's selection ---------------------------
const arch = os.arch();
const base = ['-std=c++17', '-O1', '-g', '-fno-omit-frame-pointer', '-ffp-contract=off',
  '-fno-fast-math', '-fno-strict-aliasing', '-fno-sanitize-recover=undefined',
  '-I', path.join(root, 'cpp'), '-I', path.join(root, 'fuzz')];
const defs = [];
const list = (dir) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.cc')).sort().map((f) => `${dir}/${f}`);
const core = [...list('cpp'), ...list('cpp/ops'), 'cpp/kernels/scalar.cc'];
const perFile = {};
if (arch === 'x64') {
  core.push('cpp/kernels/avx2.cc', 'cpp/kernels/avx512.cc');
  perFile['cpp/kernels/avx2.cc'] = ['-mavx2', '-mno-fma'];
  // clang's -mno-fma would switch avx512f off again (avx512f implies fma in
  // clang); -ffp-contract=off alone keeps FMA out of the arithmetic.
  perFile['cpp/kernels/avx512.cc'] = ['-mavx512f', '-mavx512dq', '-mavx512bw', '-mavx512vl', '-mavx2'];
  defs.push('-DTFP_HAVE_X86_KERNELS=1');
} else if (arch === 'arm64' && fs.existsSync(path.join(root, 'cpp/kernels/neon.cc'))) {
  core.push('cpp/kernels/neon.cc');
  defs.push('-DTFP_HAVE_NEON_KERNEL=1');
}

const targets = fs.readdirSync(path.join(root, 'fuzz'))
  .filter((f) => /^fuzz_.*\.cc$/.test(f))
  .map((f) => f.slice(5, -3))
  .filter((t) => !only.length || only.includes(t))
  .sort();
if (!targets.length) {
  console.error(`fuzz: no target matches ${only.join(',')}`);
  process.exit(2);
}

function newest(dir, ext) {
  let t = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (ext.some((x) => e.name.endsWith(x))) t = Math.max(t, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return t;
}
const headersTime = Math.max(newest(path.join(root, 'cpp'), ['.h']), newest(path.join(root, 'fuzz'), ['.h']),
  fs.statSync(__filename).mtimeMs);

function stale(obj, src) {
  if (!fs.existsSync(obj)) return true;
  const t = fs.statSync(obj).mtimeMs;
  return t < fs.statSync(src).mtimeMs || t < headersTime;
}

function compileAll(jobs) {
  // jobs: [{src, obj, flags}]; run two at a time (the machine has 2 cores)
  const todo = jobs.filter((j) => stale(j.obj, j.src));
  return new Promise((resolve, reject) => {
    let next = 0, running = 0, failed = null;
    const startOne = () => {
      if (failed) return;
      if (next >= todo.length) { if (running === 0) resolve(); return; }
      const j = todo[next++];
      running++;
      fs.mkdirSync(path.dirname(j.obj), { recursive: true });
      console.log(`fuzz: compile ${path.relative(root, j.src)}`);
      const p = spawn(cxx, [...j.flags, '-c', j.src, '-o', j.obj], { stdio: 'inherit' });
      p.on('close', (code) => {
        running--;
        if (code !== 0) { failed = new Error(`compile failed: ${j.src}`); reject(failed); return; }
        startOne();
      });
    };
    const par = Math.max(1, Math.min(os.cpus().length, 4));
    for (let i = 0; i < par; i++) startOne();
    if (todo.length === 0) resolve();
  });
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status === null ? 128 : r.status;
}

async function main() {
  const coreSan = [...base, ...defs, '-fsanitize=fuzzer-no-link,address,undefined'];
  const jobs = core.map((src) => ({
    src: path.join(root, src),
    obj: path.join(objDir, src.replace(/\.cc$/, '.o')),
    flags: [...coreSan, ...(perFile[src] || [])],
  }));
  for (const t of targets) {
    jobs.push({ src: path.join(root, 'fuzz', `fuzz_${t}.cc`), obj: path.join(objDir, `fuzz/fuzz_${t}.o`), flags: coreSan });
  }
  await compileAll(jobs);
  const coreObjs = jobs.filter((j) => !j.src.includes(`${path.sep}fuzz${path.sep}`)).map((j) => j.obj);
  for (const t of targets) {
    const bin = path.join(out, t);
    const obj = path.join(objDir, `fuzz/fuzz_${t}.o`);
    const newestObj = Math.max(...[obj, ...coreObjs].map((o) => fs.statSync(o).mtimeMs));
    if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < newestObj) {
      console.log(`fuzz: link ${t}`);
      if (run(cxx, ['-fsanitize=fuzzer,address,undefined', obj, ...coreObjs, '-lm', '-lpthread', '-o', bin]) !== 0) {
        console.error(`fuzz: link failed for ${t}`);
        process.exit(1);
      }
    }
  }
  if (buildOnly) return;

  const env = {
    ...process.env,
    ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=1:allocator_may_return_null=0',
    UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'halt_on_error=1:print_stacktrace=1',
  };
  const results = [];
  for (const t of targets) {
    const committed = path.join(root, 'fuzz', 'corpus', t);
    const scratch = path.join(out, 'corpus', t);
    const artifacts = path.join(out, 'artifacts');
    fs.mkdirSync(committed, { recursive: true });
    fs.mkdirSync(scratch, { recursive: true });
    fs.mkdirSync(artifacts, { recursive: true });
    console.log(`\n== fuzz ${t}: ${seconds} s (corpus ${path.relative(root, committed)}, ${fs.readdirSync(committed).length} files)`);
    const t0 = Date.now();
    // New inputs go to the first directory (the scratch one); the committed
    // corpus is only read.
    const code = run(path.join(out, t), [
      `-max_total_time=${Math.round(seconds)}`, `-timeout=${Math.round(timeout)}`, '-rss_limit_mb=4096',
      '-max_len=4096', '-print_final_stats=1', `-artifact_prefix=${artifacts}${path.sep}${t}-`,
      scratch, committed,
    ], { env });
    const secs = ((Date.now() - t0) / 1000).toFixed(0);
    results.push({ t, ok: code === 0, secs });
    console.log(`fuzz ${t}: ${code === 0 ? 'clean' : `FAILED (exit ${code}), input in ${path.relative(root, artifacts)}`} after ${secs} s`);
    if (merge && code === 0) {
      console.log(`fuzz ${t}: merging new coverage into ${path.relative(root, committed)}`);
      run(path.join(out, t), ['-merge=1', `-timeout=${Math.round(timeout)}`, committed, scratch], { env });
    }
  }
  const failed = results.filter((r) => !r.ok);
  console.log('\nfuzz summary:');
  for (const r of results) console.log(`  ${r.t.padEnd(10)} ${r.ok ? 'clean' : 'FAILED'} (${r.secs} s)`);
  console.log(`fuzz: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`fuzz: ${e.message}`);
  process.exit(1);
});
