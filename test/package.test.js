'use strict';
// The published package: `npm pack`, then install the tarball into a new
// project on a PATH with no compiler, cmake or make, and use it the ways users
// do: require, import, a strict TypeScript consumer, and the CLI through npx.
// Needs the npm registry (for the package's dependencies), like CI.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');

describe('npm pack → install without a compiler', function () {
  this.timeout(600000);
  let dir, env, files;

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfp-pack-'));
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    const info = JSON.parse(out.toString())[0];
    files = info.files.map((f) => f.path);
    // a PATH holding only node, npm, npx and sh (npm runs scripts with it):
    // no cc, c++, cmake or make
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    const nodeDir = path.dirname(process.execPath);
    for (const tool of ['node', 'npm', 'npx', 'sh']) {
      const src = tool === 'sh' ? '/bin/sh' : fs.existsSync(path.join(nodeDir, tool)) ? path.join(nodeDir, tool) : execFileSync('which', [tool]).toString().trim();
      fs.symlinkSync(fs.realpathSync(src), path.join(bin, tool));
    }
    env = { ...process.env, PATH: bin };
    // the installed package as a user gets it: no npm_* or tf-philox overrides
    for (const k of Object.keys(env)) if (/^npm_|^TF_PHILOX_/i.test(k)) delete env[k];
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', path.join(dir, info.filename), 'typescript@5.9.3', '@types/node@20'],
      { cwd: app, env, stdio: 'ignore' });
  });
  after(function () {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ships only what it needs', function () {
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/tfjs.js', 'prebuilds/linux-x64/tf-philox.node',
      'cpp/philox.h', 'binding/addon.cc', 'CMakeLists.txt', 'scripts/install.js', 'README.md', 'LICENSE', 'CHANGELOG.md'])
      assert.ok(files.includes(f), `missing ${f}`);
    for (const f of files) assert.doesNotMatch(f, /^(test|bench|tools|fuzz|examples|node_modules|build)\//, `ships ${f}`);
  });
  it('installed the prebuild: no build/ and the native backend', function () {
    const pkg = path.join(dir, 'app', 'node_modules', 'tf-philox');
    assert.ok(!fs.existsSync(path.join(pkg, 'build')), 'a build/ was created');
    const r = execFileSync('node', ['-p', "const t = require('tf-philox'); t.backend + ' ' + t.kernel"], { cwd: path.join(dir, 'app'), env }).toString().trim();
    assert.match(r, /^native (avx512|avx2|scalar|sse4\.1)$/);
  });
  it('require and import both work and share one module instance', function () {
    const app = path.join(dir, 'app');
    const cjs = execFileSync('node', ['-e', "const t = require('tf-philox'); t.setSeed(1234); console.log(String(t.uniform([1])))"], { cwd: app, env }).toString();
    assert.strictEqual(cjs.trim(), 'tf.Tensor([0.5380393], shape=(1,), dtype=float32)');
    fs.writeFileSync(path.join(app, 'm.mjs'),
      "import * as r from 'tf-philox';\nimport { createRequire } from 'module';\nconst t = createRequire(import.meta.url)('tf-philox');\n" +
      "r.setSeed(1234);\nconsole.log(String(t.uniform([1])), r.uniform === t.uniform);\n");
    assert.strictEqual(execFileSync('node', ['m.mjs'], { cwd: app, env }).toString().trim(), 'tf.Tensor([0.5380393], shape=(1,), dtype=float32) true');
  });
  it('a strict TypeScript consumer type-checks', function () {
    const app = path.join(dir, 'app');
    fs.writeFileSync(path.join(app, 'use.ts'), [
      "import * as tf from 'tf-philox';",
      "import { randomUniform } from 'tf-philox/tfjs';",
      "tf.setSeed(1234n);",
      "const a: tf.Tensor<'float32'> = tf.uniform([2, 3]);",
      "const b: tf.Tensor<'int64'> = tf.uniform([4], { dtype: 'int64', maxval: 10n });",
      "const g = tf.Generator.fromSeed(7);",
      "const c = g.normal([3], { dtype: 'float64' });",
      "const s = tf.statelessUniform([2], [1, 2]);",
      "const f32: Float32Array = a.data; const i64: BigInt64Array = b.data;",
      "void randomUniform; void c; void s; void f32; void i64;",
      "tf.philox.fill(new Uint32Array(4), { key: [1, 2], counter: [0, 0, 0, 0], dist: 'bits' });",
    ].join('\n'));
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', types: ['node'] }, files: ['use.ts'] }));
    execFileSync('node', [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: app, env, stdio: 'pipe' });
  });
  it('npx tf-philox prints TF-style', function () {
    const out = execFileSync('npx', ['tf-philox', 'uniform', '1', '--global-seed', '1234'], { cwd: path.join(dir, 'app'), env }).toString();
    assert.strictEqual(out, 'tf.Tensor([0.5380393], shape=(1,), dtype=float32)\n');
  });
});
