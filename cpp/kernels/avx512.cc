// AVX-512 kernels (avx512f/dq/bw/vl; built with -mno-fma, see CMakeLists.txt).
//
// Layout: a "group" is 16 blocks, one per 32-bit lane, held as four zmm
// registers c0..c3 (word k of every block in register k). Lane l = 4L + j
// (L = 128-bit lane, j = dword within it) computes the block at counter offset
// 4j + L, so that after the in-lane 4x4 transpose register j holds blocks
// 4j .. 4j+3 in memory order and every store is one plain unaligned store.
//
// A Philox round on 16 lanes: the 32x32->64 products come from two
// _mm512_mul_epu32 (even lanes, and odd lanes shifted down), recombined into
// hi/lo words by two masked vpshufd; the xor of three terms is one vpternlogd.
// Rounds 0 and 1 are partly lane-invariant (c1..c3 are the same for all 16
// blocks) and are computed in scalar code where they are. Four groups are in
// flight per loop iteration.
//
// Bounded ints use exact multiply-by-reciprocal remainders (never a divide):
// Lemire's fastmod for 32-bit ranges, Granlund-Montgomery for 64-bit ones.

// GCC 12 warns inside its own avx512fintrin.h (_mm512_undefined_* initialise
// a variable from itself; GCC PR 105593): a false positive, silenced here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop

#include <cstring>

#include "kernels/kernel.h"
#include "philox.h"

#include "kernels/boxmuller_avx512.h"

namespace tfp {
namespace {

constexpr int kXor3 = 0x96;     // vpternlog: a ^ b ^ c
constexpr int kAndOr = 0xEA;    // vpternlog: (a & b) | c

struct State {
  __m512i c0, c1, c2, c3;
};

inline __m512i lane_offsets() {
  return _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}

// hi/lo 32-bit halves of x * m (m in every lane), lane by lane.
inline void mulhilo(__m512i x, __m512i m, __m512i* hi, __m512i* lo) {
  const __m512i e = _mm512_mul_epu32(x, m);                         // even lanes
  const __m512i o = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), m);  // odd lanes
  *hi = _mm512_mask_shuffle_epi32(o, 0x5555, e, _MM_PERM_CDAB);
  *lo = _mm512_mask_shuffle_epi32(e, 0xAAAA, o, _MM_PERM_CDAB);
}

