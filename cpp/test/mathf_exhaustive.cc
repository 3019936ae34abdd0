// Proves our glibc-algorithm logf / sincosf (scalar, AVX2, AVX-512) equal to
// the system glibc on every input float32 Box-Muller can produce, and the
// whole Box-Muller transform equal to a reference built from the system
// logf / sincosf / sqrtf. Needs a glibc >= 2.28 system libm (the algorithms
// we port); elsewhere the comparison with ::logf / ::sincosf is meaningless.
//
// Box-Muller feeds logf only u1 = max(k / 2^23, 1e-7f) and sincosf only
// v1 = float(2pi * (k / 2^23)), k = 0 .. 2^23-1, so checking all 2^23 of each
// covers every output. There the check is strict.
//
// The scalar versions are also compared on random floats over the whole range
// (all specials included); `--full` compares them on all 2^32 floats instead
// (about two minutes). Our code follows glibc's generic C, rounding every
// step. On CPUs with FMA, x86-64 glibc runs an ifunc variant of the same
// source built with -mfma, whose contracted a + b*c differ in the last bit on
// rare inputs (about 1 in 10^6, near multiples of pi/2, never in the Box-Muller
// domains). A whole-range mismatch therefore counts as a failure only if a
// model of that contracted build (fma_model_* below) does not reproduce the
// system's result exactly either; explained ones are reported separately.
// GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA makes glibc pick its generic
// variant, and then there are none.
//
// The vector versions are checked against the system on the Box-Muller
// domains, and with `--full` against our scalar versions (strictly) on their
// whole documented domains: every positive normal float for logf, every float
// in [0, 120) for sincosf. The vector Box-Muller entry points (one and two
// groups) are checked against the reference. Vector tiers run
// only when the CPU has them; their headers are compiled here under
// `#pragma GCC target` regions.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "convert.h"
#include "mathf.h"

namespace {

using tfp::bits_to_float;
using tfp::float_to_bits;

constexpr uint32_t kDomain = 1u << 23;

int g_failures = 0;

// Counts mismatches of one check; prints the first few with their bits.
struct Check {
  const char* name;
  uint64_t total = 0;
  uint64_t bad = 0;
  uint64_t explained = 0;  // differences reproduced by glibc's FMA variant model
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  explicit Check(const char* n) : name(n) {}

  void expect(uint32_t input_bits, uint32_t got, uint32_t want, const char* what) {
    ++total;
    if (got == want) return;
    if (++bad <= 5) {
      std::printf("  %s: input 0x%08x (%.9g) %s got 0x%08x (%.9g) want 0x%08x (%.9g)\n", name,
                  input_bits, double(bits_to_float(input_bits)), what, got,
                  double(bits_to_float(got)), want, double(bits_to_float(want)));
    }
  }
  void expect(uint32_t in, float got, float want, const char* what) {
    expect(in, float_to_bits(got), float_to_bits(want), what);
  }

  ~Check() {
    const double sec =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-58s %12llu values  %8llu mismatches  %6.2f s", name,
                (unsigned long long)total, (unsigned long long)bad, sec);
    if (explained != 0) {
      std::printf("  (+%llu inputs explained by glibc's FMA variant)", (unsigned long long)explained);
    }
    std::printf("\n");
    if (bad != 0 || total == 0) ++g_failures;
  }
};

constexpr uint32_t glibcf_fast_bits() { return tfp::glibcf::kSincosFastBits; }  // 120.0f

// The Box-Muller domains.
float u1_of(uint32_t k) {
  const float u = tfp::uint32_to_float(k);
  return u < 1e-7f ? 1e-7f : u;
}
float v1_of(uint32_t k) { return float(6.283185307179586 * double(tfp::uint32_to_float(k))); }

// splitmix64: a fixed, seedable stream of test words.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t next32() { return uint32_t(next() >> 32); }
};

// TF's BoxMullerFloat with the system libm.
void reference_box_muller(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  float u1 = tfp::uint32_to_float(x0);
  if (u1 < 1e-7f) u1 = 1e-7f;
  const float v1 = float(6.283185307179586 * double(tfp::uint32_to_float(x1)));
  const float u2 = ::sqrtf(-2.0f * ::logf(u1));
  float s, c;
  ::sincosf(v1, &s, &c);
  *f0 = s * u2;
  *f1 = c * u2;
}

