// TF's PoissonFunctor<CPUDevice, T, U> (tensorflow/core/kernels/random_poisson_op.cc),
// used by RandomPoissonV2 and StatelessRandomPoisson. Compute type double.
#include <cmath>
#include <cstdint>
#include <limits>

#include "convert.h"
#include "ops.h"
#include "philox.h"
#include "ops/uniform_stream.h"

namespace tfp {
namespace {

constexpr uint64_t kReservedBlocksPerOutput = 256;

// Backstop only: rates accepted by poisson_rate_terminates need ~4e6 attempts
// per sample at worst on average; 2^28 is ~70 times that.
constexpr uint64_t kMaxPtrsAttempts = uint64_t{1} << 28;

// CT(Eigen::NumTraits<U>::highest()) with CT = double.
double highest_as_double(DType dt) {
  switch (dt) {
    case kF16: return 65504.0;
    case kBF16: return 3.3895313892515355e38;
    case kF32: return double(std::numeric_limits<float>::max());
    case kF64: return std::numeric_limits<double>::max();
    case kI32: return 2147483647.0;
    case kI64: return 9223372036854775807.0;  // rounds to 2^63, as double(INT64_MAX) in TF
    default: return 0.0;
  }
}

inline bool is_integer_dtype(DType dt) { return dt == kI32 || dt == kI64; }

inline double lgamma_c(double x) {
#if defined(_WIN32)
  return std::lgamma(x);
#else
  int sign;
  return ::lgamma_r(x, &sign);
#endif
}


}  // namespace

bool poisson_rate_terminates(DType out_dt, double rate) {
  if (std::isnan(rate)) return false;
  if (rate < 10.0 || rate == std::numeric_limits<double>::infinity()) return true;
  const double highest = highest_as_double(out_dt);
  return rate - highest <= 5.0 * std::sqrt(rate);
}

bool poisson_fill(DType out_dt, const uint32_t key[2], const uint32_t ctr[4], const double* rate,
                  size_t R, size_t P, void* out, size_t o0, size_t o1) {
  if (P == 0 || R == 0) return true;
  const double highest = highest_as_double(out_dt);
  const bool int_out = is_integer_dtype(out_dt);

  size_t cur_r = SIZE_MAX;
  double lam = 0, exp_neg_rate = 0, log_rate = 0, b = 0, a = 0, inv_alpha = 0;
  for (size_t o = o0; o < o1; ++o) {
    const size_t ri = o / P;
    const size_t si = o % P;
    if (ri != cur_r) {
      cur_r = ri;
      lam = rate[ri];
      if (!poisson_rate_terminates(out_dt, lam)) return false;
      if (lam < 10) {
        exp_neg_rate = std::exp(-lam);
      } else {
        log_rate = std::log(lam);
        b = 0.931 + 2.53 * std::sqrt(lam);
        a = -0.059 + 0.02483 * b;
        inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
      }
    }
    const size_t dst = si * R + ri;

    if (lam < 10) {
      // Knuth: multiply uniforms until the product drops to exp(-rate).
      UniformStream us(key, ctr, kReservedBlocksPerOutput * uint64_t(o));
      double prod = 1;
      double x = 0;
      while (true) {
        const double u = us.next();
        prod = prod * u;
        if (prod <= exp_neg_rate && x <= highest) {
          store_double_as(out_dt, out, dst, x);
          break;
        }
        x += 1;
      }
      continue;
    }

    if (lam == std::numeric_limits<double>::infinity()) {
      // numeric_limits<U>::infinity(): +inf for floats, 0 for integers.
      store_double_as(out_dt, out, dst, int_out ? 0.0 : lam);
      continue;
    }

    // Hoermann's transformed rejection (PTRS).
    UniformStream us(key, ctr, kReservedBlocksPerOutput * uint64_t(o));
    uint64_t attempts = 0;
    while (true) {
      if (++attempts > kMaxPtrsAttempts) return false;
      double u = us.next();
      u -= 0.5;
      const double v = us.next();
      const double u_shifted = 0.5 - std::fabs(u);
      const double k = std::floor((2 * a / u_shifted + b) * u + lam + 0.43);
      if (k > highest) continue;  // TF: retry in case of overflow
      if (u_shifted >= 0.07 && v <= 0.9277 - 3.6224 / (b - 2)) {
        store_double_as(out_dt, out, dst, k);
        break;
      }
      if (k < 0 || (u_shifted < 0.013 && v > u_shifted)) continue;
      const double s = std::log(v * inv_alpha / (a / (u_shifted * u_shifted) + b));
      const double t = -lam + k * log_rate - lgamma_c(k + 1);
      if (s <= t) {
        store_double_as(out_dt, out, dst, k);
        break;
      }
    }
  }
  return true;
}

}  // namespace tfp
