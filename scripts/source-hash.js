#!/usr/bin/env node
'use strict';
// The hash of the sources a native binary is built from: every file under
// cpp/ and binding/, and CMakeLists.txt. CMake embeds it in the addon at
// configure time; test/prebuild.test.js compares it with the tree, so a
// committed prebuild made from other sources fails the tests.
//   sha256 over, for each file in sorted relative-path order:
//     path (forward slashes) NUL contents NUL
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

function walk(rel, acc) {
  const abs = path.join(root, rel);
  for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
    const r = rel + '/' + ent.name;
    if (ent.isDirectory()) walk(r, acc);
    else if (ent.isFile()) acc.push(r);
  }
  return acc;
}

function sourceHash() {
  const files = [...walk('cpp', []), ...walk('binding', []), 'CMakeLists.txt'].sort();
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(f);
    h.update('\0');
    h.update(fs.readFileSync(path.join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

module.exports = { sourceHash };
if (require.main === module) process.stdout.write(sourceHash() + '\n');
