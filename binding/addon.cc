// tf-philox's Node addon: thin glue between lib/ (which validates and
// normalises every argument) and the C++ core. Context-aware: all per-realm
// state is instance data, so it loads in any number of worker_threads.
//
// Hot fills read their numeric parameters from a Float64Array "parameter
// block" that lib/ registers once and rewrites before each call (one N-API
// argument instead of sixteen). Layout, one double per slot:
//   0 dist   1 dtype   2 k0   3 k1   4 c0   5 c1   6 c2   7 c3
//   8 lo.lo32   9 lo.hi32   10 range.lo32   11 range.hi32
//   12 affine   13 a   14 b   15 n (elements; async only)   16 parts (async only)
#include <napi.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "async_run.h"
#include "fill.h"
#include "jobs.h"
#include "kernels/kernel.h"
#include "memory.h"
#include "philox.h"

#ifndef TFP_SOURCE_HASH
#define TFP_SOURCE_HASH "unknown"
#endif

namespace tfp_binding {
namespace {

constexpr size_t kParamSlots = 17;

struct Instance {
  Napi::Reference<Napi::Float64Array> params_ref;
  double* params = nullptr;
  std::shared_ptr<AsyncCalls> calls;  // async calls in flight (async_run.h)
};

Instance& instance(Napi::Env env) { return *env.GetInstanceData<Instance>(); }

// lib/ validates every argument; the re-checks below only keep a broken or
// bypassed lib/ from turning into undefined behaviour (a double -> integer
// cast of NaN or of an out-of-range value) or a crash.
[[noreturn]] void internal_error(Napi::Env env, const char* what) {
  throw Napi::RangeError::New(env, std::string("tf-philox: internal argument out of range: ") + what);
}
bool integral(double v, double max) { return v >= 0 && v <= max && v == std::floor(v); }
uint32_t u32(Napi::Env env, double v) {
  if (!integral(v, 4294967295.0)) internal_error(env, "a uint32 word");
  return static_cast<uint32_t>(v);
}
uint64_t u64(Napi::Env env, double lo, double hi) { return (uint64_t{u32(env, hi)} << 32) | u32(env, lo); }
// A count or size: a non-negative integer up to 2^53.
size_t count(Napi::Env env, double v, const char* what) {
  if (!integral(v, 9007199254740992.0)) internal_error(env, what);
  return static_cast<size_t>(v);
}
int code(Napi::Env env, double v, int max, const char* what) {
  if (!integral(v, max)) internal_error(env, what);
  return static_cast<int>(v);
}
tfp::DType dtype_code(Napi::Env env, double v) { return static_cast<tfp::DType>(code(env, v, 7, "dtype")); }
// n elements of dtype: the byte count must fit (and so must any unit count).
void check_bytes(Napi::Env env, size_t n, size_t per) {
  if (per != 0 && n > (size_t{1} << 56) / per) internal_error(env, "output size");
}

const double* param_block(Napi::Env env) {
  const double* p = instance(env).params;
  if (!p) throw Napi::Error::New(env, "tf-philox: parameter block not registered");
  return p;
}

tfp::FillSpec spec_from(Napi::Env env, const double* p) {
  tfp::FillSpec s{};
  s.dist = static_cast<tfp::Dist>(code(env, p[0], tfp::kDistInt, "dist"));
  s.dtype = dtype_code(env, p[1]);
  s.key[0] = u32(env, p[2]); s.key[1] = u32(env, p[3]);
  for (int i = 0; i < 4; ++i) s.counter[i] = u32(env, p[4 + i]);
  s.affine = static_cast<tfp::Affine>(code(env, p[12], tfp::kAffineMulAdd, "affine"));
  s.a = p[13];
  s.b = p[14];
  if (s.dist == tfp::kDistInt) {
    s.lo = u64(env, p[8], p[9]);
    s.range = u64(env, p[10], p[11]);
    if (s.range == 0) internal_error(env, "an empty int range");  // x mod 0
  }
  return s;
}

// output_bytes (async_run.h): lib/ has checked `out` already, the addon
// re-checks so no input can make it write out of bounds. SharedArrayBuffer-
// backed views are accepted (they cannot detach).

Napi::Value SetParamBlock(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[0].As<Napi::TypedArray>().ElementLength() < kParamSlots)
    throw Napi::TypeError::New(env, "setParamBlock: expected a Float64Array of 17 slots");
  Instance& in = instance(env);
  Napi::Float64Array f = info[0].As<Napi::Float64Array>();
  in.params_ref = Napi::Persistent(f);
  in.params = f.Data();
  return env.Undefined();
}

// fill(out): sync, straight into the caller's buffer (no JS runs meanwhile).
Napi::Value Fill(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tfp::FillSpec spec = spec_from(env, param_block(env));
  if (info.Length() < 1 || !info[0].IsTypedArray()) throw Napi::TypeError::New(env, "out: expected a TypedArray");
  Napi::TypedArray ta = info[0].As<Napi::TypedArray>();
  const size_t es = tfp::element_size(spec.dtype);
  const size_t n = ta.ByteLength() / es;
  uint8_t* out = output_bytes(env, info[0], n * es);
  tfp::fill(spec, out, n);
  return env.Undefined();
}

Napi::Function callback(Napi::Env env, const Napi::Value& v) {
  if (!v.IsFunction()) throw Napi::TypeError::New(env, "tf-philox: internal callback is not a function");
  return v.As<Napi::Function>();
}

// The `target` argument of the async entry points (async_run.h):
//   undefined / null  kFresh: done(null, ArrayBuffer), a fresh buffer
//   true              kHeld: done(null, scratch handle) for copyOut/release
//   a TypedArray      exactly the output's byte length, done(null, null):
//                     backed by a SharedArrayBuffer: kDirect, written in place;
//                     by an ArrayBuffer: kStream, copied in as chunks complete
//                     (fills only)
void run_to(Napi::Env env, std::unique_ptr<Job> job, size_t parts, Napi::Function done, const Napi::Value& target) {
  auto& calls = instance(env).calls;
  if (target.IsUndefined() || target.IsNull()) {
    run_async(env, calls, std::move(job), parts, done, Target::kFresh);
  } else if (target.IsBoolean() && target.As<Napi::Boolean>().Value()) {
    run_async(env, calls, std::move(job), parts, done, Target::kHeld);
  } else if (target.IsTypedArray()) {
    bool shared = false;
    uint8_t* data = output_bytes(env, target, job->bytes(), &shared);
    if (shared) {
      run_async(env, calls, std::move(job), parts, done, Target::kDirect, target, data);
    } else {
      if (job->unit_bytes() == 0) throw Napi::TypeError::New(env, "tf-philox: internal: this job cannot stream into an ArrayBuffer");
      run_async(env, calls, std::move(job), parts, done, Target::kStream, target);
    }
  } else {
    throw Napi::TypeError::New(env, "tf-philox: internal async target is not valid");
  }
}

// fillAsync(done, target?): the parameter block's fill of n elements in
// `parts` threadpool parts into `target` (run_to); calls done(null, result)
// or done(error).
Napi::Value FillAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double* p = param_block(env);
  const tfp::FillSpec spec = spec_from(env, p);
  const size_t n = count(env, p[15], "n");
  const size_t parts = count(env, p[16], "parts");
  check_bytes(env, n, tfp::element_size(spec.dtype));
  Napi::Function done = callback(env, info[0]);
  run_to(env, std::make_unique<FillJob>(spec, n), parts, done, info[1]);
  return env.Undefined();
}

