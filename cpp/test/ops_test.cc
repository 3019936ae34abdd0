// Node-free tests of cpp/ops.h (gamma, poisson, multinomial, binomial, Shard).
//
// Expected sample values are real TensorFlow 2.21.0 outputs, copied from
// shared/golden/tf-2.21-scenarios.json (scenarios stateful-misc, stateless,
// generator; see the comment at each case for the step). The key/counter of
// each step is derived here by hand from the specs (stateful.md §1-§3,
// stateless.md §5, §7), because the seed logic lives in lib/.
//
// Prints one line per failure and ends with "N passed, N failed"; exits
// non-zero on any failure.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "convert.h"
#include "fill.h"
#include "ops.h"
#include "philox.h"

using namespace tfp;

static int g_pass = 0;
static int g_fail = 0;

static void check(bool ok, const std::string& what) {
  if (ok) {
    ++g_pass;
  } else {
    ++g_fail;
    std::printf("FAIL %s\n", what.c_str());
  }
}

// ---- key/counter helpers -------------------------------------------------------

struct KeyCtr {
  uint32_t key[2];
  uint32_t ctr[4];
};

// Stateful kernels: attrs (seed, seed2) -> key (lo, hi of seed), counter
// (0, 0, lo, hi of seed2); `skip` blocks already reserved by earlier calls of
// the same kernel instance.
static KeyCtr stateful(uint64_t seed, uint64_t seed2, uint64_t skip = 0) {
  KeyCtr kc{{uint32_t(seed), uint32_t(seed >> 32)},
            {0, 0, uint32_t(seed2), uint32_t(seed2 >> 32)}};
  counter_skip(kc.ctr, skip);
  return kc;
}

// Stateless ops: the Philox scramble of the sign-extended seed pair under the
// fixed key (0x3EC8F720, 0x02461E29); key = (m0, m1), counter = (0, 0, m2, m3).
static KeyCtr stateless(int64_t s0, int64_t s1) {
  const uint64_t a = uint64_t(s0), b = uint64_t(s1);
  const uint32_t c[4] = {uint32_t(a), uint32_t(a >> 32), uint32_t(b), uint32_t(b >> 32)};
  const uint32_t k[2] = {0x3EC8F720u, 0x02461E29u};
  const Block m = philox_block(c, k);
  return KeyCtr{{m.w[0], m.w[1]}, {0, 0, m.w[2], m.w[3]}};
}

// tf.random.Generator Philox state [C0, C1, K] -> counter C0 | C1<<64, key K.
static KeyCtr gen_state(int64_t c0, int64_t c1, int64_t k) {
  const uint64_t a = uint64_t(c0), b = uint64_t(c1), kk = uint64_t(k);
  return KeyCtr{{uint32_t(kk), uint32_t(kk >> 32)},
                {uint32_t(a), uint32_t(a >> 32), uint32_t(b), uint32_t(b >> 32)}};
}

static double f32v(double x) { return double(float(x)); }

static uint32_t bits32(float f) { uint32_t b; std::memcpy(&b, &f, 4); return b; }

// The stateful/stateless gamma wrappers: max(finfo(float32).tiny, raw / beta) in float32.
static std::vector<uint32_t> gamma_wrapper_f32(const std::vector<float>& raw, float beta) {
  std::vector<uint32_t> r;
  const float tiny = std::numeric_limits<float>::min();
  for (float x : raw) {
    const float q = x / beta;
    r.push_back(bits32(q < tiny ? tiny : q));
  }
  return r;
}

static std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

template <typename T>
static std::string join(const std::vector<T>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(v[i]);
  }
  return s;
}

static std::string join_hex(const std::vector<uint32_t>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ",";
    s += hex32(v[i]);
  }
  return s;
}

static void expect_hex(const std::string& name, const std::vector<uint32_t>& got,
                       const std::vector<uint32_t>& want) {
  check(got == want, name + ": got [" + join_hex(got) + "] want [" + join_hex(want) + "]");
}

template <typename T>
static void expect_eq(const std::string& name, const std::vector<T>& got, const std::vector<T>& want) {
  check(got == want, name + ": got [" + join(got) + "] want [" + join(want) + "]");
}

// ---- real-TF cases (shared/golden/tf-2.21-scenarios.json) -------------------------

