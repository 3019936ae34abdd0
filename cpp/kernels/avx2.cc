// AVX2 kernels (built with -mavx2 -mno-fma, see CMakeLists.txt).
//
// Same scheme as avx512.cc with 8 blocks per ymm group: word k of every block
// in register k; lane l = 4L + j computes the block at counter offset 2j + L,
// so after the in-lane 4x4 transpose register j holds blocks 2j, 2j+1 in
// memory order. Products: two _mm256_mul_epu32 (even / odd lanes) recombined
// by blends. Rounds 0 and 1 are partly lane-invariant and done in scalar code.
// Four groups are in flight per loop iteration (measured best on Zen 4, even
// with some spilling). Bounded ints: exact reciprocal remainders, as avx512.cc.
#include <immintrin.h>

#include <cstring>

#include "kernels/kernel.h"
#include "philox.h"

#include "kernels/boxmuller_avx2.h"

namespace tfp {
namespace {

struct State {
  __m256i c0, c1, c2, c3;
};

inline __m256i lane_offsets() { return _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7); }

inline void mulhilo(__m256i x, __m256i m, __m256i* hi, __m256i* lo) {
  const __m256i e = _mm256_mul_epu32(x, m);                         // even lanes
  const __m256i o = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);  // odd lanes
  *hi = _mm256_blend_epi32(_mm256_srli_epi64(e, 32), o, 0xAA);
  *lo = _mm256_blend_epi32(e, _mm256_slli_epi64(o, 32), 0xAA);
}

inline __m256i xor3(__m256i a, __m256i b, __m256i c) {
  return _mm256_xor_si256(_mm256_xor_si256(a, b), c);
}

// Philox4x32-10 on N groups of 8 blocks: lane l of group g has counter
// (lane_c0[g] lane l, ctr[1], ctr[2], ctr[3]).
template <int N>
inline void philox_lanes(const uint32_t key[2], const uint32_t ctr[4], const __m256i lane_c0[N], State s[N]) {
  const __m256i m0 = _mm256_set1_epi32(int(kPhiloxM0));
  const __m256i m1 = _mm256_set1_epi32(int(kPhiloxM1));
  uint32_t k0 = key[0], k1 = key[1];

  // Round 0: only c0 differs between lanes.
  const uint64_t p1 = uint64_t{kPhiloxM1} * ctr[2];
  const uint32_t r0c0 = uint32_t(p1 >> 32) ^ ctr[1] ^ k0;
  const uint32_t r0c1 = uint32_t(p1);
  __m256i c2[N], c3[N];
  {
    const __m256i x = _mm256_set1_epi32(int(ctr[3] ^ k1));
    for (int g = 0; g < N; ++g) {
      __m256i hi, lo;
      mulhilo(lane_c0[g], m0, &hi, &lo);
      c2[g] = _mm256_xor_si256(hi, x);
      c3[g] = lo;
    }
  }
  k0 += kPhiloxW0;
  k1 += kPhiloxW1;

  // Round 1: M0*c0 is still lane-invariant.
  {
    const uint64_t p0 = uint64_t{kPhiloxM0} * r0c0;
    const __m256i x0 = _mm256_set1_epi32(int(r0c1 ^ k0));
    const __m256i x2 = _mm256_set1_epi32(int(uint32_t(p0 >> 32) ^ k1));
    const __m256i n3 = _mm256_set1_epi32(int(uint32_t(p0)));
    for (int g = 0; g < N; ++g) {
      __m256i hi, lo;
      mulhilo(c2[g], m1, &hi, &lo);
      s[g].c0 = _mm256_xor_si256(hi, x0);
      s[g].c1 = lo;
      s[g].c2 = _mm256_xor_si256(c3[g], x2);
      s[g].c3 = n3;
    }
  }
  k0 += kPhiloxW0;
  k1 += kPhiloxW1;

  for (int r = 2; r < kPhiloxRounds; ++r) {
    const __m256i kk0 = _mm256_set1_epi32(int(k0));
    const __m256i kk1 = _mm256_set1_epi32(int(k1));
    for (int g = 0; g < N; ++g) {
      __m256i hi0, lo0, hi1, lo1;
      mulhilo(s[g].c0, m0, &hi0, &lo0);
      mulhilo(s[g].c2, m1, &hi1, &lo1);
      s[g].c0 = xor3(hi1, s[g].c1, kk0);
      s[g].c1 = lo1;
      s[g].c2 = xor3(hi0, s[g].c3, kk1);
      s[g].c3 = lo0;
    }
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
}

// Writes the 8 blocks' (a, b, c, d) quadruples in counter order: 128 bytes.
inline void store_transposed(char* dst, __m256i a, __m256i b, __m256i c, __m256i d) {
  const __m256i ab_lo = _mm256_unpacklo_epi32(a, b);
  const __m256i ab_hi = _mm256_unpackhi_epi32(a, b);
  const __m256i cd_lo = _mm256_unpacklo_epi32(c, d);
  const __m256i cd_hi = _mm256_unpackhi_epi32(c, d);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), _mm256_unpacklo_epi64(ab_lo, cd_lo));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 32), _mm256_unpackhi_epi64(ab_lo, cd_lo));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 64), _mm256_unpacklo_epi64(ab_hi, cd_hi));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 96), _mm256_unpackhi_epi64(ab_hi, cd_hi));
}

