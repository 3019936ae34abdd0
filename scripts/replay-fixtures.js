#!/usr/bin/env node
'use strict';
// Replays TensorFlow-recorded fixture files (test/fixtures/*.json, the format
// of test/replay.js) against a tf-philox package directory and prints one line
// per scenario and a closing "replay: N passed, N failed" line. Used by
// scripts/test-arm64.js under qemu (the package there is a staging copy whose
// only native binary is the arm64 one); works on any host.
//
//   node scripts/replay-fixtures.js [--package=DIR] [FILE.json ...]
// FILE defaults to the two shared acceptance files; bare names are looked up
// in test/fixtures/.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkgArg = process.argv.find((a) => a.startsWith('--package='));
const pkg = pkgArg ? path.resolve(pkgArg.slice(10)) : root;
let files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!files.length) files = ['shared-tf-2.21-core.json', 'shared-tf-2.21-scenarios.json'];

const api = require(pkg);
const { runScenario } = require(path.join(root, 'test', 'replay.js'));

console.log(`replay: package ${pkg}, ${process.platform}-${process.arch}, node ${process.version}, kernel ${api.kernel}`);
let passed = 0, failed = 0, values = 0, exact = 0;
for (const f of files) {
  const file = fs.existsSync(f) ? f : path.join(root, 'test', 'fixtures', f);
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const [name, steps] of Object.entries(data.scenarios)) {
    const t0 = Date.now();
    const stat = runScenario(api, name, steps);
    values += stat.total;
    exact += stat.ok;
    const ok = stat.total > 0 && stat.ok === stat.total && stat.fail.length === 0;
    if (ok) passed++;
    else failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${path.basename(file)} ${name}: ${stat.ok}/${stat.total} values exact (${Date.now() - t0} ms)`);
    for (const m of stat.fail.slice(0, 5)) console.log(`       ${m}`);
  }
}
const pct = values ? ((100 * exact) / values).toFixed(4) : '0';
console.log(`replay: ${exact}/${values} values exact (${pct}%)`);
console.log(`replay: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
