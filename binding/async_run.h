// Runs a Job on the libuv threadpool, split into parts at unit boundaries.
// Execute() touches only C++ memory (the job and a scratch block the addon
// owns); the promise resolves on the main thread with that block as an
// external ArrayBuffer. Copying into a caller's buffer is lib/'s business, done
// only while that buffer is still attached.
#pragma once
#include <napi.h>
#include <memory>

#include "jobs.h"

namespace tfp_binding {

Napi::Promise run_async(Napi::Env env, std::unique_ptr<Job> job, size_t parts);

}  // namespace tfp_binding
