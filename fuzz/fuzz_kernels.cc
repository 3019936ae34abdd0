// Differential fuzzing of the kernel table (cpp/kernels/kernel.h): every tier
// this build and CPU can run (tfp::available_kernels) against the scalar
// reference, entry by entry, on fuzzed key, counter, block count, integer lo
// and range, and output misalignment. The kernel contract is respected
// (ctr[0] + nblocks <= 2^32); counters are steered to just below the c0 wrap.
// Any byte that differs aborts with a description.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "fuzz_input.h"
#include "kernels/kernel.h"

namespace {

using fuzz::Buffer;
using fuzz::FuzzInput;

enum Entry { kBits32, kUniF32, kUniF64, kUniF16, kUniBF16, kInt32, kInt64, kNormalF32, kNormalF32At, kEntries };

const char* const kEntryNames[] = {"bits32", "uniform_f32", "uniform_f64", "uniform_f16",
                                   "uniform_bf16", "int32", "int64", "normal_f32",
                                   "normal_f32_at"};

size_t bytes_per_block(int e) {
  switch (e) {
    case kUniF16:
    case kUniBF16: return 8;
    default: return 16;
  }
}

struct Call {
  int entry;
  uint32_t key[2];
  uint32_t ctr[4];
  size_t nblocks;
  uint32_t lo32, range32;
  uint64_t lo64, range64;
  std::vector<uint32_t> offs;  // normal_f32_at: c0 offsets of the listed blocks
};

// normal_f32_at also writes its rejects bits to `rejects` (null: none asked).
void run(const tfp::KernelTable& k, const Call& c, void* out, uint64_t* rejects) {
  switch (c.entry) {
    case kBits32: k.bits32(c.key, c.ctr, c.nblocks, static_cast<uint32_t*>(out)); break;
    case kUniF32: k.uniform_f32(c.key, c.ctr, c.nblocks, static_cast<float*>(out)); break;
    case kUniF64: k.uniform_f64(c.key, c.ctr, c.nblocks, static_cast<double*>(out)); break;
    case kUniF16: k.uniform_f16(c.key, c.ctr, c.nblocks, static_cast<uint16_t*>(out)); break;
    case kUniBF16: k.uniform_bf16(c.key, c.ctr, c.nblocks, static_cast<uint16_t*>(out)); break;
    case kInt32:
      k.int32(c.key, c.ctr, c.nblocks, c.lo32, c.range32, static_cast<uint32_t*>(out));
      break;
    case kInt64:
      k.int64(c.key, c.ctr, c.nblocks, c.lo64, c.range64, static_cast<uint64_t*>(out));
      break;
    case kNormalF32: k.normal_f32(c.key, c.ctr, c.nblocks, static_cast<float*>(out)); break;
    case kNormalF32At:
      k.normal_f32_at(c.key, c.ctr, c.offs.data(), c.nblocks, static_cast<float*>(out), rejects);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  Call c;
  c.entry = in.u8() % kEntries;
  c.key[0] = in.u32();
  c.key[1] = in.u32();
  fuzz::pick_counter(in, c.ctr);
  // Mostly short calls (the SIMD tails), sometimes up to a few thousand blocks.
  const uint16_t len = in.u16();
  c.nblocks = (len & 0x8000) ? (len & 0x0FFF) : (len & 0x3F);
  // the kernel contract: ctr[0] + nblocks <= 2^32; listed blocks: no
  // ctr[0] + offs[i] passes 2^32
  const uint64_t room = (uint64_t{1} << 32) - c.ctr[0];
  if (c.entry == kNormalF32At) {
    // truncated normals' lists (256 i, or 256 i + 1 for some i), or offsets
    // anywhere below the wrap
    const uint8_t mode = in.u8();
    for (size_t i = 0; i < c.nblocks; ++i) {
      const uint64_t o = mode & 1 ? uint64_t{256} * i + (in.u8() & 1) : in.u32();
      c.offs.push_back(uint32_t(o % room));
    }
  } else if (c.nblocks > room) {
    c.nblocks = size_t(room);
  }
  c.lo32 = fuzz::pick_lo32(in);
  c.range32 = fuzz::pick_range32(in);
  c.lo64 = fuzz::pick_lo64(in);
  c.range64 = fuzz::pick_range64(in);
  const size_t skew = in.u8() % 8;

  const tfp::KernelTable* tiers[8];
  const size_t nt = tfp::available_kernels(tiers, 8);
  const size_t bytes = c.nblocks * bytes_per_block(c.entry);

  Buffer ref(bytes, 0, 0xA5);
  // normal_f32_at's rejects words (asked for on odd block counts, to run the
  // null case too); the canary word after them must stay untouched
  const bool want_rejects = c.entry == kNormalF32At && (c.nblocks & 1);
  const size_t words = (c.nblocks + 63) / 64;
  std::vector<uint64_t> ref_rej(words + 1, 0xA5A5A5A5A5A5A5A5ull);
  run(tfp::kScalarKernel, c, ref.data(), want_rejects ? ref_rej.data() : nullptr);
  if (ref_rej[words] != 0xA5A5A5A5A5A5A5A5ull || (!want_rejects && ref_rej[0] != 0xA5A5A5A5A5A5A5A5ull))
    fuzz::fail("normal_f32_at wrote rejects words it was not given");
  for (size_t t = 0; t < nt; ++t) {
    if (tiers[t] == &tfp::kScalarKernel) continue;
    Buffer got(bytes, skew, 0x5A);
    std::vector<uint64_t> got_rej(words + 1, 0xA5A5A5A5A5A5A5A5ull);
    run(*tiers[t], c, got.data(), want_rejects ? got_rej.data() : nullptr);
    if (got_rej != ref_rej) {
      std::fprintf(stderr, "tier %s normal_f32_at rejects differ from scalar (nblocks %zu)\n", tiers[t]->name,
                   c.nblocks);
      fuzz::fail("kernel tier differs from scalar");
    }
    if (std::memcmp(ref.data(), got.data(), bytes) != 0) {
      size_t i = 0;
      while (ref.data()[i] == got.data()[i]) ++i;
      std::fprintf(stderr,
                   "tier %s entry %s differs from scalar at byte %zu of %zu\n"
                   "  key %08x %08x ctr %08x %08x %08x %08x nblocks %zu skew %zu\n"
                   "  lo32 %08x range32 %08x lo64 %016llx range64 %016llx\n",
                   tiers[t]->name, kEntryNames[c.entry], i, bytes, c.key[0], c.key[1], c.ctr[0],
                   c.ctr[1], c.ctr[2], c.ctr[3], c.nblocks, skew, c.lo32, c.range32,
                   (unsigned long long)c.lo64, (unsigned long long)c.range64);
      fuzz::fail("kernel tier differs from scalar");
    }
  }
  return 0;
}
