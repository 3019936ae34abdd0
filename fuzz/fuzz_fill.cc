// Fuzzing of the fill layer (cpp/fill.h): fuzzed dist, dtype, key, counter
// (steered to every 32-bit carry and the 2^64 / 2^128 wraps), length, integer
// lo/range and affine step (a, b any values of the dtype: NaN, inf, subnormal).
// Three checks per input:
//   1. every kernel tier (tfp::select_kernel) writes the same bytes as scalar;
//   2. fill_groups over two sub-ranges [0, k) + [k, groups) writes the same
//      bytes as one call (what the threaded and async paths rely on);
//   3. for every distribution but the truncated normal, each element equals an
//      independent model written here from philox.h / convert.h / mathf.h:
//      the block at counter + group (a plain 128-bit addition), the word ->
//      number conversion and the affine step with convert.h's (branchy)
//      float16 / bfloat16 roundings, where fill.cc uses its own branch-free ones.
// Output buffers are exactly n elements long (ASan catches any write past the
// end) and misaligned by a fuzzed 0..7 bytes.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "convert.h"
#include "fill.h"
#include "fuzz_input.h"
#include "kernels/kernel.h"
#include "mathf.h"
#include "philox.h"

namespace {

using fuzz::Buffer;
using fuzz::FuzzInput;
using namespace tfp;

const char* const kDistNames[] = {"bits", "uniform", "normal", "truncnormal", "int"};
const char* const kDTypeNames[] = {"f16", "bf16", "f32", "f64", "i32", "i64", "u32", "u64"};

// counter + g as a 128-bit integer.
void add128(const uint32_t c[4], uint64_t g, uint32_t out[4]) {
  uint64_t carry = g;
  for (int i = 0; i < 4; ++i) {
    const uint64_t s = uint64_t(c[i]) + (carry & 0xFFFFFFFFu);
    out[i] = uint32_t(s);
    carry = (carry >> 32) + (s >> 32);
  }
}

float affine_f(float x, const FillSpec& s) {
  const float a = float(s.a), b = float(s.b);
  if (s.affine == kAffineNone) return x;
  const float m = x * a;
  return s.affine == kAffineMul ? m : m + b;
}

double affine_d(double x, const FillSpec& s) {
  if (s.affine == kAffineNone) return x;
  const double m = x * s.a;
  return s.affine == kAffineMul ? m : m + s.b;
}

// 16-bit: every operation widens to float, computes in float, rounds back.
uint16_t affine_16(uint16_t h, const FillSpec& s) {
  const bool half = s.dtype == kF16;
  auto widen = [&](uint16_t v) { return half ? half_to_float(v) : bfloat16_to_float(v); };
  auto round = [&](float f) { return half ? float_to_half(f) : float_to_bfloat16(f); };
  if (s.affine == kAffineNone) return h;
  const uint16_t m = round(widen(h) * float(s.a));
  if (s.affine == kAffineMul) return m;
  return round(widen(m) + float(s.b));
}

// Element i of the output, by the model; written little-endian into dst.
void model_element(const FillSpec& s, size_t i, uint8_t* dst) {
  const size_t G = group_size(s.dtype);
  const size_t g = i / G, j = i % G;
  uint32_t c[4];
  add128(s.counter, g, c);
  const Block b = philox_block(c, s.key);
  const uint32_t* w = b.w;
  const size_t es = element_size(s.dtype);
  switch (s.dist) {
    case kDistBits: {
      if (es == 4) { std::memcpy(dst, &w[j], 4); return; }
      const uint64_t x = uint64_t(w[2 * j]) | uint64_t(w[2 * j + 1]) << 32;
      std::memcpy(dst, &x, 8);
      return;
    }
    case kDistInt: {
      if (es == 4) {
        const uint32_t v = uint32_t(s.lo) + w[j] % uint32_t(s.range);
        std::memcpy(dst, &v, 4);
        return;
      }
      const uint64_t x = uint64_t(w[2 * j]) | uint64_t(w[2 * j + 1]) << 32;
      const uint64_t v = s.lo + x % s.range;
      std::memcpy(dst, &v, 8);
      return;
    }
    case kDistUniform:
      switch (s.dtype) {
        case kF32: { const float v = affine_f(uint32_to_float(w[j]), s); std::memcpy(dst, &v, 4); return; }
        case kF64: {
          const double v = affine_d(uint64_to_double(w[2 * j], w[2 * j + 1]), s);
          std::memcpy(dst, &v, 8);
          return;
        }
        case kF16: { const uint16_t v = affine_16(uint32_to_half(w[j]), s); std::memcpy(dst, &v, 2); return; }
        case kBF16: { const uint16_t v = affine_16(uint32_to_bfloat16(w[j]), s); std::memcpy(dst, &v, 2); return; }
        default: return;
      }
    case kDistNormal: {
      if (s.dtype == kF64) {
        double d[2];
        box_muller_f64(w[0], w[1], w[2], w[3], &d[0], &d[1]);
        const double v = affine_d(d[j], s);
        std::memcpy(dst, &v, 8);
        return;
      }
      float f[4];
      box_muller_f32(w[0], w[1], &f[0], &f[1]);
      box_muller_f32(w[2], w[3], &f[2], &f[3]);
      if (s.dtype == kF32) { const float v = affine_f(f[j], s); std::memcpy(dst, &v, 4); return; }
      const uint16_t h = s.dtype == kF16 ? float_to_half(f[j]) : float_to_bfloat16(f[j]);
      const uint16_t v = affine_16(h, s);
      std::memcpy(dst, &v, 2);
      return;
    }
    default: return;
  }
}

void report(const FillSpec& s, size_t n, const char* what, const uint8_t* want, const uint8_t* got,
            size_t bytes) {
  size_t i = 0;
  while (i < bytes && want[i] == got[i]) ++i;
  const size_t es = element_size(s.dtype);
  std::fprintf(stderr,
               "%s: dist %s dtype %s n %zu: element %zu differs\n"
               "  key %08x %08x counter %08x %08x %08x %08x lo %016llx range %016llx\n"
               "  affine %d a %.17g b %.17g\n  want ",
               what, kDistNames[s.dist], kDTypeNames[s.dtype], n, i / es, s.key[0], s.key[1],
               s.counter[0], s.counter[1], s.counter[2], s.counter[3], (unsigned long long)s.lo,
               (unsigned long long)s.range, int(s.affine), s.a, s.b);
  for (size_t k = 0; k < es; ++k) std::fprintf(stderr, "%02x", want[(i / es) * es + es - 1 - k]);
  std::fprintf(stderr, " got ");
  for (size_t k = 0; k < es; ++k) std::fprintf(stderr, "%02x", got[(i / es) * es + es - 1 - k]);
  std::fprintf(stderr, "\n");
  fuzz::fail(what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  FillSpec s{};
  s.dist = Dist(in.u8() % 5);
  const uint8_t dsel = in.u8();
  switch (s.dist) {
    case kDistBits: { static const DType d[] = {kI32, kU32, kI64, kU64}; s.dtype = d[dsel % 4]; break; }
    case kDistInt: s.dtype = (dsel & 1) ? kI64 : kI32; break;
    default: s.dtype = DType(dsel % 4); break;  // kF16, kBF16, kF32, kF64
  }
  s.key[0] = in.u32();
  s.key[1] = in.u32();
  fuzz::pick_counter(in, s.counter);
  const uint16_t len = in.u16();
  size_t n = (len & 0x8000) ? (len & 0x0FFF) : (len & 0x3F);
  if (s.dist == kDistTruncNormal && n > 256) n = 256;  // a fresh generator per group: slow
  if (element_size(s.dtype) == 8) {
    s.lo = fuzz::pick_lo64(in);
    s.range = fuzz::pick_range64(in);
  } else {
    s.lo = fuzz::pick_lo32(in);
    s.range = fuzz::pick_range32(in);
  }
  s.affine = Affine(in.u8() % 3);
  s.a = fuzz::to_dtype(s.dtype, fuzz::pick_double(in));
  s.b = fuzz::to_dtype(s.dtype, fuzz::pick_double(in));
  const size_t skew = in.u8() % 8;
  const size_t ng = group_count(n, s.dtype);
  const size_t split = ng ? in.u16() % (ng + 1) : 0;

  const size_t es = element_size(s.dtype);
  const size_t bytes = n * es;

  // 1. every tier against scalar
  if (!select_kernel("scalar")) fuzz::fail("no scalar tier");
  Buffer ref(bytes, 0, 0xA5);
  fill(s, ref.data(), n);
  const KernelTable* tiers[8];
  const size_t nt = available_kernels(tiers, 8);
  for (size_t t = 0; t < nt; ++t) {
    if (tiers[t] == &kScalarKernel) continue;
    select_kernel(tiers[t]->name);
    Buffer got(bytes, skew, 0x5A);
    fill(s, got.data(), n);
    if (std::memcmp(ref.data(), got.data(), bytes) != 0)
      report(s, n, tiers[t]->name, ref.data(), got.data(), bytes);
  }

  // 2. two sub-ranges == one call (on the best tier, which is selected now)
  {
    Buffer got(bytes, skew, 0x5A);
    fill_groups(s, got.data(), n, 0, split);
    fill_groups(s, got.data(), n, split, ng + 3);  // g1 past the end is clamped
    if (std::memcmp(ref.data(), got.data(), bytes) != 0)
      report(s, n, "split fill_groups", ref.data(), got.data(), bytes);
  }

  // 3. the independent model
  if (s.dist != kDistTruncNormal) {
    std::vector<uint8_t> want(bytes + 8);
    for (size_t i = 0; i < n; ++i) model_element(s, i, want.data() + i * es);
    if (std::memcmp(want.data(), ref.data(), bytes) != 0)
      report(s, n, "model", want.data(), ref.data(), bytes);
  }
  return 0;
}
