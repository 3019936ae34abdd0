// TF's MultinomialFunctor<CPUDevice, T, OutputType>
// (tensorflow/core/kernels/multinomial_op.cc), used by Multinomial
// (tf.random.categorical) and StatelessMultinomial.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "convert.h"
#include "ops.h"
#include "philox.h"

namespace tfp {
namespace {

// std::numeric_limits<T>::lowest() of the logits dtype, as a double.
double lowest_of(DType dt) {
  switch (dt) {
    case kF16: return -65504.0;
    case kBF16: return -3.3895313892515355e38;
    case kF32: return -3.4028234663852886e38;
    default: return -1.7976931348623157e308;
  }
}

inline void store_index(DType out_dt, void* out, size_t idx, int64_t v) {
  unsigned char* base = static_cast<unsigned char*>(out);
  if (out_dt == kI32) {
    const int32_t i = static_cast<int32_t>(v);
    std::memcpy(base + idx * 4, &i, 4);
  } else {
    std::memcpy(base + idx * 8, &v, 8);
  }
}

}  // namespace

int64_t multinomial_cost(size_t S, size_t C) {
  // 50 * (num_samples * std::log(num_classes) / std::log(2) + num_classes),
  // int * double etc., truncated to int64.
  const double num_samples = double(static_cast<int>(S));
  const double num_classes = double(static_cast<int>(C));
  const double cost = 50 * (num_samples * std::log(num_classes) / std::log(2.0) + num_classes);
  return static_cast<int64_t>(cost);
}

void multinomial_fill_shard(const uint32_t key[2], const uint32_t ctr[4], DType logits_dt,
                            const double* logits, size_t B, size_t C, size_t S, DType out_dt,
                            void* out, size_t r0, size_t r1) {
  (void)B;
  if (r0 >= r1 || C == 0) return;
  PhiloxGen gen(key, ctr);
  // Skip takes units of 128 bits; TF: start_row * (num_samples + 3) / 4.
  gen.skip(uint64_t(r0) * (uint64_t(S) + 3) / 4);
  // SimplePhilox over a SingleSampleAdapter: RandDouble() = Uint64ToDouble
  // of the next two words.
  uint32_t words[4];
  int used = 4;
  auto next_word = [&]() {
    if (used == 4) {
      const Block b = gen.next();
      std::memcpy(words, b.w, sizeof words);
      used = 0;
    }
    return words[used++];
  };

  std::vector<double> cdf(C);
  for (size_t row = r0; row < r1; ++row) {
    const double* lr = logits + row * C;
    // Along-class maximum over finite logits, with std::max's semantics
    // (keeps the current value unless it is < the candidate).
    double mx = lowest_of(logits_dt);
    for (size_t j = 0; j < C; ++j) {
      if (std::isfinite(lr[j]) && mx < lr[j]) mx = lr[j];
    }
    // cdf = exp(logit - max) for every class, then the running sum over the
    // finite classes (non-finite ones repeat the running total).
    double running_total = 0;
    for (size_t j = 0; j < C; ++j) {
      const double e = std::exp(lr[j] - mx);
      if (std::isfinite(lr[j])) running_total += e;
      cdf[j] = running_total;
    }
    for (size_t j = 0; j < S; ++j) {
      const uint32_t x0 = next_word();
      const uint32_t x1 = next_word();
      const double to_find = uint64_to_double(x0, x1) * running_total;
      const size_t found = size_t(std::upper_bound(cdf.begin(), cdf.end(), to_find) - cdf.begin());
      store_index(out_dt, out, row * S + j, int64_t(found));
    }
  }
}

void multinomial_fill(const uint32_t key[2], const uint32_t ctr[4], DType logits_dt,
                      const double* logits, size_t B, size_t C, size_t S, DType out_dt, void* out,
                      int intra_op_threads) {
  if (B == 0 || S == 0 || C == 0) return;
  const int64_t bs = shard_block_size(intra_op_threads, int64_t(B), multinomial_cost(S, C));
  for (size_t r0 = 0; r0 < B; r0 += size_t(bs)) {
    const size_t r1 = std::min(B, r0 + size_t(bs));
    multinomial_fill_shard(key, ctr, logits_dt, logits, B, C, S, out_dt, out, r0, r1);
  }
}

}  // namespace tfp
