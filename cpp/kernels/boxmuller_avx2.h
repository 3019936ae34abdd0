// AVX2 float32 Box-Muller, bit-exact with TF on glibc: glibc's logf and
// sincosf algorithms (see cpp/mathf.cc) evaluated 4 doubles per ymm, two
// halves per 8 float lanes. Include only from code compiled for avx2
// (cpp/kernels/avx2.cc, or a region under `#pragma GCC target`). Never use
// FMA here: each product and sum is rounded separately, like glibc's
// generic C code.
//
// Exact only on the inputs Box-Muller produces, which the exhaustive test
// covers completely:
//   logf_avx2:    positive normal floats (u1 in [1e-7, 1));
//   sincosf_avx2: 0 <= x < 120 (v1 in [0, 2pi)).
// Anything else (zero / negative / subnormal / inf / NaN for logf; x < 0,
// x >= 120 or NaN for sincosf) gives unspecified values. Branch-free.
//
// Entry points for the kernels: box_muller_f32_avx2 (8 pairs) and
// box_muller_f32_avx2_x2 (two independent groups of 8, interleaved so the
// out-of-order core sees independent work; GCC keeps the source order).
// The algorithmic choices (magic-number quadrant, no tiny-argument blend)
// are explained in boxmuller_avx512.h.
#pragma once
#include <immintrin.h>

#include <cstdint>

#include "mathf.h"

#if defined(__GNUC__)
#define TFP_BM256_INLINE static inline __attribute__((always_inline))
#else
#define TFP_BM256_INLINE static inline
#endif