// stateful-misc: setSeed(77); ...; categorical([[0,0,0],[1,2,3]], 10, seed=3)
// -> Multinomial attrs (77, 3), first call of its kernel.
static void test_stateful_categorical() {
  const KeyCtr kc = stateful(77, 3);
  const double logits[6] = {0, 0, 0, 1, 2, 3};
  const std::vector<int64_t> want = {2, 1, 0, 2, 2, 0, 2, 2, 0, 2, 2, 2, 2, 1, 2, 1, 2, 2, 1, 2};
  for (int threads : {1, 2, 3, 4, 16}) {
    std::vector<int64_t> got(20, -1);
    multinomial_fill(kc.key, kc.ctr, kF32, logits, 2, 3, 10, kI64, got.data(), threads);
    expect_eq("stateful categorical threads=" + std::to_string(threads), got, want);
  }
  std::vector<int32_t> got32(20, -1);
  multinomial_fill(kc.key, kc.ctr, kF32, logits, 2, 3, 10, kI32, got32.data(), 1);
  std::vector<int32_t> want32(want.begin(), want.end());
  expect_eq("stateful categorical int32 output", got32, want32);
}

// stateful-misc: gamma([6], 0.5, seed=3), then gamma([6], 3.7, seed=3, beta=2.0).
// Both are RandomGamma (77, 3) float32 with the same attrs: one kernel, the
// second call starts after the first's reservation of 6*1*256 blocks.
static void test_stateful_gamma() {
  {
    const KeyCtr kc = stateful(77, 3, 0);
    const double alpha = 0.5;
    std::vector<float> raw(6);
    gamma_fill(kF32, kc.key, kc.ctr, &alpha, 1, 6, raw.data(), 0, 6);
    expect_hex("stateful gamma alpha=0.5", gamma_wrapper_f32(raw, 1.0f),
               {0x3c2b846f, 0x3e05a695, 0x3e583b7c, 0x3f7b07e6, 0x3f7dd42b, 0x3fb57889});
  }
  {
    const KeyCtr kc = stateful(77, 3, 6 * 256);
    const double alpha = f32v(3.7);
    std::vector<float> raw(6);
    gamma_fill(kF32, kc.key, kc.ctr, &alpha, 1, 6, raw.data(), 0, 6);
    expect_hex("stateful gamma alpha=3.7 beta=2 (second call)", gamma_wrapper_f32(raw, 2.0f),
               {0x4048e70a, 0x402f9fd2, 0x408975d4, 0x400b2e6d, 0x3f890801, 0x4022c7d0});
  }
}

// stateful-misc: poisson([6], 0.5, seed=3), then poisson([6], 40.0, seed=3):
// RandomPoissonV2 (77, 3), R = float64 (Python float), dtype float32, one kernel.
static void test_stateful_poisson() {
  {
    const KeyCtr kc = stateful(77, 3, 0);
    const double rate = 0.5;
    std::vector<float> got(6, -1.f);
    check(poisson_fill(kF32, kc.key, kc.ctr, &rate, 1, 6, got.data(), 0, 6), "poisson 0.5 returns");
    std::vector<uint32_t> bits;
    for (float f : got) bits.push_back(bits32(f));
    expect_hex("stateful poisson rate=0.5", bits,
               {0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000});
  }
  {
    const KeyCtr kc = stateful(77, 3, 6 * 256);
    const double rate = 40.0;
    std::vector<float> got(6, -1.f);
    check(poisson_fill(kF32, kc.key, kc.ctr, &rate, 1, 6, got.data(), 0, 6), "poisson 40 returns");
    std::vector<uint32_t> bits;
    for (float f : got) bits.push_back(bits32(f));
    expect_hex("stateful poisson rate=40 (second call, PTRS)", bits,
               {0x422c0000, 0x42400000, 0x42140000, 0x423c0000, 0x42180000, 0x42040000});
  }
}

// stateless: statelessCategorical([[1,2,3]], 7, seed [6,7]) (float32 logits, int64).
static void test_stateless_categorical() {
  const KeyCtr kc = stateless(6, 7);
  const double logits[3] = {1, 2, 3};
  std::vector<int64_t> got(7, -1);
  multinomial_fill(kc.key, kc.ctr, kF32, logits, 1, 3, 7, kI64, got.data(), 2);
  expect_eq("stateless categorical", got, std::vector<int64_t>{2, 1, 2, 2, 2, 0, 1});
}