// Philox4x32-10 on N groups of 16 blocks: lane l of group g has counter
// (c0[g] lane l, ctr[1], ctr[2], ctr[3]).
template <int N>
inline void philox_lanes(const uint32_t key[2], const uint32_t ctr[4], const __m512i lane_c0[N], State s[N]) {
  const __m512i m0 = _mm512_set1_epi32(int(kPhiloxM0));
  const __m512i m1 = _mm512_set1_epi32(int(kPhiloxM1));
  uint32_t k0 = key[0], k1 = key[1];

  // Round 0: only c0 differs between lanes; M1*c2 is one scalar product.
  const uint64_t p1 = uint64_t{kPhiloxM1} * ctr[2];
  const uint32_t r0c0 = uint32_t(p1 >> 32) ^ ctr[1] ^ k0;  // same in every lane
  const uint32_t r0c1 = uint32_t(p1);                      // same in every lane
  __m512i c2[N], c3[N];
  {
    const __m512i x = _mm512_set1_epi32(int(ctr[3] ^ k1));
    for (int g = 0; g < N; ++g) {
      __m512i hi, lo;
      mulhilo(lane_c0[g], m0, &hi, &lo);
      c2[g] = _mm512_xor_si512(hi, x);
      c3[g] = lo;
    }
  }
  k0 += kPhiloxW0;
  k1 += kPhiloxW1;

  // Round 1: M0*c0 is still lane-invariant.
  {
    const uint64_t p0 = uint64_t{kPhiloxM0} * r0c0;
    const __m512i x0 = _mm512_set1_epi32(int(r0c1 ^ k0));
    const __m512i x2 = _mm512_set1_epi32(int(uint32_t(p0 >> 32) ^ k1));
    const __m512i n3 = _mm512_set1_epi32(int(uint32_t(p0)));
    for (int g = 0; g < N; ++g) {
      __m512i hi, lo;
      mulhilo(c2[g], m1, &hi, &lo);
      s[g].c0 = _mm512_xor_si512(hi, x0);
      s[g].c1 = lo;
      s[g].c2 = _mm512_xor_si512(c3[g], x2);
      s[g].c3 = n3;
    }
  }
  k0 += kPhiloxW0;
  k1 += kPhiloxW1;

  for (int r = 2; r < kPhiloxRounds; ++r) {
    const __m512i kk0 = _mm512_set1_epi32(int(k0));
    const __m512i kk1 = _mm512_set1_epi32(int(k1));
    for (int g = 0; g < N; ++g) {
      __m512i hi0, lo0, hi1, lo1;
      mulhilo(s[g].c0, m0, &hi0, &lo0);
      mulhilo(s[g].c2, m1, &hi1, &lo1);
      s[g].c0 = _mm512_ternarylogic_epi32(hi1, s[g].c1, kk0, kXor3);
      s[g].c1 = lo1;
      s[g].c2 = _mm512_ternarylogic_epi32(hi0, s[g].c3, kk1, kXor3);
      s[g].c3 = lo0;
    }
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
}

// Philox4x32-10 on N groups: group g covers counters ctr + first + 16g + (0..15).
template <int N>
inline void philox(const uint32_t key[2], const uint32_t ctr[4], size_t first, State s[N]) {
  const __m512i base = _mm512_add_epi32(_mm512_set1_epi32(int(ctr[0] + uint32_t(first))),
                                        lane_offsets());
  __m512i c0[N];
  for (int g = 0; g < N; ++g) c0[g] = _mm512_add_epi32(base, _mm512_set1_epi32(16 * g));
  philox_lanes<N>(key, ctr, c0, s);
}

// Registers a..d hold word k of the 16 blocks (lane order as above); writes the
// blocks' (a, b, c, d) quadruples in counter order: 256 bytes.
inline void store_transposed(char* dst, __m512i a, __m512i b, __m512i c, __m512i d) {
  const __m512i ab_lo = _mm512_unpacklo_epi32(a, b);
  const __m512i ab_hi = _mm512_unpackhi_epi32(a, b);
  const __m512i cd_lo = _mm512_unpacklo_epi32(c, d);
  const __m512i cd_hi = _mm512_unpackhi_epi32(c, d);
  _mm512_storeu_si512(dst, _mm512_unpacklo_epi64(ab_lo, cd_lo));
  _mm512_storeu_si512(dst + 64, _mm512_unpackhi_epi64(ab_lo, cd_lo));
  _mm512_storeu_si512(dst + 128, _mm512_unpacklo_epi64(ab_hi, cd_hi));
  _mm512_storeu_si512(dst + 192, _mm512_unpackhi_epi64(ab_hi, cd_hi));
}

// Runs emit(state, dst) for every 16-block group, N groups per iteration; the
// last partial group goes through a stack buffer. bpb = output bytes per block.
template <int N, class Emit>
inline void run(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, void* out,
                size_t bpb, Emit&& emit) {
  char* dst = static_cast<char*>(out);
  size_t i = 0;
  for (; i + 16 * N <= nblocks; i += 16 * N) {
    State s[N];
    philox<N>(key, ctr, i, s);
    for (int g = 0; g < N; ++g) emit(s[g], dst + (i + 16 * g) * bpb);
  }
  for (; i + 16 <= nblocks; i += 16) {
    State s[1];
    philox<1>(key, ctr, i, s);
    emit(s[0], dst + i * bpb);
  }
  if (i < nblocks) {
    alignas(64) char tmp[16 * 16];
    State s[1];
    philox<1>(key, ctr, i, s);
    emit(s[0], tmp);
    std::memcpy(dst + i * bpb, tmp, (nblocks - i) * bpb);
  }
}

// ---- word -> number ---------------------------------------------------------

inline __m512 to_f32(__m512i x) {
  const __m512i bits = _mm512_ternarylogic_epi32(x, _mm512_set1_epi32(0x7FFFFF),
                                                 _mm512_set1_epi32(0x3F800000), kAndOr);
  return _mm512_sub_ps(_mm512_castsi512_ps(bits), _mm512_set1_ps(1.0f));
}

// (x & 0x3FF) / 1024 as half bits in the low 16 bits of each lane. The value
// m * 2^-10 (m < 1024) is exact in float; rebias its exponent 127 -> 15 and
// drop 13 zero mantissa bits. m = 0 goes negative and is clamped to +0.
inline __m512i to_f16(__m512i x) {
  const __m512 f = _mm512_cvtepi32_ps(_mm512_and_si512(x, _mm512_set1_epi32(0x3FF)));
  const __m512i h = _mm512_sub_epi32(_mm512_srli_epi32(_mm512_castps_si512(f), 13),
                                     _mm512_set1_epi32((127 - 15 + 10) << 10));
  return _mm512_max_epi32(h, _mm512_setzero_si512());
}

// (x & 0x7F) / 128 as bfloat16 bits (the top half of the exact float).
inline __m512i to_bf16(__m512i x) {
  const __m512 f = _mm512_cvtepi32_ps(_mm512_and_si512(x, _mm512_set1_epi32(0x7F)));
  const __m512i h = _mm512_sub_epi32(_mm512_srli_epi32(_mm512_castps_si512(f), 16),
                                     _mm512_set1_epi32(7 << 7));
  return _mm512_max_epi32(h, _mm512_setzero_si512());
}

// a, b, c, d: 16-bit values (low halves) of words 0..3; writes 16 blocks x 4
// halves in counter order (128 bytes).
inline void store_halves(char* dst, __m512i a, __m512i b, __m512i c, __m512i d) {
  const __m512i p01 = _mm512_or_si512(a, _mm512_slli_epi32(b, 16));
  const __m512i p23 = _mm512_or_si512(c, _mm512_slli_epi32(d, 16));
  // block k sits in lane 4*(k%4) + k/4; p23's lanes are 16..31 for permutex2var.
  const __m512i lo = _mm512_setr_epi32(0, 16, 4, 20, 8, 24, 12, 28, 1, 17, 5, 21, 9, 25, 13, 29);
  const __m512i hi = _mm512_setr_epi32(2, 18, 6, 22, 10, 26, 14, 30, 3, 19, 7, 23, 11, 27, 15, 31);
  _mm512_storeu_si512(dst, _mm512_permutex2var_epi32(p01, lo, p23));
  _mm512_storeu_si512(dst + 64, _mm512_permutex2var_epi32(p01, hi, p23));
}

// Exact x % d for 16 lanes (Lemire, Kaser, Kurz 2019: with M = ceil(2^64 / d)
// as a 64-bit number, x % d = hi64(lo64(M * x) * d) for all 32-bit x and
// d > 0; d = 1 gives M = 0 and 0). Even and odd lanes are done as 64-bit lanes.
inline __m512i mulhi64x32(__m512i l, __m512i d) {  // (l * d) >> 64, d < 2^32
  const __m512i a = _mm512_mul_epu32(l, d);
  const __m512i b = _mm512_mul_epu32(_mm512_srli_epi64(l, 32), d);
  return _mm512_srli_epi64(_mm512_add_epi64(b, _mm512_srli_epi64(a, 32)), 32);
}
inline __m512i mod32(__m512i x, __m512i m, __m512i d) {
  const __m512i xe = _mm512_and_si512(x, _mm512_set1_epi64(0xFFFFFFFF));
  const __m512i xo = _mm512_srli_epi64(x, 32);
  const __m512i re = mulhi64x32(_mm512_mullo_epi64(xe, m), d);
  const __m512i ro = mulhi64x32(_mm512_mullo_epi64(xo, m), d);
  return _mm512_mask_shuffle_epi32(re, 0xAAAA, ro, _MM_PERM_CDAB);
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

// Mod64 on 8 lanes: the high half of x * m from four 32x32 products.
struct Mod64x8 {
  __m512i ml, mh, d;
  __m128i s;
  explicit Mod64x8(const Mod64& f)
      : ml(_mm512_set1_epi64(int64_t(f.m & 0xFFFFFFFFu))),
        mh(_mm512_set1_epi64(int64_t(f.m >> 32))),
        d(_mm512_set1_epi64(int64_t(f.d))),
        s(_mm_cvtsi32_si128(f.s)) {}
  __m512i operator()(__m512i x) const {
    const __m512i xh = _mm512_srli_epi64(x, 32);
    const __m512i ll = _mm512_mul_epu32(x, ml);
    const __m512i lh = _mm512_mul_epu32(x, mh);
    const __m512i hl = _mm512_mul_epu32(xh, ml);
    const __m512i hh = _mm512_mul_epu32(xh, mh);
    const __m512i t = _mm512_add_epi64(lh, _mm512_srli_epi64(ll, 32));  // no carry out
    const __m512i u = _mm512_add_epi64(hl, _mm512_and_si512(t, _mm512_set1_epi64(0xFFFFFFFF)));
    const __m512i hi = _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(t, 32)),
                                        _mm512_srli_epi64(u, 32));
    const __m512i q = _mm512_srl_epi64(
        _mm512_add_epi64(_mm512_srli_epi64(_mm512_sub_epi64(x, hi), 1), hi), s);
    return _mm512_sub_epi64(x, _mm512_mullo_epi64(q, d));
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
    store_transposed(dst, _mm512_castps_si512(to_f32(s.c0)), _mm512_castps_si512(to_f32(s.c1)),
                     _mm512_castps_si512(to_f32(s.c2)), _mm512_castps_si512(to_f32(s.c3)));
  });
}

