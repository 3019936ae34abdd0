// Every kernel tier, through the fill layer (fill_groups), against an
// independent transcription of the spec (stateless.md sections 2-4), and
// against TensorFlow's own numbers.
//
//   core_tiers [TF.json ...]
//
// 1. For every available tier (avx512, avx2, scalar, ...) and every dist x
//    dtype x bounds x affine step: sizes 0..130, 1023..1025, 4097, 65537;
//    counters crossing every 32-bit carry and the 2^128 wrap; output at byte
//    offsets +0..+3 with canaries on both sides. Each result must equal the
//    reference byte for byte (so all tiers also equal each other).
// 2. Filling a range of groups in pieces, in any order, gives the same bytes.
// 3. Each JSON file given (default: ../shared/golden/tf-2.21-core.json next to
//    the checkout) is scanned for "philoxFill" steps (recorded from TF 2.21);
//    every value of every step must match, for every tier.
// Prints "N passed, N failed" last; exits non-zero on any failure.
#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "convert.h"
#include "fill.h"
#include "kernels/kernel.h"
#include "mathf.h"
#include "philox.h"

using namespace tfp;

namespace {

int g_pass = 0, g_fail = 0;

void check(bool ok, const std::string& what) {
  if (ok) {
    ++g_pass;
  } else {
    ++g_fail;
    if (g_fail <= 40) std::printf("FAIL %s\n", what.c_str());
  }
}

const char* dist_name(Dist d) {
  static const char* const names[] = {"bits", "uniform", "normal", "truncatedNormal", "int"};
  return names[d];
}
const char* dtype_name(DType t) {
  static const char* const names[] = {"float16", "bfloat16", "float32", "float64",
                                      "int32",   "int64",    "uint32",  "uint64"};
  return names[t];
}
size_t esize(DType t) {  // independent of fill.cc's element_size
  switch (t) {
    case kF16: case kBF16: return 2;
    case kF64: case kI64: case kU64: return 8;
    default: return 4;
  }
}
size_t gsize(DType t) { return esize(t) == 8 ? 2 : 4; }

// ---- the reference: one group at a time, straight from the spec ------------------

using u128 = unsigned __int128;
void counter_plus(const uint32_t c[4], u128 n, uint32_t out[4]) {
  const u128 v = (u128(c[0]) | u128(c[1]) << 32 | u128(c[2]) << 64 | u128(c[3]) << 96) + n;
  for (int k = 0; k < 4; ++k) out[k] = uint32_t(v >> (32 * k));
}

template <class T>
void put(uint8_t* p, size_t i, T v) {
  std::memcpy(p + i * sizeof(T), &v, sizeof(T));
}

// (r * a) [+ b] in the dtype, each op rounded; 16-bit types via float.
float aff_f32(float r, const FillSpec& s) {
  if (s.affine == kAffineNone) return r;
  volatile float m = r * float(s.a);  // volatile: no contraction, whatever the flags
  return s.affine == kAffineMul ? m : m + float(s.b);
}
double aff_f64(double r, const FillSpec& s) {
  if (s.affine == kAffineNone) return r;
  volatile double m = r * s.a;
  return s.affine == kAffineMul ? m : m + s.b;
}
uint16_t aff_f16(uint16_t h, const FillSpec& s) {
  if (s.affine == kAffineNone) return h;
  const uint16_t m = float_to_half(half_to_float(h) * float(s.a));
  return s.affine == kAffineMul ? m : float_to_half(half_to_float(m) + float(s.b));
}
uint16_t aff_bf16(uint16_t h, const FillSpec& s) {
  if (s.affine == kAffineNone) return h;
  const uint16_t m = float_to_bfloat16(bfloat16_to_float(h) * float(s.a));
  return s.affine == kAffineMul ? m : float_to_bfloat16(bfloat16_to_float(m) + float(s.b));
}

// Stores the float results f[0..3] of a 4-wide group in the dtype, affine applied.
void put_floats4(const FillSpec& s, const float f[4], uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    if (s.dtype == kF32) put(out, i, aff_f32(f[i], s));
    if (s.dtype == kF16) put(out, i, aff_f16(float_to_half(f[i]), s));
    if (s.dtype == kBF16) put(out, i, aff_bf16(float_to_bfloat16(f[i]), s));
  }
}

