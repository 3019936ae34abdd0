// TF's RandomBinomialFunctor<CPUDevice, T, U>
// (tensorflow/core/kernels/random_binomial_op.cc), used by
// StatelessRandomBinomial and StatefulRandomBinomial (Generator.binomial).
#include <cmath>
#include <cstdint>

#include "convert.h"
#include "ops.h"
#include "philox.h"
#include "ops/uniform_stream.h"

namespace tfp {
namespace {

constexpr uint64_t kBtrsBlocksPerOutput = 256;
// "For binomial inversion ... we need 42 samples. We reserve that much."
constexpr uint64_t kInversionBlocksPerOutput = 42;

// Rounds a double (an exact float/half/double value, or the exact result of
// one float operation on such values) to T, as T's arithmetic does: float
// results are rounded once; Eigen::half computes in float and rounds to half.
inline double round_to(DType t, double v) {
  switch (t) {
    case kF16: return double(half_to_float(float_to_half(static_cast<float>(v))));
    case kF32: return double(static_cast<float>(v));
    default: return v;
  }
}

// T(a * b) for values of T: the product in T's arithmetic.
inline double mul_in(DType t, double a, double b) {
  if (t == kF64) return a * b;
  // float and half multiply in float (half widens both operands); the float
  // product of two floats is then rounded to T.
  const float p = static_cast<float>(a) * static_cast<float>(b);
  return round_to(t, double(p));
}

// T(a - b) for values of T.
inline double sub_in(DType t, double a, double b) {
  if (t == kF64) return a - b;
  const float d = static_cast<float>(a) - static_cast<float>(b);
  return round_to(t, double(d));
}


// Binomial inversion: count geometric variables until their sum exceeds count.
double binomial_inversion(double count, double prob, UniformStream& us) {
  double geom_sum = 0;
  int num_geom = 0;
  while (true) {
    const double u = us.next();
    const double geom = std::ceil(std::log(u) / std::log1p(-prob));
    geom_sum += geom;
    if (geom_sum > count) break;
    ++num_geom;
  }
  return num_geom;
}

inline double stirling_approx_tail(double k) {
  static const double kTailValues[] = {0.0810614667953272,  0.0413406959554092,
                                       0.0276779256849983,  0.02079067210376509,
                                       0.0166446911898211,  0.0138761288230707,
                                       0.0118967099458917,  0.0104112652619720,
                                       0.00925546218271273, 0.00833056343336287};
  if (k <= 9) return kTailValues[static_cast<int>(k)];
  const double kp1sq = (k + 1) * (k + 1);
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

// Hoermann's BTRS.
double btrs(double count, double prob, UniformStream& us) {
  const double stddev = std::sqrt(count * prob * (1 - prob));
  const double b = 1.15 + 2.53 * stddev;
  const double a = -0.0873 + 0.0248 * b + 0.01 * prob;
  const double c = count * prob + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double r = prob / (1 - prob);
  const double alpha = (2.83 + 5.1 / b) * stddev;
  const double m = std::floor((count + 1) * prob);
  while (true) {
    double u = us.next();
    double v = us.next();
    u = u - 0.5;
    const double usv = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / usv + b) * u + c);
    if (usv >= 0.07 && v <= v_r) return k;
    if (k < 0 || k > count) continue;
    v = std::log(v * alpha / (a / (usv * usv) + b));
    const double upperbound =
        ((m + 0.5) * std::log((m + 1) / (r * (count - m + 1))) +
         (count + 1) * std::log((count - m + 1) / (count - k + 1)) +
         (k + 0.5) * std::log(r * (count - k + 1) / (k + 1)) + stirling_approx_tail(m) +
         stirling_approx_tail(count - m) - stirling_approx_tail(k) -
         stirling_approx_tail(count - k));
    if (v <= upperbound) return k;
  }
}

}  // namespace

bool binomial_terminates(double count, double prob) {
  return !(std::isnan(count) && prob > 0 && prob < 1);
}

bool binomial_fill(DType param_dt, DType out_dt, const uint32_t key[2], const uint32_t ctr[4],
                   const double* counts, const double* probs, size_t num_batches,
                   size_t samples_per_batch, void* out, size_t i0, size_t i1) {
  if (num_batches == 0 || samples_per_batch == 0) return true;
  const DType T = param_dt;
  for (size_t i = i0; i < i1; ++i) {
    const size_t batch = i / samples_per_batch;
    const size_t sample = i % samples_per_batch;
    const double count = counts[batch];
    const double prob = probs[batch];
    if (!binomial_terminates(count, prob)) return false;
    const size_t dst = sample * num_batches + batch;
    const double dcount = count;
    double res;
    if (dcount <= 0.0 || prob <= 0.0) {
      res = 0.0;
    } else if (prob >= 1.0) {
      res = dcount;
    } else if (prob <= 0.5) {
      if (mul_in(T, count, prob) >= 10) {
        UniformStream us(key, ctr, kBtrsBlocksPerOutput * uint64_t(i));
        res = btrs(dcount, prob, us);
      } else {
        UniformStream us(key, ctr, kInversionBlocksPerOutput * uint64_t(i));
        res = binomial_inversion(dcount, prob, us);
      }
    } else if (prob > 0.5) {
      const double q = sub_in(T, 1.0, prob);
      if (mul_in(T, count, q) >= 10) {
        UniformStream us(key, ctr, kBtrsBlocksPerOutput * uint64_t(i));
        res = dcount - btrs(dcount, q, us);
      } else {
        UniformStream us(key, ctr, kInversionBlocksPerOutput * uint64_t(i));
        res = dcount - binomial_inversion(dcount, q, us);
      }
    } else {
      // prob is NaN: static_cast<U>(NAN).
      res = std::nan("");
    }
    store_double_as(out_dt, out, dst, res);
  }
  return true;
}

}  // namespace tfp
