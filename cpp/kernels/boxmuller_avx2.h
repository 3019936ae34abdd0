// AVX2 float32 Box-Muller, bit-exact with TF on glibc: glibc's logf and
// sincosf algorithms (see cpp/mathf.cc) evaluated 4 doubles per ymm, two
// halves per 8 float lanes. Include only from code compiled for avx2
// (cpp/kernels/avx2.cc, or a function region under `#pragma GCC target`).
// Never use FMA here: each product and sum is rounded separately, like
// glibc's generic C code.
//
// Exact only on the inputs Box-Muller produces, which the exhaustive test
// covers completely:
//   logf_avx2:    positive normal floats (u1 in [1e-7, 1));
//   sincosf_avx2: |x| < 120, not NaN (v1 in [0, 2pi)).
// Zero, negative, subnormal, inf, NaN or |x| >= 120 give unspecified values.
// Branch-free: the tiny-argument path and the quadrant cases are blends.
#pragma once
#include <immintrin.h>

#include <cstdint>

#include "mathf.h"

namespace tfp {
namespace avx2_detail {

// AVX2 has no 16-entry double permute. Split each double table into its low
// and high 32-bit words: a 16-entry dword table is two vpermd (entries 0..7
// and 8..15, index bits 2..0) and a blend on index bit 3; the two word
// vectors are then interleaved back into doubles.
struct WordTable {
  uint32_t lo[16];
  uint32_t hi[16];
};
constexpr WordTable split_words(const double (&t)[16]) {
  WordTable w{};
  for (int j = 0; j < 16; ++j) {
    const uint64_t b = __builtin_bit_cast(uint64_t, t[j]);
    w.lo[j] = uint32_t(b);
    w.hi[j] = uint32_t(b >> 32);
  }
  return w;
}
inline constexpr WordTable kInvcWords = split_words(glibcf::kLogfInvc);
inline constexpr WordTable kLogcWords = split_words(glibcf::kLogfLogc);

static inline __m256 load8(const uint32_t* p) {
  return _mm256_loadu_ps(reinterpret_cast<const float*>(p));
}

// Words of entry ip[d] for each dword lane d; sel has index bit 3 in the
// sign bit (blendv's selector).
static inline __m256 lookup_words(const uint32_t* words, __m256i ip, __m256 sel) {
  return _mm256_blendv_ps(_mm256_permutevar8x32_ps(load8(words), ip),
                          _mm256_permutevar8x32_ps(load8(words + 8), ip), sel);
}

// The doubles table[i_j] for lanes j = 0..3 (*a) and 4..7 (*b). `ip` is the
// index vector with lanes permuted as (0,1,4,5,2,3,6,7): unpacklo / unpackhi
// pair words within each 128-bit half, i.e. they take dword lanes (0,1,4,5)
// and (2,3,6,7), which that permutation maps back to 0..3 and 4..7.
static inline void lookup_pd(const WordTable& t, __m256i ip, __m256 sel, __m256d* a, __m256d* b) {
  const __m256 lo = lookup_words(t.lo, ip, sel);
  const __m256 hi = lookup_words(t.hi, ip, sel);
  *a = _mm256_castps_pd(_mm256_unpacklo_ps(lo, hi));
  *b = _mm256_castps_pd(_mm256_unpackhi_ps(lo, hi));
}

static inline __m256 join_ps(__m128 lo, __m128 hi) {
  return _mm256_insertf128_ps(_mm256_castps128_ps256(lo), hi, 1);
}
static inline __m256i join_epi32(__m128i lo, __m128i hi) {
  return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
}

// glibc's e_logf.c core on 4 lanes in double.
static inline __m128 logf_half(__m256d invc, __m256d logc, __m128i k, __m128i iz) {
  using namespace glibcf;
  const __m256d z = _mm256_cvtps_pd(_mm_castsi128_ps(iz));
  const __m256d kd = _mm256_cvtepi32_pd(k);
  const __m256d r = _mm256_sub_pd(_mm256_mul_pd(z, invc), _mm256_set1_pd(1.0));
  const __m256d y0 = _mm256_add_pd(logc, _mm256_mul_pd(kd, _mm256_set1_pd(kLogfLn2)));
  const __m256d r2 = _mm256_mul_pd(r, r);
  __m256d y = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(kLogfR3), r), _mm256_set1_pd(kLogfR2));
  y = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(kLogfR4), r2), y);
  y = _mm256_add_pd(_mm256_mul_pd(y, r2), _mm256_add_pd(y0, r));
  return _mm256_cvtpd_ps(y);
}

