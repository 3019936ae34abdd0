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
#include <unordered_map>

namespace tfp_binding {

// Never returns nullptr: throws std::bad_alloc. The memory is not zeroed.
void* alloc_output(size_t bytes);
void free_output(void* p, size_t bytes);

// Hands `p` (from alloc_output) to JS; freed when the ArrayBuffer is collected.
// On failure (e.g. the environment can no longer run JS) `p` is still the
// caller's.
napi_status try_adopt_output(napi_env env, void* p, size_t bytes, napi_value* result);

// A pool block lent to JS as a result's ArrayBuffer, from lend() until it
// comes back: when V8 has collected the buffer (sweep(), seen through a weak
// reference; or returned(), from the N-API finalizer) or earlier when lib/
// disposes it (reclaim()). Node runs those finalizers only from an
// event-loop turn, so in a synchronous loop of large fresh results only the
// sweep brings blocks back; while collections lag, the pool stops lending
// new blocks past a cap (lib/ then allocates in JS, where V8 frees on GC).
struct Lent {
  void* p;
  size_t size;        // the pool block's size
  size_t bytes;       // the result's byte length
  bool back = false;  // reclaimed early: the finalizer only frees this record
  // A weak reference to the ArrayBuffer (from try_adopt_lent until the
  // finalizer deletes it). V8 empties it in the collection that finds the
  // buffer unreachable, before Node runs the finalizer from a later turn:
  // from then on no JS can reach the block, so lend() may take it back
  // (sweep) even inside a synchronous loop.
  napi_ref weak = nullptr;
};

// Blocks reused across the calls of one environment: async scratch, and
// large fresh results (Lent). A block that has been written once is already
// faulted in (and backed by huge pages where the kernel gave them), so
// reusing it saves the page faults and the kernel's zeroing that otherwise
// cost more than the sampling. At most `cap` bytes stay idle; close() frees
// them and makes every later give() free its block directly. Thread-safe (a
// mutex): an ArrayBuffer's finalizer may run late in an environment's
// teardown.
class ScratchPool {
 public:
  ScratchPool(size_t cap, size_t lend_cap) : cap_(cap), lend_cap_(lend_cap) {}
  ~ScratchPool();
  ScratchPool(const ScratchPool&) = delete;
  ScratchPool& operator=(const ScratchPool&) = delete;

  // A block of at least `bytes` bytes (not zeroed); *size receives its real
  // size, to pass back to give(). Throws std::bad_alloc.
  void* take(size_t bytes, size_t* size);
  void give(void* p, size_t size);
  void close();

  // A block for a result of `bytes` bytes: an idle one if one fits (after
  // taking back the blocks of results JS has collected, see Lent::weak), else
  // a new one if nothing is on loan or the blocks on loan stay within
  // `lend_cap`; nullptr past it. From the JS thread of `env`. Throws
  // std::bad_alloc.
  Lent* lend(napi_env env, size_t bytes);
  // The loan ends: the block goes back to the pool and the record is freed.
  // For a block never handed to JS, and from the ArrayBuffer's finalizer
  // (then a reclaimed block is already back: only the record is freed).
  void returned(Lent* l);
  // If `p` is the start of a block on loan for a result of `bytes` bytes:
  // marks it back and stops counting it, and returns its record; the caller
  // detaches the ArrayBuffer, then calls reclaimed(p, l->size) (the block
  // goes back to the pool; `l` itself may be gone by then: its finalizer
  // frees it) or, if the detach failed, unreclaim(l). Otherwise nullptr.
  Lent* reclaim(void* p, size_t bytes);
  // Bytes on loan, bytes idle, and the number of loans (tests, the bench).
  void stats(double out[3]);
  // try_adopt_lent: the weak reference to the loan's ArrayBuffer.
  void set_weak(Lent* l, napi_ref weak);
  void unreclaim(Lent* l);
  void reclaimed(void* p, size_t size);

 private:
  // Blocks on loan whose ArrayBuffer V8 has collected go back to the pool
  // (their records stay for the finalizers); returns how many.
  size_t sweep(napi_env env);
  // How many loans are on record.
  size_t on_loan();
  // The smallest idle block of `want` bytes up to 1.5x, if any.
  bool take_idle(size_t want, void** p, size_t* size);

  std::mutex mu_;
  std::multimap<size_t, void*> idle_;  // size -> block
  size_t idle_bytes_ = 0;
  size_t cap_;
  std::unordered_map<void*, Lent*> lent_;  // blocks on loan, by address
  size_t lent_bytes_ = 0;
  size_t lend_cap_;
  bool closed_ = false;
};

// At or above this many bytes a fresh result comes from the pool.
constexpr size_t kPooledResultBytes = size_t{4} << 20;

// Hands the block of `l` to JS as an ArrayBuffer of l->bytes bytes; when that
// is collected, pool->returned(l). On failure the loan is still the caller's.
napi_status try_adopt_lent(napi_env env, const std::shared_ptr<ScratchPool>& pool, Lent* l, napi_value* result);

// dispose(): if `buffer` (an ArrayBuffer) is a lent result's, detaches it and
// puts its block back in the pool at once; *done tells whether it was one.
napi_status dispose_lent(napi_env env, ScratchPool& pool, napi_value buffer, bool* done);

// Asks for transparent huge pages on the 2 MiB-aligned interior of memory
// the addon does not own (a JS-allocated result). Only from 32 MiB up: the C
// library maps allocations that large on their own (glibc's largest dynamic
// mmap threshold), so the advice never splits its heap's mapping.
void advise_huge(void* p, size_t bytes);

}  // namespace tfp_binding
