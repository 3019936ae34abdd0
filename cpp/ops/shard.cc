// tensorflow::Shard's work partition (tensorflow/core/util/work_sharder.cc),
// with Eigen::ThreadPoolDevice::parallelFor's block computation
// (unsupported/Eigen/CXX11/src/Tensor/TensorDeviceThreadPool.h and the
// TensorCostModel of TensorCostModel.h) for the normal configuration.
#include <algorithm>
#include <cstdint>

#include "ops.h"

namespace tfp {
namespace {

// TF's per-thread cap on max_parallelism (GetPerThreadMaxParallelism default).
constexpr int kPerThreadMaxParallelism = 1000000;

// Eigen's TensorCostModel constants.
constexpr double kStartupCycles = 100000.0;
constexpr double kPerThreadCycles = 100000.0;
constexpr double kTaskSize = 40000.0;

inline int64_t div_up(int64_t x, int64_t y) { return (x + y - 1) / y; }

// TensorCostModel::totalCost for TensorOpCost(0, 0, cost): no bytes loaded or
// stored, so the per-coefficient cost is exactly the compute cycles.
inline double total_cost(double output_size, int64_t cost_per_unit) {
  const double per_coeff = 0.0 * (11.0 / 64) + 0.0 * (11.0 / 64) + 1.0 * double(cost_per_unit);
  return output_size * per_coeff;
}

// TensorCostModel::numThreads.
int cost_model_threads(int64_t n, int64_t cost_per_unit, int max_threads) {
  double threads = (total_cost(double(n), cost_per_unit) - kStartupCycles) / kPerThreadCycles + 0.9;
  threads = std::min(threads, 2147483647.0);
  // static_cast<int> of a value below INT_MIN is undefined in C++; any such
  // value (a negative cost) ends up as 1 thread after the max below anyway.
  const int t = threads < -2147483648.0 ? -2147483647 - 1 : static_cast<int>(threads);
  return std::min(max_threads, std::max(1, t));
}

// Eigen ThreadPoolDevice::parallelFor(n, cost, f) with a pool of num_threads:
// the block size of its leaves (CalculateParallelForBlock, no block_align).
int64_t eigen_parallel_for_block(int num_threads, int64_t n, int64_t cost_per_unit) {
  if (n <= 0) return 0;
  if (n == 1 || num_threads == 1 || cost_model_threads(n, cost_per_unit, num_threads) == 1) {
    return n;
  }
  // taskSize(1, cost) = totalCost(1, cost) / kTaskSize; the double is
  // converted to Index (truncation) inside maxi<Index>.
  const double block_size_f = 1.0 / (total_cost(1.0, cost_per_unit) / kTaskSize);
  const int64_t max_oversharding_factor = 4;
  int64_t block_size =
      std::min(n, std::max(div_up(n, max_oversharding_factor * num_threads),
                           static_cast<int64_t>(block_size_f)));
  const int64_t max_block_size = std::min(n, 2 * block_size);
  int64_t block_count = div_up(n, block_size);
  // divup<int>(block_count, numThreads()) * numThreads(), in int as Eigen does.
  auto efficiency = [num_threads](int64_t count) {
    const int c = static_cast<int>(count);
    return static_cast<double>(count) / ((c + num_threads - 1) / num_threads * num_threads);
  };
  double max_efficiency = efficiency(block_count);
  for (int64_t prev_block_count = block_count; max_efficiency < 1.0 && prev_block_count > 1;) {
    const int64_t coarser_block_size = div_up(n, prev_block_count - 1);
    if (coarser_block_size > max_block_size) break;
    const int64_t coarser_block_count = div_up(n, coarser_block_size);
    prev_block_count = coarser_block_count;
    const double coarser_efficiency = efficiency(coarser_block_count);
    if (coarser_efficiency + 0.01 >= max_efficiency) {
      block_size = coarser_block_size;
      block_count = coarser_block_count;
      if (max_efficiency < coarser_efficiency) max_efficiency = coarser_efficiency;
    }
  }
  // parallelFor splits [0, n) in halves at multiples of block_size, so its
  // leaves are exactly [k*block_size, min(n, (k+1)*block_size)).
  return block_size;
}

// tensorflow::Sharder::Do.
int64_t sharder_do_block(int max_parallelism, int64_t total, int64_t cost_per_unit) {
  cost_per_unit = std::max<int64_t>(1, cost_per_unit);
  const int64_t kMinCostPerShard = 10000;
  const int num_shards = static_cast<int>(std::max<int64_t>(
      1, std::min<int64_t>(max_parallelism, total * cost_per_unit / kMinCostPerShard)));
  const int64_t block_size = (total + num_shards - 1) / num_shards;
  return block_size >= total ? total : block_size;
}

}  // namespace

int64_t shard_block_size_general(int max_parallelism, int pool_threads, int64_t total,
                                 int64_t cost_per_unit) {
  if (total <= 0) return 0;
  max_parallelism = std::min(max_parallelism, kPerThreadMaxParallelism);
  if (max_parallelism <= 1 || pool_threads <= 1) return total;
  if (max_parallelism >= pool_threads) {
    return eigen_parallel_for_block(pool_threads, total, cost_per_unit);
  }
  return sharder_do_block(max_parallelism, total, cost_per_unit);
}

int64_t shard_block_size(int num_threads, int64_t total, int64_t cost_per_unit) {
  return shard_block_size_general(num_threads, num_threads, total, cost_per_unit);
}

size_t shard_partition(int num_threads, int64_t total, int64_t cost_per_unit, size_t* starts,
                       size_t max_shards) {
  const int64_t bs = shard_block_size(num_threads, total, cost_per_unit);
  if (bs <= 0) return 0;
  size_t count = 0;
  for (int64_t s = 0; s < total; s += bs, ++count) {
    if (count < max_shards) starts[count] = static_cast<size_t>(s);
  }
  return count;
}

}  // namespace tfp
