// TensorFlow's word -> number conversions (tsl/lib/random/random_distributions.h)
// and the narrow-float roundings Eigen applies. Pure bit manipulation; every
// function here is exact and platform independent.
#pragma once
#include <cstdint>
#include <cstring>

namespace tfp {

inline float bits_to_float(uint32_t b) { float f; std::memcpy(&f, &b, 4); return f; }
inline uint32_t float_to_bits(float f) { uint32_t b; std::memcpy(&b, &f, 4); return b; }
inline double bits_to_double(uint64_t b) { double d; std::memcpy(&d, &b, 8); return d; }
inline uint64_t double_to_bits(double d) { uint64_t b; std::memcpy(&b, &d, 8); return b; }

// float32 in [0, 1): exponent of 1.0 with the low 23 bits of x as mantissa,
// minus 1.0f. Equals (x mod 2^23) / 2^23 exactly.
inline float uint32_to_float(uint32_t x) {
  return bits_to_float(0x3F800000u | (x & 0x7FFFFFu)) - 1.0f;
}

// float64 in [0, 1) from two words: mantissa = (x0 & 0xFFFFF) << 32 | x1
// (x0 supplies the high 20 bits), exponent of 1.0, minus 1.0.
inline double uint64_to_double(uint32_t x0, uint32_t x1) {
  const uint64_t man = (uint64_t(x0 & 0xFFFFFu) << 32) | x1;
  return bits_to_double((uint64_t{1023} << 52) | man) - 1.0;
}

// float16 in [0, 1): 0x3C00 | (x & 0x3FF) minus 1 in half arithmetic. The
// difference (x & 0x3FF) / 1024 is exact in half, so build its bits directly.
uint16_t float_to_half(float f);
inline uint16_t uint32_to_half(uint32_t x) {
  return float_to_half(float(x & 0x3FFu) * (1.0f / 1024.0f));
}

// bfloat16 in [0, 1): 0x3F80 | (x & 0x7F) minus 1; exact, like float16.
uint16_t float_to_bfloat16(float f);
inline uint16_t uint32_to_bfloat16(uint32_t x) {
  return float_to_bfloat16(float(x & 0x7Fu) * (1.0f / 128.0f));
}

// float -> IEEE binary16, round to nearest even (Eigen's float_to_half_rtne):
// overflow -> inf, NaN -> 0x7E00 with the sign kept, subnormals rounded.
inline uint16_t float_to_half(float f) {
  const uint32_t x = float_to_bits(f);
  const uint16_t sign = uint16_t((x >> 16) & 0x8000u);
  const uint32_t a = x & 0x7FFFFFFFu;
  if (a >= 0x7F800000u) return sign | (a > 0x7F800000u ? 0x7E00u : 0x7C00u);
  if (a >= 0x477FF000u) return sign | 0x7C00u;  // rounds to >= 65520: inf
  if (a < 0x38800000u) {                        // below 2^-14: half subnormal or zero
    if (a < 0x33000000u) return sign;            // below 2^-25: rounds to 0
    const uint32_t exp = a >> 23;
    const uint32_t man = (a & 0x7FFFFFu) | 0x800000u;
    const uint32_t shift = 126 - exp;            // 14..24 -> half ulp 2^-24
    const uint32_t q = man >> shift;
    const uint32_t rem = man & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    const uint32_t r = q + ((rem > halfway || (rem == halfway && (q & 1))) ? 1 : 0);
    return sign | uint16_t(r);
  }
  // normal: rebias exponent 127 -> 15 and round 13 mantissa bits away
  const uint32_t base = a - 0x38000000u;         // (exp-112) << 23 | man
  const uint32_t q = base >> 13;
  const uint32_t rem = base & 0x1FFFu;
  const uint32_t r = q + ((rem > 0x1000u || (rem == 0x1000u && (q & 1))) ? 1 : 0);
  return sign | uint16_t(r);
}

// float -> bfloat16, round to nearest even on the top 16 bits (Eigen's
// float_to_bfloat16_rtne): NaN becomes the quiet NaN 0x7FC0 / 0xFFC0.
inline uint16_t float_to_bfloat16(float f) {
  const uint32_t x = float_to_bits(f);
  if ((x & 0x7FFFFFFFu) > 0x7F800000u) return (x & 0x80000000u) ? 0xFFC0u : 0x7FC0u;
  const uint32_t lsb = (x >> 16) & 1u;
  return uint16_t((x + 0x7FFFu + lsb) >> 16);
}

inline float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1Fu;
  uint32_t man = h & 0x3FFu;
  if (exp == 0x1F) return bits_to_float(sign | 0x7F800000u | (man << 13));
  if (exp != 0) return bits_to_float(sign | ((exp + 112) << 23) | (man << 13));
  if (man == 0) return bits_to_float(sign);
  // subnormal half: value = man * 2^-24, exact in float
  const float v = float(man) * (1.0f / 16777216.0f);
  return sign ? -v : v;
}

inline float bfloat16_to_float(uint16_t b) { return bits_to_float(uint32_t(b) << 16); }

}  // namespace tfp