// stateless: statelessBinomial([6], [6,7], counts=10.0, probs=0.3) -> T float32,
// int32 output; T(10*0.3f) = 3 < 10: inversion at +42*i.
static void test_stateless_binomial() {
  const KeyCtr kc = stateless(6, 7);
  const double count = 10.0, prob = f32v(0.3);
  std::vector<int32_t> got(6, -1);
  check(binomial_fill(kF32, kI32, kc.key, kc.ctr, &count, &prob, 1, 6, got.data(), 0, 6),
        "stateless binomial returns");
  expect_eq("stateless binomial", got, std::vector<int32_t>{3, 5, 3, 2, 4, 1});
}

// stateless: statelessGamma([6], [6,7], alpha=2.0) float32.
static void test_stateless_gamma() {
  const KeyCtr kc = stateless(6, 7);
  const double alpha = 2.0;
  std::vector<float> raw(6);
  gamma_fill(kF32, kc.key, kc.ctr, &alpha, 1, 6, raw.data(), 0, 6);
  expect_hex("stateless gamma alpha=2", gamma_wrapper_f32(raw, 1.0f),
             {0x3f8f0fd3, 0x400e5cf6, 0x402814fe, 0x3fa533a9, 0x405f3b90, 0x3fd42a08});
}

// stateless: statelessPoisson([6], [6,7], lam=3.0) -> rate float32, int32 output.
static void test_stateless_poisson() {
  const KeyCtr kc = stateless(6, 7);
  const double rate = 3.0;
  std::vector<int32_t> got(6, -1);
  check(poisson_fill(kI32, kc.key, kc.ctr, &rate, 1, 6, got.data(), 0, 6),
        "stateless poisson returns");
  expect_eq("stateless poisson", got, std::vector<int32_t>{4, 3, 2, 4, 4, 6});
}

// generator: Generator.fromSeed(s) ... g.skip(1000) (expect = the state read
// before the skip), g.uniform([2]), g.binomial([4], 10.0, 0.5), g.state.
// The binomial runs at the state after skip (+256*1000) and uniform (+256*2);
// counts/probs float32 (T), int32 output; the state then advances by
// 256 * floor(1*2*100*(4+3)/4) = 89600.
static void test_generator_binomial() {
  struct Case {
    const char* name;
    int64_t skip_state[3];
    std::vector<int32_t> want;
    int64_t after_state[3];
  };
  const Case cases[] = {
      {"g0 (seed 1)", {4865, 0, 0}, {4, 5, 6, 7}, {350977, 0, 0}},
      {"g1 (seed 42)", {4906, 0, 0}, {4, 7, 6, 5}, {351018, 0, 0}},
      {"g2 (seed 17179869187)", {17179874051LL, 0, 0}, {6, 6, 5, 5}, {17180220163LL, 0, 0}},
      {"g3 (seed -2)", {4862, 0, -1}, {5, 4, 4, 2}, {350974, 0, -1}},
  };
  for (const Case& c : cases) {
    KeyCtr kc = gen_state(c.skip_state[0], c.skip_state[1], c.skip_state[2]);
    counter_skip(kc.ctr, 256 * 1000);
    counter_skip(kc.ctr, 256 * 2);
    const double count = 10.0, prob = 0.5;
    std::vector<int32_t> got(4, -1);
    check(binomial_fill(kF32, kI32, kc.key, kc.ctr, &count, &prob, 1, 4, got.data(), 0, 4),
          std::string("generator binomial returns ") + c.name);
    expect_eq(std::string("generator binomial ") + c.name, got, c.want);
    // The documented StatefulRandomBinomial advance reproduces TF's state.
    uint32_t after[4];
    std::memcpy(after, kc.ctr, sizeof after);
    counter_skip(after, 256 * uint64_t(1 * 2 * 100 * (4 + 3) / 4));
    const KeyCtr want_after = gen_state(c.after_state[0], c.after_state[1], c.after_state[2]);
    check(std::memcmp(after, want_after.ctr, sizeof after) == 0 &&
              std::memcmp(kc.key, want_after.key, sizeof kc.key) == 0,
          std::string("generator binomial state advance ") + c.name);
  }
}

