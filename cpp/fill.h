// The fill layer: what TF's FillPhiloxRandom writes for a generator starting
// at a given (key, counter), for every distribution and dtype we ship.
//
// Output element i belongs to group g = i / G (G = elements per group, see
// group_size). Group g is computed from the block at counter + g (TF's Skip),
// except truncated normal whose group g starts a fresh generator at
// counter + 256*g (16/32-bit floats) or counter + 128*g (float64). A partial
// last group is computed and truncated. So any range of groups can be filled
// independently (threads) and gives the same bytes.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tfp {

enum Dist : int {
  kDistBits = 0,         // full-range integers (u32/i32: one word; u64/i64: w0 | w1<<32)
  kDistUniform = 1,      // floats in [0, 1), then the optional affine step
  kDistNormal = 2,       // Box-Muller, then the optional affine step
  kDistTruncNormal = 3,  // Box-Muller with |x| < 2 rejection, then the affine step
  kDistInt = 4,          // lo + (bits mod range), wrapping (i32 / i64)
};

enum DType : int {
  kF16 = 0, kBF16 = 1, kF32 = 2, kF64 = 3, kI32 = 4, kI64 = 5, kU32 = 6, kU64 = 7,
};

// The affine step TF's Python wrappers apply after the raw op, each operation
// rounded separately in the dtype (16-bit floats: computed in float32, then
// rounded): kAffineNone: r; kAffineMul: r * a; kAffineMulAdd: (r * a) + b.
// a and b are values of the dtype, widened exactly to double.
enum Affine : int { kAffineNone = 0, kAffineMul = 1, kAffineMulAdd = 2 };

struct FillSpec {
  Dist dist;
  DType dtype;
  uint32_t key[2];
  uint32_t counter[4];
  // kDistInt: lo as two's complement, range = (maxval - minval) mod 2^bits, range > 0.
  uint64_t lo;
  uint64_t range;
  Affine affine;
  double a;
  double b;
};

size_t element_size(DType dt);
// Elements per group: 4 for 16/32-bit types, 2 for 64-bit types.
size_t group_size(DType dt);
inline size_t group_count(size_t n, DType dt) { return (n + group_size(dt) - 1) / group_size(dt); }

// Writes the elements of groups [g0, g1) of an n-element output. `out` points
// at element 0 of the whole output (any alignment of the element type works:
// stores are unaligned-safe). Requires a valid spec (validated by lib/).
void fill_groups(const FillSpec& spec, void* out, size_t n, size_t g0, size_t g1);

inline void fill(const FillSpec& spec, void* out, size_t n) {
  fill_groups(spec, out, n, 0, group_count(n, spec.dtype));
}

}  // namespace tfp
