// The reference kernel: one Philox block at a time in plain C++, each entry a
// direct transcription of TF's distribution for one group (kernel.h states
// the contract). Every other tier is tested against this file bit for bit.
#include <cstring>

#include "convert.h"
#include "kernels/kernel.h"
#include "mathf.h"
#include "philox.h"

namespace tfp {
namespace {

// Unaligned-safe store of one element.
template <class T>
inline void put(T* out, size_t i, T v) {
  std::memcpy(reinterpret_cast<char*>(out) + i * sizeof(T), &v, sizeof(T));
}

// Calls f(i, block) for the blocks at ctr + i, i < nblocks. The caller
// guarantees ctr[0] + nblocks <= 2^32, so only c0 moves.
template <class F>
inline void each_block(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, F&& f) {
  uint32_t c[4] = {ctr[0], ctr[1], ctr[2], ctr[3]};
  for (size_t i = 0; i < nblocks; ++i) {
    c[0] = ctr[0] + uint32_t(i);
    f(i, philox_block(c, key));
  }
}

void bits32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    for (int k = 0; k < 4; ++k) put(out, 4 * i + k, b.w[k]);
  });
}

void uniform_f32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    for (int k = 0; k < 4; ++k) put(out, 4 * i + k, uint32_to_float(b.w[k]));
  });
}

void uniform_f64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, double* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    put(out, 2 * i, uint64_to_double(b.w[0], b.w[1]));
    put(out, 2 * i + 1, uint64_to_double(b.w[2], b.w[3]));
  });
}

void uniform_f16(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    for (int k = 0; k < 4; ++k) put(out, 4 * i + k, uint32_to_half(b.w[k]));
  });
}

void uniform_bf16(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    for (int k = 0; k < 4; ++k) put(out, 4 * i + k, uint32_to_bfloat16(b.w[k]));
  });
}

void int32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t lo,
           uint32_t range, uint32_t* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    for (int k = 0; k < 4; ++k) put(out, 4 * i + k, uint32_t(lo + b.w[k] % range));
  });
}

void int64(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint64_t lo,
           uint64_t range, uint64_t* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    const uint64_t x0 = uint64_t(b.w[0]) | uint64_t(b.w[1]) << 32;
    const uint64_t x1 = uint64_t(b.w[2]) | uint64_t(b.w[3]) << 32;
    put(out, 2 * i, uint64_t(lo + x0 % range));
    put(out, 2 * i + 1, uint64_t(lo + x1 % range));
  });
}

void normal_f32(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out) {
  each_block(key, ctr, nblocks, [&](size_t i, const Block& b) {
    float f[4];
    box_muller_f32(b.w[0], b.w[1], &f[0], &f[1]);
    box_muller_f32(b.w[2], b.w[3], &f[2], &f[3]);
    for (int k = 0; k < 4; ++k) put(out, 4 * i + k, f[k]);
  });
}

}  // namespace

const KernelTable kScalarKernel = {
    "scalar", bits32, uniform_f32, uniform_f64, uniform_f16, uniform_bf16, int32, int64, normal_f32,
    normal_f32_by_block<normal_f32>,
};

}  // namespace tfp
