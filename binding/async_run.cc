#include "async_run.h"

#include <algorithm>
#include <new>
#include <string>
#include <unordered_set>

#include "memory.h"

namespace tfp_binding {

struct Run;

struct AsyncCalls {
  bool closing = false;               // the environment is being torn down
  std::unordered_set<Run*> live;      // calls whose callback is still held
};

// Shared by the parts of one call; the last part to finish calls back. Freed
// (with its scratch memory, if not handed to JS) when the last part is
// destroyed, whether it completed, failed or was cancelled.
struct Run {
  Run(std::shared_ptr<AsyncCalls> c, std::unique_ptr<Job> j, Napi::Function cb)
      : calls(std::move(c)), job(std::move(j)), done(Napi::Persistent(cb)) {
    calls->live.insert(this);
  }
  ~Run() {
    calls->live.erase(this);
    free_output(mem, bytes);  // still owned: the run failed, was cancelled or JS was gone
  }
  std::shared_ptr<AsyncCalls> calls;
  std::unique_ptr<Job> job;
  Napi::FunctionReference done;
  void* mem = nullptr;
  size_t bytes = 0;
  size_t pending = 0;
  bool failed = false;
  bool range_error = false;
  std::string message;
};

namespace {

class Part final : public Napi::AsyncWorker {
 public:
  Part(Napi::Env env, std::shared_ptr<Run> run, size_t u0, size_t u1)
      : Napi::AsyncWorker(env, "tf-philox:fill"), run_(std::move(run)), u0_(u0), u1_(u1) {}

  void Execute() override { ok_ = run_->job->run(run_->mem, u0_, u1_); }
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
    Run& r = *run_;
    if (r.calls->closing || r.done.IsEmpty()) { r.done.Reset(); return; }
    napi_env env = Env();
    Napi::HandleScope scope(Env());
    napi_value argv[2];
    napi_status st = napi_get_null(env, &argv[1]);
    if (r.failed) {
      napi_value msg;
      if (st == napi_ok) st = napi_create_string_utf8(env, r.message.c_str(), r.message.size(), &msg);
      if (st == napi_ok)
        st = r.range_error ? napi_create_range_error(env, nullptr, msg, &argv[0])
                           : napi_create_error(env, nullptr, msg, &argv[0]);
    } else {
      if (st == napi_ok) st = napi_get_null(env, &argv[0]);
      // fails once the environment can no longer run JS: the memory stays ours
      if (st == napi_ok) st = try_adopt_output(env, r.mem, r.bytes, &argv[1]);
      if (st == napi_ok) r.mem = nullptr;  // the ArrayBuffer owns it from here
    }
    if (st == napi_ok) {
      napi_value recv;
      napi_get_undefined(env, &recv);
      // a JS exception the callback throws stays pending and surfaces as an
      // uncaught exception, as for any callback
      napi_call_function(env, recv, r.done.Value(), 2, argv, nullptr);
    }
    r.done.Reset();
  }

  std::shared_ptr<Run> run_;
  size_t u0_, u1_;
  bool ok_ = true;
};

void on_cleanup(void* arg) {
  auto* holder = static_cast<std::shared_ptr<AsyncCalls>*>(arg);
  AsyncCalls& c = **holder;
  c.closing = true;
  // Parts in flight keep their Run (and its scratch memory) until their own
  // completion, cancelled or not; only the JS references are dropped here.
  for (Run* r : c.live) r->done.Reset();
  delete holder;
}

}  // namespace

std::shared_ptr<AsyncCalls> async_calls(Napi::Env env) {
  auto calls = std::make_shared<AsyncCalls>();
  auto* holder = new std::shared_ptr<AsyncCalls>(calls);
  if (napi_add_env_cleanup_hook(env, on_cleanup, holder) != napi_ok) {
    delete holder;
    throw Napi::Error::New(env, "tf-philox: cannot register the environment cleanup hook");
  }
  return calls;
}

void run_async(Napi::Env env, const std::shared_ptr<AsyncCalls>& calls, std::unique_ptr<Job> job,
               size_t parts, Napi::Function done) {
  auto run = std::make_shared<Run>(calls, std::move(job), done);
  run->bytes = run->job->bytes();
  try {
    run->mem = alloc_output(run->bytes);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "out: cannot allocate the output");
  }
  const size_t units = run->job->units();
  parts = std::max<size_t>(1, std::min(parts, units));
  run->pending = parts;
  // Contiguous unit ranges of near-equal size; unit u always lands at the same
  // counter offset, so the split never changes the bytes.
  for (size_t p = 0; p < parts; ++p) {
    const size_t u0 = units * p / parts, u1 = units * (p + 1) / parts;
    Part* part = new Part(env, run, u0, u1);
    try {
      part->Queue();
    } catch (const Napi::Error&) {
      delete part;
      run->pending -= parts - p;
      if (p == 0) throw;  // nothing queued: the caller gets the error now
      run->failed = true;
      run->message = "tf-philox: could not queue all parts";
      return;
    }
  }
}

}  // namespace tfp_binding
