'use strict';
// README's main command: the tf.random.set_seed documentation examples, every
// one equal to what real TensorFlow printed.
const assert = require('assert');
const path = require('path');
const { execFileSync } = require('child_process');

describe('npm run demo', function () {
  it('reproduces every tf.random.set_seed documentation example', function () {
    const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', 'demo.js')]).toString();
    assert.match(out, /^16 passed, 0 failed$/m);
    assert.doesNotMatch(out, /✘/);
  });
});
