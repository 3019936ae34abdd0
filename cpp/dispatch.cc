// Picks the kernel table once per process: the best tier this build and CPU
// can run, capped by TF_PHILOX_KERNEL=scalar|avx2|avx512 (an unknown value is
// ignored, silently; a tier above what the CPU supports is never used). select_kernel()
// can later force any supported tier (tests use it to compare tiers).
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "kernels/kernel.h"

#if defined(TFP_HAVE_X86_KERNELS)
#include <cpuid.h>
#endif

namespace tfp {
namespace {

struct Tiers {
  const KernelTable* table[4];  // best first; scalar always last
  size_t count;
};

#if defined(TFP_HAVE_X86_KERNELS)
// XCR0 (OS-enabled register state). libgcc's __builtin_cpu_supports already
// refuses AVX/AVX-512 features whose state the OS does not save (GCC >= 7.4,
// PR 85100); this repeats the check so other toolchains get it too.
uint64_t xcr0() {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 0;
  unsigned lo, hi;
  __asm__ volatile(".byte 0x0f, 0x01, 0xd0" : "=a"(lo), "=d"(hi) : "c"(0));  // xgetbv
  return (uint64_t(hi) << 32) | lo;
}
#endif

Tiers detect() {
  Tiers t{};
#if defined(TFP_HAVE_X86_KERNELS)
  __builtin_cpu_init();
  const uint64_t x = xcr0();
  const bool ymm = (x & 0x6) == 0x6;            // SSE + AVX state
  const bool zmm = ymm && (x & 0xE0) == 0xE0;   // + opmask, ZMM_Hi256, Hi16_ZMM
  if (zmm && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx2"))
    t.table[t.count++] = &kAvx512Kernel;
  if (ymm && __builtin_cpu_supports("avx2")) t.table[t.count++] = &kAvx2Kernel;
#endif
#if defined(TFP_HAVE_NEON_KERNEL)
  t.table[t.count++] = &kNeonKernel;
#endif
  t.table[t.count++] = &kScalarKernel;
  return t;
}

const Tiers& tiers() {
  static const Tiers t = detect();  // thread-safe one-time initialisation
  return t;
}

const KernelTable* find(const char* name) {
  if (!name) return nullptr;
  const Tiers& t = tiers();
  for (size_t i = 0; i < t.count; ++i)
    if (std::strcmp(t.table[i]->name, name) == 0) return t.table[i];
  return nullptr;
}

// The default: the best supported tier, or, when TF_PHILOX_KERNEL names a
// tier, the best supported one at or below it. Unknown names are ignored.
const KernelTable* initial() {
  const Tiers& t = tiers();
  static const char* const kOrder[] = {"avx512", "avx2", "sse4.1", "neon", "scalar"};
  constexpr int kNames = sizeof kOrder / sizeof kOrder[0];
  const char* env = std::getenv("TF_PHILOX_KERNEL");
  int cap = -1;
  for (int i = 0; env && i < kNames; ++i)
    if (std::strcmp(env, kOrder[i]) == 0) cap = i;
  if (cap < 0) return t.table[0];
  for (size_t i = 0; i < t.count; ++i)  // best first
    for (int r = cap; r < kNames; ++r)
      if (std::strcmp(t.table[i]->name, kOrder[r]) == 0) return t.table[i];
  return &kScalarKernel;
}

std::atomic<const KernelTable*> g_forced{nullptr};

}  // namespace

const KernelTable& active_kernel() {
  const KernelTable* k = g_forced.load(std::memory_order_acquire);
  if (k) return *k;
  static const KernelTable* const def = initial();
  return *def;
}

size_t available_kernels(const KernelTable** out, size_t max) {
  const Tiers& t = tiers();
  size_t n = 0;
  for (; n < t.count && n < max; ++n) out[n] = t.table[n];
  return n;
}

bool select_kernel(const char* name) {
  const KernelTable* k = find(name);
  if (!k) return false;
  g_forced.store(k, std::memory_order_release);
  return true;
}

}  // namespace tfp
