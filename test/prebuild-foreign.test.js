'use strict';
// Prebuilds for other platforms (prebuilds/linux-arm64/, made by
// scripts/prebuild-arm64.js) cannot be loaded here, but each embeds the hash
// of the sources it was built from (scripts/source-hash.js) as a 64-digit hex
// string: it must be the hash of this tree, or the binary is stale.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { sourceHash } = require('../scripts/source-hash');

const root = path.join(__dirname, '..');
const here = `${process.platform}-${process.arch}`;
const dirs = fs.existsSync(path.join(root, 'prebuilds'))
  ? fs.readdirSync(path.join(root, 'prebuilds')).filter((d) => d !== here)
  : [];

describe('prebuilds for other platforms', function () {
  for (const d of dirs) {
    const files = fs.readdirSync(path.join(root, 'prebuilds', d)).filter((f) => f.endsWith('.node'));
    for (const f of files) {
      it(`prebuilds/${d}/${f} was built from these sources`, function () {
        const bin = fs.readFileSync(path.join(root, 'prebuilds', d, f)).toString('latin1');
        const hashes = bin.match(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g) || [];
        assert.ok(hashes.length > 0, 'no embedded source hash found');
        assert.ok(hashes.includes(sourceHash()),
          `the committed prebuild is stale (embeds ${hashes.join(', ')}): re-run its build script ` +
          '(linux-arm64: npm run prebuilds:arm64) and commit it');
      });
    }
  }
  if (!dirs.length) it('(none committed)', function () { this.skip(); });
});
