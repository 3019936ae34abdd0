// Runs a Job on the libuv threadpool, split into parts at unit boundaries.
// Execute() touches only C++ memory (the job and a scratch block the addon
// owns); on the main thread the last part calls `done(err, arrayBuffer)` with
// that block as an external ArrayBuffer. Copying into a caller's buffer is
// lib/'s business, done only while that buffer is still attached.
//
// A JS callback (a napi_ref), not a promise: a promise's napi_deferred can only
// be released by settling it, which is impossible once a worker environment is
// being torn down (LeakSanitizer reported every call pending at
// worker.terminate()). A reference is released without running JS. Node 20
// finishes pending threadpool work during teardown, with JS already stopped:
// the completion then frees the scratch memory and drops the reference. An
// environment cleanup hook marks the registry closed and drops the references
// of any call still registered (none on Node 20, whose hooks run after those
// completions; a guard should that order ever change).
#pragma once
#include <napi.h>
#include <memory>

#include "jobs.h"

namespace tfp_binding {

struct AsyncCalls;  // per-environment registry of calls in flight

// Creates the registry of `env` and registers its cleanup hook.
std::shared_ptr<AsyncCalls> async_calls(Napi::Env env);

// Queues `job`; `done` is called exactly once unless the environment goes away first.
void run_async(Napi::Env env, const std::shared_ptr<AsyncCalls>& calls, std::unique_ptr<Job> job,
               size_t parts, Napi::Function done);

}  // namespace tfp_binding
