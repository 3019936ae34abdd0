// NEON kernels for aarch64 (selected by CMakeLists.txt on arm64 builds;
// TFP_HAVE_NEON_KERNEL makes dispatch.cc offer the tier). Advanced SIMD is
// part of the aarch64 base ISA, so no extra flags and no CPU check.
//
// Philox on 4 blocks per uint32x4_t, word k of every block in register k
// (lane l = the block at counter offset l), 4 such groups in flight per loop
// iteration. vst4q interleaves the four registers back into block order
// (w0 w1 w2 w3 of block 0, then of block 1, ...). Products: vmull_u32 /
// vmull_high_u32, split into high and low halves by vuzp2q / vuzp1q.
// The word -> number conversions are exact integer / exponent manipulations,
// so the float results equal scalar.cc bit for bit; bounded ints take the
// remainder in scalar code and float normals call mathf's box_muller_f32 on
// the vector-made words (the reference function itself).
#include <arm_neon.h>

#include <cstring>

#include "kernels/kernel.h"
#include "mathf.h"
#include "philox.h"

namespace tfp {
namespace {

constexpr int kGroups = 4;                  // uint32x4 groups per iteration
constexpr size_t kStep = 4 * kGroups;       // blocks per iteration

struct Words {
  uint32x4_t w[4];  // w[k] lane l: word k of block l
};

// Both halves of the 32x32 -> 64-bit lane products from two widening
// multiplies (lanes 0-1 and 2-3), de-interleaved: no separate low multiply.
inline void mulhilo(uint32x4_t x, uint32x4_t m, uint32x4_t* hi, uint32x4_t* lo) {
  const uint32x4_t p01 = vreinterpretq_u32_u64(vmull_u32(vget_low_u32(x), vget_low_u32(m)));
  const uint32x4_t p23 = vreinterpretq_u32_u64(vmull_high_u32(x, m));
  *hi = vuzp2q_u32(p01, p23);
  *lo = vuzp1q_u32(p01, p23);
}

// Philox4x32-10 on kGroups groups: group g covers counters
// (ctr0 + 4g + l, c1, c2, c3), l = 0..3 (c0 wraps only in lanes past the end,
// which are discarded: the caller keeps ctr[0] + nblocks <= 2^32).
inline void philox(const uint32_t key[2], uint32_t ctr0, const uint32_t ctr[4], Words s[kGroups]) {
  const uint32x4_t m0 = vdupq_n_u32(kPhiloxM0);
  const uint32x4_t m1 = vdupq_n_u32(kPhiloxM1);
  static const uint32_t kLanes[4] = {0, 1, 2, 3};
  const uint32x4_t base = vaddq_u32(vdupq_n_u32(ctr0), vld1q_u32(kLanes));
  for (int g = 0; g < kGroups; ++g) {
    s[g].w[0] = vaddq_u32(base, vdupq_n_u32(uint32_t(4 * g)));
    s[g].w[1] = vdupq_n_u32(ctr[1]);
    s[g].w[2] = vdupq_n_u32(ctr[2]);
    s[g].w[3] = vdupq_n_u32(ctr[3]);
  }
  uint32_t k0 = key[0], k1 = key[1];
  for (int r = 0; r < kPhiloxRounds; ++r) {
    const uint32x4_t kk0 = vdupq_n_u32(k0);
    const uint32x4_t kk1 = vdupq_n_u32(k1);
    for (int g = 0; g < kGroups; ++g) {
      uint32x4_t hi0, lo0, hi1, lo1;
      mulhilo(s[g].w[0], m0, &hi0, &lo0);
      mulhilo(s[g].w[2], m1, &hi1, &lo1);
      s[g].w[0] = veorq_u32(veorq_u32(hi1, s[g].w[1]), kk0);
      s[g].w[1] = lo1;
      s[g].w[2] = veorq_u32(veorq_u32(hi0, s[g].w[3]), kk1);
      s[g].w[3] = lo0;
    }
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
}

// Runs emit(words, dst) for every group of 4 blocks, dst = out + 4-block
// offset * bytes_per_block; a partial last group is emitted into a scratch
// buffer and its head copied.
template <size_t kBytesPerBlock, class Emit>
inline void drive(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, void* out, Emit emit) {
  char* dst = static_cast<char*>(out);
  size_t done = 0;
  Words s[kGroups];
  while (done < nblocks) {
    philox(key, ctr[0] + uint32_t(done), ctr, s);
    for (int g = 0; g < kGroups && done < nblocks; ++g) {
      const size_t left = nblocks - done;
      if (left >= 4) {
        emit(s[g], dst + done * kBytesPerBlock);
        done += 4;
      } else {
        char tmp[4 * kBytesPerBlock];
        emit(s[g], tmp);
        std::memcpy(dst + done * kBytesPerBlock, tmp, left * kBytesPerBlock);
        done = nblocks;
      }
    }
  }
}

inline uint32x4x4_t as_x4(const Words& s) {
  uint32x4x4_t v;
  v.val[0] = s.w[0]; v.val[1] = s.w[1]; v.val[2] = s.w[2]; v.val[3] = s.w[3];
  return v;
}

void bits32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t* out) {
  drive<16>(key, ctr, nblocks, out, [](const Words& s, char* d) {
    vst4q_u32(reinterpret_cast<uint32_t*>(d), as_x4(s));
  });
}

// (x & 0x7FFFFF) | bits(1.0f), minus 1.0f: exact.
inline float32x4_t to_f32(uint32x4_t x) {
  const uint32x4_t b = vorrq_u32(vandq_u32(x, vdupq_n_u32(0x7FFFFFu)), vdupq_n_u32(0x3F800000u));
  return vsubq_f32(vreinterpretq_f32_u32(b), vdupq_n_f32(1.0f));
}

void uniform_f32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out) {
  drive<16>(key, ctr, nblocks, out, [](const Words& s, char* d) {
    float32x4x4_t v;
    for (int k = 0; k < 4; ++k) v.val[k] = to_f32(s.w[k]);
    vst4q_f32(reinterpret_cast<float*>(d), v);
  });
}

// Doubles from word pairs (hi, lo): mantissa (hi & 0xFFFFF) << 32 | lo under the
// exponent of 1.0, minus 1.0. Lanes 0-1 (zip1) and 2-3 (zip2) of the blocks.
inline void to_f64(uint32x4_t hi, uint32x4_t lo, float64x2_t* b01, float64x2_t* b23) {
  const uint32x4_t h = vorrq_u32(vandq_u32(hi, vdupq_n_u32(0xFFFFFu)), vdupq_n_u32(0x3FF00000u));
  const float64x2_t one = vdupq_n_f64(1.0);
  *b01 = vsubq_f64(vreinterpretq_f64_u32(vzip1q_u32(lo, h)), one);
  *b23 = vsubq_f64(vreinterpretq_f64_u32(vzip2q_u32(lo, h)), one);
}

void uniform_f64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, double* out) {
  drive<16>(key, ctr, nblocks, out, [](const Words& s, char* d) {
    float64x2_t a01, a23, b01, b23;
    to_f64(s.w[0], s.w[1], &a01, &a23);  // first double of each block
    to_f64(s.w[2], s.w[3], &b01, &b23);  // second double
    float64x2x2_t v;
    v.val[0] = a01; v.val[1] = b01;
    vst2q_f64(reinterpret_cast<double*>(d), v);       // blocks 0, 1
    v.val[0] = a23; v.val[1] = b23;
    vst2q_f64(reinterpret_cast<double*>(d + 32), v);  // blocks 2, 3
  });
}