// Group g of the output, G elements, as bytes.
void ref_group(const FillSpec& s, size_t g, uint8_t* out) {
  if (s.dist == kDistTruncNormal) {
    // A fresh single-word stream at counter + 256g (4-wide) / 128g (float64).
    uint32_t c[4];
    counter_plus(s.counter, u128(g) * (s.dtype == kF64 ? 128 : 256), c);
    uint32_t words[4];
    int used = 4;
    auto next = [&]() {
      if (used == 4) {
        const Block b = philox_block(c, s.key);
        std::memcpy(words, b.w, sizeof words);
        counter_plus(c, 1, c);
        used = 0;
      }
      return words[used++];
    };
    if (s.dtype == kF64) {
      double v[2];
      int kept = 0;
      while (kept < 2) {
        const uint32_t x0 = next(), x1 = next(), x2 = next(), x3 = next();
        double d[2];
        box_muller_f64(x0, x1, x2, x3, &d[0], &d[1]);
        for (int i = 0; i < 2 && kept < 2; ++i)
          if (std::fabs(d[i]) < 2.0) v[kept++] = d[i];
      }
      put(out, 0, aff_f64(v[0], s));
      put(out, 1, aff_f64(v[1], s));
      return;
    }
    float v[4];
    int kept = 0;
    while (kept < 4) {
      const uint32_t x0 = next(), x1 = next();
      float f[2];
      box_muller_f32(x0, x1, &f[0], &f[1]);
      for (int i = 0; i < 2 && kept < 4; ++i)
        if (std::fabs(f[i]) < 2.0f) v[kept++] = f[i];
    }
    put_floats4(s, v, out);
    return;
  }

  uint32_t c[4];
  counter_plus(s.counter, g, c);
  const Block blk = philox_block(c, s.key);
  const uint32_t* w = blk.w;
  const uint64_t q0 = uint64_t(w[0]) | uint64_t(w[1]) << 32;
  const uint64_t q1 = uint64_t(w[2]) | uint64_t(w[3]) << 32;
  switch (s.dist) {
    case kDistBits:
      if (esize(s.dtype) == 8) {
        put(out, 0, q0);
        put(out, 1, q1);
      } else {
        for (int i = 0; i < 4; ++i) put(out, i, w[i]);
      }
      return;
    case kDistInt:
      if (esize(s.dtype) == 8) {
        put(out, 0, uint64_t(s.lo + q0 % s.range));
        put(out, 1, uint64_t(s.lo + q1 % s.range));
      } else {
        for (int i = 0; i < 4; ++i) put(out, i, uint32_t(uint32_t(s.lo) + w[i] % uint32_t(s.range)));
      }
      return;
    case kDistUniform:
      if (s.dtype == kF64) {
        put(out, 0, aff_f64(uint64_to_double(w[0], w[1]), s));
        put(out, 1, aff_f64(uint64_to_double(w[2], w[3]), s));
      } else {
        for (int i = 0; i < 4; ++i) {
          if (s.dtype == kF32) put(out, i, aff_f32(uint32_to_float(w[i]), s));
          if (s.dtype == kF16) put(out, i, aff_f16(uint32_to_half(w[i]), s));
          if (s.dtype == kBF16) put(out, i, aff_bf16(uint32_to_bfloat16(w[i]), s));
        }
      }
      return;
    case kDistNormal:
      if (s.dtype == kF64) {
        double d[2];
        box_muller_f64(w[0], w[1], w[2], w[3], &d[0], &d[1]);
        put(out, 0, aff_f64(d[0], s));
        put(out, 1, aff_f64(d[1], s));
      } else {
        float f[4];
        box_muller_f32(w[0], w[1], &f[0], &f[1]);
        box_muller_f32(w[2], w[3], &f[2], &f[3]);
        put_floats4(s, f, out);
      }
      return;
    default: return;
  }
}