// sin/cos polynomials of 4 reduced doubles, each rounded to float (glibc's
// sincosf_poly order; quadrant signs and swap are applied by the caller).
static inline void sincos_poly_half(__m256d x, __m128* s, __m128* c) {
  using namespace glibcf;
  const __m256d x2 = _mm256_mul_pd(x, x);
  const __m256d x4 = _mm256_mul_pd(x2, x2);
  const __m256d x3 = _mm256_mul_pd(x2, x);
  const __m256d c2 = _mm256_add_pd(_mm256_set1_pd(kCos3), _mm256_mul_pd(x2, _mm256_set1_pd(kCos4)));
  const __m256d s1 = _mm256_add_pd(_mm256_set1_pd(kSin2), _mm256_mul_pd(x2, _mm256_set1_pd(kSin3)));
  const __m256d c1 = _mm256_add_pd(_mm256_set1_pd(1.0), _mm256_mul_pd(x2, _mm256_set1_pd(kCos1)));
  const __m256d x5 = _mm256_mul_pd(x3, x2);
  const __m256d x6 = _mm256_mul_pd(x4, x2);
  const __m256d sa = _mm256_add_pd(x, _mm256_mul_pd(x3, _mm256_set1_pd(kSin1)));
  const __m256d ca = _mm256_add_pd(c1, _mm256_mul_pd(x4, _mm256_set1_pd(kCos2)));
  *s = _mm256_cvtpd_ps(_mm256_add_pd(sa, _mm256_mul_pd(x5, s1)));
  *c = _mm256_cvtpd_ps(_mm256_add_pd(ca, _mm256_mul_pd(x6, c2)));
}

// x - n * pi/2 for the 4 lanes' quadrants n (int32).
static inline __m256d reduce_half(__m256d x, __m128i n) {
  return _mm256_sub_pd(x, _mm256_mul_pd(_mm256_cvtepi32_pd(n), _mm256_set1_pd(glibcf::kHalfPi)));
}

// sincosf of 8 floats y whose exact doubles are (xlo, xhi); glibc's
// reduce_fast, quadrant logic as blends (see boxmuller_avx512.h):
//   t = trunc(x * 2/pi * 2^24), n = (t + 2^23) >> 24 (0 when |y| < 0.75,
//   where glibc does not reduce; the reduction is then the identity);
//   output sin = (n odd ? cos_poly : sin_poly), negated when n & 2;
//   output cos = (n odd ? sin_poly : cos_poly), negated when (n + 1) & 2;
//   |y| < 2^-12 takes (y, 1.0f).
static inline void sincosf_from_pd(__m256 y, __m256d xlo, __m256d xhi, __m256* sinp,
                                   __m256* cosp) {
  const __m256d scale = _mm256_set1_pd(glibcf::kHalfPiInv24);
  const __m256i t = join_epi32(_mm256_cvttpd_epi32(_mm256_mul_pd(xlo, scale)),
                               _mm256_cvttpd_epi32(_mm256_mul_pd(xhi, scale)));
  const __m256i n = _mm256_srai_epi32(_mm256_add_epi32(t, _mm256_set1_epi32(0x800000)), 24);

  __m128 slo, clo, shi, chi;
  sincos_poly_half(reduce_half(xlo, _mm256_castsi256_si128(n)), &slo, &clo);
  sincos_poly_half(reduce_half(xhi, _mm256_extracti128_si256(n, 1)), &shi, &chi);
  const __m256 sp = join_ps(slo, shi);
  const __m256 cp = join_ps(clo, chi);

  // blendv selects on the sign bit: n << 31 is "n odd".
  const __m256 odd = _mm256_castsi256_ps(_mm256_slli_epi32(n, 31));
  const __m256 sw_s = _mm256_blendv_ps(sp, cp, odd);
  const __m256 sw_c = _mm256_blendv_ps(cp, sp, odd);
  const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32(int(0x80000000u)));
  const __m256 ssign = _mm256_and_ps(_mm256_castsi256_ps(_mm256_slli_epi32(n, 30)), sign);
  const __m256 csign = _mm256_and_ps(
      _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(1)), 30)), sign);
  const __m256 s = _mm256_xor_ps(sw_s, ssign);
  const __m256 c = _mm256_xor_ps(sw_c, csign);

  // |bits| is non-negative, so the signed compare is the unsigned one.
  const __m256i abs_bits = _mm256_and_si256(_mm256_castps_si256(y), _mm256_set1_epi32(0x7FFFFFFF));
  const __m256 tiny = _mm256_castsi256_ps(
      _mm256_cmpgt_epi32(_mm256_set1_epi32(int(glibcf::kSincosTinyBits)), abs_bits));
  *sinp = _mm256_blendv_ps(s, y, tiny);
  *cosp = _mm256_blendv_ps(c, _mm256_set1_ps(1.0f), tiny);
}

}  // namespace avx2_detail