// The four 64-bit-lane registers of the transpose of (a, b, c, d) where a/b
// hold the low/high words: q[j] = 2 blocks' (a|b<<32, c|d<<32) in counter order.
inline void pairs64(__m256i a, __m256i b, __m256i c, __m256i d, __m256i q[4]) {
  const __m256i lo01 = _mm256_unpacklo_epi32(a, b);
  const __m256i hi01 = _mm256_unpackhi_epi32(a, b);
  const __m256i lo23 = _mm256_unpacklo_epi32(c, d);
  const __m256i hi23 = _mm256_unpackhi_epi32(c, d);
  q[0] = _mm256_unpacklo_epi64(lo01, lo23);
  q[1] = _mm256_unpackhi_epi64(lo01, lo23);
  q[2] = _mm256_unpacklo_epi64(hi01, hi23);
  q[3] = _mm256_unpackhi_epi64(hi01, hi23);
}

// Philox4x32-10 on N groups: group g covers counters ctr + first + 8g + (0..7).
template <int N>
inline void philox(const uint32_t key[2], const uint32_t ctr[4], size_t first, State s[N]) {
  const __m256i base = _mm256_add_epi32(_mm256_set1_epi32(int(ctr[0] + uint32_t(first))),
                                        lane_offsets());
  __m256i c0[N];
  for (int g = 0; g < N; ++g) c0[g] = _mm256_add_epi32(base, _mm256_set1_epi32(8 * g));
  philox_lanes<N>(key, ctr, c0, s);
}

template <int N, class Emit>
inline void run(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, void* out,
                size_t bpb, Emit&& emit) {
  char* dst = static_cast<char*>(out);
  size_t i = 0;
  for (; i + 8 * N <= nblocks; i += 8 * N) {
    State s[N];
    philox<N>(key, ctr, i, s);
    for (int g = 0; g < N; ++g) emit(s[g], dst + (i + 8 * g) * bpb);
  }
  for (; i + 8 <= nblocks; i += 8) {
    State s[1];
    philox<1>(key, ctr, i, s);
    emit(s[0], dst + i * bpb);
  }
  if (i < nblocks) {
    alignas(32) char tmp[8 * 16];
    State s[1];
    philox<1>(key, ctr, i, s);
    emit(s[0], tmp);
    std::memcpy(dst + i * bpb, tmp, (nblocks - i) * bpb);
  }
}

// ---- word -> number ---------------------------------------------------------

inline __m256i to_f32(__m256i x) {
  const __m256i bits = _mm256_or_si256(_mm256_and_si256(x, _mm256_set1_epi32(0x7FFFFF)),
                                       _mm256_set1_epi32(0x3F800000));
  return _mm256_castps_si256(_mm256_sub_ps(_mm256_castsi256_ps(bits), _mm256_set1_ps(1.0f)));
}

// (x & 0x3FF) / 1024 as half bits (see avx512.cc: exact float, rebias, clamp 0).
inline __m256i to_f16(__m256i x) {
  const __m256 f = _mm256_cvtepi32_ps(_mm256_and_si256(x, _mm256_set1_epi32(0x3FF)));
  const __m256i h = _mm256_sub_epi32(_mm256_srli_epi32(_mm256_castps_si256(f), 13),
                                     _mm256_set1_epi32((127 - 15 + 10) << 10));
  return _mm256_max_epi32(h, _mm256_setzero_si256());
}

inline __m256i to_bf16(__m256i x) {
  const __m256 f = _mm256_cvtepi32_ps(_mm256_and_si256(x, _mm256_set1_epi32(0x7F)));
  const __m256i h = _mm256_sub_epi32(_mm256_srli_epi32(_mm256_castps_si256(f), 16),
                                     _mm256_set1_epi32(7 << 7));
  return _mm256_max_epi32(h, _mm256_setzero_si256());
}