namespace tfp {
namespace avx2_detail {

constexpr double kRoundMagic = 0x1.8p52;  // see boxmuller_avx512.h

TFP_BM256_INLINE __m256d bcast(double v) { return _mm256_set1_pd(v); }

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

TFP_BM256_INLINE __m256 load8(const uint32_t* p) {
  return _mm256_loadu_ps(reinterpret_cast<const float*>(p));
}

// Words of entry ip[d] for each dword lane d; sel has index bit 3 in the
// sign bit (blendv's selector).
TFP_BM256_INLINE __m256 lookup_words(const uint32_t* words, __m256i ip, __m256 sel) {
  return _mm256_blendv_ps(_mm256_permutevar8x32_ps(load8(words), ip),
                          _mm256_permutevar8x32_ps(load8(words + 8), ip), sel);
}

// The doubles table[i_j] for lanes j = 0..3 (*a) and 4..7 (*b). `ip` is the
// index vector with lanes permuted as (0,1,4,5,2,3,6,7): unpacklo / unpackhi
// pair words within each 128-bit half, i.e. they take dword lanes (0,1,4,5)
// and (2,3,6,7), which that permutation maps back to 0..3 and 4..7.
TFP_BM256_INLINE void lookup_pd(const WordTable& t, __m256i ip, __m256 sel, __m256d* a,
                                __m256d* b) {
  const __m256 lo = lookup_words(t.lo, ip, sel);
  const __m256 hi = lookup_words(t.hi, ip, sel);
  *a = _mm256_castps_pd(_mm256_unpacklo_ps(lo, hi));
  *b = _mm256_castps_pd(_mm256_unpackhi_ps(lo, hi));
}

TFP_BM256_INLINE __m256 join_ps(__m128 lo, __m128 hi) {
  return _mm256_insertf128_ps(_mm256_castps128_ps256(lo), hi, 1);
}
TFP_BM256_INLINE __m128 half_ps(__m256 v, int h) {
  return h ? _mm256_extractf128_ps(v, 1) : _mm256_castps256_ps128(v);
}
TFP_BM256_INLINE __m128i half_epi32(__m256i v, int h) {
  return h ? _mm256_extracti128_si256(v, 1) : _mm256_castsi256_si128(v);
}

// ---- logf -----------------------------------------------------------------------
// glibc e_logf.c (see boxmuller_avx512.h); N halves of 4 lanes, half h of
// input vector g being entry 2g+h.
template <int N>
struct LogfPrep {
  __m256d invc[N], logc[N], z[N], kd[N];
};

template <int N>
TFP_BM256_INLINE void logf_prep(__m256 x, int g, LogfPrep<N>* p) {
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
  lookup_pd(kInvcWords, ip, sel, &p->invc[2 * g], &p->invc[2 * g + 1]);
  lookup_pd(kLogcWords, ip, sel, &p->logc[2 * g], &p->logc[2 * g + 1]);
  for (int h = 0; h < 2; ++h) {
    p->z[2 * g + h] = _mm256_cvtps_pd(_mm_castsi128_ps(half_epi32(iz, h)));
    p->kd[2 * g + h] = _mm256_cvtepi32_pd(half_epi32(k, h));
  }
}

template <int N>
TFP_BM256_INLINE void logf_core(const LogfPrep<N>& p, __m256d* y) {
  using namespace glibcf;
  __m256d r[N], y0[N], r2[N];
  for (int h = 0; h < N; ++h) r[h] = _mm256_sub_pd(_mm256_mul_pd(p.z[h], p.invc[h]), bcast(1.0));
  for (int h = 0; h < N; ++h) {
    y0[h] = _mm256_add_pd(p.logc[h], _mm256_mul_pd(p.kd[h], bcast(kLogfLn2)));
  }
  for (int h = 0; h < N; ++h) {
    r2[h] = _mm256_mul_pd(r[h], r[h]);
    y[h] = _mm256_add_pd(_mm256_mul_pd(bcast(kLogfR3), r[h]), bcast(kLogfR2));
  }
  for (int h = 0; h < N; ++h) y[h] = _mm256_add_pd(_mm256_mul_pd(bcast(kLogfR4), r2[h]), y[h]);
  for (int h = 0; h < N; ++h) {
    y[h] = _mm256_add_pd(_mm256_mul_pd(y[h], r2[h]), _mm256_add_pd(y0[h], r[h]));
  }
}

// ---- sincosf --------------------------------------------------------------------
// glibc s_sincosf.c for 0 <= x < 120 (see boxmuller_avx512.h for why the
// magic-number quadrant and the absence of a tiny-argument blend are exact).
// Per half: the polynomials rounded to float, and the magic sum m whose low
// mantissa bits hold the quadrant n.
template <int N>
struct SincosPoly {
  __m128 s[N], c[N];
  __m256d m[N];
};

template <int N>
TFP_BM256_INLINE void sincos_core(const __m256d* x, SincosPoly<N>* out) {
  using namespace glibcf;
  __m256d xr[N], x2[N], x3[N], x4[N];
  for (int h = 0; h < N; ++h) {
    out->m[h] = _mm256_add_pd(_mm256_mul_pd(x[h], bcast(kHalfPiInv)), bcast(kRoundMagic));
  }
  for (int h = 0; h < N; ++h) {
    const __m256d nd = _mm256_sub_pd(out->m[h], bcast(kRoundMagic));
    xr[h] = _mm256_sub_pd(x[h], _mm256_mul_pd(nd, bcast(kHalfPi)));
  }
  for (int h = 0; h < N; ++h) x2[h] = _mm256_mul_pd(xr[h], xr[h]);
  for (int h = 0; h < N; ++h) {
    x4[h] = _mm256_mul_pd(x2[h], x2[h]);
    x3[h] = _mm256_mul_pd(x2[h], xr[h]);
  }
  __m256d c2[N], s1[N], c1[N], x5[N], x6[N], sa[N], ca[N];
  for (int h = 0; h < N; ++h) {
    c2[h] = _mm256_add_pd(bcast(kCos3), _mm256_mul_pd(x2[h], bcast(kCos4)));
    s1[h] = _mm256_add_pd(bcast(kSin2), _mm256_mul_pd(x2[h], bcast(kSin3)));
    c1[h] = _mm256_add_pd(bcast(1.0), _mm256_mul_pd(x2[h], bcast(kCos1)));
  }
  for (int h = 0; h < N; ++h) {
    x5[h] = _mm256_mul_pd(x3[h], x2[h]);
    x6[h] = _mm256_mul_pd(x4[h], x2[h]);
    sa[h] = _mm256_add_pd(xr[h], _mm256_mul_pd(x3[h], bcast(kSin1)));
    ca[h] = _mm256_add_pd(c1[h], _mm256_mul_pd(x4[h], bcast(kCos2)));
  }
  for (int h = 0; h < N; ++h) {
    out->s[h] = _mm256_cvtpd_ps(_mm256_add_pd(sa[h], _mm256_mul_pd(x5[h], s1[h])));
    out->c[h] = _mm256_cvtpd_ps(_mm256_add_pd(ca[h], _mm256_mul_pd(x6[h], c2[h])));
  }
}

// Quadrant logic for the 8 lanes of halves (2g, 2g+1):
//   sin = (n odd ? cos_poly : sin_poly), negated when n & 2;
//   cos = (n odd ? sin_poly : cos_poly), negated when (n + 1) & 2.
template <int N>
TFP_BM256_INLINE void sincos_finish(const SincosPoly<N>& p, int g, __m256* sinp, __m256* cosp) {
  const __m256 sp = join_ps(p.s[2 * g], p.s[2 * g + 1]);
  const __m256 cp = join_ps(p.c[2 * g], p.c[2 * g + 1]);
  // n as 8 dwords: the low dword of each magic sum, gathered in lane order
  // (shuffle_ps takes dwords 0 and 2 of each 128-bit half: lanes 0,1,4,5 |
  // 2,3,6,7; vpermq (0,2,1,3) restores 0..7).
  const __m256 packed = _mm256_shuffle_ps(_mm256_castpd_ps(p.m[2 * g]),
                                          _mm256_castpd_ps(p.m[2 * g + 1]), _MM_SHUFFLE(2, 0, 2, 0));
  const __m256i n = _mm256_permute4x64_epi64(_mm256_castps_si256(packed), _MM_SHUFFLE(3, 1, 2, 0));
  // blendv selects on the sign bit: n << 31 is "n odd".
  const __m256 odd = _mm256_castsi256_ps(_mm256_slli_epi32(n, 31));
  const __m256 sw_s = _mm256_blendv_ps(sp, cp, odd);
  const __m256 sw_c = _mm256_blendv_ps(cp, sp, odd);
  const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32(int(0x80000000u)));
  const __m256 ssign = _mm256_and_ps(_mm256_castsi256_ps(_mm256_slli_epi32(n, 30)), sign);
  const __m256 csign = _mm256_and_ps(
      _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(1)), 30)), sign);
  *sinp = _mm256_xor_ps(sw_s, ssign);
  *cosp = _mm256_xor_ps(sw_c, csign);
}