// ---- Shard partition -------------------------------------------------------------------
// Thresholds pinned against TF 2.21 (stateless.md §6.9): with intra-op threads
// N >= 2, sharding starts exactly at n*cost >= 210000; the parameterized
// truncated normal (cost 187 / 258 / 214) shards from n = 1123 / 814 / 982.
static void test_shard() {
  for (int n_threads : {2, 3, 4, 16}) {
    const struct { int64_t cost, first_sharded; } th[] = {{187, 1123}, {258, 814}, {214, 982}};
    for (const auto& t : th) {
      const std::string tag = " N=" + std::to_string(n_threads) + " cost=" + std::to_string(t.cost);
      check(shard_block_size(n_threads, t.first_sharded - 1, t.cost) == t.first_sharded - 1,
            "single shard below threshold" + tag);
      check(shard_block_size(n_threads, t.first_sharded, t.cost) < t.first_sharded,
            "sharded at threshold" + tag);
    }
  }
  // One thread (or max_parallelism 1) never shards.
  check(shard_block_size(1, 1000000, 1000) == 1000000, "N=1 single shard");
  check(shard_block_size(4, 0, 1000) == 0, "total 0");
  check(shard_block_size(4, 1, 1000000) == 1, "total 1 single shard");
  // Spot values of Eigen's block computation (worked by hand from
  // CalculateParallelForBlock): n=64, cost=int64(50*(100*log2(50)+50)) = 30719.
  const int64_t cost = multinomial_cost(100, 50);
  check(cost == 30719, "multinomial_cost(100, 50) = 30719, got " + std::to_string(cost));
  // N=2: threads = min(2, int(64*30719/1e5 - 1 + 0.9)) = 2; bs = max(ceil(64/8)=8,
  // int(40000/30719)=1) = 8, count 8, eff 1 -> bs 8.
  check(shard_block_size(2, 64, cost) == 8, "64 rows N=2 -> bs 8, got " +
                                                std::to_string(shard_block_size(2, 64, cost)));
  // N=3: bs = ceil(64/12) = 6, count 11, eff 11/12; coarser: bs 7 (count 10, eff
  // 10/12 rejected), bs 8 (count 8, 8/9 rejected), bs 10 (7, 7/9), bs 11 (6, 1.0
  // accepted); max_bs = 12 stops there -> bs 11.
  check(shard_block_size(3, 64, cost) == 11, "64 rows N=3 -> bs 11, got " +
                                                 std::to_string(shard_block_size(3, 64, cost)));
  // N=16: bs = ceil(64/64) = 1, count 64, eff 1 -> bs 1.
  check(shard_block_size(16, 64, cost) == 1, "64 rows N=16 -> bs 1");
  size_t starts[16];
  const size_t count = shard_partition(3, 64, cost, starts, 16);
  check(count == 6 && starts[0] == 0 && starts[1] == 11 && starts[5] == 55,
        "shard_partition 64 rows N=3");
  // Sharder::Do fallback (max_parallelism < pool size).
  check(shard_block_size_general(2, 4, 100, 1000) == 50, "Sharder::Do 2 shards");
  check(shard_block_size_general(4, 8, 10, 100) == 10, "Sharder::Do tiny total");
}

