// AVX-512 float32 Box-Muller, bit-exact with TF on glibc: glibc's logf and
// sincosf algorithms (see cpp/mathf.cc) evaluated 8 doubles per zmm, two
// halves per 16 float lanes. Include only from code compiled for
// avx512f+dq+bw+vl (cpp/kernels/avx512.cc, or a function region under
// `#pragma GCC target`). Never use FMA here: each product and sum is rounded
// separately, like glibc's generic C code.
//
// Exact only on the inputs Box-Muller produces, which the exhaustive test
// covers completely:
//   logf_avx512:    positive normal floats (u1 in [1e-7, 1));
//   sincosf_avx512: |x| < 120, not NaN (v1 in [0, 2pi)).
// Zero, negative, subnormal, inf, NaN or |x| >= 120 give unspecified values.
// Branch-free: the tiny-argument path and the quadrant cases are blends.
#pragma once
#include <immintrin.h>

#include "mathf.h"

// GCC 12.0-12.2 warn "may be used uninitialized" for the _mm512_undefined_*
// pass-through operands inside its own intrinsics once they are inlined
// (GCC PR105593, fixed in 12.3): false positives, silenced for this header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

namespace tfp {
namespace avx512_detail {

// The 16-entry tables as two zmm each: permutex2var picks entry i (0..15)
// from (lo, hi) using only bits 3..0 of each 64-bit index lane.
static inline __m512d table_lo(const double* t) { return _mm512_loadu_pd(t); }
static inline __m512d table_hi(const double* t) { return _mm512_loadu_pd(t + 8); }

// The 256-bit half h (0: lanes 0..7, 1: lanes 8..15) of a zmm of 32-bit lanes.
static inline __m256i half_epi32(__m512i v, int h) {
  return h ? _mm512_extracti64x4_epi64(v, 1) : _mm512_castsi512_si256(v);
}
static inline __m256 half_ps(__m512 v, int h) {
  return h ? _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))
           : _mm512_castps512_ps256(v);
}
static inline __m512 join_ps(__m256 lo, __m256 hi) {
  return _mm512_castpd_ps(
      _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(lo)), _mm256_castps_pd(hi), 1));
}
static inline __m512i join_epi32(__m256i lo, __m256i hi) {
  return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

// logf on 8 lanes in double: i = table index (bits 3..0 used; higher bits
// ignored by the permute), k = exponent, iz = bits of z. glibc's e_logf.c
// core, term by term.
static inline __m256 logf_half(__m256i i, __m256i k, __m256i iz) {
  using namespace glibcf;
  const __m512i idx = _mm512_cvtepu32_epi64(i);
  const __m512d invc = _mm512_permutex2var_pd(table_lo(kLogfInvc), idx, table_hi(kLogfInvc));
  const __m512d logc = _mm512_permutex2var_pd(table_lo(kLogfLogc), idx, table_hi(kLogfLogc));
  const __m512d z = _mm512_cvtps_pd(_mm256_castsi256_ps(iz));
  const __m512d kd = _mm512_cvtepi32_pd(k);

  const __m512d r = _mm512_sub_pd(_mm512_mul_pd(z, invc), _mm512_set1_pd(1.0));
  const __m512d y0 = _mm512_add_pd(logc, _mm512_mul_pd(kd, _mm512_set1_pd(kLogfLn2)));
  const __m512d r2 = _mm512_mul_pd(r, r);
  __m512d y = _mm512_add_pd(_mm512_mul_pd(_mm512_set1_pd(kLogfR3), r), _mm512_set1_pd(kLogfR2));
  y = _mm512_add_pd(_mm512_mul_pd(_mm512_set1_pd(kLogfR4), r2), y);
  y = _mm512_add_pd(_mm512_mul_pd(y, r2), _mm512_add_pd(y0, r));
  return _mm512_cvtpd_ps(y);
}

// sin/cos polynomials of 8 reduced doubles, each rounded to float (glibc's
// sincosf_poly order; quadrant signs and swap are applied by the caller).
static inline void sincos_poly_half(__m512d x, __m256* s, __m256* c) {
  using namespace glibcf;
  const __m512d x2 = _mm512_mul_pd(x, x);
  const __m512d x4 = _mm512_mul_pd(x2, x2);
  const __m512d x3 = _mm512_mul_pd(x2, x);
  const __m512d c2 = _mm512_add_pd(_mm512_set1_pd(kCos3), _mm512_mul_pd(x2, _mm512_set1_pd(kCos4)));
  const __m512d s1 = _mm512_add_pd(_mm512_set1_pd(kSin2), _mm512_mul_pd(x2, _mm512_set1_pd(kSin3)));
  const __m512d c1 = _mm512_add_pd(_mm512_set1_pd(1.0), _mm512_mul_pd(x2, _mm512_set1_pd(kCos1)));
  const __m512d x5 = _mm512_mul_pd(x3, x2);
  const __m512d x6 = _mm512_mul_pd(x4, x2);
  const __m512d sa = _mm512_add_pd(x, _mm512_mul_pd(x3, _mm512_set1_pd(kSin1)));
  const __m512d ca = _mm512_add_pd(c1, _mm512_mul_pd(x4, _mm512_set1_pd(kCos2)));
  *s = _mm512_cvtpd_ps(_mm512_add_pd(sa, _mm512_mul_pd(x5, s1)));
  *c = _mm512_cvtpd_ps(_mm512_add_pd(ca, _mm512_mul_pd(x6, c2)));
}

// glibc's reduce_fast on 8 doubles (each the exact value of a float input):
// returns the truncated r = x * 2/pi * 2^24 as int32 (the quadrant is
// (t + 2^23) >> 24, formed by the caller on all 16 lanes at once).
static inline __m256i quadrant_scaled_half(__m512d x) {
  return _mm512_cvttpd_epi32(_mm512_mul_pd(x, _mm512_set1_pd(glibcf::kHalfPiInv24)));
}

// x - n * pi/2 for the 8 lanes' quadrants n (int32).
static inline __m512d reduce_half(__m512d x, __m256i n) {
  return _mm512_sub_pd(x, _mm512_mul_pd(_mm512_cvtepi32_pd(n), _mm512_set1_pd(glibcf::kHalfPi)));
}

// sincosf of 16 floats y whose exact doubles are (xlo, xhi). Quadrant logic
// on the 32-bit lanes (n = quadrant, 0 for |y| < 0.75 where glibc skips the
// reduction: there |t| < 2^23 so n = 0 and the reduction is the identity):
//   output sin = (n odd ? cos_poly : sin_poly), negated when n & 2;
//   output cos = (n odd ? sin_poly : cos_poly), negated when (n + 1) & 2;
// then |y| < 2^-12 (bits below kSincosTinyBits) takes (y, 1.0f) as glibc does.
static inline void sincosf_from_pd(__m512 y, __m512d xlo, __m512d xhi, __m512* sinp,
                                   __m512* cosp) {
  const __m512i t = join_epi32(quadrant_scaled_half(xlo), quadrant_scaled_half(xhi));
  const __m512i n = _mm512_srai_epi32(_mm512_add_epi32(t, _mm512_set1_epi32(0x800000)), 24);

  __m256 slo, clo, shi, chi;
  sincos_poly_half(reduce_half(xlo, _mm512_castsi512_si256(n)), &slo, &clo);
  sincos_poly_half(reduce_half(xhi, _mm512_extracti64x4_epi64(n, 1)), &shi, &chi);
  const __m512 sp = join_ps(slo, shi);
  const __m512 cp = join_ps(clo, chi);

  const __mmask16 odd = _mm512_test_epi32_mask(n, _mm512_set1_epi32(1));
  const __m512i sw_s = _mm512_castps_si512(_mm512_mask_blend_ps(odd, sp, cp));
  const __m512i sw_c = _mm512_castps_si512(_mm512_mask_blend_ps(odd, cp, sp));
  // Bit 1 of n (or n+1) moved to the sign bit: A ^ (B & C) is ternary 0x78.
  const __m512i sign = _mm512_set1_epi32(int(0x80000000u));
  const __m512i ssign = _mm512_slli_epi32(n, 30);
  const __m512i csign = _mm512_slli_epi32(_mm512_add_epi32(n, _mm512_set1_epi32(1)), 30);
  const __m512 s = _mm512_castsi512_ps(_mm512_ternarylogic_epi32(sw_s, ssign, sign, 0x78));
  const __m512 c = _mm512_castsi512_ps(_mm512_ternarylogic_epi32(sw_c, csign, sign, 0x78));

  const __mmask16 tiny = _mm512_cmplt_epu32_mask(
      _mm512_and_si512(_mm512_castps_si512(y), _mm512_set1_epi32(0x7FFFFFFF)),
      _mm512_set1_epi32(int(glibcf::kSincosTinyBits)));
  *sinp = _mm512_mask_blend_ps(tiny, s, y);
  *cosp = _mm512_mask_blend_ps(tiny, c, _mm512_set1_ps(1.0f));
}

}  // namespace avx512_detail

