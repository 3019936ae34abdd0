// Output memory the addon owns: scratch for async fills and fresh results
// handed to JS as external ArrayBuffers. Large blocks are mmap'd and advised
// for transparent huge pages, because writing into never-touched 4 KiB pages
// (not the Philox math) dominates big fresh fills.
#pragma once
#include <napi.h>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

namespace tfp_binding {

// Never returns nullptr: throws std::bad_alloc. The memory is not zeroed.
void* alloc_output(size_t bytes);
void free_output(void* p, size_t bytes);

// Hands `p` (from alloc_output) to JS; freed when the ArrayBuffer is collected.
// On failure (e.g. the environment can no longer run JS) `p` is still the
// caller's.
napi_status try_adopt_output(napi_env env, void* p, size_t bytes, napi_value* result);
// The same, throwing a Napi::Error on failure.
Napi::ArrayBuffer adopt_output(Napi::Env env, void* p, size_t bytes);

// Blocks reused across the calls of one environment: async scratch, and
// large fresh results, which come back when JS collects their ArrayBuffer
// (adopt_pooled). A block that has been written once is already faulted in
// (and backed by huge pages where the kernel gave them), so reusing it saves
// the page faults and the kernel's zeroing that otherwise cost more than the
// sampling. At most `cap` bytes stay idle; close() frees them and makes
// every later give() free its block directly. Thread-safe (a mutex): an
// ArrayBuffer's finalizer may run late in an environment's teardown.
class ScratchPool {
 public:
  explicit ScratchPool(size_t cap) : cap_(cap) {}
  ~ScratchPool();
  ScratchPool(const ScratchPool&) = delete;
  ScratchPool& operator=(const ScratchPool&) = delete;

  // A block of at least `bytes` bytes (not zeroed); *size receives its real
  // size, to pass back to give(). Throws std::bad_alloc.
  void* take(size_t bytes, size_t* size);
  void give(void* p, size_t size);
  void close();

 private:
  std::mutex mu_;
  std::multimap<size_t, void*> idle_;  // size -> block
  size_t idle_bytes_ = 0;
  size_t cap_;
  bool closed_ = false;
};

// At or above this many bytes a fresh result comes from the pool.
constexpr size_t kPooledResultBytes = size_t{4} << 20;

// Hands pool block `p` (its pool size `size`) to JS as an ArrayBuffer of
// `bytes` bytes; when that is collected the block goes back to `pool`. On
// failure `p` is still the caller's.
napi_status try_adopt_pooled(napi_env env, const std::shared_ptr<ScratchPool>& pool, void* p, size_t size,
                             size_t bytes, napi_value* result);

}  // namespace tfp_binding
