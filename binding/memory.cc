#include "memory.h"

#include <sys/mman.h>
#include <cstdlib>
#include <new>

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

Napi::ArrayBuffer adopt_output(Napi::Env env, void* p, size_t bytes) {
  return Napi::ArrayBuffer::New(
      env, p, bytes, [](Napi::Env, void* data, size_t* len) { free_output(data, *len); delete len; },
      new size_t(bytes));
}

}  // namespace tfp_binding
