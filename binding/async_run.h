// Runs a Job on the libuv threadpool, split into parts at unit boundaries.
// Execute() touches no V8 object and no caller's ArrayBuffer; it writes into
// one of three targets, and on the main thread the last part calls
// `done(err, result)`:
//   kFresh  a block the addon allocates (large ones lent by the pool while
//           its loans are under their cap); result: that block as an
//           external ArrayBuffer (freed, or back to the pool, when collected
//           or disposed), for calls without an `out`.
//   kHeld   a block from the environment's ScratchPool (already faulted in
//           after the first calls); result: a handle, the block's id (a
//           number) in the environment's registry. lib/ copies it into the
//           caller's `out` on the main thread with copy_out(), chunk by
//           chunk, each chunk only while `out` is still attached and of its
//           size, then release()s it back to the pool. Blocks still held when
//           the environment goes away are freed by its cleanup hook.
//   kDirect the memory of a SharedArrayBuffer-backed `out`: such a buffer
//           cannot be detached and its memory never moves or shrinks (a
//           growable one only grows), and a reference to the view keeps it
//           alive until the call completes; result: null.
//   kStream an ArrayBuffer-backed `out`, for jobs that cannot fail and
//           write in output order (Job::unit_bytes): the parts compute
//           chunks (a few MiB) into pool scratch, one chunk per threadpool
//           item, each part queueing its next chunk as the last completes;
//           on the main thread every completed prefix of chunks is copied
//           into `out` while it is still attached and of its byte length,
//           so copying overlaps the computing. The threadpool never touches
//           `out` (a detached or shrunk buffer's memory may be gone).
//           Copying takes about 4 ms of an event-loop turn at most (1 MiB
//           pieces); what is left when the last part ends is handed to
//           lib/ like kHeld.
//           result: null, or a handle and the byte offset where lib/
//           continues copying; if `out` changed, a TypeError and no further
//           writes (what was copied before stays).
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
#include <cstdint>
#include <memory>

#include "jobs.h"

namespace tfp_binding {

struct AsyncCalls;  // per-environment registry of calls in flight

// Creates the registry of `env` and registers its cleanup hook.
std::shared_ptr<AsyncCalls> async_calls(Napi::Env env);

enum class Target { kFresh, kHeld, kDirect, kStream };

// Queues `job`; `done` is called exactly once unless the environment goes away
// first. kDirect: `out` is the SharedArrayBuffer-backed view and `data` its
// memory, exactly job->bytes() long (the caller has checked both); kStream:
// `out` is the ArrayBuffer-backed view (checked before every copy), `data`
// is ignored; otherwise both are ignored.
void run_async(Napi::Env env, const std::shared_ptr<AsyncCalls>& calls, std::unique_ptr<Job> job,
               size_t parts, Napi::Function done, Target target = Target::kFresh,
               Napi::Value out = Napi::Value(), void* data = nullptr);

// A TypedArray that is attached and has exactly `bytes` bytes: its memory.
// A detached view reads as 0 bytes: rejected, never a silent no-op. *shared
// (if given) tells whether a SharedArrayBuffer backs it.
uint8_t* output_bytes(Napi::Env env, const Napi::Value& v, size_t bytes, bool* shared = nullptr);

// A fresh ArrayBuffer of `bytes` bytes for a result (not zeroed: the caller
// writes every byte) from the environment's pool, going back to it when
// collected or disposed; undefined when the result should be allocated in JS
// instead (small, or the pool's loans are at their cap). Throws std::bad_alloc.
Napi::Value allocate_result(Napi::Env env, AsyncCalls& calls, size_t bytes);

// dispose(buffer): if `buffer` is a result's ArrayBuffer lent by the pool,
// detaches it and returns its block to the pool now -> true; else false
// (nothing changes).
// [bytes on loan, bytes idle, loans] of the environment's pool.
Napi::Value pool_stats(Napi::Env env, AsyncCalls& calls);
Napi::Value dispose_result(const Napi::CallbackInfo& info, AsyncCalls& calls);

// copyOut(handle, out, from, to): copies elements [from, to) of a kHeld
// result into the same elements of `out` (a TypedArray, attached, exactly the
// result's byte length).
Napi::Value copy_out(const Napi::CallbackInfo& info, AsyncCalls& calls);
// release(handle): returns a kHeld result's block to the pool; later copyOut
// calls with it throw. Releasing an unknown or released handle is a no-op.
Napi::Value release_scratch(const Napi::CallbackInfo& info, AsyncCalls& calls);

}  // namespace tfp_binding