std::vector<uint8_t> ref_fill(const FillSpec& s, size_t n) {
  const size_t G = gsize(s.dtype), es = esize(s.dtype);
  std::vector<uint8_t> out(n * es);
  uint8_t group[16];
  for (size_t g = 0; g * G < n; ++g) {
    ref_group(s, g, group);
    const size_t k = n - g * G < G ? n - g * G : G;
    std::memcpy(out.data() + g * G * es, group, k * es);
  }
  return out;
}

// ---- the cases ---------------------------------------------------------------------------

struct Combo {
  Dist dist;
  DType dtype;
  uint64_t lo, range;
  Affine affine;
  double a, b;
};

std::string describe(const FillSpec& s, size_t n) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%s %s lo=%" PRIu64 " range=%" PRIu64 " affine=%d a=%g b=%g n=%zu key=%08x:%08x "
                "ctr=%08x:%08x:%08x:%08x",
                dist_name(s.dist), dtype_name(s.dtype), s.lo, s.range, int(s.affine), s.a, s.b, n,
                s.key[0], s.key[1], s.counter[0], s.counter[1], s.counter[2], s.counter[3]);
  return buf;
}

std::vector<Combo> combos() {
  std::vector<Combo> v;
  for (DType t : {kU32, kI32, kU64, kI64}) v.push_back({kDistBits, t, 0, 0, kAffineNone, 0, 0});
  // Affine parameters are values of the dtype. Besides plain ones: results that
  // overflow, go subnormal, or hit inf * 0 = NaN.
  struct AB {
    Affine op;
    double a, b;
  };
  const std::vector<AB> f16_ab = {{kAffineNone, 0, 0},       {kAffineMul, 2.5, 0},
                                  {kAffineMulAdd, -3.75, 0.5}, {kAffineMulAdd, 60000.0, 30000.0},
                                  {kAffineMul, 0x1p-20, 0},   {kAffineMulAdd, INFINITY, 1.0}};
  const std::vector<AB> bf16_ab = {{kAffineNone, 0, 0},        {kAffineMul, 2.5, 0},
                                   {kAffineMulAdd, -3.75, 0.5},  {kAffineMulAdd, 0x1.fep127, 0x1p127},
                                   {kAffineMul, 0x1p-130, 0},    {kAffineMulAdd, INFINITY, 1.0}};
  const std::vector<AB> f32_ab = {{kAffineNone, 0, 0},
                                  {kAffineMul, 2.5, 0},
                                  {kAffineMulAdd, double(0.1f), double(-7.3f)},
                                  {kAffineMulAdd, double(3e38f), double(3e38f)},
                                  {kAffineMul, 0x1p-140, 0},
                                  {kAffineMulAdd, -INFINITY, 1.0}};
  const std::vector<AB> f64_ab = {{kAffineNone, 0, 0},        {kAffineMul, 2.5, 0},
                                  {kAffineMulAdd, 0.1, -7.3},   {kAffineMulAdd, 1.7e308, 1.7e308},
                                  {kAffineMul, 0x1p-1070, 0},   {kAffineMulAdd, INFINITY, 1.0}};
  for (Dist d : {kDistUniform, kDistNormal, kDistTruncNormal}) {
    for (DType t : {kF16, kBF16, kF32, kF64}) {
      const std::vector<AB>& abs = t == kF16 ? f16_ab : t == kBF16 ? bf16_ab : t == kF32 ? f32_ab : f64_ab;
      for (const AB& ab : abs) v.push_back({d, t, 0, 0, ab.op, ab.a, ab.b});
    }
  }
  // Bounded ints: lo as two's complement, range = (maxval - minval) mod 2^bits.
  const std::pair<int64_t, uint64_t> i32[] = {
      {0, 1},           {-7, 3},          {-7, 1000010},    {INT32_MIN, 0xC0000000u},
      {0, 0x80000000u}, {INT32_MIN, 0xFFFFFFFFu}, {5, 0x80000001u}, {-100, 0xFFFFFFFEu},
      {2147483644, 3},  {0, 2},
  };
  for (const auto& p : i32) v.push_back({kDistInt, kI32, uint64_t(p.first), p.second, kAffineNone, 0, 0});
  const std::pair<int64_t, uint64_t> i64[] = {
      {0, 1},
      {0, 10},
      {-7, 3},
      {INT64_MIN / 2, uint64_t(1) << 63},
      {INT64_MIN, ~uint64_t(0)},
      {0, (uint64_t(1) << 62) + 1},
      {INT64_MIN, 3 * (uint64_t(1) << 62)},
      {-1000, 1},
      {int64_t(1) << 40, 3 * (uint64_t(1) << 32) + 7},
      {5, uint64_t(1) << 32},
      {5, (uint64_t(1) << 32) + 1},
      {-3, ~uint64_t(0) - 1},
      {0, 0xFFFFFFFFu},
  };
  for (const auto& p : i64) v.push_back({kDistInt, kI64, uint64_t(p.first), p.second, kAffineNone, 0, 0});
  return v;
}

