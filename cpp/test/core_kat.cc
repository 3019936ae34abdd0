// Known answers for the core building blocks, Node-free:
//  * Philox4x32-10: Random123's kat_vectors (the three "philox4x32 10" lines),
//    through philox_block, PhiloxGen and every kernel tier;
//  * TF's counter arithmetic: SkipOne chains, Skip(n) with its carry rule,
//    including the lost carry TF 2.21 shows (shared/spec/stateless.md section 2);
//  * the word -> number conversions and the float -> half / bfloat16 roundings
//    (edge cases, and a sweep against an independent double-based rounding).
// Prints "N passed, N failed" last; exits non-zero on any failure.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>

#include "convert.h"
#include "kernels/kernel.h"
#include "philox.h"

using namespace tfp;

namespace {

int g_pass = 0, g_fail = 0;

void check(bool ok, const char* what, const char* detail = "") {
  if (ok) {
    ++g_pass;
  } else {
    ++g_fail;
    if (g_fail <= 40) std::printf("FAIL %s %s\n", what, detail);
  }
}

bool same_words(const uint32_t* a, const uint32_t* b, int n) {
  return std::memcmp(a, b, sizeof(uint32_t) * size_t(n)) == 0;
}

// ---- Philox4x32-10 -----------------------------------------------------------------

struct Kat {
  uint32_t ctr[4], key[2], out[4];
};
// Random123 tests/kat_vectors: "philox4x32 10 CTR[4] KEY[2]  EXPECTED[4]".
const Kat kKats[] = {
    {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
     {0xffffffff, 0xffffffff},
     {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
     {0xa4093822, 0x299f31d0},
     {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
};

void test_philox() {
  for (const Kat& k : kKats) {
    const Block b = philox_block(k.ctr, k.key);
    check(same_words(b.w, k.out, 4), "philox_block KAT");

    PhiloxGen gen(k.key, k.ctr);
    const Block g = gen.next();
    check(same_words(g.w, k.out, 4), "PhiloxGen KAT");

    const KernelTable* tiers[8];
    const size_t nt = available_kernels(tiers, 8);
    for (size_t t = 0; t < nt; ++t) {
      uint32_t w[4];
      tiers[t]->bits32(k.key, k.ctr, 1, w);
      check(same_words(w, k.out, 4), "kernel bits32 KAT", tiers[t]->name);
    }
  }
  // The KAT block is also what WordStream hands out first, word by word.
  {
    WordStream ws(kKats[2].key, kKats[2].ctr);
    bool ok = true;
    for (int i = 0; i < 4; ++i) ok &= ws.next() == kKats[2].out[i];
    uint32_t next_ctr[4] = {kKats[2].ctr[0] + 1, kKats[2].ctr[1], kKats[2].ctr[2], kKats[2].ctr[3]};
    const Block b = philox_block(next_ctr, kKats[2].key);
    for (int i = 0; i < 4; ++i) ok &= ws.next() == b.w[i];
    check(ok, "WordStream order");
  }
}

// ---- counter arithmetic --------------------------------------------------------------

using u128 = unsigned __int128;
u128 to128(const uint32_t c[4]) {
  return u128(c[0]) | u128(c[1]) << 32 | u128(c[2]) << 64 | u128(c[3]) << 96;
}

void test_counter() {
  struct Inc {
    uint32_t in[4], out[4];
  };
  const Inc incs[] = {
      {{0, 0, 0, 0}, {1, 0, 0, 0}},
      {{0xffffffff, 0, 0, 0}, {0, 1, 0, 0}},
      {{0xffffffff, 0xffffffff, 0, 0}, {0, 0, 1, 0}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0}, {0, 0, 0, 1}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0, 0, 0, 0}},
      {{0xffffffff, 5, 0xffffffff, 7}, {0, 6, 0xffffffff, 7}},
  };
  for (const Inc& t : incs) {
    uint32_t c[4] = {t.in[0], t.in[1], t.in[2], t.in[3]};
    counter_increment(c);
    check(same_words(c, t.out, 4), "counter_increment");
  }

  struct Skip {
    uint32_t in[4];
    uint64_t n;
    uint32_t out[4];
    const char* what;
  };
  const Skip skips[] = {
      {{5, 7, 0, 0}, 0x100000003ull, {8, 8, 0, 0}, "plain"},
      {{0xffffffff, 0, 0, 0}, 1, {0, 1, 0, 0}, "c0 carry"},
      {{0xffffffff, 0, 0, 0}, 0x100000001ull, {0, 2, 0, 0}, "c0 carry plus hi"},
      {{0xfffffff0, 0xffffffff, 0, 0}, 0x20, {0x10, 0, 1, 0}, "carry into c2"},
      {{0xfffffff0, 0xffffffff, 0xffffffff, 9}, 0x20, {0x10, 0, 0, 10}, "carry into c3"},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, 1, {0, 0, 0, 0}, "2^128 wrap"},
      {{1, 1, 0, 0}, 0xffffffff00000000ull, {1, 0, 1, 0}, "hi = 2^32-1, no c0 wrap: exact"},
      // TF's lost carry: Generator.from_state([0xFFFFFF00, 0, 5]).skip((2^64 - 2^32 + 256) / 256)
      // gives state [0, 0, 5] in TF 2.21 (an exact addition would give [0, 1, 5]).
      {{0xffffff00, 0, 0, 0}, 0xffffffff00000100ull, {0, 0, 0, 0}, "lost carry (TF 2.21)"},
      {{0x80000000, 5, 6, 7}, 0xffffffff80000000ull, {0, 5, 6, 7}, "lost carry, upper words kept"},
  };
  for (const Skip& t : skips) {
    uint32_t c[4] = {t.in[0], t.in[1], t.in[2], t.in[3]};
    counter_skip(c, t.n);
    check(same_words(c, t.out, 4), "counter_skip", t.what);
  }
  // Away from the quirk, Skip is an exact 128-bit addition.
  std::mt19937_64 rng(12345);
  bool exact = true;
  for (int i = 0; i < 200000; ++i) {
    uint32_t c[4];
    for (int k = 0; k < 4; ++k) c[k] = uint32_t(rng() >> (rng() % 2 ? 0 : 32)) | (i % 3 ? 0 : 0xfffff000u);
    uint64_t n = rng() >> (rng() % 64);
    if ((n >> 32) == 0xffffffffu) n &= 0x7fffffffffffffffull;
    const u128 want = to128(c) + n;
    counter_skip(c, n);
    exact &= to128(c) == want;
  }
  check(exact, "counter_skip == 128-bit add (hi32(n) != 2^32-1)");
  // PhiloxGen::next steps the full 128-bit counter.
  {
    const uint32_t key[2] = {1, 2};
    const uint32_t start[4] = {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff};
    PhiloxGen gen(key, start);
    gen.next();
    const uint32_t zero[4] = {0, 0, 0, 0};
    check(same_words(gen.counter(), zero, 4), "PhiloxGen wraps 2^128");
    check(same_words(gen.next().w, philox_block(zero, key).w, 4), "PhiloxGen after wrap");
  }
}

// ---- conversions ----------------------------------------------------------------------

// Independent RNE rounding of a float to a binary format with `mbits` mantissa
// bits, exponent range [emin, emax]: double arithmetic and nearbyint.
uint32_t ref_round(float f, int mbits, int emin, int emax, uint32_t nan_bits, int sign_shift) {
  const uint32_t sign = (float_to_bits(f) >> 31) << sign_shift;
  if (std::isnan(f)) return sign | nan_bits;
  const double a = std::fabs(double(f));
  const uint32_t inf = uint32_t(((1 << (sign_shift - mbits)) - 1)) << mbits;  // exponent all ones
  if (std::isinf(f)) return sign | inf;
  if (a == 0) return sign;
  int e = std::ilogb(a);
  if (e < emin) e = emin;
  double q = std::nearbyint(std::ldexp(a, mbits - e));
  if (q >= std::ldexp(1.0, mbits + 1)) {
    ++e;
    q = std::ldexp(1.0, mbits);
  }
  if (e > emax) return sign | inf;
  const uint32_t iq = uint32_t(q);
  if (iq < (1u << mbits)) return sign | iq;  // subnormal (e == emin) or zero
  return sign | uint32_t(e - emin + 1) << mbits | (iq - (1u << mbits));
}
uint16_t ref_half(float f) { return uint16_t(ref_round(f, 10, -14, 15, 0x7E00, 15)); }
uint16_t ref_bf16(float f) { return uint16_t(ref_round(f, 7, -126, 127, 0x7FC0, 15)); }

void test_conversions() {
  // word -> [0, 1)
  check(float_to_bits(uint32_to_float(0)) == 0, "f32 uniform 0");
  check(uint32_to_float(0xFFFFFFFFu) == 1.0f - 0x1p-23f, "f32 uniform max");
  check(uint32_to_float(0xFF800001u) == 0x1p-23f, "f32 uniform uses low 23 bits");
  check(uint64_to_double(0, 0) == 0.0, "f64 uniform 0");
  check(uint64_to_double(0xFFFFFFFFu, 0xFFFFFFFFu) == 1.0 - 0x1p-52, "f64 uniform max");
  check(uint64_to_double(0x00000001u, 0) == 0x1p-20, "f64 uniform: x0 gives the high bits");
  check(uint64_to_double(0xFFF00000u, 1) == 0x1p-52, "f64 uniform: x1 gives the low bits");
  check(uint32_to_half(0) == 0x0000, "f16 uniform 0");
  check(uint32_to_half(1) == 0x1400, "f16 uniform 2^-10");
  check(uint32_to_half(0x3FF) == 0x3BFE, "f16 uniform max (1023/1024)");
  check(uint32_to_half(0xFFFFFC00u) == 0x0000, "f16 uniform uses low 10 bits");
  check(uint32_to_half(0x200) == 0x3800, "f16 uniform 0.5");
  check(uint32_to_bfloat16(0) == 0x0000, "bf16 uniform 0");
  check(uint32_to_bfloat16(1) == 0x3C00, "bf16 uniform 2^-7");
  check(uint32_to_bfloat16(0x7F) == 0x3F7E, "bf16 uniform max");
  check(uint32_to_bfloat16(0xFFFFFF80u) == 0x0000, "bf16 uniform uses low 7 bits");
  for (uint32_t x = 0; x < 1024; ++x)
    check(uint32_to_half(x) == ref_half(float(x) / 1024.0f) &&
              uint32_to_bfloat16(x) == ref_bf16(float(x & 0x7F) / 128.0f),
          "16-bit uniform table");

  // float -> half: RNE, subnormals, overflow, NaN with sign.
  struct H {
    float f;
    uint16_t h;
    const char* what;
  };
  const H halves[] = {
      {0.0f, 0x0000, "+0"},
      {-0.0f, 0x8000, "-0"},
      {1.0f, 0x3C00, "1"},
      {-2.0f, 0xC000, "-2"},
      {65504.0f, 0x7BFF, "max"},
      {65519.99f, 0x7BFF, "below the overflow tie"},
      {65520.0f, 0x7C00, "overflow tie rounds to inf"},
      {1e10f, 0x7C00, "overflow"},
      {-1e10f, 0xFC00, "-overflow"},
      {INFINITY, 0x7C00, "inf"},
      {-INFINITY, 0xFC00, "-inf"},
      {bits_to_float(0x7FC00000u), 0x7E00, "NaN"},
      {bits_to_float(0xFFC00001u), 0xFE00, "-NaN"},
      {bits_to_float(0x7F800001u), 0x7E00, "signalling NaN"},
      {0x1p-14f, 0x0400, "min normal"},
      {0x1p-24f, 0x0001, "min subnormal"},
      {0x1p-25f, 0x0000, "subnormal tie to even (0)"},
      {0x1.000002p-25f, 0x0001, "just above the tie"},
      {0x1.8p-24f, 0x0002, "subnormal tie to even (2)"},
      {0x1.4p-23f, 0x0002, "2.5 units: tie to even (2)"},
      {0x1.cp-23f, 0x0004, "3.5 units: tie to even (4)"},
      {0x1.ff8p-15f, 0x03FF, "largest subnormal"},
      {0x1.ffcp-15f, 0x0400, "tie above the largest subnormal: min normal"},
      {0x1.ff0p-15f, 0x03FE, "1022 units"},
      {-0x1p-24f, 0x8001, "-min subnormal"},
      {0x1p-26f, 0x0000, "underflow"},
      {1.0f + 0x1p-11f, 0x3C00, "normal tie to even (down)"},
      {1.0f + 0x3p-11f, 0x3C02, "normal tie to even (up)"},
      {bits_to_float(0x3F801001u), 0x3C01, "just above a tie"},
      {2047.5f, 0x67FF + 1, "tie at 2047.5 -> 2048"},
      {0.1f, 0x2E66, "0.1"},
  };
  for (const H& t : halves) {
    char d[96];
    std::snprintf(d, sizeof d, "%s: got %04x want %04x", t.what, float_to_half(t.f), t.h);
    check(float_to_half(t.f) == t.h, "float_to_half", d);
  }

  // float -> bfloat16: RNE on the top 16 bits, NaN -> quiet NaN with the sign.
  struct B {
    uint32_t f;
    uint16_t b;
    const char* what;
  };
  const B bfs[] = {
      {0x3F800000u, 0x3F80, "1"},
      {0x3F808000u, 0x3F80, "tie to even (down)"},
      {0x3F818000u, 0x3F82, "tie to even (up)"},
      {0x3F808001u, 0x3F81, "above a tie"},
      {0x7F7FFFFFu, 0x7F80, "max float rounds to inf"},
      {0x7F7F7FFFu, 0x7F7F, "below the overflow tie"},
      {0x7F7F8000u, 0x7F80, "overflow tie (odd) to inf"},
      {0x7F800000u, 0x7F80, "inf"},
      {0xFF800000u, 0xFF80, "-inf"},
      {0x7FC00000u, 0x7FC0, "NaN"},
      {0x7F800001u, 0x7FC0, "signalling NaN quieted"},
      {0xFFFFFFFFu, 0xFFC0, "-NaN"},
      {0x00000001u, 0x0000, "min float subnormal"},
      {0x00008000u, 0x0000, "subnormal tie to even (0)"},
      {0x00018000u, 0x0002, "subnormal tie to even (2)"},
      {0x007FFFFFu, 0x0080, "largest subnormal rounds to min normal"},
      {0x80000000u, 0x8000, "-0"},
  };
  for (const B& t : bfs) {
    char d[96];
    const uint16_t got = float_to_bfloat16(bits_to_float(t.f));
    std::snprintf(d, sizeof d, "%s: got %04x want %04x", t.what, got, t.b);
    check(got == t.b, "float_to_bfloat16", d);
  }

  // half -> float is exact: every half round-trips (NaNs keep sign and payload).
  bool rt = true;
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const float f = half_to_float(uint16_t(h));
    const bool nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF);
    if (nan) {
      rt &= std::isnan(f) && (float_to_bits(f) >> 31) == (h >> 15) &&
            ((float_to_bits(f) >> 13) & 0x3FF) == (h & 0x3FF);
    } else {
      rt &= float_to_half(f) == h && ref_half(f) == h;
    }
  }
  check(rt, "half -> float -> half round trip (all 65536)");
  bool brt = true;
  for (uint32_t b = 0; b < 0x10000; ++b) {
    const bool nan = (b & 0x7F80) == 0x7F80 && (b & 0x7F);
    if (!nan) brt &= float_to_bfloat16(bfloat16_to_float(uint16_t(b))) == b;
  }
  check(brt, "bfloat16 -> float -> bfloat16 round trip");

  // Sweep: every sign/exponent/top-10-bit mantissa with low bits at and around
  // the rounding points, against the double-based reference.
  std::mt19937 rng(7);
  uint64_t bad_h = 0, bad_b = 0, n = 0;
  const uint32_t lows[] = {0, 1, 0xFFF, 0x1000, 0x1001, 0x1FFF, 0x0800, 0x17FF};
  for (uint32_t top = 0; top < (1u << 19); ++top) {
    for (uint32_t low : lows) {
      const uint32_t bits[2] = {top << 13 | low, top << 13 | uint32_t(rng() & 0x1FFF)};
      for (uint32_t x : bits) {
        const float f = bits_to_float(x);
        bad_h += float_to_half(f) != ref_half(f);
        bad_b += float_to_bfloat16(f) != ref_bf16(f);
        ++n;
      }
    }
  }
  // bfloat16 keeps the top 16 bits: cover every top half with the tie points.
  for (uint32_t top = 0; top < 0x10000; ++top)
    for (uint32_t low : {0u, 1u, 0x7FFFu, 0x8000u, 0x8001u, 0xFFFFu}) {
      const float f = bits_to_float(top << 16 | low);
      bad_b += float_to_bfloat16(f) != ref_bf16(f);
    }
  // The half subnormal range in full (every float below 2^-14, both signs).
  for (uint32_t x = 0; x < 0x38800000u; x += 1 + (x >= 0x33000000u ? 0 : 0x3FF)) {
    bad_h += float_to_half(bits_to_float(x)) != ref_half(bits_to_float(x));
    bad_h += float_to_half(bits_to_float(x | 0x80000000u)) != ref_half(bits_to_float(x | 0x80000000u));
  }
  char d[96];
  std::snprintf(d, sizeof d, "%llu bad of %llu", (unsigned long long)bad_h, (unsigned long long)n);
  check(bad_h == 0, "float_to_half sweep vs reference", d);
  std::snprintf(d, sizeof d, "%llu bad", (unsigned long long)bad_b);
  check(bad_b == 0, "float_to_bfloat16 sweep vs reference", d);
}

}  // namespace

int main() {
  test_philox();
  test_counter();
  test_conversions();
  std::printf("%d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
