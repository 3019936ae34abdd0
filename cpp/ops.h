// TensorFlow's variable-consumption samplers (CPU kernels, TF 2.21):
// RandomGamma / StatelessRandomGammaV2/V3, RandomPoissonV2 / StatelessRandomPoisson,
// Multinomial / StatelessMultinomial, StatelessRandomBinomial /
// StatefulRandomBinomial, and the work partition of tensorflow::Shard.
//
// Conventions shared by every function here:
//   * key[2] / ctr[4] are the Philox key and counter of the op's *base*
//     generator (after any reservation), as in philox.h: key = (k0, k1),
//     counter = (c0, c1, c2, c3), c0 least significant.
//   * Parameters (alpha, rate, counts, probs, logits) are passed as doubles
//     holding the values of the op's parameter dtype as TF converts them to
//     double: exact for half/bfloat16/float/int32, static_cast<double> (RNE)
//     for int64 Poisson rates. Where TF computes in the parameter dtype (the
//     binomial's T(count*prob) and T(1-prob)), the functions round to it.
//   * `out` always points at element 0 of the whole output; a call writes only
//     the elements of its sub-range, so disjoint sub-ranges may run on
//     different threads and the bytes equal a single call over everything.
//     Stores are unaligned-safe.
//   * All arithmetic is IEEE double (float/half where TF uses them) with the C
//     library's log, log1p, exp, pow, lgamma_r, floor, sqrt; no FMA (the
//     project compiles with -ffp-contract=off).
//   * Narrow outputs: double -> float is RNE; double -> half / bfloat16 goes
//     through float (two roundings), as Eigen does. double -> int32/int64
//     truncates toward zero; out-of-range values and NaN become INT_MIN /
//     INT64_MIN (what x86-64's cvttsd2si gives, i.e. what TF's static_cast
//     produces on its x86-64 wheel).
//
// Reservations (the caller advances counters; none of these functions do):
//   gamma        stateful RandomGamma reserves P*A*256 blocks (0 if P*A == 0).
//                Stateless gamma uses the scrambled key/counter and reserves
//                nothing.
//   poisson      stateful RandomPoissonV2 reserves P*R*256 blocks (0 if P == 0).
//   multinomial  stateful Multinomial reserves B * (8*ceil(S/4)) * 256 blocks,
//                i.e. B * (4*ceil(S/4)*2) * 256 (0 if B*S == 0).
//   binomial     StatelessRandomBinomial reserves nothing. Generator.binomial
//                (StatefulRandomBinomial, alg Philox only) runs the kernel at
//                the state's current counter/key, then advances the counter by
//                256 * floor(nb*2*100*(spb+3) / 4) blocks (integer arithmetic,
//                TF's lossy Skip, see philox.h counter_skip).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "convert.h"
#include "fill.h"