// 8 blocks x 4 halves in counter order (64 bytes).
inline void store_halves(char* dst, __m256i a, __m256i b, __m256i c, __m256i d) {
  const __m256i p01 = _mm256_or_si256(a, _mm256_slli_epi32(b, 16));
  const __m256i p23 = _mm256_or_si256(c, _mm256_slli_epi32(d, 16));
  // 64-bit units: lo = blocks (0, 2 | 1, 3), hi = (4, 6 | 5, 7).
  const __m256i lo = _mm256_unpacklo_epi32(p01, p23);
  const __m256i hi = _mm256_unpackhi_epi32(p01, p23);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst),
                      _mm256_permute4x64_epi64(lo, _MM_SHUFFLE(3, 1, 2, 0)));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 32),
                      _mm256_permute4x64_epi64(hi, _MM_SHUFFLE(3, 1, 2, 0)));
}

// Exact x % d (Lemire et al. 2019, see avx512.cc) on even / odd lanes as
// 64-bit lanes; M*x mod 2^64 from two 32x32 products (no 64-bit mullo in AVX2).
inline __m256i mulhi64x32(__m256i l, __m256i d) {
  const __m256i a = _mm256_mul_epu32(l, d);
  const __m256i b = _mm256_mul_epu32(_mm256_srli_epi64(l, 32), d);
  return _mm256_srli_epi64(_mm256_add_epi64(b, _mm256_srli_epi64(a, 32)), 32);
}
inline __m256i mod_even(__m256i x, __m256i mlo, __m256i mhi, __m256i d) {
  const __m256i l = _mm256_add_epi64(_mm256_mul_epu32(x, mlo),
                                     _mm256_slli_epi64(_mm256_mul_epu32(x, mhi), 32));
  return mulhi64x32(l, d);
}
inline __m256i mod32(__m256i x, __m256i mlo, __m256i mhi, __m256i d) {
  const __m256i re = mod_even(x, mlo, mhi, d);
  const __m256i ro = mod_even(_mm256_srli_epi64(x, 32), mlo, mhi, d);
  return _mm256_blend_epi32(re, _mm256_slli_epi64(ro, 32), 0xAA);
}

// Exact x % d for a fixed 64-bit d >= 3 that is not a power of two, without a
// divide (Granlund-Montgomery, libdivide's branch-free u64 form): with
// s = floor(log2 d) the 65-bit multiplier M = floor(2^(65+s) / d) + 1 gives
// x / d = floor(x * M / 2^(65+s)) for every 64-bit x. m holds M's low 64 bits
// and the quotient is (((x - hi) >> 1) + hi) >> s with hi = (x * m) >> 64.
// (The same struct is in the other x86 kernel file; each is compiled with its
// own flags, so nothing is shared between them.)
struct Mod64 {
  uint64_t d, m;
  int s;
  explicit Mod64(uint64_t divisor) : d(divisor) {
    s = 63 - __builtin_clzll(d);  // floor(log2 d)
    const unsigned __int128 num = static_cast<unsigned __int128>(1) << (64 + s);
    uint64_t pm = uint64_t(num / d);
    const uint64_t rem = uint64_t(num % d);
    pm += pm;
    const uint64_t twice = rem + rem;
    if (twice >= d || twice < rem) pm += 1;
    m = pm + 1;
  }
  uint64_t operator()(uint64_t x) const {
    const uint64_t hi = uint64_t((static_cast<unsigned __int128>(x) * m) >> 64);
    const uint64_t q = (((x - hi) >> 1) + hi) >> s;
    return x - q * d;
  }
};