void uniform_f64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, double* out) {
  run<4>(key, ctr, nblocks, out, 16, [](const State& s, char* dst) {
    // 64-bit lanes w1 | w0 << 32 (and w3 | w2 << 32): the mantissa is their low 52 bits.
    const __m512i lo01 = _mm512_unpacklo_epi32(s.c1, s.c0);
    const __m512i hi01 = _mm512_unpackhi_epi32(s.c1, s.c0);
    const __m512i lo23 = _mm512_unpacklo_epi32(s.c3, s.c2);
    const __m512i hi23 = _mm512_unpackhi_epi32(s.c3, s.c2);
    const __m512i man = _mm512_set1_epi64(0x000FFFFFFFFFFFFFll);
    const __m512i one_bits = _mm512_set1_epi64(0x3FF0000000000000ll);
    const __m512d one = _mm512_set1_pd(1.0);
    const __m512i q[4] = {_mm512_unpacklo_epi64(lo01, lo23), _mm512_unpackhi_epi64(lo01, lo23),
                          _mm512_unpacklo_epi64(hi01, hi23), _mm512_unpackhi_epi64(hi01, hi23)};
    for (int j = 0; j < 4; ++j) {
      const __m512i bits = _mm512_ternarylogic_epi64(q[j], man, one_bits, kAndOr);
      _mm512_storeu_pd(dst + 64 * j, _mm512_sub_pd(_mm512_castsi512_pd(bits), one));
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
  const __m512i m = _mm512_set1_epi64(int64_t(~uint64_t{0} / range + 1));
  const __m512i d = _mm512_set1_epi64(int64_t{range});
  const __m512i l = _mm512_set1_epi32(int(lo));
  run<4>(key, ctr, nblocks, out, 16, [&](const State& s, char* dst) {
    store_transposed(dst, _mm512_add_epi32(l, mod32(s.c0, m, d)),
                     _mm512_add_epi32(l, mod32(s.c1, m, d)),
                     _mm512_add_epi32(l, mod32(s.c2, m, d)),
                     _mm512_add_epi32(l, mod32(s.c3, m, d)));
  });
}

// The 64-bit words w0 | w1 << 32 and w2 | w3 << 32 of a State's blocks, as
// four vectors in output (f64) order.
static inline void words64(const State& s, __m512i q[4]) {
  const __m512i lo01 = _mm512_unpacklo_epi32(s.c0, s.c1);
  const __m512i hi01 = _mm512_unpackhi_epi32(s.c0, s.c1);
  const __m512i lo23 = _mm512_unpacklo_epi32(s.c2, s.c3);
  const __m512i hi23 = _mm512_unpackhi_epi32(s.c2, s.c3);
  q[0] = _mm512_unpacklo_epi64(lo01, lo23);
  q[1] = _mm512_unpackhi_epi64(lo01, lo23);
  q[2] = _mm512_unpacklo_epi64(hi01, hi23);
  q[3] = _mm512_unpackhi_epi64(hi01, hi23);
}

void int64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint64_t lo,
           uint64_t range, uint64_t* out) {
  if ((range & (range - 1)) == 0) {  // a power of two: the modulo is a mask
    const __m512i mask = _mm512_set1_epi64(int64_t(range - 1));
    const __m512i l = _mm512_set1_epi64(int64_t(lo));
    run<4>(key, ctr, nblocks, out, 16, [&](const State& s, char* dst) {
      __m512i q[4];
      words64(s, q);
      for (int j = 0; j < 4; ++j)
        _mm512_storeu_si512(dst + 64 * j, _mm512_add_epi64(l, _mm512_and_si512(q[j], mask)));
    });
    return;
  }
  const Mod64x8 mod{Mod64(range)};  // range >= 3 here
  const __m512i l = _mm512_set1_epi64(int64_t(lo));
  run<4>(key, ctr, nblocks, out, 16, [&](const State& s, char* dst) {
    __m512i q[4];
    words64(s, q);
    for (int j = 0; j < 4; ++j)
      _mm512_storeu_si512(dst + 64 * j, _mm512_add_epi64(l, mod(q[j])));
  });
}

// 16 blocks' normals in counter order (store_transposed): 256 bytes. Returns
// a bit per block (block k of the 16 at bit k), set when one of its normals
// has bit 30 set (normal_f32_at's rejects); unused, it costs nothing.
inline unsigned emit_normals(const State& s, char* dst) {
  // (c0, c1) and (c2, c3) are independent pairs: interleaved, the core
  // overlaps their long dependency chains (box_muller_f32_avx512_x2)
  const __m512i x0[2] = {s.c0, s.c2}, x1[2] = {s.c1, s.c3};
  __m512 f0[2], f1[2];
  box_muller_f32_avx512_x2(x0, x1, f0, f1);
  const __m512i a = _mm512_castps_si512(f0[0]), b = _mm512_castps_si512(f1[0]);
  const __m512i c = _mm512_castps_si512(f0[1]), d = _mm512_castps_si512(f1[1]);
  store_transposed(dst, a, b, c, d);
  // lane l holds block lane_offsets()[l]; that permutation is its own inverse
  const __m512i any = _mm512_or_si512(_mm512_or_si512(a, b), _mm512_or_si512(c, d));
  return _mm512_test_epi32_mask(_mm512_permutexvar_epi32(lane_offsets(), any),
                                _mm512_set1_epi32(0x40000000));
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
  const __m512i perm = lane_offsets();
  const __m512i base = _mm512_set1_epi32(int(ctr[0]));
  const auto c0_of = [&](__m512i o) { return _mm512_add_epi32(base, _mm512_permutexvar_epi32(perm, o)); };
  char* dst = reinterpret_cast<char*>(out);
  uint64_t word = 0;  // rejects bits of the current 64 blocks
  const auto flag = [&](size_t i, uint64_t bits) {  // bits of blocks i .. i + 15 (i % 16 == 0)
    word |= bits << (i % 64);
    if (i % 64 == 48 || i + 16 >= nblocks) {
      if (rejects) rejects[i / 64] = word;
      word = 0;
    }
  };
  constexpr int N = 4;
  size_t i = 0;
  for (; i + 16 * N <= nblocks; i += 16 * N) {
    __m512i c0[N];
    State s[N];
    for (int g = 0; g < N; ++g) c0[g] = c0_of(_mm512_loadu_si512(offs + i + 16 * g));
    philox_lanes<N>(key, ctr, c0, s);
    for (int g = 0; g < N; ++g) flag(i + 16 * g, emit_normals(s[g], dst + (i + 16 * g) * 16));
  }
  for (; i < nblocks; i += 16) {
    const size_t r = nblocks - i;
    State s[1];
    if (r >= 16) {
      const __m512i c0[1] = {c0_of(_mm512_loadu_si512(offs + i))};
      philox_lanes<1>(key, ctr, c0, s);
      flag(i, emit_normals(s[0], dst + i * 16));
    } else {
      const __mmask16 m = __mmask16((1u << r) - 1);
      const __m512i c0[1] = {c0_of(_mm512_maskz_loadu_epi32(m, offs + i))};
      philox_lanes<1>(key, ctr, c0, s);
      alignas(64) char tmp[256];
      flag(i, emit_normals(s[0], tmp) & m);
      std::memcpy(dst + i * 16, tmp, r * 16);
    }
  }
}

}  // namespace

const KernelTable kAvx512Kernel = {
    "avx512", bits32, uniform_f32, uniform_f64, uniform_f16, uniform_bf16, int32, int64, normal_f32,
    normal_f32_at,
};

}  // namespace tfp
