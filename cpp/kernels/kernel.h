// The per-instruction-set kernel table. Each ISA lives in its own file
// (scalar.cc, avx2.cc, avx512.cc, neon.cc), compiled with its own flags, and
// exports one KernelTable; dispatch.cc picks one at startup.
//
// Every entry fills `nblocks` whole groups whose blocks are the counters
// ctr, ctr+1, ..., ctr+nblocks-1 under `key`. The caller guarantees that
// ctr[0] + nblocks does not pass 2^32 (it splits calls at c0 wraps), so a
// kernel only ever adds to c0 and keeps c1..c3 fixed. Stores are unaligned.
// The scalar kernel is the reference: every other one must equal it bit for
// bit, for every input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tfp {

struct KernelTable {
  const char* name;
  // 4 words per block: w0, w1, w2, w3
  void (*bits32)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t* out);
  // 4 floats per block (uint32_to_float of each word)
  void (*uniform_f32)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out);
  // 2 doubles per block: (w0, w1), (w2, w3)
  void (*uniform_f64)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, double* out);
  // 4 halves / bfloat16s per block (raw bits)
  void (*uniform_f16)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out);
  void (*uniform_bf16)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint16_t* out);
  // 4 int32 per block: lo + (w mod range), wrapping; range != 0
  void (*int32)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint32_t lo,
                uint32_t range, uint32_t* out);
  // 2 int64 per block: lo + ((w0 | w1<<32) mod range), wrapping; range != 0
  void (*int64)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, uint64_t lo,
                uint64_t range, uint64_t* out);
  // 4 floats per block: BoxMullerFloat(w0, w1), BoxMullerFloat(w2, w3)
  void (*normal_f32)(const uint32_t key[2], const uint32_t ctr[4], size_t nblocks, float* out);
  // 4 floats per listed block: normal_f32 of the block at counter
  // (ctr[0] + offs[i], ctr[1], ctr[2], ctr[3]) goes to out + 4i. Truncated
  // normals use it: their groups' blocks are 256 apart (TF's skip), and only
  // some groups need a second block. The caller guarantees that no
  // ctr[0] + offs[i] passes 2^32. If `rejects` is not null, bit i % 64 of
  // rejects[i / 64] is set when one of block i's 4 floats has bit 30 set
  // (|x| >= 2, or NaN: a truncated normal rejects it); all ceil(nblocks / 64)
  // words are written, bits past the last block clear.
  void (*normal_f32_at)(const uint32_t key[2], const uint32_t ctr[4], const uint32_t* offs,
                        size_t nblocks, float* out, uint64_t* rejects);
};

// A truncated normal's rejection of float bits: 1 unless |x| < 2.0f (NaN is
// rejected). The exponent field (bits 30..23) is below 128 exactly when bit
// 30 is clear; infinities and NaNs have it set. Of an OR of several floats'
// bits: 1 when any of them is rejected.
inline uint32_t rejected_f32(uint32_t bits) { return (bits >> 30) & 1; }

// Sets the rejects bit of each of out's n blocks (normal_f32_at) from its floats.
inline void reject_bits(const float* out, size_t n, uint64_t* rejects) {
  for (size_t w = 0; w < (n + 63) / 64; ++w) rejects[w] = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t b[4];
    std::memcpy(b, out + 4 * i, 16);
    rejects[i / 64] |= uint64_t(rejected_f32(b[0] | b[1] | b[2] | b[3])) << (i % 64);
  }
}

// normal_f32_at from a tier's normal_f32, one block at a time: for tiers
// without a gathering Philox of their own.
template <void (*NormalF32)(const uint32_t*, const uint32_t*, size_t, float*)>
void normal_f32_by_block(const uint32_t key[2], const uint32_t ctr[4], const uint32_t* offs,
                         size_t nblocks, float* out, uint64_t* rejects) {
  for (size_t i = 0; i < nblocks; ++i) {
    const uint32_t c[4] = {ctr[0] + offs[i], ctr[1], ctr[2], ctr[3]};
    NormalF32(key, c, 1, out + 4 * i);
  }
  if (rejects) reject_bits(out, nblocks, rejects);
}

extern const KernelTable kScalarKernel;
// Defined only in builds that compile the file (x86-64 / arm64).
extern const KernelTable kAvx2Kernel;
extern const KernelTable kAvx512Kernel;
extern const KernelTable kNeonKernel;

// The table in use: chosen once (CPU detection, capped by TF_PHILOX_KERNEL).
const KernelTable& active_kernel();
// Names of the tiers this build and CPU can run, best first (e.g. avx512, avx2, scalar).
// Used by tests to compare every tier with scalar.
size_t available_kernels(const KernelTable** out, size_t max);
// Forces a tier by name for the rest of the process; false if unknown/unsupported.
bool select_kernel(const char* name);

}  // namespace tfp