namespace tfp {

// ---- output conversion -------------------------------------------------------
//
// out[idx] = static_cast<U>(v) as TF's x86-64 build computes it, for U = dt:
// kF64 exact; kF32 RNE; kF16 / kBF16 via float (Eigen's half(double) and
// bfloat16(double) constructors); kI32 / kI64 truncation toward zero, with NaN
// and out-of-range values giving INT_MIN / INT64_MIN (cvttsd2si's "integer
// indefinite"). Other dtypes are ignored. The store is unaligned-safe.
inline void store_double_as(DType dt, void* out, size_t idx, double v) {
  unsigned char* base = static_cast<unsigned char*>(out);
  switch (dt) {
    case kF64: std::memcpy(base + idx * 8, &v, 8); break;
    case kF32: { const float f = static_cast<float>(v); std::memcpy(base + idx * 4, &f, 4); break; }
    case kF16: { const uint16_t h = float_to_half(static_cast<float>(v)); std::memcpy(base + idx * 2, &h, 2); break; }
    case kBF16: { const uint16_t h = float_to_bfloat16(static_cast<float>(v)); std::memcpy(base + idx * 2, &h, 2); break; }
    case kI32: {
      const int32_t i = (v > -2147483649.0 && v < 2147483648.0) ? static_cast<int32_t>(v)
                                                                 : INT32_MIN;
      std::memcpy(base + idx * 4, &i, 4);
      break;
    }
    case kI64: {
      const int64_t i = (v >= -9223372036854775808.0 && v < 9223372036854775808.0)
                            ? static_cast<int64_t>(v) : INT64_MIN;
      std::memcpy(base + idx * 8, &i, 8);
      break;
    }
    default: break;
  }
}

// ---- work partition: tensorflow::Shard (work_sharder.cc) ---------------------
//
// Shard(max_parallelism, pool, total, cost_per_unit, work) hands `work`
// contiguous ranges [k*bs, min(total, (k+1)*bs)). In TF's normal configuration
// max_parallelism == pool size == intra-op threads N, and the ranges come from
// Eigen's ThreadPoolDevice::parallelFor:
//   N <= 1                                   -> one shard
//   threads = min(N, max(1, int((total*cost - 100000)/100000 + 0.9)))
//   total == 1 or threads == 1               -> one shard
//   bs = min(total, max(ceil(total/(4N)), int64(40000/cost))), grown towards
//   2*bs while the parallel efficiency count/(ceil(count/N)*N) does not drop
//   by more than 0.01 (CalculateParallelForBlock).
// Values only depend on this for kernels whose shards restart a generator at a
// shard-dependent position (multinomial; the parameterized truncated normal).

// Block size bs of the partition above; total when there is a single shard,
// 0 when total <= 0. Shard k is [k*bs, min(total, (k+1)*bs)).
int64_t shard_block_size(int num_threads, int64_t total, int64_t cost_per_unit);

// The general Shard(): max_parallelism (capped by TF's per-thread limit
// 1000000) and a pool of pool_threads threads. Uses Eigen parallelFor when
// max_parallelism >= pool_threads, else tensorflow::Sharder::Do
// (num_shards = max(1, min(max_parallelism, total*max(1,cost)/10000))).
int64_t shard_block_size_general(int max_parallelism, int pool_threads, int64_t total,
                                 int64_t cost_per_unit);

// Writes the start of each shard of shard_block_size(num_threads, ...) into
// starts[0 .. min(count, max_shards)) and returns count, the number of shards
// (0 when total <= 0). Shard i is [starts[i], i+1 < count ? starts[i+1] : total).
size_t shard_partition(int num_threads, int64_t total, int64_t cost_per_unit, size_t* starts,
                       size_t max_shards);

// ---- gamma -----------------------------------------------------------------------
//
// TF's RandomGamma CPU kernel (and StatelessRandomGammaV2/V3 at the scrambled
// key/counter): the RAW kernel output; the Python wrappers then compute
// max(finfo(T).tiny, raw / beta) in T, which is the caller's job.
//   out_dt   kF16, kBF16 (stateless only in TF), kF32 or kF64.
//   alpha    A values of T, widened to double.
//   P        samples per alpha (prod(shape) for stateful gamma; for stateless
//            gamma num_samples / A).
//   o0..o1   work indices o = a*P + s (alpha-major), o1 <= A*P; the value of o
//            is stored at flat index s*A + a.
// Output o uses its own generator at ctr + 256*o (TF's Skip). alpha == 1:
// -log1p(-u) with u the second double of the first block. Otherwise
// Marsaglia-Tsang on double with last-first NORMAL (BoxMullerDouble) and
// UNIFORM buffers, alpha < 1 boosted by pow(u, 1/alpha). Edge values as TF:
// alpha 0 -> 0 (1/0 = inf in the pow), alpha < 0 -> x86 default NaN (from
// sqrt of a negative), NaN -> NaN, +inf -> +inf. Always terminates.
void gamma_fill(DType out_dt, const uint32_t key[2], const uint32_t ctr[4], const double* alpha,
                size_t A, size_t P, void* out, size_t o0, size_t o1);

// ---- poisson ---------------------------------------------------------------------
//
// TF's RandomPoissonV2 CPU kernel (and StatelessRandomPoisson at the scrambled
// key/counter). Compute type double for every rate dtype.
//   out_dt   kF16, kF32, kF64, kI32 or kI64.
//   rate     R values of the rate dtype, widened to double.
//   P        samples per rate.
//   o0..o1   work indices o = r*P + s, stored at s*R + r; generator at
//            ctr + 256*o.
// rate < 10: Knuth (rate <= 0 and -inf give 0); rate == +inf: +inf for float
// outputs, 0 for integer outputs; otherwise Hoermann's PTRS, with TF's
// `k > highest(out_dt)` retry. Integer outputs truncate.
//
// Returns false, leaving the elements of the range unspecified, if the range
// holds a rate for which poisson_rate_terminates() is false, or (a guard that
// real rates never reach) if one sample takes more than 2^28 PTRS attempts.
// TF itself never returns in those cases.
bool poisson_fill(DType out_dt, const uint32_t key[2], const uint32_t ctr[4], const double* rate,
                  size_t R, size_t P, void* out, size_t o0, size_t o1);

// Whether TF's Poisson kernel returns (in practice) for this rate and output
// dtype. TF loops forever for a NaN rate (every PTRS test is false), and for
// rates far above highest(out_dt) = H (65504, FLT_MAX, DBL_MAX, 2^31-1, 2^63):
// PTRS then samples Poisson(rate) conditioned on k <= H, with an expected
// 1 / P(X <= H) attempts. The criterion is
//     rate is not NaN, and (rate < 10 or rate == +inf or rate - H <= 5*sqrt(rate)),
// i.e. H is at most 5 standard deviations below the mean: P(X <= H) >= ~3e-7,
// fewer than ~4e6 attempts per sample on average. Rates rejected here would
// need more than ~1e7 attempts per sample in TF (hours for any real tensor);
// a rate like 1e5 for float16 or 1e300 for float32 needs ~forever.
bool poisson_rate_terminates(DType out_dt, double rate);

// ---- multinomial (categorical) -----------------------------------------------
//
// TF's MultinomialFunctor<CPUDevice> (Multinomial, StatelessMultinomial).
//   logits_dt  kF16, kBF16, kF32 or kF64; logits are B x C row-major, values
//              of logits_dt widened to double. C >= 1.
//   S          samples per row; out is B x S of out_dt (kI32 or kI64).
// Per row: max over finite logits (lowest(logits_dt) if none), cdf = running
// double sum of exp(l - max) over finite logits, sample = first index with
// cdf > Uint64ToDouble(x0, x1) * total (C for a row without finite logits).
// Rows are split by Shard(intra_op_threads, ..., B, multinomial_cost(S, C));
// a shard starting at row r0 reads a single-word stream from
// ctr + floor(r0*(S+3)/4) through all its rows, so the values depend on
// intra_op_threads for large problems. Shards run sequentially here.
// exp is the C library's; TF evaluates it with Eigen's vectorised exp on the
// packet-sized part of each row, which can differ by an ulp, visible only if a
// uniform lands exactly on a cdf boundary (never seen in TF comparisons).
void multinomial_fill(const uint32_t key[2], const uint32_t ctr[4], DType logits_dt,
                      const double* logits, size_t B, size_t C, size_t S, DType out_dt, void* out,
                      int intra_op_threads);

// One TF shard: rows [r0, r1) of the multinomial, exactly as TF's DoWork(r0, r1).
// Only equals multinomial_fill's rows if [r0, r1) is a shard of its partition
// (shard_partition(intra_op_threads, B, multinomial_cost(S, C), ...)); distinct
// shards may run on different threads.
void multinomial_fill_shard(const uint32_t key[2], const uint32_t ctr[4], DType logits_dt,
                            const double* logits, size_t B, size_t C, size_t S, DType out_dt,
                            void* out, size_t r0, size_t r1);

// TF's Shard cost per row: int64(50 * (S * log(C) / log(2) + C)).
int64_t multinomial_cost(size_t S, size_t C);

// ---- binomial ---------------------------------------------------------------------
//
// TF's RandomBinomialFunctor<CPUDevice> (StatelessRandomBinomial at the
// scrambled key/counter; StatefulRandomBinomial = Generator.binomial at the
// state's counter/key).
//   param_dt  T = kF16, kF32 or kF64: counts and probs hold num_batches
//             values of T each (already broadcast), widened to double.
//   out_dt    kF16, kF32, kF64, kI32 or kI64.
//   i0..i1    element indices i = batch*samples_per_batch + sample, stored at
//             sample*num_batches + batch.
// count <= 0 or prob <= 0 -> 0; prob >= 1 -> count; NaN prob -> NaN (for
// integer outputs TF's static_cast<U>(NAN) is undefined behaviour; INT_MIN /
// INT64_MIN here, unverified). prob <= 0.5: if T(count*prob) >= 10 (product
// rounded to T) BTRS with the generator at ctr + 256*i, else inversion at
// ctr + 42*i; prob > 0.5: the same with q = T(1 - prob), result count - X.
// Returns false, leaving the range's elements unspecified, if the range has a
// batch whose sampler never terminates in TF: a NaN count with 0 < prob < 1
// (inversion compares the geometric sum against NaN forever); see
// binomial_terminates().
bool binomial_fill(DType param_dt, DType out_dt, const uint32_t key[2], const uint32_t ctr[4],
                   const double* counts, const double* probs, size_t num_batches,
                   size_t samples_per_batch, void* out, size_t i0, size_t i1);

// False exactly for the (count, prob) pairs TF's binomial kernel never
// returns for: count NaN and prob in (0, 1) (prob not NaN). Everything else
// terminates (inversion adds geometric variables >= 1 until they exceed a
// finite count; BTRS accepts in its box, us >= 0.07 and v <= 0.92 - 4.2/b,
// with probability >= ~0.25 per attempt).
bool binomial_terminates(double count, double prob);

}  // namespace tfp
