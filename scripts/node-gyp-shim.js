#!/usr/bin/env node
'use strict';
// prebuildify knows only node-gyp; it runs this script in its place
// (`node-gyp rebuild --target=… --arch=… --release`) and then collects
// build/Release/*.node. We build with cmake-js into the same place.
const { spawnSync } = require('child_process');
const path = require('path');

const args = process.argv.slice(2);
const arch = (args.find((a) => a.startsWith('--arch=')) || '').slice(7);
const debug = args.includes('--debug');
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const cmd = [cmakeJs, 'rebuild', '--out', 'build'];
if (arch) cmd.push('--arch', arch);
if (debug) cmd.push('--debug');
const r = spawnSync(process.execPath, cmd, { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