struct Ctr {
  uint32_t c[4];
  bool big;  // also run the 65537-element size
};
const Ctr kCounters[] = {
    {{0, 0, 0, 0}, true},
    {{0xFFFFFFFA, 0, 0, 0}, false},                            // c0 -> c1 carry after 6 blocks
    {{0xFFFFFFFA, 0xFFFFFFFF, 0, 0}, false},                   // (c0, c1) wraps 2^64 -> c2
    {{0xFFFFFFFA, 0xFFFFFFFF, 0xFFFFFFFF, 0x12345678}, false}, // carry into c3
    {{0xFFFFFFFA, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, false}, // 2^128 wrap
    {{0x9E3779B9, 0x7F4A7C15, 0xF39CC060, 0x5CED8A3F}, false},
    {{0xFFFFFFFF - 5000, 3, 0, 0}, true},                      // wraps inside the 5th chunk
    {{0xFFFFFF80, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, true},  // 256-block truncation stride wraps
};
const uint32_t kKeys[][2] = {{7, 0}, {0xDEADBEEF, 0x80000005}, {0xFFFFFFFF, 0xFFFFFFFF}};

std::vector<size_t> sizes(bool big) {
  std::vector<size_t> v;
  for (size_t n = 0; n <= 130; ++n) v.push_back(n);
  for (size_t n : {1023, 1024, 1025, 4097}) v.push_back(n);
  if (big) v.push_back(65537);
  return v;
}

const uint8_t kCanary = 0xA5;
constexpr size_t kPad = 64;

// Fills n elements at byte offset `off` inside a canaried buffer; returns
// false if anything outside [off, off + n*es) changed.
bool fill_canaried(const FillSpec& s, size_t n, size_t off, std::vector<uint8_t>* got) {
  const size_t bytes = n * esize(s.dtype);
  std::vector<uint8_t> buf(kPad + off + bytes + kPad, kCanary);
  fill(s, buf.data() + kPad + off, n);
  got->assign(buf.begin() + long(kPad + off), buf.begin() + long(kPad + off + bytes));
  for (size_t i = 0; i < kPad + off; ++i)
    if (buf[i] != kCanary) return false;
  for (size_t i = kPad + off + bytes; i < buf.size(); ++i)
    if (buf[i] != kCanary) return false;
  return true;
}

std::string first_diff(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, size_t es) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i] != b[i]) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " first diff at element %zu", i / es);
      return buf;
    }
  return a.size() == b.size() ? "" : " size differs";
}

