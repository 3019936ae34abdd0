// Philox4x32-10, as TensorFlow's tsl/lib/random/philox_random.h uses it.
//
// A pure function of (counter, key) -> block, plus the counter arithmetic TF
// applies between blocks. Layout (TF's, Random123's):
//   key     = (k0, k1)          two uint32 words; a TF seed pair (seed, seed2)
//                               gives k0 = lo32(seed), k1 = hi32(seed)
//   counter = (c0, c1, c2, c3)  a 128-bit integer, c0 least significant;
//                               TF puts lo32(seed2)/hi32(seed2) in c2/c3
//   block   = (w0, w1, w2, w3)  the four output words, in the order TF hands
//                               them to its distributions.
#pragma once
#include <cstdint>

namespace tfp {

constexpr uint32_t kPhiloxM0 = 0xD2511F53u;  // round multipliers
constexpr uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr uint32_t kPhiloxW0 = 0x9E3779B9u;  // key schedule (golden ratio, sqrt(3)-1)
constexpr uint32_t kPhiloxW1 = 0xBB67AE85u;
constexpr int kPhiloxRounds = 10;

struct Block {
  uint32_t w[4];
};

// One Philox4x32-10 evaluation. Ten rounds of
//   (c0,c1,c2,c3) <- (hi(M1*c2)^c1^k0, lo(M1*c2), hi(M0*c0)^c3^k1, lo(M0*c0))
// with the key bumped by (W0, W1) between rounds.
inline Block philox_block(const uint32_t counter[4], const uint32_t key[2]) {
  uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
  uint32_t k0 = key[0], k1 = key[1];
  for (int r = 0; r < kPhiloxRounds; ++r) {
    const uint64_t p0 = uint64_t{kPhiloxM0} * c0;
    const uint64_t p1 = uint64_t{kPhiloxM1} * c2;
    const uint32_t n0 = uint32_t(p1 >> 32) ^ c1 ^ k0;
    const uint32_t n1 = uint32_t(p1);
    const uint32_t n2 = uint32_t(p0 >> 32) ^ c3 ^ k1;
    const uint32_t n3 = uint32_t(p0);
    c0 = n0; c1 = n1; c2 = n2; c3 = n3;
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
  return Block{{c0, c1, c2, c3}};
}

// counter += 1 as a 128-bit integer (TF's SkipOne).
inline void counter_increment(uint32_t c[4]) {
  if (++c[0] != 0) return;
  if (++c[1] != 0) return;
  if (++c[2] != 0) return;
  ++c[3];
}

// TF's Skip(n) for a uint64 n, with its carry rule: the carry out of c0 is
// added to hi32(n) *before* that is added to c1, so when hi32(n) is
// 0xFFFFFFFF and c0 wraps, the carry is lost (TF 2.21 does this; see
// shared/spec/stateless.md section 2). For every n below 2^64 - 2^32 this is
// an exact 128-bit addition.
inline void counter_skip(uint32_t c[4], uint64_t n) {
  const uint32_t lo = uint32_t(n);
  uint32_t hi = uint32_t(n >> 32);
  c[0] += lo;
  if (c[0] < lo) ++hi;
  c[1] += hi;
  if (c[1] < hi && ++c[2] == 0) ++c[3];
}

// A generator that hands out one block at a time from a running counter
// (TF's PhiloxRandom object: operator() returns the block, then increments).
class PhiloxGen {
 public:
  PhiloxGen(const uint32_t key[2], const uint32_t counter[4]) {
    key_[0] = key[0]; key_[1] = key[1];
    for (int i = 0; i < 4; ++i) ctr_[i] = counter[i];
  }
  Block next() {
    const Block b = philox_block(ctr_, key_);
    counter_increment(ctr_);
    return b;
  }
  void skip(uint64_t n) { counter_skip(ctr_, n); }
  const uint32_t* counter() const { return ctr_; }
  const uint32_t* key() const { return key_; }

 private:
  uint32_t key_[2];
  uint32_t ctr_[4];
};

// TF's SingleSampleAdapter: the words w0, w1, w2, w3 of successive blocks,
// one at a time.
class WordStream {
 public:
  WordStream(const uint32_t key[2], const uint32_t counter[4]) : gen_(key, counter) {}
  uint32_t next() {
    if (used_ == 4) { buf_ = gen_.next(); used_ = 0; }
    return buf_.w[used_++];
  }

 private:
  PhiloxGen gen_;
  Block buf_{};
  int used_ = 4;
};

}  // namespace tfp
