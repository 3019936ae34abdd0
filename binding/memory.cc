#include "memory.h"

#include <sys/mman.h>
#include <cstdlib>
#include <new>
#include <vector>

namespace tfp_binding {

// At or above this size, mmap + MADV_HUGEPAGE (2 MiB pages where the kernel
// allows); below, the ordinary heap.
constexpr size_t kHugeThreshold = size_t{4} << 20;
constexpr size_t kHugePage = size_t{2} << 20;

static size_t mapped_size(size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

void* alloc_output(size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (bytes < kHugeThreshold) {
    void* p = std::malloc(bytes);
    if (!p) throw std::bad_alloc();
    return p;
  }
  const size_t len = mapped_size(bytes);
  void* p = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, len, MADV_HUGEPAGE);  // advice only: failure leaves 4 KiB pages
#endif
  return p;
}

void free_output(void* p, size_t bytes) {
  if (!p) return;
  if (bytes == 0) bytes = 1;
  if (bytes < kHugeThreshold) std::free(p);
  else munmap(p, mapped_size(bytes));
}

static void finalize_output(napi_env, void* data, void* hint) {
  size_t* bytes = static_cast<size_t*>(hint);
  free_output(data, *bytes);
  delete bytes;
}

napi_status try_adopt_output(napi_env env, void* p, size_t bytes, napi_value* result) {
  size_t* hint = new size_t(bytes);
  const napi_status st = napi_create_external_arraybuffer(env, p, bytes, finalize_output, hint, result);
  if (st != napi_ok) delete hint;
  return st;
}

Napi::ArrayBuffer adopt_output(Napi::Env env, void* p, size_t bytes) {
  napi_value v;
  if (try_adopt_output(env, p, bytes, &v) != napi_ok) throw Napi::Error::New(env);
  return Napi::ArrayBuffer(env, v);
}

namespace {
struct PooledResult {
  std::shared_ptr<ScratchPool> pool;
  size_t size;
};

void finalize_pooled(napi_env, void* data, void* hint) {
  auto* r = static_cast<PooledResult*>(hint);
  r->pool->give(data, r->size);
  delete r;
}
}  // namespace

napi_status try_adopt_pooled(napi_env env, const std::shared_ptr<ScratchPool>& pool, void* p, size_t size,
                             size_t bytes, napi_value* result) {
  auto* hint = new PooledResult{pool, size};
  const napi_status st = napi_create_external_arraybuffer(env, p, bytes, finalize_pooled, hint, result);
  if (st != napi_ok) delete hint;
  return st;
}

// Pool block sizes: 2 MiB multiples from the huge-page threshold up, 64 KiB
// multiples below (heap blocks). A request takes the smallest idle block of
// its size up to 1.5x (a bigger one would pin memory the call never touches).
static size_t pool_size(size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (bytes >= kHugeThreshold) return mapped_size(bytes);
  constexpr size_t kSmall = size_t{64} << 10;
  const size_t s = (bytes + kSmall - 1) & ~(kSmall - 1);
  return s < kHugeThreshold ? s : kHugeThreshold;
}

ScratchPool::~ScratchPool() { close(); }

void* ScratchPool::take(size_t bytes, size_t* size) {
  const size_t want = pool_size(bytes);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = idle_.lower_bound(want);
    if (it != idle_.end() && it->first - want <= want / 2) {
      void* p = it->second;
      *size = it->first;
      idle_bytes_ -= it->first;
      idle_.erase(it);
      return p;
    }
  }
  void* p = alloc_output(want);
  *size = want;
  return p;
}

void ScratchPool::give(void* p, size_t size) {
  if (!p) return;
  std::vector<std::pair<void*, size_t>> drop;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || size > cap_) {
      drop.emplace_back(p, size);
    } else {
      // make room: the largest idle blocks go first
      while (idle_bytes_ + size > cap_ && !idle_.empty()) {
        auto last = std::prev(idle_.end());
        drop.emplace_back(last->second, last->first);
        idle_bytes_ -= last->first;
        idle_.erase(last);
      }
      idle_.emplace(size, p);
      idle_bytes_ += size;
    }
  }
  for (auto& d : drop) free_output(d.first, d.second);
}

void ScratchPool::close() {
  std::multimap<size_t, void*> drop;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    drop.swap(idle_);
    idle_bytes_ = 0;
  }
  for (auto& d : drop) free_output(d.second, d.first);
}

}  // namespace tfp_binding