void test_tiers(const std::vector<const KernelTable*>& tiers) {
  const std::vector<Combo> cs = combos();
  size_t cases = 0;
  for (size_t ci = 0; ci < cs.size(); ++ci) {
    const Combo& cb = cs[ci];
    size_t bad = 0;
    for (size_t ki = 0; ki < sizeof kCounters / sizeof kCounters[0]; ++ki) {
      FillSpec s{};
      s.dist = cb.dist;
      s.dtype = cb.dtype;
      s.key[0] = kKeys[(ci + ki) % 3][0];
      s.key[1] = kKeys[(ci + ki) % 3][1];
      std::memcpy(s.counter, kCounters[ki].c, sizeof s.counter);
      s.lo = cb.lo;
      s.range = cb.range;
      s.affine = cb.affine;
      s.a = cb.a;
      s.b = cb.b;
      for (size_t n : sizes(kCounters[ki].big)) {
        const std::vector<uint8_t> want = ref_fill(s, n);
        for (size_t t = 0; t < tiers.size(); ++t) {
          select_kernel(tiers[t]->name);
          const size_t off = (n + t + ki) % 4;
          std::vector<uint8_t> got;
          const bool canaries = fill_canaried(s, n, off, &got);
          ++cases;
          if (!canaries || got != want) {
            if (++bad <= 3)
              check(false, std::string(tiers[t]->name) + " " + describe(s, n) + " off=" +
                               std::to_string(off) + (canaries ? "" : " CANARY") +
                               first_diff(got, want, esize(s.dtype)));
          }
        }
      }
    }
    if (bad == 0) check(true, "");
  }
  std::printf("tiers: %zu fills compared with the reference (%zu combos)\n", cases, cs.size());
}

// Group ranges filled in pieces, last piece first, equal the whole.
void test_pieces(const std::vector<const KernelTable*>& tiers) {
  const std::vector<Combo> cs = combos();
  for (const KernelTable* k : tiers) {
    select_kernel(k->name);
    size_t bad = 0;
    for (size_t ci = 0; ci < cs.size(); ++ci) {
      FillSpec s{};
      s.dist = cs[ci].dist;
      s.dtype = cs[ci].dtype;
      s.key[0] = 0x01234567;
      s.key[1] = 0x89ABCDEF;
      std::memcpy(s.counter, kCounters[6].c, sizeof s.counter);
      s.lo = cs[ci].lo;
      s.range = cs[ci].range;
      s.affine = cs[ci].affine;
      s.a = cs[ci].a;
      s.b = cs[ci].b;
      for (size_t n : {1, 7, 130, 1025, 20011}) {
        const std::vector<uint8_t> want = ref_fill(s, n);
        const size_t ng = group_count(n, s.dtype);
        const size_t cut1 = ng / 3, cut2 = ng - ng / 5;
        std::vector<uint8_t> got(n * esize(s.dtype), kCanary);
        fill_groups(s, got.data(), n, cut2, ng + 5);  // past the end is clamped
        fill_groups(s, got.data(), n, cut1, cut2);
        fill_groups(s, got.data(), n, 0, cut1);
        fill_groups(s, got.data(), n, cut1, cut1);  // empty
        if (got != want && ++bad <= 3)
          check(false, std::string("pieces ") + k->name + " " + describe(s, n));
      }
    }
    if (bad == 0) check(true, "");
  }
}

// ---- golden data (TensorFlow 2.21) -----------------------------------------------------------

struct Json {
  enum Type { kNull, kBool, kNum, kStr, kArr, kObj } type = kNull;
  std::string s;  // string contents, or the number's text
  std::vector<Json> arr;
  std::vector<std::pair<std::string, Json>> obj;
  const Json* get(const char* k) const {
    for (const auto& p : obj)
      if (p.first == k) return &p.second;
    return nullptr;
  }
};

