#include "async_run.h"

#include <algorithm>
#include <new>
#include <string>

#include "memory.h"

namespace tfp_binding {
namespace {

// Shared by the parts of one call; the last part to finish settles the promise.
struct Run {
  Run(Napi::Env env, std::unique_ptr<Job> j) : job(std::move(j)), deferred(Napi::Promise::Deferred::New(env)) {}
  ~Run() { free_output(mem, bytes); }  // still owned: the run failed or never finished
  std::unique_ptr<Job> job;
  Napi::Promise::Deferred deferred;
  void* mem = nullptr;
  size_t bytes = 0;
  size_t pending = 0;
  bool failed = false;
  std::string message;
  bool range_error = false;
};

class Part final : public Napi::AsyncWorker {
 public:
  Part(Napi::Env env, std::shared_ptr<Run> run, size_t u0, size_t u1)
      : Napi::AsyncWorker(env, "tf-philox:fill"), run_(std::move(run)), u0_(u0), u1_(u1) {}

  void Execute() override {
    ok_ = run_->job->run(run_->mem, u0_, u1_);
  }
  void OnOK() override {
    if (!ok_ && !run_->failed) {
      run_->failed = true;
      run_->range_error = true;
      run_->message = run_->job->failure();
    }
    finish();
  }
  void OnError(const Napi::Error& e) override {
    if (!run_->failed) { run_->failed = true; run_->message = e.Message(); }
    finish();
  }

 private:
  void finish() {
    if (--run_->pending != 0) return;
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (run_->failed) {
      Napi::Error err = run_->range_error ? Napi::RangeError::New(env, run_->message)
                                          : Napi::Error::New(env, run_->message);
      run_->deferred.Reject(err.Value());
      return;
    }
    void* mem = run_->mem;
    run_->mem = nullptr;  // the ArrayBuffer owns it from here
    run_->deferred.Resolve(adopt_output(env, mem, run_->bytes));
  }

  std::shared_ptr<Run> run_;
  size_t u0_, u1_;
  bool ok_ = true;
};

}  // namespace

Napi::Promise run_async(Napi::Env env, std::unique_ptr<Job> job, size_t parts) {
  auto run = std::make_shared<Run>(env, std::move(job));
  Napi::Promise promise = run->deferred.Promise();
  run->bytes = run->job->bytes();
  try {
    run->mem = alloc_output(run->bytes);
  } catch (const std::bad_alloc&) {
    run->deferred.Reject(Napi::RangeError::New(env, "out: cannot allocate the output").Value());
    return promise;
  }
  const size_t units = run->job->units();
  parts = std::max<size_t>(1, std::min(parts, units));
  run->pending = parts;
  // Contiguous unit ranges of near-equal size; unit u always lands at the same
  // counter offset, so the split never changes the bytes.
  for (size_t p = 0; p < parts; ++p) {
    const size_t u0 = units * p / parts, u1 = units * (p + 1) / parts;
    (new Part(env, run, u0, u1))->Queue();
  }
  return promise;
}

}  // namespace tfp_binding