// ---- multinomial sharding mechanics (values: TF's DoWork per shard) ------------------
static void test_multinomial_shards() {
  // 64 x 50 logits, S = 100: multi-shard for N >= 2. multinomial_fill must
  // equal running its partition's shards one by one, and (as TF) differ from N = 1.
  const size_t B = 64, C = 50, S = 100;
  std::vector<double> logits(B * C);
  for (size_t i = 0; i < logits.size(); ++i) logits[i] = f32v(std::sin(double(i)) * 3.0);
  const KeyCtr kc = stateless(1, 2);
  std::vector<int64_t> one(B * S), many(B * S), manual(B * S);
  multinomial_fill(kc.key, kc.ctr, kF32, logits.data(), B, C, S, kI64, one.data(), 1);
  multinomial_fill(kc.key, kc.ctr, kF32, logits.data(), B, C, S, kI64, many.data(), 3);
  size_t starts[64];
  const int64_t cost = multinomial_cost(S, C);
  const size_t n = shard_partition(3, int64_t(B), cost, starts, 64);
  for (size_t i = 0; i < n; ++i) {
    const size_t r1 = i + 1 < n ? starts[i + 1] : B;
    multinomial_fill_shard(kc.key, kc.ctr, kF32, logits.data(), B, C, S, kI64, manual.data(),
                           starts[i], r1);
  }
  check(many == manual, "multinomial_fill == its shards");
  check(many != one, "multinomial N=3 differs from N=1 (shard skip floor(r0*(S+3)/4))");
  // The first shard is identical to N = 1.
  check(std::equal(one.begin(), one.begin() + 11 * S, many.begin()), "first shard equals N=1 rows");
  // Rows without finite logits give C; non-finite classes are never chosen.
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double lg[8] = {-inf, -inf, -inf, -inf, 0.5, nan, inf, -inf};
  std::vector<int32_t> out(2 * 5);
  multinomial_fill(kc.key, kc.ctr, kF64, lg, 2, 4, 5, kI32, out.data(), 1);
  bool ok = true;
  for (int j = 0; j < 5; ++j) ok = ok && out[j] == 4 && out[5 + j] == 0;
  check(ok, "all -inf row -> C; single finite class always chosen");
}

// ---- range splitting gives the same bytes --------------------------------------------
static void test_split_ranges() {
  const KeyCtr kc = stateless(123, -45);
  {
    const double alpha[4] = {0.3, 1.0, 2.5, f32v(1e4)};
    const size_t A = 4, P = 37, n = A * P;
    std::vector<double> whole(n), parts(n);
    gamma_fill(kF64, kc.key, kc.ctr, alpha, A, P, whole.data(), 0, n);
    for (size_t o = 0; o < n; o += 13) gamma_fill(kF64, kc.key, kc.ctr, alpha, A, P, parts.data(), o, std::min(n, o + 13));
    check(std::memcmp(whole.data(), parts.data(), n * 8) == 0, "gamma split ranges");
    bool pos = true;
    for (double v : whole) pos = pos && v > 0 && std::isfinite(v);
    check(pos, "gamma values positive");
  }
  {
    const double rate[5] = {0.0, 2.5, 10.0, 1234.5, 1e6};
    const size_t R = 5, P = 21, n = R * P;
    std::vector<int64_t> whole(n), parts(n);
    check(poisson_fill(kI64, kc.key, kc.ctr, rate, R, P, whole.data(), 0, n), "poisson whole");
    for (size_t o = 0; o < n; o += 8) poisson_fill(kI64, kc.key, kc.ctr, rate, R, P, parts.data(), o, std::min(n, o + 8));
    check(whole == parts, "poisson split ranges");
    bool ok = true;
    for (size_t s = 0; s < P; ++s) ok = ok && whole[s * R] == 0;
    check(ok, "poisson rate 0 -> 0");
  }
  {
    const double counts[4] = {10, 100, 1e6, 7};
    const double probs[4] = {0.3, 0.9, 0.25, 0.75};
    const size_t nb = 4, spb = 19, n = nb * spb;
    std::vector<double> whole(n), parts(n);
    check(binomial_fill(kF64, kF64, kc.key, kc.ctr, counts, probs, nb, spb, whole.data(), 0, n), "binomial whole");
    for (size_t i = 0; i < n; i += 5) binomial_fill(kF64, kF64, kc.key, kc.ctr, counts, probs, nb, spb, parts.data(), i, std::min(n, i + 5));
    check(whole == parts, "binomial split ranges");
    bool ok = true;
    for (size_t s = 0; s < spb; ++s)
      for (size_t b = 0; b < nb; ++b) {
        const double v = whole[s * nb + b];
        ok = ok && v >= 0 && v <= counts[b] && v == std::floor(v);
      }
    check(ok, "binomial values in [0, count]");
  }
}

