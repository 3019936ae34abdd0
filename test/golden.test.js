'use strict';
// The TensorFlow-recorded golden data, replayed through the public API: the
// shared acceptance files and our own recordings (tools/golden/record.py).
const assert = require('assert');
const api = require('..');
const { loadFixture, fixtureExists, replayFile } = require('./replay');

const FILES = ['shared-tf-2.21-core.json', 'shared-tf-2.21-scenarios.json', 'tf-core.json', 'tf-stateful.json',
  'tf-stateless.json', 'tf-stateless-extra.json'];

for (const file of FILES) {
  describe(`golden ${file}`, function () {
    it('is present and was recorded from TensorFlow 2.21', function () {
      assert.ok(fixtureExists(file), `test/fixtures/${file} is missing`);
      assert.match(String(loadFixture(file).tensorflow), /^2\.21\./);
    });
    replayFile(api, file);
  });
}