// Mod64 on 4 lanes: 64x64 products from 32x32 ones (AVX2 has no vpmullq).
struct Mod64x4 {
  __m256i ml, mh, dl, dh;
  __m128i s;
  explicit Mod64x4(const Mod64& f)
      : ml(_mm256_set1_epi64x(int64_t(f.m & 0xFFFFFFFFu))),
        mh(_mm256_set1_epi64x(int64_t(f.m >> 32))),
        dl(_mm256_set1_epi64x(int64_t(f.d & 0xFFFFFFFFu))),
        dh(_mm256_set1_epi64x(int64_t(f.d >> 32))),
        s(_mm_cvtsi32_si128(f.s)) {}
  __m256i operator()(__m256i x) const {
    const __m256i xh = _mm256_srli_epi64(x, 32);
    const __m256i ll = _mm256_mul_epu32(x, ml);
    const __m256i lh = _mm256_mul_epu32(x, mh);
    const __m256i hl = _mm256_mul_epu32(xh, ml);
    const __m256i hh = _mm256_mul_epu32(xh, mh);
    const __m256i t = _mm256_add_epi64(lh, _mm256_srli_epi64(ll, 32));  // no carry out
    const __m256i u = _mm256_add_epi64(hl, _mm256_and_si256(t, _mm256_set1_epi64x(0xFFFFFFFF)));
    const __m256i hi = _mm256_add_epi64(_mm256_add_epi64(hh, _mm256_srli_epi64(t, 32)),
                                        _mm256_srli_epi64(u, 32));
    const __m256i q = _mm256_srl_epi64(
        _mm256_add_epi64(_mm256_srli_epi64(_mm256_sub_epi64(x, hi), 1), hi), s);
    // q * d mod 2^64
    const __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(q, dh),
                                           _mm256_mul_epu32(_mm256_srli_epi64(q, 32), dl));
    const __m256i qd = _mm256_add_epi64(_mm256_mul_epu32(q, dl), _mm256_slli_epi64(cross, 32));
    return _mm256_sub_epi64(x, qd);
  }
};

// ---- entries ------------------------------------------------------------------

void bits32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t* out) {
  run<4>(key, ctr, nblocks, out, 16, [](const State& s, char* dst) {
    store_transposed(dst, s.c0, s.c1, s.c2, s.c3);
  });
}

void uniform_f32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out) {
  run<4>(key, ctr, nblocks, out, 16, [](const State& s, char* dst) {
    store_transposed(dst, to_f32(s.c0), to_f32(s.c1), to_f32(s.c2), to_f32(s.c3));
  });
}

void uniform_f64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, double* out) {
  run<4>(key, ctr, nblocks, out, 16, [](const State& s, char* dst) {
    __m256i q[4];
    pairs64(s.c1, s.c0, s.c3, s.c2, q);  // w1 | w0 << 32: mantissa in the low 52 bits
    const __m256i man = _mm256_set1_epi64x(0x000FFFFFFFFFFFFFll);
    const __m256i one_bits = _mm256_set1_epi64x(0x3FF0000000000000ll);
    const __m256d one = _mm256_set1_pd(1.0);
    for (int j = 0; j < 4; ++j) {
      const __m256i bits = _mm256_or_si256(_mm256_and_si256(q[j], man), one_bits);
      _mm256_storeu_pd(reinterpret_cast<double*>(dst + 32 * j),
                       _mm256_sub_pd(_mm256_castsi256_pd(bits), one));
    }
  });
}

void uniform_f16(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out) {
  run<4>(key, ctr, nblocks, out, 8, [](const State& s, char* dst) {
    store_halves(dst, to_f16(s.c0), to_f16(s.c1), to_f16(s.c2), to_f16(s.c3));
  });
}

void uniform_bf16(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out) {
  run<4>(key, ctr, nblocks, out, 8, [](const State& s, char* dst) {
    store_halves(dst, to_bf16(s.c0), to_bf16(s.c1), to_bf16(s.c2), to_bf16(s.c3));
  });
}

void int32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t lo,
           uint32_t range, uint32_t* out) {
  const uint64_t m = ~uint64_t{0} / range + 1;
  const __m256i mlo = _mm256_set1_epi64x(int64_t(m & 0xFFFFFFFFu));
  const __m256i mhi = _mm256_set1_epi64x(int64_t(m >> 32));
  const __m256i d = _mm256_set1_epi64x(int64_t{range});
  const __m256i l = _mm256_set1_epi32(int(lo));
  run<4>(key, ctr, nblocks, out, 16, [&](const State& s, char* dst) {
    store_transposed(dst, _mm256_add_epi32(l, mod32(s.c0, mlo, mhi, d)),
                     _mm256_add_epi32(l, mod32(s.c1, mlo, mhi, d)),
                     _mm256_add_epi32(l, mod32(s.c2, mlo, mhi, d)),
                     _mm256_add_epi32(l, mod32(s.c3, mlo, mhi, d)));
  });
}

