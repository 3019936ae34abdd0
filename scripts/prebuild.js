#!/usr/bin/env node
'use strict';
// Builds prebuilds/<platform>-<arch>/tf-philox.node (N-API, stripped) with
// prebuildify, which drives cmake-js through scripts/node-gyp-shim.js.
const path = require('path');
const prebuildify = require('prebuildify');

prebuildify(
  {
    cwd: path.resolve(__dirname, '..'),
    napi: true,
    strip: true,
    nodeGyp: path.join(__dirname, 'node-gyp-shim.js'),
    targets: [process.versions.node],
  },
  (err) => {
    if (err) {
      console.error(err.message || err);
      process.exit(1);
    }
  },
);