// The (x0, x1) pairs for the Box-Muller checks, in chunks: every k in the
// domain as x0 (with a random x1) and as x1 (with a random x0), then random
// pairs. High bits are random throughout (they must be ignored).
struct PairChunk {
  static constexpr size_t kSize = 1 << 14;
  uint32_t x0[kSize], x1[kSize];
  float f0[kSize], f1[kSize];  // reference results
};
constexpr uint64_t kRandomPairs = 1ull << 24;
constexpr uint64_t kPairCount = 2ull * kDomain + kRandomPairs;

void make_pairs(uint64_t first, PairChunk* ch) {
  Rng rng{first * 0x632BE59BD9B4E019ull + 1};
  for (size_t j = 0; j < PairChunk::kSize; ++j) {
    const uint64_t p = first + j;
    const uint32_t hi = rng.next32() & 0xFF800000u;
    if (p < kDomain) {
      ch->x0[j] = hi | uint32_t(p);
      ch->x1[j] = rng.next32();
    } else if (p < 2ull * kDomain) {
      ch->x0[j] = rng.next32();
      ch->x1[j] = hi | uint32_t(p - kDomain);
    } else {
      ch->x0[j] = rng.next32();
      ch->x1[j] = rng.next32();
    }
    reference_box_muller(ch->x0[j], ch->x1[j], &ch->f0[j], &ch->f1[j]);
  }
}

// ---- scalar -------------------------------------------------------------------

void scalar_domain_checks() {
  {
    Check ck("scalar logf, all 2^23 u1");
    for (uint32_t k = 0; k < kDomain; ++k) {
      const float u = u1_of(k);
      ck.expect(float_to_bits(u), tfp::glibc_logf(u), ::logf(u), "logf");
    }
  }
  {
    Check ck("scalar sincosf, all 2^23 v1");
    for (uint32_t k = 0; k < kDomain; ++k) {
      const float v = v1_of(k);
      float s, c, ws, wc;
      tfp::glibc_sincosf(v, &s, &c);
      ::sincosf(v, &ws, &wc);
      ck.expect(float_to_bits(v), s, ws, "sin");
      ck.expect(float_to_bits(v), c, wc, "cos");
    }
  }
}

// Models of glibc built with FMA contraction: x86-64's ifunc variants
// (e_logf-fma.c, s_sincosf-fma.c: the generic source compiled with -mfma, so
// every a + b*c is one fused operation), and aarch64's default build, which
// also rounds the quadrant with round-half-away instructions
// (TOINT_INTRINSICS). Used only to explain whole-range differences, on
// positive normal / finite inputs (the special cases are shared code and
// must match).
float fma_model_logf(float x) {
  using namespace tfp::glibcf;
  uint32_t ix = float_to_bits(x);
  if (ix - 0x00800000u >= 0x7F800000u - 0x00800000u) {
    if ((ix >> 31) != 0 || ix == 0 || ix >= 0x7F800000u) return tfp::glibc_logf(x);
    ix = float_to_bits(x * 0x1p23f) - (23u << 23);
  }
  const uint32_t tmp = ix - kLogfOff;
  const int i = int((tmp >> 19) & 15);
  const int k = int32_t(tmp) >> 23;
  const double z = double(bits_to_float(ix - (tmp & 0xFF800000u)));
  const double r = std::fma(z, kLogfInvc[i], -1.0);
  const double y0 = std::fma(double(k), kLogfLn2, kLogfLogc[i]);
  const double r2 = r * r;
  double y = std::fma(kLogfR3, r, kLogfR2);
  y = std::fma(kLogfR4, r2, y);
  y = std::fma(y, r2, y0 + r);
  return float(y);
}