// glibc logf on 16 positive normal floats.
static inline __m512 logf_avx512(__m512 x) {
  using namespace avx512_detail;
  // tmp = bits - kLogfOff: bits 31..23 = k (signed), bits 22..19 = table
  // index; iz = bits with k taken off the exponent, z in [kLogfOff, 2*kLogfOff).
  const __m512i ix = _mm512_castps_si512(x);
  const __m512i tmp = _mm512_sub_epi32(ix, _mm512_set1_epi32(int(glibcf::kLogfOff)));
  const __m512i i = _mm512_srli_epi32(tmp, 19);
  const __m512i k = _mm512_srai_epi32(tmp, 23);
  const __m512i iz =
      _mm512_sub_epi32(ix, _mm512_and_si512(tmp, _mm512_set1_epi32(int(0xFF800000u))));
  const __m256 lo = logf_half(half_epi32(i, 0), half_epi32(k, 0), half_epi32(iz, 0));
  const __m256 hi = logf_half(half_epi32(i, 1), half_epi32(k, 1), half_epi32(iz, 1));
  return join_ps(lo, hi);
}

// glibc sincosf on 16 floats with |x| < 120.
static inline void sincosf_avx512(__m512 x, __m512* s, __m512* c) {
  using namespace avx512_detail;
  avx512_detail::sincosf_from_pd(x, _mm512_cvtps_pd(half_ps(x, 0)), _mm512_cvtps_pd(half_ps(x, 1)),
                                 s, c);
}

