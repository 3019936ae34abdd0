// The fill driver (fill.h): cuts a group range into L1-sized chunks, runs the
// active kernel on each chunk (splitting where counter word c0 wraps, as the
// kernel contract requires), then finishes the chunk while it is in cache:
// the affine step, 16-bit roundings of float normals, float64 normals.
// Truncated normals (a fresh generator per group, blocks 256 apart) take
// their first blocks from the kernel's listed-counter entry and select here;
// the partial last group is computed whole into a small buffer and cut.
// Dist x dtype combinations TF does not have are rejected by lib/ (here they
// write nothing). Stack use: up to ~36 KiB per call (chunk buffers).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "convert.h"
#include "fill.h"
#include "kernels/kernel.h"
#include "mathf.h"
#include "philox.h"

#if defined(__FAST_MATH__)
#error "tf-philox needs IEEE arithmetic: build without -ffast-math (see CMakeLists.txt)"
#endif

// u64/i64 bits are written as the words w0, w1 of each pair (w0 | w1 << 32).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "tf-philox assumes a little-endian host");

namespace tfp {

size_t element_size(DType dt) {
  switch (dt) {
    case kF16:
    case kBF16: return 2;
    case kF64:
    case kI64:
    case kU64: return 8;
    default: return 4;
  }
}

size_t group_size(DType dt) { return element_size(dt) == 8 ? 2 : 4; }

namespace {

// Blocks per kernel call: 4096 32-bit values (16 KiB), well inside L1.
constexpr size_t kChunkBlocks = 1024;

template <class T>
inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <class T>
inline void store(char* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

// ---- branch-free narrow-float conversions (vectorisable) ----------------------
// Bit-identical to convert.h's float_to_half / half_to_float / float_to_bfloat16
// for every input (checked over all 2^32 floats and 2^16 halves when written;
// cpp/test/core_tiers.cc compares every fill path with convert.h). Selections
// are masks so that the compiler vectorises the loops below.

inline uint32_t mask_if(bool c) { return 0u - uint32_t(c); }
inline uint32_t select(uint32_t m, uint32_t a, uint32_t b) { return (a & m) | (b & ~m); }

inline uint16_t f2h(float f) {
  const uint32_t x = float_to_bits(f);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t a = x & 0x7FFFFFFFu;
  const int32_t sa = int32_t(a);
  // normal half: rebias 127 -> 15, round the 13 dropped bits to nearest even
  const uint32_t nrm = (a - 0x38000000u + 0xFFFu + ((a >> 13) & 1u)) >> 13;
  // subnormal half: adding 0.5f leaves the value in units of 2^-24, rounded RNE
  const uint32_t sub = float_to_bits(bits_to_float(a) + 0.5f) - 0x3F000000u;
  // NaN -> 0x7E00, overflow and inf -> 0x7C00
  const uint32_t big = select(mask_if(sa > 0x7F800000), 0x7E00u, 0x7C00u);
  uint32_t r = select(mask_if(sa < 0x38800000), sub, nrm);
  r = select(mask_if(sa >= 0x47800000), big, r);
  return uint16_t(sign | r);
}

inline float h2f(uint16_t h) {
  const uint32_t o = uint32_t(h & 0x7FFFu) << 13;
  const uint32_t e = o & 0x0F800000u;
  const uint32_t nrm = o + (112u << 23);
  const uint32_t inf = o + (224u << 23);  // inf / NaN: exponent 255, payload kept
  // zero / subnormal: 2^-14 * (1 + m/1024) - 2^-14, exact
  const uint32_t sub =
      float_to_bits(bits_to_float(o + (113u << 23)) - bits_to_float(113u << 23));
  uint32_t r = select(mask_if(e == 0), sub, nrm);
  r = select(mask_if(e == 0x0F800000u), inf, r);
  return bits_to_float(r | (uint32_t(h & 0x8000u) << 16));
}

inline uint16_t f2bf(float f) {
  const uint32_t x = float_to_bits(f);
  const uint32_t nan = ((x >> 16) & 0x8000u) | 0x7FC0u;
  const uint32_t r = (x + 0x7FFFu + ((x >> 16) & 1u)) >> 16;
  return uint16_t(select(mask_if(int32_t(x & 0x7FFFFFFFu) > 0x7F800000), nan, r));
}

inline float bf2f(uint16_t b) { return bits_to_float(uint32_t(b) << 16); }

// h2f(f2h(v)) without the 16-bit detour: v rounded to float16 precision and
// range, kept in a float. Adding c = 2^(e+13) (e = v's exponent, at least -14)
// leaves v's float16 ulp as the float ulp, so the FPU rounds to nearest even;
// subtracting c is exact. Overflow gives inf. A NaN stays a NaN of the same
// sign, which is all the callers need (f2h maps every NaN to 0x7E00 | sign).
inline float requant_half(float v) {
  const uint32_t x = float_to_bits(v);
  const uint32_t sign = x & 0x80000000u;
  const uint32_t a = x & 0x7FFFFFFFu;
  const int32_t sa = int32_t(a);
  const float e = std::max(bits_to_float(a & 0x7F800000u), 0x1p-14f);
  const float c = bits_to_float(float_to_bits(e) + (13u << 23));
  const float r = (bits_to_float(a) + c) - c;
  uint32_t res = float_to_bits(r) | sign;
  res = select(mask_if(sa >= 0x477FF000), sign | 0x7F800000u, res);  // rounds to >= 65520
  res = select(mask_if(sa > 0x7F800000), x, res);                      // NaN
  return bits_to_float(res);
}

// 16-bit float types: T::round(float) -> bits, T::widen(bits) -> float, and
// T::requant(float) = widen(round(float)) (NaNs: same sign only).
struct Half {
  static uint16_t round(float f) { return f2h(f); }
  static float widen(uint16_t h) { return h2f(h); }
  static float requant(float f) { return requant_half(f); }
};
struct BFloat {
  static uint16_t round(float f) { return f2bf(f); }
  static float widen(uint16_t h) { return bf2f(h); }
  static float requant(float f) { return bf2f(f2bf(f)); }
};

// ---- the affine step, in place or from a float source -----------------------------

struct Params {
  Affine op;
  float af, bf;    // a, b as float (exact: they are values of the dtype)
  double ad, bd;
};

// x * a, or (x * a) + b, each operation rounded in T (float or double).
template <Affine Op, class T>
inline T affine(T x, T a, T b) {
  if (Op == kAffineNone) return x;
  const T m = x * a;
  return Op == kAffineMul ? m : m + b;
}

// One 16-bit value x (a float holding a value of T) through the affine step:
// each op widens to float, computes in float and rounds back to T.
template <Affine Op, class T>
inline uint16_t affine16(float x, float a, float b) {
  if (Op == kAffineNone) return T::round(x);
  if (Op == kAffineMul) return T::round(x * a);
  return T::round(T::requant(x * a) + b);
}

template <class T>
inline T affine_any(T x, const Params& q);
template <>
inline float affine_any<float>(float x, const Params& q) {
  switch (q.op) {
    case kAffineMul: return affine<kAffineMul>(x, q.af, q.bf);
    case kAffineMulAdd: return affine<kAffineMulAdd>(x, q.af, q.bf);
    default: return x;
  }
}
template <>
inline double affine_any<double>(double x, const Params& q) {
  switch (q.op) {
    case kAffineMul: return affine<kAffineMul>(x, q.ad, q.bd);
    case kAffineMulAdd: return affine<kAffineMulAdd>(x, q.ad, q.bd);
    default: return x;
  }
}
// A float result (unrounded) -> T, then the affine step.
template <class T>
inline uint16_t affine16_any(float v, const Params& q) {
  switch (q.op) {
    case kAffineMul: return affine16<kAffineMul, T>(T::requant(v), q.af, q.bf);
    case kAffineMulAdd: return affine16<kAffineMulAdd, T>(T::requant(v), q.af, q.bf);
    default: return T::round(v);
  }
}

// n values of T (float / double) at p, in place.
template <Affine Op, class T>
void affine_loop(char* p, size_t n, T a, T b) {
  for (size_t i = 0; i < n; ++i)
    store<T>(p + sizeof(T) * i, affine<Op>(load<T>(p + sizeof(T) * i), a, b));
}
template <class T>
void affine_inplace(char* p, size_t n, const Params& q) {
  const T a = sizeof(T) == 4 ? T(q.af) : T(q.ad);
  const T b = sizeof(T) == 4 ? T(q.bf) : T(q.bd);
  if (q.op == kAffineMul) affine_loop<kAffineMul>(p, n, a, b);
  if (q.op == kAffineMulAdd) affine_loop<kAffineMulAdd>(p, n, a, b);
}

// n 16-bit values at p, in place.
template <Affine Op, class T>
void affine16_loop(char* p, size_t n, float a, float b) {
  for (size_t i = 0; i < n; ++i)
    store<uint16_t>(p + 2 * i, affine16<Op, T>(T::widen(load<uint16_t>(p + 2 * i)), a, b));
}
template <class T>
void affine16_inplace(char* p, size_t n, const Params& q) {
  if (q.op == kAffineMul) affine16_loop<kAffineMul, T>(p, n, q.af, q.bf);
  if (q.op == kAffineMulAdd) affine16_loop<kAffineMulAdd, T>(p, n, q.af, q.bf);
}

// float results (normals) -> 16-bit outputs, with the affine step.
template <Affine Op, class T>
void round16_loop(const float* src, char* p, size_t n, float a, float b) {
  for (size_t i = 0; i < n; ++i) {
    const float x = Op == kAffineNone ? src[i] : T::requant(src[i]);
    store<uint16_t>(p + 2 * i, affine16<Op, T>(x, a, b));
  }
}
template <class T>
void round16(const float* src, char* p, size_t n, const Params& q) {
  switch (q.op) {
    case kAffineMul: round16_loop<kAffineMul, T>(src, p, n, q.af, q.bf); break;
    case kAffineMulAdd: round16_loop<kAffineMulAdd, T>(src, p, n, q.af, q.bf); break;
    default: round16_loop<kAffineNone, T>(src, p, n, q.af, q.bf); break;
  }
}

// Uniform float16 / bfloat16 with an affine step: the result depends only on
// the low 10 (float16) or 7 (bfloat16) bits of the word, so for large fills a
// table of all 1024 / 128 results, computed by the same affine16, replaces the
// per-element float16 arithmetic (exact by construction).
constexpr size_t kTableMinElements = 4096;

struct Table16 {
  uint16_t v[1024];
  uint32_t mask;  // word bits the value depends on
};

template <class T>
void build_table16(const Params& q, Table16* t) {
  const bool half = std::is_same<T, Half>::value;
  const size_t n = half ? 1024 : 128;
  t->mask = uint32_t(n - 1);
  for (size_t m = 0; m < n; ++m)  // the raw uniform value m / n, exact in float
    t->v[m] = T::round(float(m) * (half ? 1.0f / 1024.0f : 1.0f / 128.0f));
  affine16_inplace<T>(reinterpret_cast<char*>(t->v), n, q);
}

// ---- fixed-consumption distributions: group g = the block at counter + g --------------

// m whole blocks at counter c (c[0] + m <= 2^32) written at dst.
void chunk(const FillSpec& s, const KernelTable& k, const Params& q, const Table16* table,
           const uint32_t c[4], size_t m, char* dst) {
  const uint32_t* key = s.key;
  if (table) {  // uniform float16 / bfloat16 with an affine step, by table
    alignas(64) uint32_t w[4 * kChunkBlocks];
    k.bits32(key, c, m, w);
    for (size_t i = 0; i < 4 * m; ++i) store<uint16_t>(dst + 2 * i, table->v[w[i] & table->mask]);
    return;
  }
  switch (s.dist) {
    case kDistBits:
      // 32-bit types: 4 words per block; 64-bit types: 2 x (w0 | w1 << 32) per block.
      k.bits32(key, c, m, reinterpret_cast<uint32_t*>(dst));
      return;
    case kDistInt:
      if (element_size(s.dtype) == 8)
        k.int64(key, c, m, s.lo, s.range, reinterpret_cast<uint64_t*>(dst));
      else
        k.int32(key, c, m, uint32_t(s.lo), uint32_t(s.range), reinterpret_cast<uint32_t*>(dst));
      return;
    case kDistUniform:
      switch (s.dtype) {
        case kF32:
          k.uniform_f32(key, c, m, reinterpret_cast<float*>(dst));
          affine_inplace<float>(dst, 4 * m, q);
          return;
        case kF64:
          k.uniform_f64(key, c, m, reinterpret_cast<double*>(dst));
          affine_inplace<double>(dst, 2 * m, q);
          return;
        case kF16:
          k.uniform_f16(key, c, m, reinterpret_cast<uint16_t*>(dst));
          affine16_inplace<Half>(dst, 4 * m, q);
          return;
        case kBF16:
          k.uniform_bf16(key, c, m, reinterpret_cast<uint16_t*>(dst));
          affine16_inplace<BFloat>(dst, 4 * m, q);
          return;
        default: return;
      }
    case kDistNormal:
      switch (s.dtype) {
        case kF32:
          k.normal_f32(key, c, m, reinterpret_cast<float*>(dst));
          affine_inplace<float>(dst, 4 * m, q);
          return;
        case kF16:
        case kBF16: {
          alignas(64) float tmp[4 * kChunkBlocks];
          k.normal_f32(key, c, m, tmp);
          if (s.dtype == kF16)
            round16<Half>(tmp, dst, 4 * m, q);
          else
            round16<BFloat>(tmp, dst, 4 * m, q);
          return;
        }
        case kF64: {
          // BoxMullerDouble(w0..w3) -> 2 doubles per block, glibc log / sincos.
          alignas(64) uint32_t w[4 * kChunkBlocks];
          k.bits32(key, c, m, w);
          for (size_t i = 0; i < m; ++i) {
            double d0, d1;
            box_muller_f64(w[4 * i], w[4 * i + 1], w[4 * i + 2], w[4 * i + 3], &d0, &d1);
            store<double>(dst + 16 * i, affine_any<double>(d0, q));
            store<double>(dst + 16 * i + 8, affine_any<double>(d1, q));
          }
          return;
        }
        default: return;
      }
    default: return;
  }
}

// Whole groups [ga, gb) written at dst (the first element of group ga).
void fill_fixed(const FillSpec& s, const KernelTable& k, const Params& q, char* dst, size_t ga,
                size_t gb) {
  const size_t group_bytes = group_size(s.dtype) * element_size(s.dtype);
  uint32_t c[4] = {s.counter[0], s.counter[1], s.counter[2], s.counter[3]};
  counter_skip(c, ga);  // exact 128-bit addition for any group index below 2^64 - 2^32
  Table16 table;
  const Table16* tp = nullptr;
  if (s.dist == kDistUniform && q.op != kAffineNone && (gb - ga) * 4 >= kTableMinElements) {
    if (s.dtype == kF16) {
      build_table16<Half>(q, &table);
      tp = &table;
    } else if (s.dtype == kBF16) {
      build_table16<BFloat>(q, &table);
      tp = &table;
    }
  }
  while (ga < gb) {
    size_t m = gb - ga < kChunkBlocks ? gb - ga : kChunkBlocks;
    const uint64_t room = (uint64_t{1} << 32) - c[0];  // blocks before c0 wraps
    if (m > room) m = size_t(room);
    chunk(s, k, q, tp, c, m, dst);
    counter_skip(c, m);  // m < 2^32: carries through c1, c2, c3
    dst += m * group_bytes;
    ga += m;
  }
}

// ---- truncated normal: group g has its own generator at counter + 256g / 128g ---------

// TF's TruncatedNormalDistribution on a SingleSampleAdapter (read one word at a
// time): float types keep BoxMullerFloat values with |x| < 2.0f, first then
// second, until 4 are kept; float64 keeps BoxMullerDouble values with |x| < 2
// until 2 are kept.
void trunc_group_f32(const FillSpec& s, size_t g, float v[4]) {
  uint32_t c[4] = {s.counter[0], s.counter[1], s.counter[2], s.counter[3]};
  counter_skip(c, uint64_t(g) * 256);  // TF: gen.Skip(group * 256), its carry rule included
  WordStream ws(s.key, c);
  int kept = 0;
  for (;;) {
    const uint32_t x0 = ws.next();
    const uint32_t x1 = ws.next();
    float f[2];
    box_muller_f32(x0, x1, &f[0], &f[1]);
    for (int i = 0; i < 2; ++i) {
      if (std::fabs(f[i]) < 2.0f) {
        v[kept++] = f[i];
        if (kept == 4) return;
      }
    }
  }
}

void trunc_group_f64(const FillSpec& s, size_t g, double v[2]) {
  uint32_t c[4] = {s.counter[0], s.counter[1], s.counter[2], s.counter[3]};
  counter_skip(c, uint64_t(g) * 128);
  WordStream ws(s.key, c);
  int kept = 0;
  for (;;) {
    const uint32_t x0 = ws.next();
    const uint32_t x1 = ws.next();
    const uint32_t x2 = ws.next();
    const uint32_t x3 = ws.next();
    double d[2];
    box_muller_f64(x0, x1, x2, x3, &d[0], &d[1]);
    for (int i = 0; i < 2; ++i) {
      if (std::fabs(d[i]) < 2.0) {
        v[kept++] = d[i];
        if (kept == 2) return;
      }
    }
  }
}

// Float dtypes: a group keeps the first 4 of its normals with |x| < 2. Its
// first block's 4 normals are all kept in ~83% of groups, and its first two
// blocks' 8 give 4 kept in all but ~1 group in 10^5. So, for a batch of
// groups: pass 1 computes every group's first block (normal_f32_at, blocks
// 256 apart) and a bit per group that rejected one of its 4; pass 2 computes
// those groups' second blocks, from a list; the rare group left short reads
// on through trunc_group_f32. Same words, same Box-Muller, same order: the same values.
constexpr size_t kTruncBatch = 512;

struct FirstBlocks {  // counter offsets of the batch's first blocks: 256 j
  uint32_t offs[kTruncBatch];
  constexpr FirstBlocks() : offs() {
    for (size_t j = 0; j < kTruncBatch; ++j) offs[j] = uint32_t(256 * j);
  }
};
constexpr FirstBlocks kFirstBlocks;

// Bit i set: normal i of 8 is kept (rejected_f32, kernel.h: the rule
// normal_f32_at's rejects bits use).
inline unsigned kept_mask8(const uint32_t x[8]) {
  unsigned ok = 0;
  for (int i = 0; i < 8; ++i) ok |= (1u - rejected_f32(x[i])) << i;
  return ok;
}

struct FirstKept {  // for each 8-bit kept mask: the indices of its first 4 set bits
  uint8_t at[256][4];
  uint8_t count[256];  // set bits (a table: baseline x86-64 has no popcnt)
  constexpr FirstKept() : at(), count() {
    for (unsigned m = 0; m < 256; ++m) {
      int n = 0;
      for (int i = 0; i < 8; ++i)
        if ((m >> i) & 1) {
          if (n < 4) at[m][n] = uint8_t(i);
          ++n;
        }
      count[m] = uint8_t(n);
    }
  }
};
constexpr FirstKept kFirstKept;

void fill_trunc_f32(const FillSpec& s, const KernelTable& k, const Params& q, char* dst, size_t ga, size_t gb) {
  alignas(64) float nv[4 * kTruncBatch];    // 16-bit dtypes: the batch's floats before rounding
  alignas(64) float nv2[4 * kTruncBatch];   // pass 2: second blocks, in list order
  alignas(64) uint32_t again[kTruncBatch];  // pass 2's list: 256 j + 1 for group j
  const size_t es = element_size(s.dtype);
  for (size_t g = ga; g < gb;) {
    // float32 values are computed in place; group j's 4 are at v + 16 j
    char* const v = s.dtype == kF32 ? dst : reinterpret_cast<char*>(nv);
    uint32_t c[4] = {s.counter[0], s.counter[1], s.counter[2], s.counter[3]};
    counter_skip(c, uint64_t(g) * 256);
    // groups of one batch share c1..c3: their last second block's c0 must not wrap
    const uint64_t room = c[0] == 0xFFFFFFFFu ? 0 : (uint64_t{0xFFFFFFFEu} - c[0]) / 256 + 1;
    size_t m = gb - g < kTruncBatch ? gb - g : kTruncBatch;
    if (room < m) m = size_t(room);
    if (m == 0) {  // its two blocks straddle a c0 wrap
      m = 1;
      float x[4];
      trunc_group_f32(s, g, x);
      std::memcpy(v, x, 16);
    } else {
      uint64_t rejects[kTruncBatch / 64];
      k.normal_f32_at(s.key, c, kFirstBlocks.offs, m, reinterpret_cast<float*>(v), rejects);
      size_t n2 = 0;
      for (size_t w = 0; w < (m + 63) / 64; ++w)  // ~17% of groups go on the list
        for (uint64_t bits = rejects[w]; bits != 0; bits &= bits - 1)
          again[n2++] = uint32_t(256 * (64 * w + size_t(__builtin_ctzll(bits))) + 1);
      if (n2 != 0) k.normal_f32_at(s.key, c, again, n2, nv2, nullptr);
      for (size_t t = 0; t < n2; ++t) {
        const size_t j = again[t] >> 8;
        uint32_t x[8];  // the group's 8 normals, as bits
        std::memcpy(x, v + 16 * j, 16);
        std::memcpy(x + 4, nv2 + 4 * t, 16);
        const unsigned ok = kept_mask8(x);
        uint32_t kv[4];
        if (kFirstKept.count[ok] >= 4) {
          const uint8_t* at = kFirstKept.at[ok];
          for (int i = 0; i < 4; ++i) kv[i] = x[at[i]];
        } else {  // ~1 group in 10^5
          float f[4];
          trunc_group_f32(s, g + j, f);
          std::memcpy(kv, f, 16);
        }
        std::memcpy(v + 16 * j, kv, 16);
      }
    }
    if (s.dtype == kF32) {
      affine_inplace<float>(dst, 4 * m, q);
    } else if (s.dtype == kF16) {
      round16<Half>(nv, dst, 4 * m, q);
    } else {
      round16<BFloat>(nv, dst, 4 * m, q);
    }
    dst += 4 * es * m;
    g += m;
  }
}

void fill_trunc(const FillSpec& s, const KernelTable& k, const Params& q, char* dst, size_t ga, size_t gb) {
  if (s.dtype != kF64) {
    fill_trunc_f32(s, k, q, dst, ga, gb);
    return;
  }
  for (size_t g = ga; g < gb; ++g) {
    double v[2];
    trunc_group_f64(s, g, v);
    for (int i = 0; i < 2; ++i) store<double>(dst + 8 * i, affine_any<double>(v[i], q));
    dst += 16;
  }
}

void fill_range(const FillSpec& s, const KernelTable& k, const Params& q, char* dst, size_t ga,
                size_t gb) {
  if (s.dist == kDistTruncNormal)
    fill_trunc(s, k, q, dst, ga, gb);
  else
    fill_fixed(s, k, q, dst, ga, gb);
}

}  // namespace

void fill_groups(const FillSpec& spec, void* out, size_t n, size_t g0, size_t g1) {
  const size_t G = group_size(spec.dtype);
  const size_t es = element_size(spec.dtype);
  const size_t full = n / G;  // whole groups
  const size_t ngroups = (n + G - 1) / G;
  if (g1 > ngroups) g1 = ngroups;
  if (g0 >= g1) return;

  Params q;
  q.op = (spec.dist == kDistBits || spec.dist == kDistInt) ? kAffineNone : spec.affine;
  q.ad = spec.a;
  q.bd = spec.b;
  q.af = float(spec.a);
  q.bf = float(spec.b);

  const KernelTable& k = active_kernel();
  char* base = static_cast<char*>(out);
  const size_t end_full = g1 < full ? g1 : full;
  if (g0 < end_full) fill_range(spec, k, q, base + g0 * G * es, g0, end_full);
  if (g1 > full) {  // the partial last group: compute it whole, keep its head
    alignas(16) char tmp[16];
    fill_range(spec, k, q, tmp, full, full + 1);
    std::memcpy(base + full * G * es, tmp, (n - full * G) * es);
  }
}

}  // namespace tfp