void fma_model_sincosf(float y, float* sinp, float* cosp) {
  using namespace tfp::glibcf;
  const uint32_t bits = float_to_bits(y);
  const uint32_t abs = bits & 0x7FFFFFFFu;
  if ((abs >> 20) < (kSincosTinyBits >> 20) || abs >= 0x7F800000u) {
    tfp::glibc_sincosf(y, sinp, cosp);
    return;
  }
  double x = y;
  int n = 0, q = 0;
  if ((abs >> 20) >= (kSincosFastBits >> 20)) {
    x = tfp::glibcf::reduce_large(bits, &n);
    q = n + int(bits >> 31);
  } else if ((abs >> 20) >= (kSincosSmallBits >> 20)) {
#if defined(__aarch64__)
    const double r = std::round(x * kHalfPiInv);
    n = q = int(r);
    x = std::fma(-r, kHalfPi, x);
#else
    n = q = (int32_t(x * kHalfPiInv24) + 0x800000) >> 24;
    x = std::fma(-double(n), kHalfPi, x);
#endif
  }
  const double x2 = x * x, x4 = x2 * x2, x3 = x2 * x;
  const double c2 = std::fma(x2, kCos4, kCos3);
  const double s1 = std::fma(x2, kSin3, kSin2);
  const double c1 = std::fma(x2, kCos1, 1.0);
  const double x5 = x3 * x2, x6 = x4 * x2;
  double s = std::fma(x5, s1, std::fma(x3, kSin1, x));
  double c = std::fma(x6, c2, std::fma(x4, kCos2, c1));
  if ((q + 1) & 2) s = -s;
  if (q & 2) c = -c;
  *sinp = float((n & 1) ? c : s);
  *cosp = float((n & 1) ? s : c);
}

void scalar_one(Check* lg, Check* sc, uint32_t b) {
  const float x = bits_to_float(b);
  const float got = tfp::glibc_logf(x), want = ::logf(x);
  if (float_to_bits(got) != float_to_bits(want) &&
      float_to_bits(fma_model_logf(x)) == float_to_bits(want)) {
    ++lg->total;
    ++lg->explained;
  } else {
    lg->expect(b, got, want, "logf");
  }
  float s, c, ws, wc;
  tfp::glibc_sincosf(x, &s, &c);
  ::sincosf(x, &ws, &wc);
  if (float_to_bits(s) != float_to_bits(ws) || float_to_bits(c) != float_to_bits(wc)) {
    float ms, mc;
    fma_model_sincosf(x, &ms, &mc);
    if (float_to_bits(ms) == float_to_bits(ws) && float_to_bits(mc) == float_to_bits(wc)) {
      sc->total += 2;
      ++sc->explained;
      return;
    }
  }
  sc->expect(b, s, ws, "sin");
  sc->expect(b, c, wc, "cos");
}

void scalar_range_checks(bool full) {
  if (full) {
    Check sc("scalar sincosf, all 2^32 floats");  // destroyed (printed) last
    Check lg("scalar logf, all 2^32 floats");
    uint32_t b = 0;
    do {
      scalar_one(&lg, &sc, b);
    } while (++b != 0);
    return;
  }
  Check sc("scalar sincosf, 8M random + special floats");  // printed last
  Check lg("scalar logf, 8M random + special floats");
  // Specials and path boundaries (both signs): zeros, subnormals, the tiny /
  // small / fast / large thresholds and their neighbours, 1, inf, NaNs.
  const uint32_t edges[] = {0x00000000u, 0x00000001u, 0x007FFFFFu, 0x00800000u, 0x00800001u,
                            0x397FFFFFu, 0x39800000u, 0x3F3FFFFFu, 0x3F400000u, 0x3F490FDBu,
                            0x3F7FFFFFu, 0x3F800000u, 0x3F800001u, 0x42EFFFFFu, 0x42F00000u,
                            0x4B000000u, 0x7F7FFFFFu, 0x7F800000u, 0x7F800001u, 0x7FC00000u,
                            0x7FFFFFFFu, 0x7FA12345u};
  for (uint32_t e : edges) {
    for (int d = -2; d <= 2; ++d) {
      scalar_one(&lg, &sc, e + uint32_t(d));
      scalar_one(&lg, &sc, (e + uint32_t(d)) ^ 0x80000000u);
    }
  }
  Rng rng{42};
  // Random bit patterns: every exponent equally often.
  for (int j = 0; j < 4000000; ++j) scalar_one(&lg, &sc, rng.next32());
  // Uniform in (-200, 200): weights the reduce_fast and small paths.
  for (int j = 0; j < 4000000; ++j) {
    const float x = float((double(rng.next() >> 11) * 0x1p-53 * 2.0 - 1.0) * 200.0);
    scalar_one(&lg, &sc, float_to_bits(x));
  }
}