void int64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint64_t lo,
           uint64_t range, uint64_t* out) {
  if ((range & (range - 1)) == 0) {  // a power of two: the modulo is a mask
    const __m256i mask = _mm256_set1_epi64x(int64_t(range - 1));
    const __m256i l = _mm256_set1_epi64x(int64_t(lo));
    run<4>(key, ctr, nblocks, out, 16, [&](const State& s, char* dst) {
      __m256i q[4];
      pairs64(s.c0, s.c1, s.c2, s.c3, q);  // w0 | w1 << 32, w2 | w3 << 32
      for (int j = 0; j < 4; ++j)
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 32 * j),
                            _mm256_add_epi64(l, _mm256_and_si256(q[j], mask)));
    });
    return;
  }
  const Mod64x4 mod{Mod64(range)};  // range >= 3 here
  const __m256i l = _mm256_set1_epi64x(int64_t(lo));
  run<4>(key, ctr, nblocks, out, 16, [&](const State& s, char* dst) {
    __m256i q[4];
    pairs64(s.c0, s.c1, s.c2, s.c3, q);  // w0 | w1 << 32, w2 | w3 << 32
    for (int j = 0; j < 4; ++j)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 32 * j), _mm256_add_epi64(l, mod(q[j])));
  });
}

// 8 blocks' normals in counter order (store_transposed): 128 bytes. Returns
// a bit per block (block k of the 8 at bit k), set when one of its normals
// has bit 30 set (normal_f32_at's rejects); unused, it costs nothing.
inline unsigned emit_normals(const State& s, char* dst) {
  __m256 a, b, c, d;
  box_muller_f32_avx2(s.c0, s.c1, &a, &b);
  box_muller_f32_avx2(s.c2, s.c3, &c, &d);
  store_transposed(dst, _mm256_castps_si256(a), _mm256_castps_si256(b),
                   _mm256_castps_si256(c), _mm256_castps_si256(d));
  // lane 4L + j holds block 2j + L: block k is at lane 4 (k & 1) + (k >> 1)
  const __m256 any = _mm256_or_ps(_mm256_or_ps(a, b), _mm256_or_ps(c, d));
  const __m256i byblock = _mm256_permutevar8x32_epi32(_mm256_castps_si256(any),
                                                      _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
  return unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(byblock, 1))));
}

void normal_f32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out) {
  run<4>(key, ctr, nblocks, out, 16, emit_normals);
}

// Lane l takes its counter offset from offs[lane_offsets()[l]]: the block
// that store_transposed writes k-th is offs[k]'s, so listed blocks land in
// list order. A short tail loads only its own offsets (the other lanes run
// offset 0, a block nobody reads).
void normal_f32_at(const uint32_t key[2], const uint32_t ctr[4], const uint32_t* offs,
                   size_t nblocks, float* out, uint64_t* rejects) {
  const __m256i perm = lane_offsets();
  const __m256i base = _mm256_set1_epi32(int(ctr[0]));
  const auto c0_of = [&](__m256i o) { return _mm256_add_epi32(base, _mm256_permutevar8x32_epi32(o, perm)); };
  const auto load = [](const uint32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); };
  char* dst = reinterpret_cast<char*>(out);
  uint64_t word = 0;  // rejects bits of the current 64 blocks
  const auto flag = [&](size_t i, uint64_t bits) {  // bits of blocks i .. i + 7 (i % 8 == 0)
    word |= bits << (i % 64);
    if (i % 64 == 56 || i + 8 >= nblocks) {
      if (rejects) rejects[i / 64] = word;
      word = 0;
    }
  };
  constexpr int N = 4;
  size_t i = 0;
  for (; i + 8 * N <= nblocks; i += 8 * N) {
    __m256i c0[N];
    State s[N];
    for (int g = 0; g < N; ++g) c0[g] = c0_of(load(offs + i + 8 * g));
    philox_lanes<N>(key, ctr, c0, s);
    for (int g = 0; g < N; ++g) flag(i + 8 * g, emit_normals(s[g], dst + (i + 8 * g) * 16));
  }
  for (; i < nblocks; i += 8) {
    const size_t r = nblocks - i;
    State s[1];
    if (r >= 8) {
      const __m256i c0[1] = {c0_of(load(offs + i))};
      philox_lanes<1>(key, ctr, c0, s);
      flag(i, emit_normals(s[0], dst + i * 16));
    } else {
      alignas(32) uint32_t o[8] = {};
      std::memcpy(o, offs + i, r * 4);
      const __m256i c0[1] = {c0_of(load(o))};
      philox_lanes<1>(key, ctr, c0, s);
      alignas(32) char tmp[128];
      flag(i, emit_normals(s[0], tmp) & ((1u << r) - 1));
      std::memcpy(dst + i * 16, tmp, r * 16);
    }
  }
}

}  // namespace

const KernelTable kAvx2Kernel = {
    "avx2", bits32, uniform_f32, uniform_f64, uniform_f16, uniform_bf16, int32, int64, normal_f32,
    normal_f32_at,
};

}  // namespace tfp