// float16 bits of (x & 0x3FF) / 1024: exact, a normal half unless 0. From the
// float bits f of that value: (f - (112 << 23)) >> 13 (rebias, drop the 13
// zero bits).
inline uint16x4_t to_f16(uint32x4_t x) {
  const uint32x4_t m = vandq_u32(x, vdupq_n_u32(0x3FFu));
  const float32x4_t f = vmulq_f32(vcvtq_f32_u32(m), vdupq_n_f32(1.0f / 1024.0f));
  const uint32x4_t h = vshrq_n_u32(vsubq_u32(vreinterpretq_u32_f32(f), vdupq_n_u32(0x38000000u)), 13);
  return vmovn_u32(vandq_u32(h, vtstq_u32(m, m)));  // 0 stays 0
}

// bfloat16 bits of (x & 0x7F) / 128: the float's top 16 bits (the rest are 0).
inline uint16x4_t to_bf16(uint32x4_t x) {
  const uint32x4_t m = vandq_u32(x, vdupq_n_u32(0x7Fu));
  const float32x4_t f = vmulq_f32(vcvtq_f32_u32(m), vdupq_n_f32(1.0f / 128.0f));
  return vshrn_n_u32(vreinterpretq_u32_f32(f), 16);
}

void uniform_f16(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out) {
  drive<8>(key, ctr, nblocks, out, [](const Words& s, char* d) {
    uint16x4x4_t v;
    for (int k = 0; k < 4; ++k) v.val[k] = to_f16(s.w[k]);
    vst4_u16(reinterpret_cast<uint16_t*>(d), v);
  });
}