void scalar_box_muller_check() {
  Check ck("scalar box_muller_f32, 33.5M pairs");
  static PairChunk ch;
  for (uint64_t first = 0; first < kPairCount; first += PairChunk::kSize) {
    make_pairs(first, &ch);
    for (size_t j = 0; j < PairChunk::kSize; ++j) {
      float f0, f1;
      tfp::box_muller_f32(ch.x0[j], ch.x1[j], &f0, &f1);
      ck.expect(ch.x0[j], f0, ch.f0[j], "f0");
      ck.expect(ch.x1[j], f1, ch.f1[j], "f1");
    }
  }
}

}  // namespace

// ---- AVX2 ---------------------------------------------------------------------

#if defined(__x86_64__) || defined(__i386__)
#define TFP_TEST_X86 1
// The vector headers need their ISA enabled for the code that includes them:
// GCC's target pragma, or clang's equivalent (where avx512f implies fma, so
// no "no-fma" there; -ffp-contract=off alone keeps FMA out).
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,no-fma")
#endif
#include "kernels/boxmuller_avx2.h"
namespace {

void avx2_checks(bool full) {
  alignas(32) float in[8], o0[8], o1[8];
  {
    Check ck("avx2 logf_avx2, all 2^23 u1");
    for (uint32_t k = 0; k < kDomain; k += 8) {
      for (int j = 0; j < 8; ++j) in[j] = u1_of(k + j);
      _mm256_store_ps(o0, tfp::logf_avx2(_mm256_load_ps(in)));
      for (int j = 0; j < 8; ++j) ck.expect(float_to_bits(in[j]), o0[j], ::logf(in[j]), "logf");
    }
  }
  {
    Check ck("avx2 sincosf_avx2, all 2^23 v1");
    for (uint32_t k = 0; k < kDomain; k += 8) {
      for (int j = 0; j < 8; ++j) in[j] = v1_of(k + j);
      __m256 s, c;
      tfp::sincosf_avx2(_mm256_load_ps(in), &s, &c);
      _mm256_store_ps(o0, s);
      _mm256_store_ps(o1, c);
      for (int j = 0; j < 8; ++j) {
        float ws, wc;
        ::sincosf(in[j], &ws, &wc);
        ck.expect(float_to_bits(in[j]), o0[j], ws, "sin");
        ck.expect(float_to_bits(in[j]), o1[j], wc, "cos");
      }
    }
  }
  if (full) {
    Check ck("avx2 logf_avx2 == scalar, all positive normal floats");
    for (uint64_t b = 0x00800000u; b < 0x7F800000u; b += 8) {
      for (int j = 0; j < 8; ++j) in[j] = bits_to_float(uint32_t(b + j));
      _mm256_store_ps(o0, tfp::logf_avx2(_mm256_load_ps(in)));
      for (int j = 0; j < 8; ++j) {
        ck.expect(float_to_bits(in[j]), o0[j], tfp::glibc_logf(in[j]), "logf");
      }
    }
  }
  if (full) {
    Check ck("avx2 sincosf_avx2 == scalar, all floats in [0, 120)");
    for (uint32_t b = 0; b < glibcf_fast_bits(); b += 8) {
      for (int j = 0; j < 8; ++j) in[j] = bits_to_float(b + j);
      __m256 s, c;
      tfp::sincosf_avx2(_mm256_load_ps(in), &s, &c);
      _mm256_store_ps(o0, s);
      _mm256_store_ps(o1, c);
      for (int j = 0; j < 8; ++j) {
        float ws, wc;
        tfp::glibc_sincosf(in[j], &ws, &wc);
        ck.expect(float_to_bits(in[j]), o0[j], ws, "sin");
        ck.expect(float_to_bits(in[j]), o1[j], wc, "cos");
      }
    }
  }
  {
    Check ck("avx2 box_muller_f32_avx2, 33.5M pairs");
    static PairChunk ch;
    for (uint64_t first = 0; first < kPairCount; first += PairChunk::kSize) {
      make_pairs(first, &ch);
      for (size_t j = 0; j < PairChunk::kSize; j += 8) {
        __m256 f0, f1;
        tfp::box_muller_f32_avx2(_mm256_loadu_si256((const __m256i*)&ch.x0[j]),
                                 _mm256_loadu_si256((const __m256i*)&ch.x1[j]), &f0, &f1);
        _mm256_store_ps(o0, f0);
        _mm256_store_ps(o1, f1);
        for (int l = 0; l < 8; ++l) {
          ck.expect(ch.x0[j + l], o0[l], ch.f0[j + l], "f0");
          ck.expect(ch.x1[j + l], o1[l], ch.f1[j + l], "f1");
        }
      }
    }
  }
  {
    Check ck("avx2 box_muller_f32_avx2_x2, 33.5M pairs");
    static PairChunk ch;
    alignas(32) float r0[2][8], r1[2][8];
    for (uint64_t first = 0; first < kPairCount; first += PairChunk::kSize) {
      make_pairs(first, &ch);
      for (size_t j = 0; j < PairChunk::kSize; j += 16) {
        const __m256i x0[2] = {_mm256_loadu_si256((const __m256i*)&ch.x0[j]),
                               _mm256_loadu_si256((const __m256i*)&ch.x0[j + 8])};
        const __m256i x1[2] = {_mm256_loadu_si256((const __m256i*)&ch.x1[j]),
                               _mm256_loadu_si256((const __m256i*)&ch.x1[j + 8])};
        __m256 f0[2], f1[2];
        tfp::box_muller_f32_avx2_x2(x0, x1, f0, f1);
        for (int g = 0; g < 2; ++g) {
          _mm256_store_ps(r0[g], f0[g]);
          _mm256_store_ps(r1[g], f1[g]);
        }
        for (int l = 0; l < 16; ++l) {
          ck.expect(ch.x0[j + l], r0[l / 8][l % 8], ch.f0[j + l], "f0");
          ck.expect(ch.x1[j + l], r1[l / 8][l % 8], ch.f1[j + l], "f1");
        }
      }
    }
  }
}

}  // namespace
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

