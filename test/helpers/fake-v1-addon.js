'use strict';
// Stands in for a stale native binary (binding interface v1: no
// bindingVersion, promise-returning async entry points) for the load check
// in test/bad_input.test.js.
module.exports = {
  paramSlots: 17,
  setParamBlock() {},
  fillAsync() { return new Promise(() => {}); },
  kernelName() { return 'scalar'; },
};