struct JsonParser {
  const char* p;
  const char* end;
  bool ok = true;
  void ws() {
    while (p < end && std::isspace(static_cast<unsigned char>(*p))) ++p;
  }
  bool eat(char c) {
    ws();
    if (p < end && *p == c) {
      ++p;
      return true;
    }
    return false;
  }
  Json value() {
    Json v;
    ws();
    if (p >= end) {
      ok = false;
      return v;
    }
    if (*p == '{') {
      ++p;
      v.type = Json::kObj;
      if (eat('}')) return v;
      do {
        ws();
        Json k = value();
        if (k.type != Json::kStr || !eat(':')) {
          ok = false;
          return v;
        }
        Json val = value();
        v.obj.emplace_back(std::move(k.s), std::move(val));
      } while (ok && eat(','));
      if (!eat('}')) ok = false;
    } else if (*p == '[') {
      ++p;
      v.type = Json::kArr;
      if (eat(']')) return v;
      do v.arr.push_back(value());
      while (ok && eat(','));
      if (!eat(']')) ok = false;
    } else if (*p == '"') {
      ++p;
      v.type = Json::kStr;
      while (p < end && *p != '"') {
        if (*p == '\\' && p + 1 < end) ++p;  // our files only escape plain characters
        v.s += *p++;
      }
      if (p >= end) ok = false;
      ++p;
    } else if (std::strncmp(p, "true", 4) == 0 || std::strncmp(p, "false", 5) == 0) {
      v.type = Json::kBool;
      v.s = *p == 't' ? "true" : "false";
      p += *p == 't' ? 4 : 5;
    } else if (std::strncmp(p, "null", 4) == 0) {
      p += 4;
    } else {
      v.type = Json::kNum;
      while (p < end && (std::isdigit(static_cast<unsigned char>(*p)) || std::strchr("+-.eE", *p)))
        v.s += *p++;
      if (v.s.empty()) ok = false;
    }
    return v;
  }
};

// An integer argument: a JSON number or {"$big": "..."}; false if neither.
bool json_int(const Json* j, int64_t* out) {
  if (!j) return false;
  if (j->type == Json::kObj) j = j->get("$big");
  if (!j || (j->type != Json::kNum && j->type != Json::kStr)) return false;
  errno = 0;
  char* e = nullptr;
  if (!j->s.empty() && j->s[0] != '-') {
    *out = int64_t(std::strtoull(j->s.c_str(), &e, 10));
  } else {
    *out = std::strtoll(j->s.c_str(), &e, 10);
  }
  return errno == 0 && e && *e == '\0';
}

bool parse_dist(const std::string& s, Dist* d) {
  for (int i = 0; i <= kDistInt; ++i)
    if (s == dist_name(Dist(i))) {
      *d = Dist(i);
      return true;
    }
  return false;
}
bool parse_dtype(const std::string& s, DType* t) {
  for (int i = 0; i <= kU64; ++i)
    if (s == dtype_name(DType(i))) {
      *t = DType(i);
      return true;
    }
  return false;
}

// Element i of `bytes` in the encoding of the golden files.
std::string encode(const uint8_t* bytes, size_t i, DType t) {
  char buf[32];
  switch (t) {
    case kF16: case kBF16: {
      uint16_t v;
      std::memcpy(&v, bytes + 2 * i, 2);
      std::snprintf(buf, sizeof buf, "%04x", v);
      break;
    }
    case kF32: {
      uint32_t v;
      std::memcpy(&v, bytes + 4 * i, 4);
      std::snprintf(buf, sizeof buf, "%08x", v);
      break;
    }
    case kF64: {
      uint64_t v;
      std::memcpy(&v, bytes + 8 * i, 8);
      std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
      break;
    }
    case kI32: {
      int32_t v;
      std::memcpy(&v, bytes + 4 * i, 4);
      std::snprintf(buf, sizeof buf, "%" PRId32, v);
      break;
    }
    case kU32: {
      uint32_t v;
      std::memcpy(&v, bytes + 4 * i, 4);
      std::snprintf(buf, sizeof buf, "%" PRIu32, v);
      break;
    }
    case kI64: {
      int64_t v;
      std::memcpy(&v, bytes + 8 * i, 8);
      std::snprintf(buf, sizeof buf, "%" PRId64, v);
      break;
    }
    case kU64: {
      uint64_t v;
      std::memcpy(&v, bytes + 8 * i, 8);
      std::snprintf(buf, sizeof buf, "%" PRIu64, v);
      break;
    }
  }
  return buf;
}

