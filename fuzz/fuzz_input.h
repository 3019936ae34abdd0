// Shared helpers for the libFuzzer targets in fuzz/ (built by scripts/fuzz.js).
//
// FuzzInput reads little-endian values from the fuzzer's bytes and returns 0
// once they run out, so every input, however short, is a valid test case.
// The pickers below steer a few bytes towards the values where bugs live:
// counters just below each 32-bit carry and the 2^64 / 2^128 wraps, integer
// ranges at the extremes, special doubles.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "convert.h"
#include "fill.h"

namespace fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  uint8_t u8() {
    if (n_ == 0) return 0;
    --n_;
    return *p_++;
  }
  uint16_t u16() { return uint16_t(u8() | (uint16_t(u8()) << 8)); }
  uint32_t u32() { return uint32_t(u16()) | (uint32_t(u16()) << 16); }
  uint64_t u64() { return uint64_t(u32()) | (uint64_t(u32()) << 32); }
  size_t left() const { return n_; }

 private:
  const uint8_t* p_;
  size_t n_;
};

// A Philox counter. Mode (one byte) picks: fully fuzzed words, or c0 (and
// c1, c2, c3) a few steps below all-ones, so that the blocks a call needs
// cross the c0 -> c1 carry, the 2^64 wrap (c1 -> c2) or the 2^96 / 2^128 ones.
inline void pick_counter(FuzzInput& in, uint32_t c[4]) {
  const uint8_t mode = in.u8();
  for (int i = 0; i < 4; ++i) c[i] = in.u32();
  const uint32_t back = in.u16() % 2048;  // blocks before the wrap
  switch (mode % 6) {
    case 0: break;                          // as fuzzed
    case 1: c[0] = 0xFFFFFFFFu - back; break;  // c0 carry
    case 2: c[0] = 0xFFFFFFFFu - back; c[1] = 0xFFFFFFFFu; break;  // 2^64 wrap
    case 3: c[0] = 0xFFFFFFFFu - back; c[1] = c[2] = 0xFFFFFFFFu; break;  // 2^96
    case 4: c[0] = 0xFFFFFFFFu - back; c[1] = c[2] = c[3] = 0xFFFFFFFFu; break;  // 2^128
    case 5: c[0] = back; break;             // small counters (TF's usual start)
  }
}

// A 32-bit integer range for lo + (w mod range): extremes first.
inline uint32_t pick_range32(FuzzInput& in) {
  const uint8_t mode = in.u8();
  const uint32_t x = in.u32();
  switch (mode % 10) {
    case 0: return 1;
    case 1: return 0xFFFFFFFFu;          // int32 [INT_MIN, INT_MAX)
    case 2: return 0x80000000u;
    case 3: return 0x80000001u;
    case 4: return 0xC0000000u;          // 3 * 2^30: the modulo bias is visible
    case 5: return uint32_t(1) << (x % 32);
    case 6: return (uint32_t(1) << (x % 32)) + 1;
    case 7: return (x % 64) + 1;         // small ranges
    default: return x ? x : 1;
  }
}

inline uint64_t pick_range64(FuzzInput& in) {
  const uint8_t mode = in.u8();
  const uint64_t x = in.u64();
  switch (mode % 10) {
    case 0: return 1;
    case 1: return ~uint64_t{0};
    case 2: return uint64_t{1} << 63;
    case 3: return (uint64_t{1} << 63) + 1;
    case 4: return uint64_t{3} << 62;
    case 5: return uint64_t{1} << (x % 64);
    case 6: return (uint64_t{1} << (x % 64)) + 1;
    case 7: return (x % 64) + 1;
    case 8: return (x & 0xFFFFFFFFu) ? (x & 0xFFFFFFFFu) : 1;  // fits in 32 bits
    default: return x ? x : 1;
  }
}

inline uint32_t pick_lo32(FuzzInput& in) {
  const uint8_t mode = in.u8();
  const uint32_t x = in.u32();
  switch (mode % 5) {
    case 0: return 0x80000000u;  // INT32_MIN
    case 1: return 0x7FFFFFFFu;  // INT32_MAX
    case 2: return 0;
    case 3: return 0xFFFFFFFFu;  // -1
    default: return x;
  }
}

inline uint64_t pick_lo64(FuzzInput& in) {
  const uint8_t mode = in.u8();
  const uint64_t x = in.u64();
  switch (mode % 5) {
    case 0: return uint64_t{1} << 63;
    case 1: return (uint64_t{1} << 63) - 1;
    case 2: return 0;
    case 3: return ~uint64_t{0};
    default: return x;
  }
}

// A double: one of the special values, or fuzzed bits.
inline double pick_double(FuzzInput& in) {
  static const double kSpecial[] = {
      0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 9.999999, 10.0, 10.000001, 1e-7, 1e-30, 1e-300,
      5e-324, 1e5, 65504.0, 65520.0, 2147483647.0, 2147483648.0, 9.223372036854775807e18,
      3.4028234663852886e38, 1.7976931348623157e308, 1e300, 1e18, 0.999999, 1.0000001,
      std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
      std::numeric_limits<double>::quiet_NaN(), -3.5, 100.0, 1000.5, 0.1,
  };
  const uint8_t mode = in.u8();
  const uint64_t bits = in.u64();
  constexpr size_t kN = sizeof(kSpecial) / sizeof(kSpecial[0]);
  if (mode < 128) return kSpecial[mode % kN];
  if (mode < 192) return double(int32_t(bits)) * 0.125;  // moderate values
  return tfp::bits_to_double(bits);
}

// The double rounded to a value of dtype dt (float types), as lib/ passes it.
inline double to_dtype(tfp::DType dt, double v) {
  switch (dt) {
    case tfp::kF32: return double(float(v));
    case tfp::kF16: return double(tfp::half_to_float(tfp::float_to_half(float(v))));
    case tfp::kBF16: return double(tfp::bfloat16_to_float(tfp::float_to_bfloat16(float(v))));
    default: return v;
  }
}

// A heap buffer of exactly `bytes` bytes starting `skew` bytes into its
// allocation (0..7), so ASan sees any write past the end and the kernels get
// misaligned outputs (their contract: stores are unaligned-safe).
class Buffer {
 public:
  Buffer(size_t bytes, size_t skew, uint8_t fill) : skew_(skew), bytes_(bytes) {
    raw_ = static_cast<uint8_t*>(std::malloc(bytes + skew ? bytes + skew : 1));
    std::memset(raw_, fill, bytes + skew);
  }
  ~Buffer() { std::free(raw_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  uint8_t* data() { return raw_ + skew_; }
  size_t size() const { return bytes_; }

 private:
  uint8_t* raw_;
  size_t skew_;
  size_t bytes_;
};

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "FUZZ FAILURE: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

}  // namespace fuzz