std::vector<double> doubles(Napi::Env env, const Napi::Value& v, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw Napi::TypeError::New(env, std::string(name) + ": expected a Float64Array");
  Napi::Float64Array f = v.As<Napi::Float64Array>();
  if (f.ArrayBuffer().IsDetached()) throw Napi::TypeError::New(env, std::string(name) + ": detached");
  return std::vector<double>(f.Data(), f.Data() + f.ElementLength());
}

// An op's arguments: kind, out | done, parts, then the kind's own (see Op).
struct Args {
  Napi::Env env;
  std::vector<Napi::Value> v;
  Napi::Env Env() const { return env; }
  size_t Length() const { return v.size(); }
  Napi::Value operator[](size_t i) const { return i < v.size() ? v[i] : env.Undefined(); }
};

Args args_of(const Napi::CallbackInfo& info, size_t skip) {  // skip: an index left out (or npos)
  Args a{info.Env(), {}};
  for (size_t i = 0; i < info.Length(); ++i)
    if (i != skip) a.v.push_back(info[i]);
  return a;
}

double num(const Args& info, size_t i) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), "tf-philox: internal argument is not a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

double num(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), "tf-philox: internal argument is not a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

template <class Info>
Seat seat_from(const Info& info, size_t at) {
  Napi::Env env = info.Env();
  Seat s{};
  s.key[0] = u32(env, num(info, at));
  s.key[1] = u32(env, num(info, at + 1));
  for (int i = 0; i < 4; ++i) s.ctr[i] = u32(env, num(info, at + 2 + i));
  return s;
}

size_t count_at(const Args& info, size_t i, const char* what) { return count(info.Env(), num(info, i), what); }

