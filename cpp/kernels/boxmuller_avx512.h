// AVX-512 float32 Box-Muller, bit-exact with TF on glibc: glibc's logf and
// sincosf algorithms (see cpp/mathf.cc) evaluated 8 doubles per zmm, two
// halves per 16 float lanes. Include only from code compiled for
// avx512f+dq+bw+vl (cpp/kernels/avx512.cc, or a region under
// `#pragma GCC target`). Never use FMA here: each product and sum is rounded
// separately, like glibc's generic C code.
//
// Exact only on the inputs Box-Muller produces, which the exhaustive test
// covers completely:
//   logf_avx512:    positive normal floats (u1 in [1e-7, 1));
//   sincosf_avx512: 0 <= x < 120 (v1 in [0, 2pi)).
// Anything else (zero / negative / subnormal / inf / NaN for logf; x < 0,
// x >= 120 or NaN for sincosf) gives unspecified values. Branch-free.
//
// Entry points for the kernels: box_muller_f32_avx512 (16 pairs) and
// box_muller_f32_avx512_x2 (two independent groups of 16, interleaved: about
// 20% faster per pair on Zen 4, whose scheduler otherwise cannot look far
// enough ahead through one group's long dependency chains).
//
// Speed notes (Zen 4 runs zmm ops double-pumped): adds, shifts and the
// double<->float/int conversions share two pipes, multiplies have the other
// two. So the quadrant is rounded with the 1.5*2^52 trick in double instead
// of int conversions, and its bits become k-masks. Code is written stage by
// stage across all independent chains (the halves, and the groups) because
// GCC keeps that source order and the core then finds independent work
// within its scheduler window.
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

// Everything here must inline into the caller's loop (GCC's heuristics
// otherwise keep the larger helpers out of line and pass zmm through memory).
#if defined(__GNUC__)
#define TFP_BM512_INLINE static inline __attribute__((always_inline))
#else
#define TFP_BM512_INLINE static inline
#endif

namespace tfp {
namespace avx512_detail {

// 1.5 * 2^52: adding it to |q| < 2^51 rounds q to the nearest integer (ties
// to even) and leaves that integer, two's complement, in the low mantissa
// bits; subtracting it again gives the integer as a double.
constexpr double kRoundMagic = 0x1.8p52;

TFP_BM512_INLINE __m512d bcast(double v) { return _mm512_set1_pd(v); }

// The 256-bit half h (0: lanes 0..7, 1: lanes 8..15) of a zmm of 32-bit lanes.
TFP_BM512_INLINE __m256i half_epi32(__m512i v, int h) {
  return h ? _mm512_extracti64x4_epi64(v, 1) : _mm512_castsi512_si256(v);
}
TFP_BM512_INLINE __m256 half_ps(__m512 v, int h) {
  return _mm256_castsi256_ps(half_epi32(_mm512_castps_si512(v), h));
}
TFP_BM512_INLINE __m512 join_ps(__m256 lo, __m256 hi) {
  return _mm512_castpd_ps(
      _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(lo)), _mm256_castps_pd(hi), 1));
}

// ---- logf -----------------------------------------------------------------------
// glibc e_logf.c: bits(x) - kLogfOff = tmp with bits 31..23 = k (signed) and
// bits 22..19 = table index i; z = x * 2^-k, whose bits are bits(x) minus
// tmp's k field. Then log(x) = (logc + k*ln2) + log1p(r), r = z*invc - 1.
// N halves of 8 lanes; half h of the input vector g is entry 2g+h.
template <int N>
struct LogfPrep {
  __m512i idx[N];  // i in 64-bit lanes (permutex2var reads bits 3..0 only)
  __m512d z[N];
  __m512d kd[N];
};

