// TF's RandomGamma CPU kernel (tensorflow/core/kernels/random_op.cc) and
// StatelessRandomGammaFunctor<CPUDevice> (stateless_random_gamma_op.cc):
// the same per-output algorithm, all in double.
#include <cmath>
#include <cstdint>
#include <limits>

#include "convert.h"
#include "mathf.h"
#include "ops.h"
#include "philox.h"

namespace tfp {
namespace {

// Samples per output reserved in the stream: output o starts at ctr + 256*o.
constexpr uint64_t kReservedBlocksPerOutput = 256;

// A RandomSampleBuffer / UNIFORM()-macro buffer: one distribution call yields
// two doubles from one Philox block, handed out last first.
struct PairBuffer {
  double v[2];
  int remaining = 0;
};

// UniformDistribution<PhiloxRandom, double>: (w0,w1) and (w2,w3) -> 2 doubles.
inline double next_uniform(PhiloxGen& gen, PairBuffer& buf) {
  if (buf.remaining == 0) {
    const Block b = gen.next();
    buf.v[0] = uint64_to_double(b.w[0], b.w[1]);
    buf.v[1] = uint64_to_double(b.w[2], b.w[3]);
    buf.remaining = 2;
  }
  return buf.v[--buf.remaining];
}

// NormalDistribution<PhiloxRandom, double>: BoxMullerDouble(w0..w3) -> 2 doubles.
inline double next_normal(PhiloxGen& gen, PairBuffer& buf) {
  if (buf.remaining == 0) {
    const Block b = gen.next();
    box_muller_f64(b.w[0], b.w[1], b.w[2], b.w[3], &buf.v[0], &buf.v[1]);
    buf.remaining = 2;
  }
  return buf.v[--buf.remaining];
}

// Marsaglia-Tsang for alpha != 1 (d and c precomputed per alpha).
double marsaglia_tsang(PhiloxGen& gen, double alpha, bool alpha_less_than_one, double d,
                       double c) {
  PairBuffer normal, uniform;
  while (true) {
    const double x = next_normal(gen, normal);
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = next_uniform(gen, uniform);
    // TF: (u < 1 - 0.0331 * (x * x) * (x * x)) ||
    //     (log(u) < 0.5 * x * x + d * (1 - v + log(v)))
    if ((u < 1 - 0.0331 * (x * x) * (x * x)) ||
        (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))) {
      double res = d * v;
      if (alpha_less_than_one) {
        const double b = next_uniform(gen, uniform);
        res *= std::pow(b, 1 / alpha);
      }
      return res;
    }
  }
}

}  // namespace

void gamma_fill(DType out_dt, const uint32_t key[2], const uint32_t ctr[4], const double* alpha,
                size_t A, size_t P, void* out, size_t o0, size_t o1) {
  if (P == 0 || A == 0) return;
  size_t cur_a = SIZE_MAX;
  double a = 0, d = 0, c = 0;
  bool less = false;
  for (size_t o = o0; o < o1; ++o) {
    const size_t ai = o / P;
    const size_t si = o % P;
    if (ai != cur_a) {
      cur_a = ai;
      a = alpha[ai];
      less = a < 1.0;
      d = a + (less ? 2.0 / 3 : -1.0 / 3);
      // sqrt(<0) is the CPU's default NaN: x86-64's has the sign set (what TF's
      // x86-64 wheel returns), aarch64's does not, so spell it out.
      c = d < 0 ? -std::numeric_limits<double>::quiet_NaN() : 1.0 / 3 / std::sqrt(d);
    }
    PhiloxGen gen(key, ctr);
    gen.skip(kReservedBlocksPerOutput * uint64_t(o));
    double res;
    if (a == 1.0) {
      // Exponential: -log1p(-u) with u = element [kResultElementCount - 1]
      // of the first uniform pair.
      const Block b = gen.next();
      const double u = uint64_to_double(b.w[2], b.w[3]);
      res = -std::log1p(-u);
    } else {
      res = marsaglia_tsang(gen, a, less, d, c);
    }
    store_double_as(out_dt, out, si * A + ai, res);
  }
}

}  // namespace tfp
