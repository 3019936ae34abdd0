// Output memory the addon owns: scratch for async fills and fresh results
// handed to JS as external ArrayBuffers. Large blocks are mmap'd and advised
// for transparent huge pages, because writing into never-touched 4 KiB pages
// (not the Philox math) dominates big fresh fills.
#pragma once
#include <napi.h>
#include <cstddef>
#include <map>
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

// Scratch blocks reused across async calls of one environment: a block that
// has been written once is already faulted in (and backed by huge pages where
// the kernel gave them), so reusing it saves the page faults that otherwise
// cost more than the sampling. Blocks are never handed to JS as ArrayBuffers.
// At most `cap` bytes stay idle; close() frees them and makes every later
// give() free its block directly. Thread-safe (a mutex), though the addon
// only calls it on its environment's thread.
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

}  // namespace tfp_binding