// op(kind, out | done, parts, dtype..., k0, k1, c0..c3, ...):
//   kind 1 gamma:       outDt, seat, alpha: Float64Array, P
//   kind 2 poisson:     outDt, seat, rate: Float64Array, P
//   kind 3 binomial:    paramDt, outDt, seat, counts, probs, samplesPerBatch
//   kind 4 multinomial: logitsDt, outDt, seat, logits, B, C, S, intraOpThreads
// With `out` the job runs synchronously into it; with a function `done` it
// runs on the threadpool and calls done(error | null, ArrayBuffer).
// opAsync(kind, done, target, parts, ...) is the async form with a target
// (run_to).
std::unique_ptr<Job> op_job(const Args& info) {
  Napi::Env env = info.Env();
  for (size_t i = 0; i < info.Length(); ++i)
    if (info[i].IsUndefined()) throw Napi::TypeError::New(env, "tf-philox: internal argument missing");
  const int kind = code(env, num(info, 0), 4, "op kind");
  std::unique_ptr<Job> job;
  switch (kind) {
    case 1: {
      const auto dt = dtype_code(env, num(info, 3));
      auto alpha = doubles(env, info[10], "alpha");
      const size_t P = count_at(info, 11, "P");
      if (P != 0) check_bytes(env, alpha.size(), P * 8);
      job = std::make_unique<GammaJob>(dt, seat_from(info, 4), std::move(alpha), P);
      break;
    }
    case 2: {
      const auto dt = dtype_code(env, num(info, 3));
      auto rate = doubles(env, info[10], "lam");
      const size_t P = count_at(info, 11, "P");
      if (P != 0) check_bytes(env, rate.size(), P * 8);
      job = std::make_unique<PoissonJob>(dt, seat_from(info, 4), std::move(rate), P);
      break;
    }
    case 3: {
      const auto pdt = dtype_code(env, num(info, 3));
      const auto odt = dtype_code(env, num(info, 4));
      auto counts = doubles(env, info[11], "counts");
      auto probs = doubles(env, info[12], "probs");
      if (counts.size() != probs.size()) throw Napi::RangeError::New(env, "counts/probs: sizes differ");
      const size_t spb = count_at(info, 13, "samplesPerBatch");
      if (spb != 0) check_bytes(env, counts.size(), spb * 8);
      job = std::make_unique<BinomialJob>(pdt, odt, seat_from(info, 5), std::move(counts),
                                          std::move(probs), spb);
      break;
    }
    case 4: {
      const auto ldt = dtype_code(env, num(info, 3));
      const auto odt = dtype_code(env, num(info, 4));
      auto logits = doubles(env, info[11], "logits");
      const size_t B = count_at(info, 12, "B"), C = count_at(info, 13, "C"), S = count_at(info, 14, "S");
      if (C != 0) check_bytes(env, B, C * 8);
      if (S != 0) check_bytes(env, B, S * 8);
      if (logits.size() != B * C) throw Napi::RangeError::New(env, "logits: size is not B*C");
      if (B * S != 0 && C == 0) internal_error(env, "no classes");
      const int threads = code(env, num(info, 15), 1 << 20, "intraOpThreads");
      job = std::make_unique<MultinomialJob>(ldt, seat_from(info, 5), std::move(logits), B, C, S,
                                             odt, threads < 1 ? 1 : threads);
      break;
    }
    default:
      throw Napi::TypeError::New(env, "tf-philox: unknown op");
  }
  return job;
}

Napi::Value Op(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::unique_ptr<Job> job = op_job(args_of(info, size_t(-1)));
  if (info[1].IsFunction()) {
    run_async(env, instance(env).calls, std::move(job), count(env, num(info, 2), "parts"), info[1].As<Napi::Function>());
    return env.Undefined();
  }
  uint8_t* out = output_bytes(env, info[1], job->bytes());
  if (!job->run(out, 0, job->units())) throw Napi::RangeError::New(env, job->failure());
  return env.Undefined();
}

Napi::Value OpAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Function done = callback(env, info[1]);
  const Napi::Value target = info[2];
  std::unique_ptr<Job> job = op_job(args_of(info, 2));  // the layout of Op without `target`
  run_to(env, std::move(job), count(env, num(info, 3), "parts"), done, target);
  return env.Undefined();
}

Napi::Value CopyOut(const Napi::CallbackInfo& info) { return copy_out(info, *instance(info.Env()).calls); }
Napi::Value Release(const Napi::CallbackInfo& info) { return release_scratch(info, *instance(info.Env()).calls); }

// terminates(kind, dtype, x, y): whether TF's sampler returns for these
// parameters (kind 2 poisson: rate x for output dtype; kind 3 binomial:
// count x, prob y). lib/ rejects the others before any state moves.
Napi::Value Terminates(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int kind = code(env, num(info, 0), 4, "op kind");
  const auto dt = dtype_code(env, num(info, 1));
  const double x = num(info, 2), y = num(info, 3);
  const bool ok = kind == 2 ? tfp::poisson_rate_terminates(dt, x) : tfp::binomial_terminates(x, y);
  return Napi::Boolean::New(env, ok);
}