// A philoxFill step -> spec + n + expected strings; false if malformed.
bool golden_step(const Json& st, FillSpec* s, size_t* n, std::vector<std::string>* want) {
  const Json* args = st.get("args");
  const Json* opts = st.get("opts");
  const Json* expect = st.get("expect");
  if (!args || args->arr.size() < 3 || !opts || !expect) return false;
  const Json* values = expect->get("values");
  const Json* dist = opts->get("dist");
  const Json* dtype = opts->get("dtype");
  if (!values || !dist || !dtype) return false;
  *s = FillSpec{};
  int64_t v;
  if (!json_int(&args->arr[0], &v) || v < 0) return false;
  *n = size_t(v);
  if (args->arr[1].arr.size() != 2 || args->arr[2].arr.size() != 4) return false;
  for (int k = 0; k < 2; ++k) {
    if (!json_int(&args->arr[1].arr[size_t(k)], &v)) return false;
    s->key[k] = uint32_t(v);
  }
  for (int k = 0; k < 4; ++k) {
    if (!json_int(&args->arr[2].arr[size_t(k)], &v)) return false;
    s->counter[k] = uint32_t(v);
  }
  if (!parse_dist(dist->s, &s->dist) || !parse_dtype(dtype->s, &s->dtype)) return false;
  s->affine = kAffineNone;
  if (s->dist == kDistInt) {
    int64_t lo, hi;
    if (!json_int(opts->get("minval"), &lo) || !json_int(opts->get("maxval"), &hi)) return false;
    s->lo = uint64_t(lo);
    s->range = uint64_t(hi) - uint64_t(lo);
    if (esize(s->dtype) == 4) s->range &= 0xFFFFFFFFu;
    if (s->range == 0) return false;
  }
  want->clear();
  for (const Json& e : values->arr) want->push_back(e.s);
  return want->size() == *n;
}

void collect_steps(const Json& j, std::vector<const Json*>* out) {
  if (j.type == Json::kObj) {
    const Json* call = j.get("call");
    if (call && call->type == Json::kStr && call->s == "philoxFill") {
      out->push_back(&j);
      return;
    }
    for (const auto& p : j.obj) collect_steps(p.second, out);
  } else if (j.type == Json::kArr) {
    for (const Json& e : j.arr) collect_steps(e, out);
  }
}

void test_golden(const char* path, const std::vector<const KernelTable*>& tiers) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    check(false, std::string("golden: cannot read ") + path);
    return;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  JsonParser jp{text.data(), text.data() + text.size()};
  const Json root = jp.value();
  if (!jp.ok) {
    check(false, std::string("golden: cannot parse ") + path);
    return;
  }
  std::vector<const Json*> steps;
  collect_steps(root, &steps);
  size_t values = 0, steps_ok = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    FillSpec s;
    size_t n;
    std::vector<std::string> want;
    if (!golden_step(*steps[i], &s, &n, &want)) {
      check(false, std::string("golden: malformed step ") + std::to_string(i));
      continue;
    }
    bool step_ok = true;
    // The reference itself, then every tier.
    const std::vector<uint8_t> ref = ref_fill(s, n);
    for (size_t t = 0; t <= tiers.size(); ++t) {
      const uint8_t* bytes = ref.data();
      std::vector<uint8_t> got;
      const char* who = "reference";
      if (t < tiers.size()) {
        select_kernel(tiers[t]->name);
        who = tiers[t]->name;
        if (!fill_canaried(s, n, (i + t) % 4, &got)) {
          check(false, std::string("golden canary ") + who + " " + describe(s, n));
          step_ok = false;
          continue;
        }
        bytes = got.data();
      }
      size_t bad = 0, first = 0;
      for (size_t k = 0; k < n; ++k)
        if (encode(bytes, k, s.dtype) != want[k] && bad++ == 0) first = k;
      values += n;
      if (bad) {
        step_ok = false;
        check(false, std::string("golden ") + who + " step " + std::to_string(i) + " " +
                         describe(s, n) + ": " + std::to_string(bad) + " wrong, first #" +
                         std::to_string(first) + " got " + encode(bytes, first, s.dtype) +
                         " want " + want[first]);
      }
    }
    if (step_ok) {
      check(true, "");
      ++steps_ok;
    }
  }
  check(!steps.empty(), std::string("golden: no philoxFill steps in ") + path);
  std::printf("golden %s: %zu/%zu steps exact (reference + %zu tiers, %zu values)\n", path,
              steps_ok, steps.size(), tiers.size(), values);
}