// glibc logf on 8 positive normal floats.
static inline __m256 logf_avx2(__m256 x) {
  using namespace avx2_detail;
  // tmp = bits - kLogfOff: bits 31..23 = k (signed), bits 22..19 = table
  // index; iz = bits with k taken off the exponent, z in [kLogfOff, 2*kLogfOff).
  const __m256i ix = _mm256_castps_si256(x);
  const __m256i tmp = _mm256_sub_epi32(ix, _mm256_set1_epi32(int(glibcf::kLogfOff)));
  const __m256i i = _mm256_srli_epi32(tmp, 19);  // vpermd reads bits 2..0
  const __m256i k = _mm256_srai_epi32(tmp, 23);
  const __m256i iz =
      _mm256_sub_epi32(ix, _mm256_and_si256(tmp, _mm256_set1_epi32(int(0xFF800000u))));

  const __m256i ip = _mm256_permutevar8x32_epi32(i, _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7));
  const __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(ip, 28));  // index bit 3
  __m256d invc_lo, invc_hi, logc_lo, logc_hi;
  lookup_pd(kInvcWords, ip, sel, &invc_lo, &invc_hi);
  lookup_pd(kLogcWords, ip, sel, &logc_lo, &logc_hi);

  const __m128 lo = logf_half(invc_lo, logc_lo, _mm256_castsi256_si128(k),
                              _mm256_castsi256_si128(iz));
  const __m128 hi = logf_half(invc_hi, logc_hi, _mm256_extracti128_si256(k, 1),
                              _mm256_extracti128_si256(iz, 1));
  return join_ps(lo, hi);
}

// glibc sincosf on 8 floats with |x| < 120.
static inline void sincosf_avx2(__m256 x, __m256* s, __m256* c) {
  avx2_detail::sincosf_from_pd(x, _mm256_cvtps_pd(_mm256_castps256_ps128(x)),
                               _mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)), s, c);
}

// 8 independent BoxMullerFloat(x0[j], x1[j]) -> (f0[j], f1[j]).
static inline void box_muller_f32_avx2(__m256i x0, __m256i x1, __m256* f0, __m256* f1) {
  using namespace avx2_detail;
  const __m256i mant = _mm256_set1_epi32(0x7FFFFF);
  const __m256i one_bits = _mm256_set1_epi32(0x3F800000);
  const __m256 one = _mm256_set1_ps(1.0f);

  // u1 = max(uint32_to_float(x0), 1e-7f); the max is the clamp (no NaNs).
  // 1.0f's bits with x's low 23 bits as significand, minus 1: exact.
  const __m256 u = _mm256_sub_ps(
      _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(x0, mant), one_bits)), one);
  const __m256 u1 = _mm256_max_ps(u, _mm256_set1_ps(1e-7f));
  const __m256 lg = logf_avx2(u1);
  const __m256 u2 = _mm256_sqrt_ps(_mm256_mul_ps(_mm256_set1_ps(-2.0f), lg));

  // v1 = float(2pi * double(w)), then glibc works on double(v1).
  const __m256 w = _mm256_sub_ps(
      _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(x1, mant), one_bits)), one);
  const __m256d twopi = _mm256_set1_pd(6.283185307179586);
  const __m128 vlo = _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(w)), twopi));
  const __m128 vhi = _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(w, 1)), twopi));
  __m256 s, c;
  sincosf_from_pd(join_ps(vlo, vhi), _mm256_cvtps_pd(vlo), _mm256_cvtps_pd(vhi), &s, &c);

  *f0 = _mm256_mul_ps(s, u2);
  *f1 = _mm256_mul_ps(c, u2);
}

}  // namespace tfp
