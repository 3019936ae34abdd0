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

}  // namespace tfp_binding
