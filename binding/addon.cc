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

#include <cstring>
#include <memory>
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
};

Instance& instance(Napi::Env env) { return *env.GetInstanceData<Instance>(); }

uint32_t u32(double v) { return static_cast<uint32_t>(v); }
uint64_t u64(double lo, double hi) { return (uint64_t{u32(hi)} << 32) | u32(lo); }

const double* param_block(Napi::Env env) {
  const double* p = instance(env).params;
  if (!p) throw Napi::Error::New(env, "tf-philox: parameter block not registered");
  return p;
}

tfp::FillSpec spec_from(const double* p) {
  tfp::FillSpec s{};
  s.dist = static_cast<tfp::Dist>(int(p[0]));
  s.dtype = static_cast<tfp::DType>(int(p[1]));
  s.key[0] = u32(p[2]); s.key[1] = u32(p[3]);
  for (int i = 0; i < 4; ++i) s.counter[i] = u32(p[4 + i]);
  s.lo = u64(p[8], p[9]);
  s.range = u64(p[10], p[11]);
  s.affine = static_cast<tfp::Affine>(int(p[12]));
  s.a = p[13];
  s.b = p[14];
  return s;
}

// A TypedArray that is attached and has exactly `bytes` bytes; lib/ has
// checked this already, the addon re-checks so no input can make it write
// out of bounds.
uint8_t* output_bytes(Napi::Env env, const Napi::Value& v, size_t bytes) {
  if (!v.IsTypedArray()) throw Napi::TypeError::New(env, "out: expected a TypedArray");
  Napi::TypedArray ta = v.As<Napi::TypedArray>();
  Napi::ArrayBuffer ab = ta.ArrayBuffer();
  if (ab.IsDetached()) throw Napi::TypeError::New(env, "out: the TypedArray's buffer is detached");
  if (ta.ByteLength() != bytes) throw Napi::RangeError::New(env, "out: wrong byte length");
  return static_cast<uint8_t*>(ab.Data()) + ta.ByteOffset();
}

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
  const tfp::FillSpec spec = spec_from(param_block(env));
  if (info.Length() < 1 || !info[0].IsTypedArray()) throw Napi::TypeError::New(env, "out: expected a TypedArray");
  Napi::TypedArray ta = info[0].As<Napi::TypedArray>();
  const size_t es = tfp::element_size(spec.dtype);
  const size_t n = ta.ByteLength() / es;
  uint8_t* out = output_bytes(env, info[0], n * es);
  tfp::fill(spec, out, n);
  return env.Undefined();
}

// fillAsync(): the parameter block's fill of n elements in `parts` threadpool
// parts; resolves with a fresh ArrayBuffer holding the result.
Napi::Value FillAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double* p = param_block(env);
  const tfp::FillSpec spec = spec_from(p);
  const size_t n = static_cast<size_t>(p[15]);
  const size_t parts = static_cast<size_t>(p[16]);
  return run_async(env, std::make_unique<FillJob>(spec, n), parts);
}

std::vector<double> doubles(Napi::Env env, const Napi::Value& v, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw Napi::TypeError::New(env, std::string(name) + ": expected a Float64Array");
  Napi::Float64Array f = v.As<Napi::Float64Array>();
  if (f.ArrayBuffer().IsDetached()) throw Napi::TypeError::New(env, std::string(name) + ": detached");
  return std::vector<double>(f.Data(), f.Data() + f.ElementLength());
}

Seat seat_from(const Napi::CallbackInfo& info, size_t at) {
  Seat s{};
  s.key[0] = u32(info[at].As<Napi::Number>().DoubleValue());
  s.key[1] = u32(info[at + 1].As<Napi::Number>().DoubleValue());
  for (int i = 0; i < 4; ++i) s.ctr[i] = u32(info[at + 2 + i].As<Napi::Number>().DoubleValue());
  return s;
}

double num(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), "tf-philox: internal argument is not a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

