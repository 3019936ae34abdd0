// Our own implementations of glibc's float logf and sincosf algorithms
// (double-precision evaluation with glibc's tables and polynomials), so that
// float32 Box-Muller normals equal TensorFlow on Linux/glibc on every OS and
// libc. cpp/test/mathf_exhaustive.cc proves them equal to the system glibc
// over every input Box-Muller can produce (2^23 u1 values, 2^23 v1 values).
// Vector versions: kernels/boxmuller_avx2.h, kernels/boxmuller_avx512.h.
#pragma once
#include <cstdint>

namespace tfp {

// Equal to glibc 2.28+ logf for every float input (checked over all 2^32).
float glibc_logf(float x);
// Equal to glibc 2.28+ sincosf (its generic build) for every float input.
// On FMA CPUs x86-64 glibc runs an -mfma build of the same source whose
// contracted a + b*c round differently for 34 of the 2^32 inputs (arguments
// near multiples of pi/2, e.g. 17.27, -103.67); none of them is a
// Box-Muller input, where both builds agree.
void glibc_sincosf(float x, float* s, float* c);

// TF's BoxMullerFloat(x0, x1) (random_distributions.h):
//   u1 = max(uint32_to_float(x0), 1e-7f)
//   v1 = (float)(6.283185307179586 * (double)uint32_to_float(x1))
//   u2 = sqrtf(-2.0f * logf(u1));  (s, c) = sincosf(v1)
//   f0 = s * u2, f1 = c * u2      (float products)
void box_muller_f32(uint32_t x0, uint32_t x1, float* f0, float* f1);

// TF's BoxMullerDouble(x0, x1, x2, x3), with the C library's log/sincos/sqrt
// (as TF calls them; double results follow the platform libm).
void box_muller_f64(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0, double* d1);

// ---- glibc's constants -------------------------------------------------------
// Shared by the scalar code (mathf.cc) and the vector kernels
// (kernels/boxmuller_*.h). constexpr so the kernels see literal values: loads
// from them are loop-invariant even though stores through float* may alias
// anything under -fno-strict-aliasing. Values are glibc's bit for bit
// (sysdeps/ieee754/flt-32/e_logf_data.c, s_sincosf_data.c; unchanged since
// glibc 2.28); changing any digit breaks exactness.
namespace glibcf {

// logf. x = 2^k * z with z in [kLogfOff, 2*kLogfOff) (as floats, kLogfOff is
// ~0.6992); bits 22..19 of (bits(x) - kLogfOff) pick one of 16 subintervals
// of that range, whose centre c gives invc ~ 1/c and logc ~ log(c). Then
// log(x) = k*ln2 + logc + log1p(z*invc - 1), log1p by a degree-4 polynomial
// whose linear coefficient is 1.
inline constexpr uint32_t kLogfOff = 0x3F330000u;
inline constexpr double kLogfInvc[16] = {
    0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0,  0x1.3c995b0b80385p+0,
    0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0,  0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
    0x1.0953f419900a7p+0, 0x1p+0,               0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
    0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
};
inline constexpr double kLogfLogc[16] = {
    -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
    -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3,   -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
    -0x1.252f438e10c1ep-5, 0x0p+0,                0x1.aa5aa5df25984p-5,  0x1.c5e53aa362eb4p-4,
    0x1.526e57720db08p-3,  0x1.bc2860d22477p-3,   0x1.1058bc8a07ee1p-2,  0x1.4043057b6ee09p-2,
};
inline constexpr double kLogfLn2 = 0x1.62e42fefa39efp-1;
// log1p(r) ~ r + kLogfR2*r^2 + kLogfR3*r^3 + kLogfR4*r^4 (glibc's poly[2], [1], [0]).
inline constexpr double kLogfR2 = -0x1.ffffef20a4123p-2;
inline constexpr double kLogfR3 = 0x1.5575b0be00b6ap-2;
inline constexpr double kLogfR4 = -0x1.00ea348b88334p-2;

// sincosf. Quadrant n = round(x * 2/pi) computed the integer way glibc does
// without TOINT_INTRINSICS (x86-64): r = x * (2/pi * 2^24), n =
// ((int32_t)r + 2^23) >> 24, reduced x - n*(pi/2). Valid for |x| < 120.
inline constexpr double kHalfPiInv24 = 0x1.45F306DC9C883p+23;  // 2/pi * 2^24
inline constexpr double kHalfPiInv = 0x1.45F306DC9C883p-1;     // 2/pi (same bits)
inline constexpr double kHalfPi = 0x1.921FB54442D18p0;         // pi/2
inline constexpr double kPi63 = 0x1.921FB54442D18p-62;         // 2pi * 2^-64 (large path)
// cos(x) ~ 1 + kCos1*x^2 + kCos2*x^4 + kCos3*x^6 + kCos4*x^8
inline constexpr double kCos1 = -0x1.ffffffd0c621cp-2;
inline constexpr double kCos2 = 0x1.55553e1068f19p-5;
inline constexpr double kCos3 = -0x1.6c087e89a359dp-10;
inline constexpr double kCos4 = 0x1.99343027bf8c3p-16;
// sin(x) ~ x + kSin1*x^3 + kSin2*x^5 + kSin3*x^7
inline constexpr double kSin1 = -0x1.555545995a603p-3;
inline constexpr double kSin2 = 0x1.1107605230bc4p-7;
inline constexpr double kSin3 = -0x1.994eb3774cf24p-13;
// Float-bit thresholds on |x| (sign cleared). glibc compares only the top 12
// bits (abstop12), so each threshold is the float with its low 20 bits cleared:
// 0x3F400000 = 0.75 (from pi/4 = 0x3F490FDB), 0x42F00000 = 120.0,
// 0x39800000 = 2^-12. (glibc's fourth test, below 2^-126, only raises the
// underflow flag.)
inline constexpr uint32_t kSincosSmallBits = 0x3F400000u;
inline constexpr uint32_t kSincosFastBits = 0x42F00000u;
inline constexpr uint32_t kSincosTinyBits = 0x39800000u;

// glibc's reduce_large for 120 <= |x| < inf, on the float's bits (sign
// ignored): returns x mod pi/2 in [-pi/4, pi/4] and the quadrant (0..3) in
// *n. Exact integer arithmetic; exposed for the tests' reference models.
double reduce_large(uint32_t bits, int* n);

}  // namespace glibcf

}  // namespace tfp