// ---- Box-Muller -----------------------------------------------------------------
// G groups of 8 independent pairs, every stage interleaved across groups.
template <int G>
TFP_BM256_INLINE void box_muller_groups(const __m256i* x0, const __m256i* x1, __m256* f0,
                                        __m256* f1) {
  constexpr int N = 2 * G;
  const __m256i mant = _mm256_set1_epi32(0x7FFFFF);
  const __m256i one_bits = _mm256_set1_epi32(0x3F800000);
  const __m256 one = _mm256_set1_ps(1.0f);

  // uint32_to_float: 1.0f's bits with x's low 23 bits as significand, minus
  // 1 (exact); u1 = max(u, 1e-7f) is TF's clamp (no NaNs here).
  __m256 u1[G], w[G];
  for (int g = 0; g < G; ++g) {
    w[g] = _mm256_sub_ps(
        _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(x1[g], mant), one_bits)), one);
    const __m256 u = _mm256_sub_ps(
        _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(x0[g], mant), one_bits)), one);
    u1[g] = _mm256_max_ps(u, _mm256_set1_ps(1e-7f));
  }

  // v1 = float(2pi * double(w)); glibc then works on double(v1).
  __m256d vd[N];
  LogfPrep<N> lp;
  for (int h = 0; h < N; ++h) {
    const __m256d wd = _mm256_cvtps_pd(half_ps(w[h / 2], h % 2));
    vd[h] = _mm256_cvtps_pd(_mm256_cvtpd_ps(_mm256_mul_pd(wd, bcast(6.283185307179586))));
  }
  for (int g = 0; g < G; ++g) logf_prep(u1[g], g, &lp);

  SincosPoly<N> sp;
  __m256d y[N];
  sincos_core(vd, &sp);
  logf_core(lp, y);

  // u2 = sqrtf(-2 * logf(u1)) in float, then the float products.
  for (int g = 0; g < G; ++g) {
    const __m256 lg = join_ps(_mm256_cvtpd_ps(y[2 * g]), _mm256_cvtpd_ps(y[2 * g + 1]));
    const __m256 u2 = _mm256_sqrt_ps(_mm256_mul_ps(_mm256_set1_ps(-2.0f), lg));
    __m256 s, c;
    sincos_finish(sp, g, &s, &c);
    f0[g] = _mm256_mul_ps(s, u2);
    f1[g] = _mm256_mul_ps(c, u2);
  }
}

}  // namespace avx2_detail

// glibc logf on 8 positive normal floats.
TFP_BM256_INLINE __m256 logf_avx2(__m256 x) {
  using namespace avx2_detail;
  LogfPrep<2> p;
  logf_prep(x, 0, &p);
  __m256d y[2];
  logf_core(p, y);
  return join_ps(_mm256_cvtpd_ps(y[0]), _mm256_cvtpd_ps(y[1]));
}

// glibc sincosf on 8 floats with 0 <= x < 120.
TFP_BM256_INLINE void sincosf_avx2(__m256 x, __m256* s, __m256* c) {
  using namespace avx2_detail;
  const __m256d xd[2] = {_mm256_cvtps_pd(half_ps(x, 0)), _mm256_cvtps_pd(half_ps(x, 1))};
  SincosPoly<2> p;
  sincos_core(xd, &p);
  sincos_finish(p, 0, s, c);
}

// 8 independent BoxMullerFloat(x0[j], x1[j]) -> (f0[j], f1[j]).
TFP_BM256_INLINE void box_muller_f32_avx2(__m256i x0, __m256i x1, __m256* f0, __m256* f1) {
  avx2_detail::box_muller_groups<1>(&x0, &x1, f0, f1);
}

// Two independent groups of 8 pairs: (x0[g][j], x1[g][j]) -> (f0[g][j],
// f1[g][j]) for g = 0, 1; same results as two box_muller_f32_avx2 calls.
TFP_BM256_INLINE void box_muller_f32_avx2_x2(const __m256i x0[2], const __m256i x1[2],
                                             __m256 f0[2], __m256 f1[2]) {
  avx2_detail::box_muller_groups<2>(x0, x1, f0, f1);
}

}  // namespace tfp

#undef TFP_BM256_INLINE
