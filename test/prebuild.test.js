'use strict';
// The committed prebuilt binary must be built from the committed sources:
// the addon embeds a hash of cpp/ + binding/ + CMakeLists.txt (see
// scripts/source-hash.js) and this test recomputes it from the tree.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { sourceHash } = require('../scripts/source-hash');

const root = path.join(__dirname, '..');

describe('native binary', function () {
  it('the loaded addon was built from these sources', function () {
    const addon = require('node-gyp-build')(root);
    assert.strictEqual(addon.sourceHash, sourceHash(), 'rebuild the addon (npm run build:native) or the prebuild (npm run prebuilds)');
  });

  const dir = path.join(root, 'prebuilds', `${process.platform}-${process.arch}`);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.node')) : [];
  it(`a prebuild for ${process.platform}-${process.arch} is committed`, function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip();
    assert.ok(files.length > 0, `no prebuild in ${dir}`);
  });
  for (const f of files) {
    it(`prebuilds/${process.platform}-${process.arch}/${f} matches the sources`, function () {
      const addon = require(path.join(dir, f));
      assert.strictEqual(addon.sourceHash, sourceHash(), 'the committed prebuild is stale: run npm run prebuilds and commit it');
      assert.strictEqual(typeof addon.kernelName(), 'string');
    });
  }
});
