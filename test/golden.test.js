'use strict';
// The TensorFlow-recorded golden data, replayed through the public API: the
// shared acceptance files and our own recordings (tools/golden/record.py).
const assert = require('assert');
const api = require('..');
const { runScenario, loadFixture, fixtureExists } = require('./replay');

const FILES = ['shared-tf-2.21-core.json', 'shared-tf-2.21-scenarios.json', 'tf-core.json', 'tf-stateful.json', 'tf-stateless.json'];

for (const file of FILES) {
  if (!fixtureExists(file)) continue;
  describe(`golden ${file}`, function () {
    const data = loadFixture(file);
    it('was recorded from TensorFlow 2.21', function () {
      assert.match(String(data.tensorflow), /^2\.21\./);
    });
    for (const [name, steps] of Object.entries(data.scenarios)) {
      it(`${name} (${steps.length} steps)`, function () {
        const stat = runScenario(api, name, steps);
        assert.ok(stat.total > 0, 'scenario compared no values');
        assert.deepStrictEqual(stat.fail.slice(0, 8), [], `${stat.ok}/${stat.total} values exact`);
        assert.strictEqual(stat.ok, stat.total);
      });
    }
  });
}
