// Fuzzing of the variable-consumption samplers (cpp/ops.h): gamma, poisson,
// binomial, multinomial and the Shard partition, with fuzzed parameters (NaN,
// +-inf, 0, subnormals, huge values, the Knuth/PTRS and inversion/BTRS
// thresholds), shapes, dtypes, counters and sub-ranges [o0, o1).
// Checked for every input:
//   * no crash, no sanitizer report, no hang (libFuzzer's -timeout);
//   * a call writes only the elements of its sub-range: the output buffer is
//     exactly the whole output (ASan sees writes past it) and every element
//     outside the sub-range keeps its canary bytes;
//   * two calls over [o0, k) and [k, o1) write the same bytes as one call over
//     [o0, o1) (what the threaded / async paths rely on);
//   * multinomial samples lie in [0, C]; its shards (shard_partition) give
//     the bytes of multinomial_fill; shard partitions are sane.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "fill.h"
#include "fuzz_input.h"
#include "ops.h"

namespace {

using fuzz::FuzzInput;
using namespace tfp;

constexpr uint8_t kCanary = 0xC3;

size_t esize(DType dt) { return element_size(dt); }

// Every element not in `written` still holds the canary.
void check_untouched(const std::vector<uint8_t>& buf, size_t es, const std::vector<bool>& written,
                     const char* what) {
  for (size_t e = 0; e < written.size(); ++e) {
    if (written[e]) continue;
    for (size_t k = 0; k < es; ++k) {
      if (buf[e * es + k] != kCanary) {
        std::fprintf(stderr, "%s wrote element %zu outside its range\n", what, e);
        fuzz::fail("write outside [o0, o1)");
      }
    }
  }
}

void check_same(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, const char* what) {
  if (a != b) fuzz::fail(what);
}

// A sub-range [o0, o1) of [0, total) and a split point k in it.
void pick_range(FuzzInput& in, size_t total, size_t* o0, size_t* o1, size_t* k) {
  const uint8_t mode = in.u8();
  size_t a = total ? in.u16() % (total + 1) : 0;
  size_t b = total ? in.u16() % (total + 1) : 0;
  if (mode & 1) { a = 0; b = total; }  // the whole output, half the time
  if (a > b) { const size_t t = a; a = b; b = t; }
  *o0 = a;
  *o1 = b;
  *k = a + (b > a ? in.u16() % (b - a + 1) : 0);
}

// Runs f(buf, o0, o1) on a canary-filled buffer of exactly n elements (a heap
// vector sized to the byte; ASan's container overflow checks off, so a
// separate malloc copy gets the exact end).
template <class F>
std::vector<uint8_t> call_on(size_t n, size_t es, F&& f, size_t o0, size_t o1, bool* ok) {
  fuzz::Buffer raw(n * es, 0, kCanary);
  *ok = f(raw.data(), o0, o1);
  return std::vector<uint8_t>(raw.data(), raw.data() + n * es);
}

// The common protocol for gamma / poisson / binomial: index o stored at
// (o % P) * A + o / P.
template <class F>
void check_sampler(const char* what, size_t A, size_t P, DType out_dt, FuzzInput& in, F&& f) {
  const size_t total = A * P, es = esize(out_dt);
  size_t o0, o1, k;
  pick_range(in, total, &o0, &o1, &k);
  bool ok_whole = false, ok_a = false, ok_b = false;
  const std::vector<uint8_t> whole = call_on(total, es, f, o0, o1, &ok_whole);
  std::vector<bool> written(total, false);
  for (size_t o = o0; o < o1; ++o) written[(o % P) * A + o / P] = true;
  check_untouched(whole, es, written, what);
  if (!ok_whole) return;  // a documented refusal (non-terminating parameters)
  // split: [o0, k) then [k, o1) into the same buffer
  fuzz::Buffer raw(total * es, 0, kCanary);
  ok_a = f(raw.data(), o0, k);
  ok_b = f(raw.data(), k, o1);
  if (!ok_a || !ok_b) fuzz::fail("a sub-range refused what the whole range accepted");
  check_same(whole, std::vector<uint8_t>(raw.data(), raw.data() + total * es), what);
}

void fuzz_gamma(FuzzInput& in, const uint32_t key[2], const uint32_t ctr[4]) {
  static const DType kOut[] = {kF16, kBF16, kF32, kF64};
  const DType dt = kOut[in.u8() % 4];
  const size_t A = 1 + in.u8() % 6, P = in.u8() % 9;
  std::vector<double> alpha(A);
  for (auto& a : alpha) a = fuzz::to_dtype(dt, fuzz::pick_double(in));
  check_sampler("gamma", A, P, dt, in, [&](uint8_t* out, size_t o0, size_t o1) {
    gamma_fill(dt, key, ctr, alpha.data(), A, P, out, o0, o1);
    return true;
  });
}

void fuzz_poisson(FuzzInput& in, const uint32_t key[2], const uint32_t ctr[4]) {
  static const DType kOut[] = {kF16, kF32, kF64, kI32, kI64};
  const DType dt = kOut[in.u8() % 5];
  static const DType kRate[] = {kF16, kF32, kF64};
  const DType rt = kRate[in.u8() % 3];
  // Rates just inside poisson_rate_terminates need ~4e6 PTRS attempts per
  // sample: keep outputs small so one input stays well under the time limit.
  const size_t R = 1 + in.u8() % 4, P = in.u8() % 5;
  std::vector<double> rate(R);
  for (auto& r : rate) r = fuzz::to_dtype(rt, fuzz::pick_double(in));
  bool all_terminate = true;
  for (double r : rate) all_terminate = all_terminate && poisson_rate_terminates(dt, r);
  check_sampler("poisson", R, P, dt, in, [&](uint8_t* out, size_t o0, size_t o1) {
    const bool ok = poisson_fill(dt, key, ctr, rate.data(), R, P, out, o0, o1);
    // Accepting rates must never be refused (2^28 attempts is unreachable).
    if (!ok && all_terminate) fuzz::fail("poisson_fill refused rates that terminate");
    return ok;
  });
}

void fuzz_binomial(FuzzInput& in, const uint32_t key[2], const uint32_t ctr[4]) {
  static const DType kParam[] = {kF16, kF32, kF64};
  static const DType kOut[] = {kF16, kF32, kF64, kI32, kI64};
  const DType pt = kParam[in.u8() % 3];
  const DType dt = kOut[in.u8() % 5];
  const size_t NB = 1 + in.u8() % 5, S = in.u8() % 9;
  std::vector<double> counts(NB), probs(NB);
  bool all_terminate = true;
  for (size_t b = 0; b < NB; ++b) {
    counts[b] = fuzz::to_dtype(pt, fuzz::pick_double(in));
    const uint8_t pm = in.u8();
    // probabilities: mostly in [0, 1], sometimes anything
    probs[b] = fuzz::to_dtype(pt, pm < 200 ? double(in.u32()) / 4294967295.0 : fuzz::pick_double(in));
    all_terminate = all_terminate && binomial_terminates(counts[b], probs[b]);
  }
  // binomial indexes i = batch * S + sample, stored at sample * NB + batch:
  // the same protocol as gamma / poisson with (A, P) = (NB, S).
  check_sampler("binomial", NB, S, dt, in, [&](uint8_t* out, size_t i0, size_t i1) {
    const bool ok = binomial_fill(pt, dt, key, ctr, counts.data(), probs.data(), NB, S, out, i0, i1);
    if (!ok && all_terminate) fuzz::fail("binomial_fill refused parameters that terminate");
    return ok;
  });
}

void fuzz_multinomial(FuzzInput& in, const uint32_t key[2], const uint32_t ctr[4]) {
  static const DType kLogits[] = {kF16, kBF16, kF32, kF64};
  const DType lt = kLogits[in.u8() % 4];
  const DType dt = (in.u8() & 1) ? kI64 : kI32;
  const size_t B = in.u8() % 65, C = 1 + in.u8() % 32, S = in.u8() % 33;
  const int threads = 1 + in.u8() % 8;
  std::vector<double> logits(B * C);
  const uint8_t style = in.u8();
  for (auto& l : logits) {
    // a few fuzzed values repeated, or each fuzzed (big shapes exhaust the input)
    l = fuzz::to_dtype(lt, (style & 1) && in.left() ? fuzz::pick_double(in) : double(int8_t(in.u8())) / 8);
  }
  const size_t es = esize(dt), total = B * S;
  fuzz::Buffer whole(total * es, 0, kCanary);
  multinomial_fill(key, ctr, lt, logits.data(), B, C, S, dt, whole.data(), threads);
  for (size_t i = 0; i < total; ++i) {
    int64_t v;
    if (dt == kI32) { int32_t x; std::memcpy(&x, whole.data() + 4 * i, 4); v = x; }
    else std::memcpy(&v, whole.data() + 8 * i, 8);
    if (v < 0 || v > int64_t(C)) {
      std::fprintf(stderr, "multinomial sample %zu = %lld, C = %zu\n", i, (long long)v, C);
      fuzz::fail("multinomial sample outside [0, C]");
    }
  }
  // shard by shard, each into its own canary buffer: rows outside untouched
  size_t starts[4096];
  const int64_t cost = multinomial_cost(S, C);
  const size_t count = shard_partition(threads, int64_t(B), cost, starts, 4096);
  if (B > 0 && count == 0) fuzz::fail("shard_partition: no shard for a non-empty problem");
  fuzz::Buffer pieces(total * es, 0, kCanary);
  for (size_t sh = 0; sh < count && sh < 4096; ++sh) {
    const size_t r0 = starts[sh], r1 = sh + 1 < count ? starts[sh + 1] : B;
    if (r0 >= r1 || r1 > B) fuzz::fail("shard_partition: bad shard bounds");
    fuzz::Buffer one(total * es, 0, kCanary);
    multinomial_fill_shard(key, ctr, lt, logits.data(), B, C, S, dt, one.data(), r0, r1);
    std::vector<bool> written(total, false);
    for (size_t i = r0 * S; i < r1 * S; ++i) written[i] = true;
    check_untouched(std::vector<uint8_t>(one.data(), one.data() + total * es), es, written,
                    "multinomial_fill_shard");
    multinomial_fill_shard(key, ctr, lt, logits.data(), B, C, S, dt, pieces.data(), r0, r1);
  }
  if (std::memcmp(whole.data(), pieces.data(), total * es) != 0)
    fuzz::fail("multinomial shards differ from multinomial_fill");
}

void fuzz_shard(FuzzInput& in) {
  // Shapes that fit in memory: B * S and B * C (the output and the logits)
  // below 2^36 elements. (Beyond that TF's own int64 total * cost overflows;
  // the harness found that at B = 2^38, S * C ~ 2^33, which no tensor reaches.)
  const int maxp = int(in.u32() % 2000000) - 10;
  const int pool = int(in.u8()) - 2;
  const int64_t total = int64_t(in.u64() % (uint64_t{1} << 32));
  // S and C are int32 in TF (multinomial_cost casts them to int).
  uint64_t lim = (uint64_t{1} << 36) / uint64_t(total ? total : 1);
  if (lim > 0x7FFFFFFEu) lim = 0x7FFFFFFEu;
  const uint64_t S = in.u64() % (lim + 1), C = 1 + in.u64() % lim;
  const int64_t cost = multinomial_cost(size_t(S), size_t(C));
  const int64_t bs = shard_block_size_general(maxp, pool, total, cost);
  if (total > 0 && (bs <= 0 || bs > total)) {
    std::fprintf(stderr, "shard_block_size_general(%d, %d, %lld, %lld) = %lld\n", maxp, pool,
                 (long long)total, (long long)cost, (long long)bs);
    fuzz::fail("shard block size outside [1, total]");
  }
  const int64_t bs2 = shard_block_size(pool, total, cost);
  if (total > 0 && (bs2 <= 0 || bs2 > total)) fuzz::fail("shard_block_size outside [1, total]");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t which = in.u8();
  uint32_t key[2] = {in.u32(), in.u32()};
  uint32_t ctr[4];
  fuzz::pick_counter(in, ctr);
  switch (which % 5) {
    case 0: fuzz_gamma(in, key, ctr); break;
    case 1: fuzz_poisson(in, key, ctr); break;
    case 2: fuzz_binomial(in, key, ctr); break;
    case 3: fuzz_multinomial(in, key, ctr); break;
    case 4: fuzz_shard(in); break;
  }
  return 0;
}
