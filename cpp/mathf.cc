// Scalar logf / sincosf following glibc's algorithms (glibc 2.28+,
// sysdeps/ieee754/flt-32/e_logf.c, s_sincosf.c, s_sincosf.h, sincosf_poly.h;
// the same code as ARM optimized-routines math/logf.c, math/sincosf.c), and
// TF's float / double Box-Muller transforms built on them.
//
// Everything is evaluated in double with separate roundings (the project
// builds with -ffp-contract=off). Results equal the system glibc for every
// float input; cpp/test/mathf_exhaustive.cc checks this. errno and floating
// point exception flags are not reproduced: nobody reads them here.
#include "mathf.h"

#include <cmath>
#include <cstdint>

#include "convert.h"

namespace tfp {
namespace {

using namespace glibcf;

// 4/pi as a 192-bit fixed-point fraction, stored so that the word at index j
// holds the 32 bits starting at bit 8*(j-3) of the fraction: consecutive
// entries slide by 8 bits. That lets the large-argument reduction start at
// any byte without unaligned or multi-word shifting (s_sincosf_data.c).
constexpr uint32_t kInvPio4[24] = {
    0xa2u,       0xa2f9u,     0xa2f983u,   0xa2f9836eu, 0xf9836e4eu, 0x836e4e44u,
    0x6e4e4415u, 0x4e441529u, 0x441529fcu, 0x1529fc27u, 0x29fc2757u, 0xfc2757d1u,
    0x2757d1f5u, 0x57d1f534u, 0xd1f534ddu, 0xf534ddc0u, 0x34ddc0dbu, 0xddc0db62u,
    0xc0db6295u, 0xdb629599u, 0x6295993cu, 0x95993c43u, 0x993c4390u, 0x3c439041u,
};

// glibc's __math_invalidf: (x - x) / (x - x). A NaN input comes back quieted
// with its sign and payload; any other input gives the hardware's default NaN
// (0xFFC00000 on x86). Written as the same operations so the NaN bits are the
// platform glibc's on every platform.
float invalid(float x) {
  const float d = x - x;
  return d / d;
}

// The sine and cosine polynomials at the reduced argument x (|x| <= ~pi/4),
// with x2 = x*x. Evaluation order is glibc's sincosf_poly, term by term:
// every product and sum is rounded to double, then each result once to float.
void sincos_poly(double x, double x2, double* s, double* c) {
  const double x4 = x2 * x2;
  const double x3 = x2 * x;
  const double c2 = kCos3 + x2 * kCos4;
  const double s1 = kSin2 + x2 * kSin3;
  const double c1 = 1.0 + x2 * kCos1;
  const double x5 = x3 * x2;
  const double x6 = x4 * x2;
  const double sa = x + x3 * kSin1;
  const double ca = c1 + x4 * kCos2;
  *s = sa + x5 * s1;
  *c = ca + x6 * c2;
}

// Writes the quadrant-adjusted pair. glibc feeds the sine polynomial x*sgn
// (sgn = +1, -1, -1, +1 for quadrant q = 0..3) and negates every cosine
// coefficient when q & 2; both polynomials are odd / even term by term and
// round-to-nearest is symmetric, so that is exactly negating sin_poly(x) /
// cos_poly(x). Odd n swaps which output gets which polynomial. `q` picks the
// signs, `n` the swap: they differ only in the large-argument path.
void sincos_finish(double x, int q, int n, float* sinp, float* cosp) {
  double s, c;
  sincos_poly(x, x * x, &s, &c);
  if ((q + 1) & 2) s = -s;  // sgn[q] == -1 for q & 3 in {1, 2}
  if (q & 2) c = -c;
  if (n & 1) {
    *sinp = float(c);
    *cosp = float(s);
  } else {
    *sinp = float(s);
    *cosp = float(c);
  }
}

// Single-step reduction for |x| < 120: x - n*pi/2 with n = round(x * 2/pi).
// r carries the quadrant in bits 24 and up (kHalfPiInv24 is 2/pi * 2^24);
// adding 2^23 before the arithmetic shift rounds to nearest, also for r < 0,
// where the truncating conversion would otherwise bias toward zero.
// pi/2 in double is good to 55 bits and the worst cancellation is near 6*pi/4,
// hence glibc's bound of 120.
double reduce_fast(double x, int* n) {
  const double r = x * kHalfPiInv24;
  const int q = (int32_t(r) + 0x800000) >> 24;
  *n = q;
  return x - double(q) * kHalfPi;
}

}  // namespace

// Reduction for 120 <= |x| < inf, exact integer arithmetic on the float's
// bits `xi` (sign ignored). With e the biased exponent and m the 24-bit
// significand, |x| = m * 2^(e-150). The window of 4/pi starting at byte
// (e >> 3) & 15 of kInvPio4 holds the fraction bits that matter; m << (e & 7)
// supplies the rest of the shift. m * (4/pi window) is a 2.62 fixed-point
// number: its top 2 bits are the quadrant (mod 4), the other 62 the position
// inside it. Rounding to the nearest quadrant leaves a signed 62-bit fraction
// of pi/2, converted to radians by 2pi * 2^-64 (kPi63).
double glibcf::reduce_large(uint32_t xi, int* n) {
  const uint32_t* w = &kInvPio4[(xi >> 26) & 15];
  const int shift = (xi >> 23) & 7;
  const uint32_t m = ((xi & 0xFFFFFFu) | 0x800000u) << shift;

  // 32 x 96 bit product, keeping its low 64 bits after dropping 32: the top
  // word's product only needs its low 32 bits (wrapping multiply), the bottom
  // word's only its high 32 bits.
  const uint64_t top = uint64_t(uint32_t(m * w[0])) << 32;
  const uint64_t mid = uint64_t(m) * w[4];
  const uint64_t low = uint64_t(m) * w[8];
  uint64_t frac = (top | (low >> 32)) + mid;

  const uint64_t q = (frac + (uint64_t{1} << 61)) >> 62;
  frac -= q << 62;
  *n = int(q);
  return double(int64_t(frac)) * kPi63;
}

float glibc_logf(float x) {
  uint32_t ix = float_to_bits(x);
  // log(1) = +0 in every rounding mode (glibc's WANT_ROUNDING case).
  if (ix == 0x3F800000u) return 0.0f;
  // Unsigned wrap folds the negative, zero, subnormal, inf and NaN tests into
  // one compare: only positive normal finite floats fall through.
  if (ix - 0x00800000u >= 0x7F800000u - 0x00800000u) {
    if ((ix << 1) == 0) return -HUGE_VALF;                 // log(+-0) = -inf
    if (ix == 0x7F800000u) return x;                         // log(inf) = inf
    if ((ix >> 31) != 0 || (ix << 1) >= 0xFF000000u) return invalid(x);  // x < 0 or NaN
    // Subnormal: scale into the normal range, then take 23 off the exponent.
    ix = float_to_bits(x * 0x1p23f) - (23u << 23);
  }

  // Write x = 2^k * z with z in [kLogfOff, 2*kLogfOff): tmp's bits 31..23
  // are k (two's complement), bits 22..19 the subinterval i; z keeps x's
  // significand with the exponent shifted by -k.
  const uint32_t tmp = ix - kLogfOff;
  const int i = int((tmp >> 19) & 15);
  const int k = int32_t(tmp) >> 23;
  const uint32_t iz = ix - (tmp & 0xFF800000u);
  const double invc = kLogfInvc[i];
  const double logc = kLogfLogc[i];
  const double z = double(bits_to_float(iz));

  // log(x) = log1p(z*invc - 1) + logc + k*ln2; the polynomial in glibc's
  // pipelined order.
  const double r = z * invc - 1.0;
  const double y0 = logc + double(k) * kLogfLn2;
  const double r2 = r * r;
  double y = kLogfR3 * r + kLogfR2;
  y = kLogfR4 * r2 + y;
  y = y * r2 + (y0 + r);
  return float(y);
}

void glibc_sincosf(float y, float* sinp, float* cosp) {
  const uint32_t bits = float_to_bits(y);
  const uint32_t abs = bits & 0x7FFFFFFFu;
  const double x = y;

  // glibc's abstop12 compares the top 12 bits only; with the thresholds'
  // low 20 bits zero, that is the plain compare of |bits| below.
  if ((abs >> 20) < (kSincosSmallBits >> 20)) {
    if ((abs >> 20) < (kSincosTinyBits >> 20)) {
      // |y| < 2^-12: sin y rounds to y and cos y to 1.
      *sinp = y;
      *cosp = 1.0f;
      return;
    }
    sincos_finish(x, 0, 0, sinp, cosp);
  } else if ((abs >> 20) < (kSincosFastBits >> 20)) {
    int n;
    const double r = reduce_fast(x, &n);
    sincos_finish(r, n, n, sinp, cosp);
  } else if ((abs >> 20) < (0x7F800000u >> 20)) {
    // The reduction ignores the sign; glibc folds it in by shifting the sign
    // quadrant by one (q = n + sign), but swaps sin and cos by n alone.
    int n;
    const double r = reduce_large(bits, &n);
    const int q = n + int(bits >> 31);
    sincos_finish(r, q, n, sinp, cosp);
  } else {
    // inf or NaN: y - y (default NaN for inf, quieted input for NaN).
    const float nan = y - y;
    *sinp = nan;
    *cosp = nan;
  }
}

void box_muller_f32(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  float u1 = uint32_to_float(x0);
  if (u1 < 1e-7f) u1 = 1e-7f;
  // TF writes 2.0f * M_PI * u: the factor is the double 2*pi, the product
  // a double product rounded once to float.
  const float v1 = float(6.283185307179586 * double(uint32_to_float(x1)));
  const float u2 = std::sqrt(-2.0f * glibc_logf(u1));
  float s, c;
  glibc_sincosf(v1, &s, &c);
  *f0 = s * u2;
  *f1 = c * u2;
}

void box_muller_f64(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0, double* d1) {
  double u1 = uint64_to_double(x0, x1);
  if (u1 < 1e-7) u1 = 1e-7;
  const double v1 = 6.283185307179586 * uint64_to_double(x2, x3);
  const double u2 = std::sqrt(-2.0 * std::log(u1));
  double s, c;
#if defined(__GLIBC__)
  ::sincos(v1, &s, &c);
#else
  // Other C libraries: sin and cos separately (TF on those platforms does
  // the same through its own sincos shim).
  s = std::sin(v1);
  c = std::cos(v1);
#endif
  *d0 = s * u2;
  *d1 = c * u2;
}

}  // namespace tfp