// block(k0, k1, c0, c1, c2, c3) -> Uint32Array [w0, w1, w2, w3]
Napi::Value Block(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Seat s = seat_from(info, 0);
  const tfp::Block b = tfp::philox_block(s.ctr, s.key);
  Napi::Uint32Array out = Napi::Uint32Array::New(env, 4);
  std::memcpy(out.Data(), b.w, sizeof b.w);
  return out;
}

// allocate(bytes) -> an ArrayBuffer lent by the pool for a result the
// caller then fills completely, or undefined: allocate it in JS (small, or
// too much is on loan; allocate_result).
Napi::Value Allocate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const size_t bytes = count(env, num(info, 0), "bytes");
  try {
    return allocate_result(env, *instance(env).calls, bytes);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "out: cannot allocate the output");
  }
}

// dispose(arrayBuffer) -> whether it was a pooled result's (now detached, its
// block back in the pool).
Napi::Value Dispose(const Napi::CallbackInfo& info) { return dispose_result(info, *instance(info.Env()).calls); }

// poolStats() -> Float64Array [bytes on loan, bytes idle, loans].
Napi::Value PoolStats(const Napi::CallbackInfo& info) { return pool_stats(info.Env(), *instance(info.Env()).calls); }

// adviseHuge(arrayBuffer): huge pages for a large JS-allocated result before
// it is first written (memory.h advise_huge). Anything else: no effect.
Napi::Value AdviseHuge(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() >= 1 && info[0].IsArrayBuffer()) {
    Napi::ArrayBuffer ab = info[0].As<Napi::ArrayBuffer>();
    advise_huge(ab.Data(), ab.ByteLength());
  }
  return env.Undefined();
}

Napi::Value SelectKernel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "kernel: expected a string");
  return Napi::Boolean::New(env, tfp::select_kernel(info[0].As<Napi::String>().Utf8Value().c_str()));
}

Napi::Value KernelName(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), tfp::active_kernel().name);
}

Napi::Value Kernels(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tfp::KernelTable* tabs[8];
  const size_t n = tfp::available_kernels(tabs, 8);
  Napi::Array a = Napi::Array::New(env, n);
  for (size_t i = 0; i < n; ++i) a.Set(uint32_t(i), Napi::String::New(env, tabs[i]->name));
  return a;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  Instance* in = new Instance();
  env.SetInstanceData<Instance>(in);
  in->calls = async_calls(env);
  exports.Set("setParamBlock", Napi::Function::New(env, SetParamBlock, "setParamBlock"));
  exports.Set("fill", Napi::Function::New(env, Fill, "fill"));
  exports.Set("fillAsync", Napi::Function::New(env, FillAsync, "fillAsync"));
  exports.Set("op", Napi::Function::New(env, Op, "op"));
  exports.Set("opAsync", Napi::Function::New(env, OpAsync, "opAsync"));
  exports.Set("copyOut", Napi::Function::New(env, CopyOut, "copyOut"));
  exports.Set("release", Napi::Function::New(env, Release, "release"));
  exports.Set("terminates", Napi::Function::New(env, Terminates, "terminates"));
  exports.Set("block", Napi::Function::New(env, Block, "block"));
  exports.Set("allocate", Napi::Function::New(env, Allocate, "allocate"));
  exports.Set("dispose", Napi::Function::New(env, Dispose, "dispose"));
  exports.Set("adviseHuge", Napi::Function::New(env, AdviseHuge, "adviseHuge"));
  exports.Set("poolStats", Napi::Function::New(env, PoolStats, "poolStats"));
  exports.Set("selectKernel", Napi::Function::New(env, SelectKernel, "selectKernel"));
  exports.Set("kernelName", Napi::Function::New(env, KernelName, "kernelName"));
  exports.Set("kernels", Napi::Function::New(env, Kernels, "kernels"));
  exports.Set("sourceHash", Napi::String::New(env, TFP_SOURCE_HASH));
  exports.Set("paramSlots", Napi::Number::New(env, double(kParamSlots)));
  // lib/native.ts refuses a binary speaking another interface (v6: poolStats;
  // results come back once collected, also in synchronous loops; v5: allocate
  // may return undefined, dispose, adviseHuge; v4: an ArrayBuffer-backed
  // target streams; v3: async targets, opAsync, copyOut, release; v2: async
  // entry points take a callback; v1 returned promises)
  exports.Set("bindingVersion", Napi::Number::New(env, 6));
  return exports;
}

}  // namespace
}  // namespace tfp_binding

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  return tfp_binding::Init(env, exports);
}

NODE_API_MODULE(tf_philox, InitModule)
