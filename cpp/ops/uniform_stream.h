// TF's UNIFORM(X) over UniformDistribution<PhiloxRandom, double>, as the
// binomial and poisson kernels use it: one block gives (u0, u1) =
// (uint64_to_double(w0, w1), uint64_to_double(w2, w3)), handed out u1 first.
#pragma once
#include <cstdint>

#include "convert.h"
#include "philox.h"

namespace tfp {

class UniformStream {
 public:
  // Starts at ctr skipped by `skip` blocks (TF's Skip).
  UniformStream(const uint32_t key[2], const uint32_t ctr[4], uint64_t skip = 0) : gen_(key, ctr) {
    if (skip) gen_.skip(skip);
  }
  double next() {
    if (remaining_ == 0) {
      const Block b = gen_.next();
      v_[0] = uint64_to_double(b.w[0], b.w[1]);
      v_[1] = uint64_to_double(b.w[2], b.w[3]);
      remaining_ = 2;
    }
    return v_[--remaining_];
  }
  void skip(uint64_t blocks) { gen_.skip(blocks); }

 private:
  PhiloxGen gen_;
  double v_[2] = {0, 0};
  int remaining_ = 0;
};

}  // namespace tfp