// ---- edge values (stateful.md §6.8, §6.9, stateless.md §6; verified there vs TF) -----
static void test_edges() {
  const KeyCtr kc = stateful(1, 2);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  {
    const double alpha[4] = {0.0, -1.0, nan, inf};
    std::vector<float> raw(4);
    gamma_fill(kF32, kc.key, kc.ctr, alpha, 4, 1, raw.data(), 0, 4);
    check(raw[0] == 0.0f, "gamma alpha 0 -> raw 0 (wrapper: tiny)");
    check(bits32(raw[1]) == 0xFFC00000u, "gamma alpha<0 -> default NaN 0xffc00000, got " + hex32(bits32(raw[1])));
    check(std::isnan(raw[2]), "gamma alpha NaN -> NaN");
    check(raw[3] == std::numeric_limits<float>::infinity(), "gamma alpha inf -> inf");
  }
  {
    const double rate[3] = {-inf, inf, 0.0};
    std::vector<float> f(3, -1.f);
    check(poisson_fill(kF32, kc.key, kc.ctr, rate, 3, 1, f.data(), 0, 3), "poisson edges return");
    check(f[0] == 0.f && f[1] == std::numeric_limits<float>::infinity() && f[2] == 0.f,
          "poisson -inf -> 0, +inf -> inf (float)");
    std::vector<int32_t> i(3, -1);
    poisson_fill(kI32, kc.key, kc.ctr, rate, 3, 1, i.data(), 0, 3);
    check(i[0] == 0 && i[1] == 0 && i[2] == 0, "poisson +inf -> 0 (int)");
    std::vector<uint16_t> h(3);
    poisson_fill(kF16, kc.key, kc.ctr, rate, 3, 1, h.data(), 0, 3);
    check(h[1] == 0x7C00, "poisson +inf -> inf (half)");
  }
  check(!poisson_rate_terminates(kF32, nan), "poisson NaN never terminates");
  check(!poisson_rate_terminates(kF16, 1e5), "poisson 1e5 float16 never terminates");
  check(!poisson_rate_terminates(kF32, 1e300), "poisson 1e300 float32 never terminates");
  check(poisson_rate_terminates(kF32, 1e5) && poisson_rate_terminates(kF16, 65504.0) &&
            poisson_rate_terminates(kI32, 2147483647.0) && poisson_rate_terminates(kF64, 1e300),
        "poisson ordinary rates terminate");
  {
    const double rate = nan;
    float v;
    check(!poisson_fill(kF32, kc.key, kc.ctr, &rate, 1, 1, &v, 0, 1), "poisson_fill NaN -> false");
    const double big = 1e5;
    uint16_t h;
    check(!poisson_fill(kF16, kc.key, kc.ctr, &big, 1, 1, &h, 0, 1), "poisson_fill 1e5 half -> false");
  }
  {
    // rate near highest(f16): samples conditioned on k <= 65504.
    const double rate = 65504.0;
    std::vector<uint16_t> h(8);
    check(poisson_fill(kF16, kc.key, kc.ctr, &rate, 1, 8, h.data(), 0, 8), "poisson 65504 half returns");
    bool ok = true;
    for (uint16_t x : h) ok = ok && half_to_float(x) <= 65504.f && half_to_float(x) > 60000.f;
    check(ok, "poisson 65504 half values <= 65504");
  }
  {
    const double counts[5] = {0, 5, 5, 5, nan};
    const double probs[5] = {0.5, 0.0, 1.0, nan, 1.0};
    std::vector<double> out(5);
    check(binomial_fill(kF64, kF64, kc.key, kc.ctr, counts, probs, 5, 1, out.data(), 0, 5),
          "binomial edges return");
    check(out[0] == 0 && out[1] == 0 && out[2] == 5 && std::isnan(out[3]) && std::isnan(out[4]),
          "binomial count 0 / prob 0 / prob 1 / prob NaN / NaN count with prob 1");
    const double c = nan, p = 0.3;
    double o;
    check(!binomial_terminates(c, p), "binomial NaN count, p in (0,1) never terminates");
    check(!binomial_fill(kF64, kF64, kc.key, kc.ctr, &c, &p, 1, 1, &o, 0, 1), "binomial_fill NaN count -> false");
  }
}

int main() {
  test_stateful_categorical();
  test_stateful_gamma();
  test_stateful_poisson();
  test_stateless_categorical();
  test_stateless_binomial();
  test_stateless_gamma();
  test_stateless_poisson();
  test_generator_binomial();
  test_shard();
  test_multinomial_shards();
  test_split_ranges();
  test_edges();
  std::printf("%d passed, %d failed\n", g_pass, g_fail);
  return g_fail == 0 ? 0 : 1;
}