// TF_PHILOX_KERNEL caps the default tier; unknown values are ignored. Checked
// by re-running this binary with `--active-kernel` under each setting.
void test_dispatch(const char* self, const std::vector<const KernelTable*>& tiers) {
  auto supported = [&](const char* name) {
    for (const KernelTable* k : tiers)
      if (std::strcmp(k->name, name) == 0) return true;
    return false;
  };
  const char* best = tiers.front()->name;
  // A cap gives the best supported tier at or below it, in dispatch.cc's order.
  static const char* const kOrder[] = {"avx512", "avx2", "sse4.1", "neon", "scalar"};
  auto capped = [&](const char* cap) -> const char* {
    size_t i = 0;
    while (std::strcmp(kOrder[i], cap) != 0) ++i;
    for (; i < sizeof kOrder / sizeof *kOrder; ++i)
      if (supported(kOrder[i])) return kOrder[i];
    return "scalar";
  };
  const char* const cases[][2] = {{"", best},                       {"bogus", best},
                                  {"scalar", "scalar"},             {"avx512", capped("avx512")},
                                  {"avx2", capped("avx2")},         {"sse4.1", capped("sse4.1")}};
  for (const auto& c : cases) {
    const std::string cmd = std::string("TF_PHILOX_KERNEL='") + c[0] + "' '" + self + "' --active-kernel";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[64] = {0};
    if (p) {
      if (!std::fgets(buf, sizeof buf, p)) buf[0] = 0;
      pclose(p);
    }
    std::string got = buf;
    while (!got.empty() && (got.back() == '\n' || got.back() == '\r')) got.pop_back();
    check(got == c[1], std::string("TF_PHILOX_KERNEL='") + c[0] + "': got '" + got + "' want '" + c[1] + "'");
  }
  check(!select_kernel("bogus") && !select_kernel(nullptr), "select_kernel refuses unknown tiers");
  for (const KernelTable* k : tiers)
    check(select_kernel(k->name) && &active_kernel() == k, std::string("select_kernel ") + k->name);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--active-kernel") == 0) {
    std::printf("%s\n", active_kernel().name);
    return 0;
  }
  const KernelTable* t[8];
  const size_t nt = available_kernels(t, 8);
  const std::vector<const KernelTable*> tiers(t, t + nt);
  std::printf("tiers:");
  for (const KernelTable* k : tiers) std::printf(" %s", k->name);
  std::printf(" (active by default: %s)\n", active_kernel().name);
  check(nt >= 1 && std::strcmp(tiers.back()->name, "scalar") == 0, "scalar tier present, last");
  if (!std::getenv("TF_PHILOX_KERNEL"))
    check(&active_kernel() == tiers.front(), "default tier is the best available");
  test_dispatch(argv[0], tiers);

  test_tiers(tiers);
  test_pieces(tiers);

  if (argc > 1) {
    for (int i = 1; i < argc; ++i) test_golden(argv[i], tiers);
  } else {
    // Default: the shared golden file next to the checkout (../shared/golden).
    std::string here = __FILE__;
    here = here.substr(0, here.find_last_of('/') + 1);
    const std::string def = here + "../../../shared/golden/tf-2.21-core.json";
    if (std::ifstream(def))
      test_golden(def.c_str(), tiers);
    else
      std::printf("golden: no file given and %s not found; skipped\n", def.c_str());
  }
  std::printf("%d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