void uniform_bf16(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out) {
  drive<8>(key, ctr, nblocks, out, [](const Words& s, char* d) {
    uint16x4x4_t v;
    for (int k = 0; k < 4; ++k) v.val[k] = to_bf16(s.w[k]);
    vst4_u16(reinterpret_cast<uint16_t*>(d), v);
  });
}

// Bounded ints and normals: the vector Philox words into a small buffer, then
// the scalar transform of scalar.cc.
constexpr size_t kScratchBlocks = 64;

template <class F>
inline void words_then(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, F&& f) {
  uint32_t w[4 * kScratchBlocks];
  for (size_t done = 0; done < nblocks; done += kScratchBlocks) {
    const size_t m = nblocks - done < kScratchBlocks ? nblocks - done : kScratchBlocks;
    const uint32_t c[4] = {ctr[0] + uint32_t(done), ctr[1], ctr[2], ctr[3]};
    bits32(key, c, m, w);
    f(done, m, w);
  }
}

template <class T>
inline void put(T* out, size_t i, T v) {
  std::memcpy(reinterpret_cast<char*>(out) + i * sizeof(T), &v, sizeof(T));
}

void int32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t lo,
           uint32_t range, uint32_t* out) {
  words_then(key, ctr, nblocks, [&](size_t done, size_t m, const uint32_t* w) {
    for (size_t i = 0; i < 4 * m; ++i) put(out, 4 * done + i, uint32_t(lo + w[i] % range));
  });
}

void int64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint64_t lo,
           uint64_t range, uint64_t* out) {
  words_then(key, ctr, nblocks, [&](size_t done, size_t m, const uint32_t* w) {
    for (size_t i = 0; i < 2 * m; ++i) {
      const uint64_t x = uint64_t(w[2 * i]) | uint64_t(w[2 * i + 1]) << 32;
      put(out, 2 * done + i, uint64_t(lo + x % range));
    }
  });
}

void normal_f32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out) {
  words_then(key, ctr, nblocks, [&](size_t done, size_t m, const uint32_t* w) {
    for (size_t i = 0; i < 2 * m; ++i) {
      float f0, f1;
      box_muller_f32(w[2 * i], w[2 * i + 1], &f0, &f1);
      put(out, 4 * done + 2 * i, f0);
      put(out, 4 * done + 2 * i + 1, f1);
    }
  });
}

}  // namespace

const KernelTable kNeonKernel = {
    "neon", bits32, uniform_f32, uniform_f64, uniform_f16, uniform_bf16, int32, int64, normal_f32,
    normal_f32_by_block<normal_f32>,
};

}  // namespace tfp
