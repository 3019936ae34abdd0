// Fuzzing of the number conversions in cpp/convert.h against a reference
// written from the definitions, not from bit tricks: a float rounds to the
// nearest value of the narrow format (ties to even) by scaling with ldexp and
// rounding with nearbyint in double, both exact here; overflow gives inf; NaN
// gives Eigen's quiet NaN. On x86-64 CPUs with F16C the hardware conversion
// (vcvtps2ph / vcvtph2ps) is a second reference for float16.
// Each input checks 64 consecutive float bit patterns from a fuzzed start, so
// the fuzzer's comparisons land on rounding ties and exponent boundaries.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "convert.h"
#include "fuzz_input.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace {

using namespace tfp;

// x >= 0 finite, rounded to p significant bits, with no quantum below 2^qmin
// (the smallest subnormal): exact in double for every format here.
double round_to(double x, int p, int qmin) {
  if (x == 0) return 0;
  int e;
  std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
  int q = e - p;
  if (q < qmin) q = qmin;
  return std::ldexp(std::nearbyint(std::ldexp(x, -q)), q);
}

// IEEE binary16 bits of a finite non-negative value that half represents, or inf.
uint16_t encode_half(double v) {
  if (v > 65504.0) return 0x7C00;
  if (v == 0) return 0;
  if (v < std::ldexp(1.0, -14)) return uint16_t(std::ldexp(v, 24));  // subnormal
  int e;
  const double m = std::frexp(v, &e);  // v = m * 2^e
  const uint32_t E = uint32_t(e - 1 + 15);
  const uint32_t M = uint32_t(std::ldexp(m * 2 - 1, 10));
  return uint16_t(E << 10 | M);
}

uint16_t ref_float_to_half(float f) {
  const uint16_t sign = std::signbit(f) ? 0x8000 : 0;
  if (std::isnan(f)) return sign | 0x7E00;
  if (std::isinf(f)) return sign | 0x7C00;
  return sign | encode_half(round_to(std::fabs(double(f)), 11, -24));
}

uint16_t ref_float_to_bfloat16(float f) {
  const uint16_t sign = std::signbit(f) ? 0x8000 : 0;
  if (std::isnan(f)) return sign | 0x7FC0;
  if (std::isinf(f)) return sign | 0x7F80;
  const double r = round_to(std::fabs(double(f)), 8, -133);
  if (r > std::ldexp(255.0, 120)) return sign | 0x7F80;  // above (2 - 2^-7) * 2^127
  return sign | uint16_t(float_to_bits(float(r)) >> 16);   // r is a bfloat16: exact
}

// half -> float from the definition; NaN keeps its payload (Eigen's half_to_float).
uint32_t ref_half_to_float_bits(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16;
  const int E = (h >> 10) & 31, M = h & 1023;
  if (E == 31) return sign | 0x7F800000u | uint32_t(M) << 13;
  const double v = E == 0 ? std::ldexp(double(M), -24) : std::ldexp(double(1024 + M), E - 25);
  return sign | float_to_bits(float(v));
}

#if defined(__x86_64__)
__attribute__((target("f16c"))) uint16_t hw_float_to_half(float f) {
  return uint16_t(_cvtss_sh(f, 0));  // imm 0: round to nearest even
}
__attribute__((target("f16c"))) float hw_half_to_float(uint16_t h) { return _cvtsh_ss(h); }
// F16C (CPUID.1:ECX bit 29) is VEX-encoded: it also needs the OS to save
// the YMM state (OSXSAVE and XCR0 bits 1-2).
const bool kHaveF16C = [] {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  if (!(c & bit_F16C) || !(c & bit_OSXSAVE)) return false;
  unsigned lo, hi;
  __asm__ volatile(".byte 0x0f, 0x01, 0xd0" : "=a"(lo), "=d"(hi) : "c"(0));  // xgetbv
  return (lo & 0x6) == 0x6;
}();
#endif

void check(bool ok, const char* what, uint64_t in, uint64_t want, uint64_t got) {
  if (ok) return;
  std::fprintf(stderr, "%s(0x%llx): want 0x%llx got 0x%llx\n", what, (unsigned long long)in,
               (unsigned long long)want, (unsigned long long)got);
  fuzz::fail(what);
}

void check_float(uint32_t bits) {
  const float f = bits_to_float(bits);
  const uint16_t h = float_to_half(f), hr = ref_float_to_half(f);
  check(h == hr, "float_to_half", bits, hr, h);
  const uint16_t b = float_to_bfloat16(f), br = ref_float_to_bfloat16(f);
  check(b == br, "float_to_bfloat16", bits, br, b);
#if defined(__x86_64__)
  if (kHaveF16C && !std::isnan(f)) {
    const uint16_t hw = hw_float_to_half(f);
    check(h == hw, "float_to_half vs F16C", bits, hw, h);
  }
#endif
  // uint32 -> [0, 1) conversions: (x mod 2^k) / 2^k, exact.
  const float u = uint32_to_float(bits);
  const float ur = float(bits & 0x7FFFFFu) * (1.0f / 8388608.0f);
  check(float_to_bits(u) == float_to_bits(ur), "uint32_to_float", bits, float_to_bits(ur), float_to_bits(u));
  const uint16_t uh = uint32_to_half(bits), uhr = encode_half(double(bits & 0x3FFu) / 1024.0);
  check(uh == uhr, "uint32_to_half", bits, uhr, uh);
  const uint16_t ub = uint32_to_bfloat16(bits);
  const uint16_t ubr = uint16_t(float_to_bits(float(bits & 0x7Fu) / 128.0f) >> 16);
  check(ub == ubr, "uint32_to_bfloat16", bits, ubr, ub);
}

void check_half(uint16_t h) {
  const uint32_t got = float_to_bits(half_to_float(h)), want = ref_half_to_float_bits(h);
  check(got == want, "half_to_float", h, want, got);
  const bool nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF);
  if (!nan) check(float_to_half(half_to_float(h)) == h, "half round trip", h, h, float_to_half(half_to_float(h)));
#if defined(__x86_64__)
  if (kHaveF16C && !nan) {
    const uint32_t hw = float_to_bits(hw_half_to_float(h));
    check(got == hw, "half_to_float vs F16C", h, hw, got);
  }
#endif
  const uint32_t bf = float_to_bits(bfloat16_to_float(h));
  check(bf == uint32_t(h) << 16, "bfloat16_to_float", h, uint32_t(h) << 16, bf);
  const bool bnan = (h & 0x7F80) == 0x7F80 && (h & 0x7F);
  if (!bnan) check(float_to_bfloat16(bfloat16_to_float(h)) == h, "bfloat16 round trip", h, h,
                   float_to_bfloat16(bfloat16_to_float(h)));
}

void check_double(uint32_t x0, uint32_t x1) {
  const double d = uint64_to_double(x0, x1);
  const double r = std::ldexp(double((uint64_t(x0 & 0xFFFFFu) << 32) | x1), -52);
  check(double_to_bits(d) == double_to_bits(r), "uint64_to_double",
        uint64_t(x0) << 32 | x1, double_to_bits(r), double_to_bits(d));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::FuzzInput in(data, size);
  const uint32_t f = in.u32();
  const uint16_t h = in.u16();
  const uint32_t x0 = in.u32(), x1 = in.u32();
  for (uint32_t k = 0; k < 64; ++k) {
    check_float(f + k);
    check_half(uint16_t(h + k));
    check_double(x0 + k, x1 - k);
  }
  return 0;
}