// Fills halves (2g, 2g+1) of p from the 16 floats x.
template <int N>
TFP_BM512_INLINE void logf_prep(__m512 x, int g, LogfPrep<N>* p) {
  const __m512i ix = _mm512_castps_si512(x);
  for (int h = 0; h < 2; ++h) {
    const __m256i ixh = half_epi32(ix, h);
    const __m256i tmp = _mm256_sub_epi32(ixh, _mm256_set1_epi32(int(glibcf::kLogfOff)));
    const __m256i iz =
        _mm256_sub_epi32(ixh, _mm256_and_si256(tmp, _mm256_set1_epi32(int(0xFF800000u))));
    p->idx[2 * g + h] = _mm512_cvtepu32_epi64(_mm256_srli_epi32(tmp, 19));
    p->z[2 * g + h] = _mm512_cvtps_pd(_mm256_castsi256_ps(iz));
    p->kd[2 * g + h] = _mm512_cvtepi32_pd(_mm256_srai_epi32(tmp, 23));
  }
}

// The double-precision core in glibc's order; y per half, not yet rounded.
template <int N>
TFP_BM512_INLINE void logf_core(const LogfPrep<N>& p, __m512d* y) {
  using namespace glibcf;
  // 16-entry tables as (entries 0..7, entries 8..15): index bit 3 picks the zmm.
  const __m512d invc_lo = _mm512_loadu_pd(kLogfInvc), invc_hi = _mm512_loadu_pd(kLogfInvc + 8);
  const __m512d logc_lo = _mm512_loadu_pd(kLogfLogc), logc_hi = _mm512_loadu_pd(kLogfLogc + 8);
  __m512d r[N], y0[N], r2[N];
  for (int h = 0; h < N; ++h) {
    const __m512d invc = _mm512_permutex2var_pd(invc_lo, p.idx[h], invc_hi);
    r[h] = _mm512_sub_pd(_mm512_mul_pd(p.z[h], invc), bcast(1.0));
  }
  for (int h = 0; h < N; ++h) {
    const __m512d logc = _mm512_permutex2var_pd(logc_lo, p.idx[h], logc_hi);
    y0[h] = _mm512_add_pd(logc, _mm512_mul_pd(p.kd[h], bcast(kLogfLn2)));
  }
  for (int h = 0; h < N; ++h) {
    r2[h] = _mm512_mul_pd(r[h], r[h]);
    y[h] = _mm512_add_pd(_mm512_mul_pd(bcast(kLogfR3), r[h]), bcast(kLogfR2));
  }
  for (int h = 0; h < N; ++h) y[h] = _mm512_add_pd(_mm512_mul_pd(bcast(kLogfR4), r2[h]), y[h]);
  for (int h = 0; h < N; ++h) {
    y[h] = _mm512_add_pd(_mm512_mul_pd(y[h], r2[h]), _mm512_add_pd(y0[h], r[h]));
  }
}

// ---- sincosf --------------------------------------------------------------------
// glibc s_sincosf.c for 0 <= x < 120 on the exact doubles of float inputs.
//
// Quadrant: glibc forms n = ((int32)(x * 2/pi * 2^24) + 2^23) >> 24; for
// x >= 0 that is floor(q + 1/2) with q = x * 2/pi (the 2^24 scaling is
// exact), and the magic-number round-to-nearest-even of q equals it unless
// q is exactly a half-integer, which no float in [0, 120) produces (checked
// over all of them; for x < 0 glibc's truncation differs on a few floats).
//
// glibc's small path (|x| < 0.75) skips the reduction: there n = 0 and
// x - 0*pi/2 = x, so one path serves both. Its tiny path (|x| < 2^-12)
// returns (x, 1.0f): for those x the polynomials round to exactly that, as
// x^3/6 and x^2/2 are below half a float ulp (checked for every float in
// [0, 2^-12)), so no blend is needed either.
//
// Per half: sin / cos polynomials at the reduced argument (glibc's
// sincosf_poly order), each rounded to float, plus the quadrant's bit 0
// (swap) and bit 1 as masks.
template <int N>
struct SincosPoly {
  __m256 s[N], c[N];
  __mmask8 odd[N], bit1[N];
};

