#include "memory.h"

#include <sys/mman.h>
#include <cstdlib>
#include <cstdint>
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

namespace {
struct LoanHint {
  std::shared_ptr<ScratchPool> pool;
  Lent* lent;
};

void finalize_lent(napi_env env, void*, void* hint) {
  auto* h = static_cast<LoanHint*>(hint);
  if (h->lent->weak) napi_delete_reference(env, h->lent->weak);
  h->pool->returned(h->lent);
  delete h;
}
}  // namespace

napi_status try_adopt_lent(napi_env env, const std::shared_ptr<ScratchPool>& pool, Lent* l, napi_value* result) {
  auto* hint = new LoanHint{pool, l};
  const napi_status st = napi_create_external_arraybuffer(env, l->p, l->bytes, finalize_lent, hint, result);
  if (st != napi_ok) {
    delete hint;
    return st;
  }
  // without it the block comes back only by the finalizer or dispose()
  napi_ref weak = nullptr;
  if (napi_create_reference(env, *result, 0, &weak) == napi_ok) pool->set_weak(l, weak);
  return napi_ok;
}

napi_status dispose_lent(napi_env env, ScratchPool& pool, napi_value buffer, bool* done) {
  *done = false;
  void* data = nullptr;
  size_t bytes = 0;
  napi_status st = napi_get_arraybuffer_info(env, buffer, &data, &bytes);
  if (st != napi_ok || data == nullptr) return st;
  Lent* l = pool.reclaim(data, bytes);
  if (!l) return napi_ok;
  void* p = l->p;
  const size_t size = l->size;
  // From here the finalizer (which Node runs later, from an event-loop turn)
  // only frees the record; `l` is not used again unless the detach failed,
  // when the buffer is still alive and so is its finalizer's record.
  st = napi_detach_arraybuffer(env, buffer);
  if (st != napi_ok) {
    pool.unreclaim(l);
    return st;
  }
  pool.reclaimed(p, size);
  *done = true;
  return napi_ok;
}

void advise_huge(void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr size_t kMin = size_t{32} << 20;
  if (!p || bytes < kMin) return;
  const uintptr_t a = (reinterpret_cast<uintptr_t>(p) + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t b = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHugePage - 1);
  if (b > a) madvise(reinterpret_cast<void*>(a), b - a, MADV_HUGEPAGE);  // advice only
#else
  (void)p;
  (void)bytes;
#endif
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

size_t ScratchPool::sweep(napi_env env) {
  std::vector<std::pair<void*, size_t>> back;
  // Reading a live reference makes a handle, which would keep its buffer
  // alive through a collection that starts before the caller returns (the
  // one lend() invites, or the one making the new ArrayBuffer may start):
  // the handles die with this scope.
  napi_handle_scope scope = nullptr;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = lent_.begin(); it != lent_.end();) {
      Lent* l = it->second;
      napi_value v = nullptr;
      if (l->weak && !l->back && napi_get_reference_value(env, l->weak, &v) == napi_ok && v == nullptr) {
        // collected: unreachable from JS, its finalizer still to come
        l->back = true;
        lent_bytes_ -= l->size;
        back.emplace_back(l->p, l->size);
        it = lent_.erase(it);
      } else {
        ++it;
      }
    }
  }
  napi_close_handle_scope(env, scope);
  for (auto& b : back) give(b.first, b.second);
  return back.size();
}

size_t ScratchPool::on_loan() {
  std::lock_guard<std::mutex> lock(mu_);
  return lent_.size();
}

void ScratchPool::stats(double out[3]) {
  std::lock_guard<std::mutex> lock(mu_);
  out[0] = double(lent_bytes_);
  out[1] = double(idle_bytes_);
  out[2] = double(lent_.size());
}

void ScratchPool::set_weak(Lent* l, napi_ref weak) {
  std::lock_guard<std::mutex> lock(mu_);
  l->weak = weak;
}

bool ScratchPool::take_idle(size_t want, void** p, size_t* size) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = idle_.lower_bound(want);
  if (it == idle_.end() || it->first - want > want / 2) return false;
  *p = it->second;
  *size = it->first;
  idle_bytes_ -= it->first;
  idle_.erase(it);
  return true;
}

Lent* ScratchPool::lend(napi_env env, size_t bytes) {
  const size_t want = pool_size(bytes);
  void* p = nullptr;
  size_t size = 0;
  // an idle block is memory already held (and faulted in): lending it adds
  // nothing; the blocks of collected results are idle once swept
  bool got = take_idle(want, &p, &size) || (sweep(env) > 0 && take_idle(want, &p, &size));
  if (!got && on_loan() > 0) {
    // New memory it would be: tell V8 now, not only when the ArrayBuffer is
    // made a moment later. V8 reacts as it would then (it may start a
    // collection, and finishes one under way if it can), but before anything
    // is mapped, so the results it finds unreachable come back here first.
    // The ArrayBuffer accounts for the block itself: the report is withdrawn
    // right after.
    int64_t total = 0;
    napi_adjust_external_memory(env, static_cast<int64_t>(want), &total);
    got = sweep(env) > 0 && take_idle(want, &p, &size);
    napi_adjust_external_memory(env, -static_cast<int64_t>(want), &total);
  }
  if (!got) {
    std::lock_guard<std::mutex> lock(mu_);
    if (lent_bytes_ > 0 && lent_bytes_ + want > lend_cap_)
      return nullptr;  // (with nothing on loan, any size: one result is no pile)
  }
  if (!p) {
    p = alloc_output(want);
    size = want;
  }
  Lent* l = nullptr;
  try {
    l = new Lent{p, size, bytes};
    std::lock_guard<std::mutex> lock(mu_);
    lent_.emplace(p, l);
    lent_bytes_ += size;
  } catch (...) {
    delete l;
    give(p, size);
    throw std::bad_alloc();
  }
  return l;
}

void ScratchPool::returned(Lent* l) {
  bool give_block = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!l->back) {
      lent_.erase(l->p);
      lent_bytes_ -= l->size;
      give_block = true;
    }
  }
  if (give_block) give(l->p, l->size);
  delete l;
}

// The registry entry stays until reclaimed(): undoing a claim allocates nothing.
Lent* ScratchPool::reclaim(void* p, size_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = lent_.find(p);
  if (it == lent_.end() || it->second->back || it->second->bytes != bytes) return nullptr;
  Lent* l = it->second;
  l->back = true;
  lent_bytes_ -= l->size;
  return l;
}

void ScratchPool::unreclaim(Lent* l) {
  std::lock_guard<std::mutex> lock(mu_);
  l->back = false;
  lent_bytes_ += l->size;
}

void ScratchPool::reclaimed(void* p, size_t size) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    lent_.erase(p);
  }
  give(p, size);
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