// 16 independent BoxMullerFloat(x0[j], x1[j]) -> (f0[j], f1[j]).
static inline void box_muller_f32_avx512(__m512i x0, __m512i x1, __m512* f0, __m512* f1) {
  using namespace avx512_detail;
  const __m512i mant = _mm512_set1_epi32(0x7FFFFF);
  const __m512i one_bits = _mm512_set1_epi32(0x3F800000);
  const __m512 one = _mm512_set1_ps(1.0f);

  // u1 = max(uint32_to_float(x0), 1e-7f); the max is the clamp (no NaNs).
  // Ternary 0xF8 is A | (B & C): 1.0f's bits with x's low 23 bits as the
  // significand, a float in [1, 2); minus 1 that is exact.
  const __m512 u = _mm512_sub_ps(
      _mm512_castsi512_ps(_mm512_ternarylogic_epi32(one_bits, x0, mant, 0xF8)), one);
  const __m512 u1 = _mm512_max_ps(u, _mm512_set1_ps(1e-7f));
  const __m512 lg = logf_avx512(u1);
  const __m512 u2 = _mm512_sqrt_ps(_mm512_mul_ps(_mm512_set1_ps(-2.0f), lg));

  // v1 = float(2pi * double(w)), then glibc works on double(v1).
  const __m512 w = _mm512_sub_ps(
      _mm512_castsi512_ps(_mm512_ternarylogic_epi32(one_bits, x1, mant, 0xF8)), one);
  const __m512d twopi = _mm512_set1_pd(6.283185307179586);
  const __m256 vlo = _mm512_cvtpd_ps(_mm512_mul_pd(_mm512_cvtps_pd(half_ps(w, 0)), twopi));
  const __m256 vhi = _mm512_cvtpd_ps(_mm512_mul_pd(_mm512_cvtps_pd(half_ps(w, 1)), twopi));
  __m512 s, c;
  sincosf_from_pd(join_ps(vlo, vhi), _mm512_cvtps_pd(vlo), _mm512_cvtps_pd(vhi), &s, &c);

  *f0 = _mm512_mul_ps(s, u2);
  *f1 = _mm512_mul_ps(c, u2);
}

}  // namespace tfp

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