template <int N>
TFP_BM512_INLINE void sincos_core(const __m512d* x, SincosPoly<N>* out) {
  using namespace glibcf;
  __m512d m[N], xr[N], x2[N], x3[N], x4[N];
  // q = x * 2/pi is glibc's x * (2/pi * 2^24) scaled by 2^-24: exact.
  for (int h = 0; h < N; ++h) {
    m[h] = _mm512_add_pd(_mm512_mul_pd(x[h], bcast(kHalfPiInv)), bcast(kRoundMagic));
  }
  for (int h = 0; h < N; ++h) {
    const __m512d nd = _mm512_sub_pd(m[h], bcast(kRoundMagic));
    xr[h] = _mm512_sub_pd(x[h], _mm512_mul_pd(nd, bcast(kHalfPi)));
  }
  for (int h = 0; h < N; ++h) {
    const __m512i nbits = _mm512_castpd_si512(m[h]);
    out->odd[h] = _mm512_test_epi64_mask(nbits, _mm512_set1_epi64(1));
    out->bit1[h] = _mm512_test_epi64_mask(nbits, _mm512_set1_epi64(2));
  }
  for (int h = 0; h < N; ++h) x2[h] = _mm512_mul_pd(xr[h], xr[h]);
  for (int h = 0; h < N; ++h) {
    x4[h] = _mm512_mul_pd(x2[h], x2[h]);
    x3[h] = _mm512_mul_pd(x2[h], xr[h]);
  }
  __m512d c2[N], s1[N], c1[N], x5[N], x6[N], sa[N], ca[N];
  for (int h = 0; h < N; ++h) {
    c2[h] = _mm512_add_pd(bcast(kCos3), _mm512_mul_pd(x2[h], bcast(kCos4)));
    s1[h] = _mm512_add_pd(bcast(kSin2), _mm512_mul_pd(x2[h], bcast(kSin3)));
    c1[h] = _mm512_add_pd(bcast(1.0), _mm512_mul_pd(x2[h], bcast(kCos1)));
  }
  for (int h = 0; h < N; ++h) {
    x5[h] = _mm512_mul_pd(x3[h], x2[h]);
    x6[h] = _mm512_mul_pd(x4[h], x2[h]);
    sa[h] = _mm512_add_pd(xr[h], _mm512_mul_pd(x3[h], bcast(kSin1)));
    ca[h] = _mm512_add_pd(c1[h], _mm512_mul_pd(x4[h], bcast(kCos2)));
  }
  for (int h = 0; h < N; ++h) {
    out->s[h] = _mm512_cvtpd_ps(_mm512_add_pd(sa[h], _mm512_mul_pd(x5[h], s1[h])));
    out->c[h] = _mm512_cvtpd_ps(_mm512_add_pd(ca[h], _mm512_mul_pd(x6[h], c2[h])));
  }
}

// Quadrant logic for the 16 lanes of halves (2g, 2g+1):
//   sin = (n odd ? cos_poly : sin_poly), negated when n & 2;
//   cos = (n odd ? sin_poly : cos_poly), negated when (n + 1) & 2, which is
//         bit 1 xor bit 0.
template <int N>
TFP_BM512_INLINE void sincos_finish(const SincosPoly<N>& p, int g, __m512* sinp, __m512* cosp) {
  const __m512 sp = join_ps(p.s[2 * g], p.s[2 * g + 1]);
  const __m512 cp = join_ps(p.c[2 * g], p.c[2 * g + 1]);
  const __mmask16 odd = _mm512_kunpackb(p.odd[2 * g + 1], p.odd[2 * g]);
  const __mmask16 neg_s = _mm512_kunpackb(p.bit1[2 * g + 1], p.bit1[2 * g]);
  const __mmask16 neg_c = _mm512_kxor(neg_s, odd);
  const __m512i sign = _mm512_set1_epi32(int(0x80000000u));
  const __m512i s = _mm512_castps_si512(_mm512_mask_blend_ps(odd, sp, cp));
  const __m512i c = _mm512_castps_si512(_mm512_mask_blend_ps(odd, cp, sp));
  *sinp = _mm512_castsi512_ps(_mm512_mask_xor_epi32(s, neg_s, s, sign));
  *cosp = _mm512_castsi512_ps(_mm512_mask_xor_epi32(c, neg_c, c, sign));
}

