'use strict';
// Runs a helper script in a Node process of its own (with extra env and Node
// flags) and parses the JSON line it prints; its stderr is kept for the error
// a failing child throws.
const { execFileSync } = require('child_process');

module.exports = function childJson(script, env = {}, flags = []) {
  return JSON.parse(execFileSync(process.execPath, [...flags, script],
    { env: { ...process.env, ...env }, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }).toString());
};
