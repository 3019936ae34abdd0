'use strict';
// worker_threads entry: loads the package in this worker (the addon must be
// context-aware) and posts the workload's digest, `rounds` times.
const { parentPort, workerData } = require('worker_threads');
const t = require(workerData.root);
const { workload } = require('./workload');

(async () => {
  const digests = [];
  for (let i = 0; i < workerData.rounds; i++) digests.push(await workload(t));
  parentPort.postMessage({ digests, kernel: t.kernel });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack) }));