// ---- Box-Muller -----------------------------------------------------------------
// G groups of 16 independent pairs, every stage interleaved across groups.
template <int G>
TFP_BM512_INLINE void box_muller_groups(const __m512i* x0, const __m512i* x1, __m512* f0,
                                        __m512* f1) {
  constexpr int N = 2 * G;
  const __m512i mant = _mm512_set1_epi32(0x7FFFFF);
  const __m512i one_bits = _mm512_set1_epi32(0x3F800000);
  const __m512 one = _mm512_set1_ps(1.0f);

  // uint32_to_float: 1.0f's bits with x's low 23 bits as the significand
  // (ternary 0xF8 is A | (B & C)) is a float in [1, 2); minus 1 is exact.
  // u1 = max(u, 1e-7f) is TF's clamp (no NaNs here).
  __m512 u1[G], w[G];
  for (int g = 0; g < G; ++g) {
    w[g] = _mm512_sub_ps(
        _mm512_castsi512_ps(_mm512_ternarylogic_epi32(one_bits, x1[g], mant, 0xF8)), one);
    const __m512 u = _mm512_sub_ps(
        _mm512_castsi512_ps(_mm512_ternarylogic_epi32(one_bits, x0[g], mant, 0xF8)), one);
    u1[g] = _mm512_max_ps(u, _mm512_set1_ps(1e-7f));
  }

  // v1 = float(2pi * double(w)); glibc then works on double(v1). The logf
  // preparation is interleaved with it: the chains are independent.
  __m512d vd[N];
  LogfPrep<N> lp;
  for (int h = 0; h < N; ++h) {
    const __m512d wd = _mm512_cvtps_pd(half_ps(w[h / 2], h % 2));
    vd[h] = _mm512_cvtps_pd(_mm512_cvtpd_ps(_mm512_mul_pd(wd, bcast(6.283185307179586))));
  }
  for (int g = 0; g < G; ++g) logf_prep(u1[g], g, &lp);

  SincosPoly<N> sp;
  __m512d y[N];
  sincos_core(vd, &sp);
  logf_core(lp, y);

  // u2 = sqrtf(-2 * logf(u1)), every rounding in float as TF's; then the
  // float products.
  for (int g = 0; g < G; ++g) {
    const __m512 lg = join_ps(_mm512_cvtpd_ps(y[2 * g]), _mm512_cvtpd_ps(y[2 * g + 1]));
    const __m512 u2 = _mm512_sqrt_ps(_mm512_mul_ps(_mm512_set1_ps(-2.0f), lg));
    __m512 s, c;
    sincos_finish(sp, g, &s, &c);
    f0[g] = _mm512_mul_ps(s, u2);
    f1[g] = _mm512_mul_ps(c, u2);
  }
}

}  // namespace avx512_detail

// glibc logf on 16 positive normal floats.
TFP_BM512_INLINE __m512 logf_avx512(__m512 x) {
  using namespace avx512_detail;
  LogfPrep<2> p;
  logf_prep(x, 0, &p);
  __m512d y[2];
  logf_core(p, y);
  return join_ps(_mm512_cvtpd_ps(y[0]), _mm512_cvtpd_ps(y[1]));
}

// glibc sincosf on 16 floats with 0 <= x < 120.
TFP_BM512_INLINE void sincosf_avx512(__m512 x, __m512* s, __m512* c) {
  using namespace avx512_detail;
  const __m512d xd[2] = {_mm512_cvtps_pd(half_ps(x, 0)), _mm512_cvtps_pd(half_ps(x, 1))};
  SincosPoly<2> p;
  sincos_core(xd, &p);
  sincos_finish(p, 0, s, c);
}

// 16 independent BoxMullerFloat(x0[j], x1[j]) -> (f0[j], f1[j]).
TFP_BM512_INLINE void box_muller_f32_avx512(__m512i x0, __m512i x1, __m512* f0, __m512* f1) {
  avx512_detail::box_muller_groups<1>(&x0, &x1, f0, f1);
}

// Two independent groups of 16 pairs: (x0[g][j], x1[g][j]) -> (f0[g][j],
// f1[g][j]) for g = 0, 1; same results as two box_muller_f32_avx512 calls.
TFP_BM512_INLINE void box_muller_f32_avx512_x2(const __m512i x0[2], const __m512i x1[2],
                                               __m512 f0[2], __m512 f1[2]) {
  avx512_detail::box_muller_groups<2>(x0, x1, f0, f1);
}

}  // namespace tfp

#undef TFP_BM512_INLINE

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