// ---- AVX-512 ------------------------------------------------------------------

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2"))), \
                             apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl,avx2,no-fma")
#endif
#include "kernels/boxmuller_avx512.h"
namespace {

void avx512_checks(bool full) {
  alignas(64) float in[16], o0[16], o1[16];
  {
    Check ck("avx512 logf_avx512, all 2^23 u1");
    for (uint32_t k = 0; k < kDomain; k += 16) {
      for (int j = 0; j < 16; ++j) in[j] = u1_of(k + j);
      _mm512_store_ps(o0, tfp::logf_avx512(_mm512_load_ps(in)));
      for (int j = 0; j < 16; ++j) ck.expect(float_to_bits(in[j]), o0[j], ::logf(in[j]), "logf");
    }
  }
  {
    Check ck("avx512 sincosf_avx512, all 2^23 v1");
    for (uint32_t k = 0; k < kDomain; k += 16) {
      for (int j = 0; j < 16; ++j) in[j] = v1_of(k + j);
      __m512 s, c;
      tfp::sincosf_avx512(_mm512_load_ps(in), &s, &c);
      _mm512_store_ps(o0, s);
      _mm512_store_ps(o1, c);
      for (int j = 0; j < 16; ++j) {
        float ws, wc;
        ::sincosf(in[j], &ws, &wc);
        ck.expect(float_to_bits(in[j]), o0[j], ws, "sin");
        ck.expect(float_to_bits(in[j]), o1[j], wc, "cos");
      }
    }
  }
  if (full) {
    Check ck("avx512 logf_avx512 == scalar, all positive normal floats");
    for (uint64_t b = 0x00800000u; b < 0x7F800000u; b += 16) {
      for (int j = 0; j < 16; ++j) in[j] = bits_to_float(uint32_t(b + j));
      _mm512_store_ps(o0, tfp::logf_avx512(_mm512_load_ps(in)));
      for (int j = 0; j < 16; ++j) {
        ck.expect(float_to_bits(in[j]), o0[j], tfp::glibc_logf(in[j]), "logf");
      }
    }
  }
  if (full) {
    Check ck("avx512 sincosf_avx512 == scalar, all floats in [0, 120)");
    for (uint32_t b = 0; b < glibcf_fast_bits(); b += 16) {
      for (int j = 0; j < 16; ++j) in[j] = bits_to_float(b + j);
      __m512 s, c;
      tfp::sincosf_avx512(_mm512_load_ps(in), &s, &c);
      _mm512_store_ps(o0, s);
      _mm512_store_ps(o1, c);
      for (int j = 0; j < 16; ++j) {
        float ws, wc;
        tfp::glibc_sincosf(in[j], &ws, &wc);
        ck.expect(float_to_bits(in[j]), o0[j], ws, "sin");
        ck.expect(float_to_bits(in[j]), o1[j], wc, "cos");
      }
    }
  }
  {
    Check ck("avx512 box_muller_f32_avx512, 33.5M pairs");
    static PairChunk ch;
    for (uint64_t first = 0; first < kPairCount; first += PairChunk::kSize) {
      make_pairs(first, &ch);
      for (size_t j = 0; j < PairChunk::kSize; j += 16) {
        __m512 f0, f1;
        tfp::box_muller_f32_avx512(_mm512_loadu_si512(&ch.x0[j]), _mm512_loadu_si512(&ch.x1[j]),
                                   &f0, &f1);
        _mm512_store_ps(o0, f0);
        _mm512_store_ps(o1, f1);
        for (int l = 0; l < 16; ++l) {
          ck.expect(ch.x0[j + l], o0[l], ch.f0[j + l], "f0");
          ck.expect(ch.x1[j + l], o1[l], ch.f1[j + l], "f1");
        }
      }
    }
  }
  {
    Check ck("avx512 box_muller_f32_avx512_x2, 33.5M pairs");
    static PairChunk ch;
    alignas(64) float r0[2][16], r1[2][16];
    for (uint64_t first = 0; first < kPairCount; first += PairChunk::kSize) {
      make_pairs(first, &ch);
      for (size_t j = 0; j < PairChunk::kSize; j += 32) {
        const __m512i x0[2] = {_mm512_loadu_si512(&ch.x0[j]), _mm512_loadu_si512(&ch.x0[j + 16])};
        const __m512i x1[2] = {_mm512_loadu_si512(&ch.x1[j]), _mm512_loadu_si512(&ch.x1[j + 16])};
        __m512 f0[2], f1[2];
        tfp::box_muller_f32_avx512_x2(x0, x1, f0, f1);
        for (int g = 0; g < 2; ++g) {
          _mm512_store_ps(r0[g], f0[g]);
          _mm512_store_ps(r1[g], f1[g]);
        }
        for (int l = 0; l < 32; ++l) {
          ck.expect(ch.x0[j + l], r0[l / 16][l % 16], ch.f0[j + l], "f0");
          ck.expect(ch.x1[j + l], r1[l / 16][l % 16], ch.f1[j + l], "f1");
        }
      }
    }
  }
}

}  // namespace
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

int main(int argc, char** argv) {
  const bool full = argc > 1 && std::strcmp(argv[1], "--full") == 0;
  std::printf("mathf_exhaustive: our glibc-algorithm logf/sincosf vs the system libm\n");
  scalar_domain_checks();
  scalar_range_checks(full);
  scalar_box_muller_check();

  int tiers = 1;
  const char* skipped = "";
#ifdef TFP_TEST_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) {
    avx2_checks(full);
    ++tiers;
  } else {
    skipped = " (avx2 not supported: skipped)";
  }
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) {
    avx512_checks(full);
    ++tiers;
  } else {
    skipped = " (avx512 not supported: skipped)";
  }
#else
  skipped = " (non-x86 build: vector tiers not compiled)";
#endif

  if (g_failures != 0) {
    std::printf("mathf_exhaustive: FAIL, %d check(s) with mismatches%s\n", g_failures, skipped);
    return 1;
  }
  std::printf("mathf_exhaustive: PASS, %d tier(s) bit-exact with system libm%s\n", tiers, skipped);
  return 0;
}