// op(kind, out | null, parts, dtype..., k0, k1, c0..c3, ...):
//   kind 1 gamma:       outDt, seat, alpha: Float64Array, P
//   kind 2 poisson:     outDt, seat, rate: Float64Array, P
//   kind 3 binomial:    paramDt, outDt, seat, counts, probs, samplesPerBatch
//   kind 4 multinomial: logitsDt, outDt, seat, logits, B, C, S, intraOpThreads
// With `out` the job runs synchronously into it; with null it runs on the
// threadpool and resolves with a fresh ArrayBuffer.
Napi::Value Op(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  for (size_t i = 0; i < info.Length(); ++i)
    if (info[i].IsUndefined()) throw Napi::TypeError::New(env, "tf-philox: internal argument missing");
  const int kind = int(num(info, 0));
  std::unique_ptr<Job> job;
  switch (kind) {
    case 1: {
      const auto dt = static_cast<tfp::DType>(int(num(info, 3)));
      job = std::make_unique<GammaJob>(dt, seat_from(info, 4), doubles(env, info[10], "alpha"),
                                       size_t(num(info, 11)));
      break;
    }
    case 2: {
      const auto dt = static_cast<tfp::DType>(int(num(info, 3)));
      job = std::make_unique<PoissonJob>(dt, seat_from(info, 4), doubles(env, info[10], "lam"),
                                         size_t(num(info, 11)));
      break;
    }
    case 3: {
      const auto pdt = static_cast<tfp::DType>(int(num(info, 3)));
      const auto odt = static_cast<tfp::DType>(int(num(info, 4)));
      auto counts = doubles(env, info[11], "counts");
      auto probs = doubles(env, info[12], "probs");
      if (counts.size() != probs.size()) throw Napi::RangeError::New(env, "counts/probs: sizes differ");
      job = std::make_unique<BinomialJob>(pdt, odt, seat_from(info, 5), std::move(counts),
                                          std::move(probs), size_t(num(info, 13)));
      break;
    }
    case 4: {
      const auto ldt = static_cast<tfp::DType>(int(num(info, 3)));
      const auto odt = static_cast<tfp::DType>(int(num(info, 4)));
      auto logits = doubles(env, info[11], "logits");
      const size_t B = size_t(num(info, 12)), C = size_t(num(info, 13)), S = size_t(num(info, 14));
      if (logits.size() != B * C) throw Napi::RangeError::New(env, "logits: size is not B*C");
      job = std::make_unique<MultinomialJob>(ldt, seat_from(info, 5), std::move(logits), B, C, S,
                                             odt, int(num(info, 15)));
      break;
    }
    default:
      throw Napi::TypeError::New(env, "tf-philox: unknown op");
  }
  if (info[1].IsNull()) return run_async(env, std::move(job), size_t(num(info, 2)));
  uint8_t* out = output_bytes(env, info[1], job->bytes());
  if (!job->run(out, 0, job->units())) throw Napi::RangeError::New(env, job->failure());
  return env.Undefined();
}

// terminates(kind, dtype, x, y): whether TF's sampler returns for these
// parameters (kind 2 poisson: rate x for output dtype; kind 3 binomial:
// count x, prob y). lib/ rejects the others before any state moves.
Napi::Value Terminates(const Napi::CallbackInfo& info) {
  const int kind = int(num(info, 0));
  const auto dt = static_cast<tfp::DType>(int(num(info, 1)));
  const double x = num(info, 2), y = num(info, 3);
  const bool ok = kind == 2 ? tfp::poisson_rate_terminates(dt, x) : tfp::binomial_terminates(x, y);
  return Napi::Boolean::New(info.Env(), ok);
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

// allocate(bytes) -> ArrayBuffer owned by the addon (huge pages when large).
Napi::Value Allocate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const size_t bytes = size_t(num(info, 0));
  void* p;
  try {
    p = alloc_output(bytes);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "out: cannot allocate the output");
  }
  return adopt_output(env, p, bytes);
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
  env.SetInstanceData<Instance>(new Instance());
  exports.Set("setParamBlock", Napi::Function::New(env, SetParamBlock, "setParamBlock"));
  exports.Set("fill", Napi::Function::New(env, Fill, "fill"));
  exports.Set("fillAsync", Napi::Function::New(env, FillAsync, "fillAsync"));
  exports.Set("op", Napi::Function::New(env, Op, "op"));
  exports.Set("terminates", Napi::Function::New(env, Terminates, "terminates"));
  exports.Set("block", Napi::Function::New(env, Block, "block"));
  exports.Set("allocate", Napi::Function::New(env, Allocate, "allocate"));
  exports.Set("selectKernel", Napi::Function::New(env, SelectKernel, "selectKernel"));
  exports.Set("kernelName", Napi::Function::New(env, KernelName, "kernelName"));
  exports.Set("kernels", Napi::Function::New(env, Kernels, "kernels"));
  exports.Set("sourceHash", Napi::String::New(env, TFP_SOURCE_HASH));
  exports.Set("paramSlots", Napi::Number::New(env, double(kParamSlots)));
  return exports;
}

}  // namespace
}  // namespace tfp_binding

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  return tfp_binding::Init(env, exports);
}

NODE_API_MODULE(tf_philox, InitModule)
