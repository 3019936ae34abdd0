#include "async_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "memory.h"

namespace tfp_binding {

struct Run;

// The smallest piece copy_ready copies into a caller's `out` (see there).
constexpr size_t kPieceMin = size_t{256} << 10;

// Idle blocks kept per environment between calls (scratch, results).
constexpr size_t kPoolCap = size_t{512} << 20;
// Blocks lent out as large fresh results and not yet back (memory.h Lent).
// A synchronous loop gets a block back once V8 has collected its result
// (ScratchPool::sweep), which happens a call or two after the loop drops it:
// in steady state it reuses about two blocks. The cap bounds what is on loan
// when collections lag (two results of 1e8 float32 fit); past it results
// are allocated in JS.
constexpr size_t kLendCap = size_t{1024} << 20;

struct Held {  // a kHeld result given to JS, until released
  void* mem;
  size_t size;   // pool block size
  size_t bytes;  // the result's bytes
};

struct AsyncCalls {
  bool closing = false;               // the environment is being torn down
  std::unordered_set<Run*> live;      // calls whose callback is still held
  std::shared_ptr<ScratchPool> pool = std::make_shared<ScratchPool>(kPoolCap, kLendCap);
  std::unordered_map<uint64_t, Held> held;  // by id (hand_over)
  uint64_t next_id = 1;
  ~AsyncCalls() {
    for (auto& h : held) pool->give(h.second.mem, h.second.size);
  }
};

// Shared by the parts of one call; the last part to finish calls back. Freed
// (with its scratch memory, if not handed to JS) when the last part is
// destroyed, whether it completed, failed or was cancelled.
struct Run {
  Run(std::shared_ptr<AsyncCalls> c, std::unique_ptr<Job> j, Napi::Function cb, Target t)
      : calls(std::move(c)), job(std::move(j)), done(Napi::Persistent(cb)), target(t) {
    calls->live.insert(this);
  }
  ~Run() {
    calls->live.erase(this);
    // still owned: the run failed, was cancelled or JS was gone
    if (lent) calls->pool->returned(lent);
    else if (target == Target::kFresh) free_output(mem, bytes);
    else if (target != Target::kDirect) calls->pool->give(mem, size);
  }
  std::shared_ptr<AsyncCalls> calls;
  std::unique_ptr<Job> job;
  Napi::FunctionReference done;
  Target target;
  Napi::Reference<Napi::Value> out;  // kDirect: keeps the shared buffer alive
  void* mem = nullptr;  // where Execute() writes; kDirect: the caller's shared memory
  size_t bytes = 0;
  size_t size = 0;      // kHeld, kStream: the pool block's size
  Lent* lent = nullptr;  // kFresh: the pool's loan, if mem is one
  // Parts take chunks of units from `next` until none are left, so a part
  // whose thread is slowed (another process, a busy CPU) holds up no fixed
  // share of the call. Each unit sits at a fixed counter offset: any
  // distribution gives the same bytes.
  size_t units = 0, chunk = 1;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};  // a part failed: the others stop early
  size_t pending = 0;
  bool failed = false;
  bool range_error = false;
  bool type_error = false;
  std::string message;
  // kStream: chunk k is units [k * chunk, (k + 1) * chunk); parts take
  // chunk numbers from `next`.
  size_t unit_bytes = 0;
  size_t chunks = 0;
  std::unique_ptr<std::atomic<bool>[]> chunk_done;  // set by the part that computed it
  size_t copied = 0;                // bytes [0, copied) are in `out`
  size_t piece = kPieceMin;         // copy_ready's next piece
  // a progress signal is queued or being handled: parts send no other
  // (Node handles every queued signal in one event-loop turn)
  std::atomic<bool> signalled{false};
};

namespace {

// kStream: the bytes of chunks [0, k).
size_t prefix_bytes(const Run& r, size_t k) { return std::min(r.bytes, k * r.chunk * r.unit_bytes); }

// A kHeld result handed to JS is a number: its id in the environment's
// registry (no V8 object carries a pointer, so no handle can outlive or
// misname its block: an unknown id is refused). lib/ releases every id it
// gets; ids still held when the environment goes away are freed by its
// cleanup hook.
napi_status hand_over(napi_env env, Run& r, napi_value* result) {
  AsyncCalls& c = *r.calls;
  const uint64_t id = c.next_id;
  napi_status st = napi_create_double(env, double(id), result);
  if (st != napi_ok) return st;
  c.held.emplace(id, Held{r.mem, r.size, r.bytes});
  ++c.next_id;
  r.mem = nullptr;  // the registry's from here
  return napi_ok;
}

// On the main thread, once every part has finished: calls `done` with the
// result or the error (not once the environment is going away) and drops
// the JS references.
void complete(Napi::Env env, Run& r) {
  if (r.calls->closing || r.done.IsEmpty()) { r.done.Reset(); r.out.Reset(); return; }
  Napi::HandleScope scope(env);
  napi_value argv[3];
  napi_status st = napi_get_null(env, &argv[1]);
  if (st == napi_ok) st = napi_create_double(env, 0, &argv[2]);
  if (r.failed) {
    napi_value msg;
    if (st == napi_ok) st = napi_create_string_utf8(env, r.message.c_str(), r.message.size(), &msg);
    if (st == napi_ok)
      st = r.range_error ? napi_create_range_error(env, nullptr, msg, &argv[0])
           : r.type_error ? napi_create_type_error(env, nullptr, msg, &argv[0])
                          : napi_create_error(env, nullptr, msg, &argv[0]);
  } else {
    if (st == napi_ok) st = napi_get_null(env, &argv[0]);
    // fails once the environment can no longer run JS: the memory stays ours
    if (r.target == Target::kFresh) {
      if (st == napi_ok)
        st = r.lent ? try_adopt_lent(env, r.calls->pool, r.lent, &argv[1])
                    : try_adopt_output(env, r.mem, r.bytes, &argv[1]);
      if (st == napi_ok) r.mem = nullptr, r.lent = nullptr;  // the ArrayBuffer's from here
    } else if (r.target == Target::kHeld) {
      if (st == napi_ok) st = hand_over(env, r, &argv[1]);
    } else if (r.target == Target::kStream && r.copied < r.bytes) {
      // the rest goes to lib/ as a held result, copied from byte `from` on
      const size_t from = r.copied;
      if (st == napi_ok) st = hand_over(env, r, &argv[1]);
      if (st == napi_ok) st = napi_create_double(env, double(from), &argv[2]);
    }
  }
  if (st == napi_ok) {
    napi_value recv;
    napi_get_undefined(env, &recv);
    // a JS exception the callback throws stays pending and surfaces as an
    // uncaught exception, as for any callback
    napi_call_function(env, recv, r.done.Value(), 3, argv, nullptr);
  }
  r.done.Reset();
  r.out.Reset();  // every part has finished writing into it
}

class Part final : public Napi::AsyncWorker {
 public:
  Part(Napi::Env env, std::shared_ptr<Run> run) : Napi::AsyncWorker(env, "tf-philox:fill"), run_(std::move(run)) {}

  void Execute() override {
    Run& r = *run_;
    while (!r.stop.load(std::memory_order_relaxed)) {
      const size_t u0 = r.next.fetch_add(r.chunk, std::memory_order_relaxed);
      if (u0 >= r.units) return;
      if (!r.job->run(r.mem, u0, std::min(r.units, u0 + r.chunk))) {
        ok_ = false;
        r.stop.store(true, std::memory_order_relaxed);
        return;
      }
    }
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
    if (--run_->pending == 0) complete(Env(), *run_);
  }

  std::shared_ptr<Run> run_;
  bool ok_ = true;
};

// Copying into a caller's `out` on the main thread goes in pieces, for about
// kCopyTurn per call: the first writes into a never-touched `out` fault its
// pages in, which on a busy machine (the parts faulting in their scratch at
// the same time) ran as slowly as 250 MB/s, so a byte count alone would not
// bound the time the event loop is held. Pieces double from 256 KiB up to
// 8 MiB while they copy at 2 GB/s or more and drop back when one does not:
// the C library copies large blocks much faster (streaming stores; 10 GB/s
// against 5 with 256 KiB pieces while a part computes on the other vCPU).
constexpr size_t kPieceMax = size_t{8} << 20;
constexpr double kFastBytesPerNs = 2.0;  // 2 GB/s
constexpr auto kCopyTurn = std::chrono::milliseconds(4);

// Copies the completed prefix of chunks into the caller's `out` (kStream)
// for about kCopyTurn at most (at least one piece), after checking that `out`
// is still attached and of its byte length; if it is not, the call fails
// with a TypeError and nothing more is written. What is left waits for the
// next signal, or goes to lib/ at the end.
void copy_ready(Napi::Env env, Run& r) {
  size_t end = r.copied / (r.chunk * r.unit_bytes);  // the first chunk not wholly copied
  while (end < r.chunks && r.chunk_done[end].load(std::memory_order_acquire)) ++end;
  const size_t to = prefix_bytes(r, end);
  if (to <= r.copied || r.failed || r.calls->closing || r.out.IsEmpty()) return;
  uint8_t* dst = nullptr;
  try {
    dst = output_bytes(env, r.out.Value(), r.bytes, nullptr);
  } catch (const Napi::Error&) {
    r.failed = true;
    r.type_error = true;
    r.message = std::string("out: was detached or resized while the async call ran; ") +
                (r.copied ? "nothing more was written" : "nothing was written");
    r.stop.store(true, std::memory_order_relaxed);
    return;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto t = t0;
  const uint8_t* src = static_cast<const uint8_t*>(r.mem);
  do {
    const size_t n = std::min(r.piece, to - r.copied);
    std::memcpy(dst + r.copied, src + r.copied, n);
    r.copied += n;
    const auto t1 = std::chrono::steady_clock::now();
    const double ns = double(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t).count());
    r.piece = double(n) >= kFastBytesPerNs * ns ? std::min(kPieceMax, 2 * r.piece) : kPieceMin;
    t = t1;
  } while (r.copied < to && t - t0 < kCopyTurn);
}

// kStream: a part takes chunks from `next` like Part, and signals the main
// thread after each; there (OnProgress) the completed prefix of chunks is
// copied into `out`. The threadpool never waits for the main thread (on a
// busy machine its wake-ups come late), and the copying overlaps the
// computing. Node completes queued threadpool work before an environment's
// cleanup hooks run; signals still queued then are dropped with the
// thread-safe function, and the completion (OnOK) copies nothing once the
// registry is closing.
class StreamPart final : public Napi::AsyncProgressWorker<uint8_t> {
 public:
  StreamPart(Napi::Env env, std::shared_ptr<Run> run)
      : Napi::AsyncProgressWorker<uint8_t>(env, "tf-philox:fill"), run_(std::move(run)) {}

  void Execute(const ExecutionProgress& progress) override {
    Run& r = *run_;
    while (!r.stop.load(std::memory_order_relaxed)) {
      const size_t k = r.next.fetch_add(1, std::memory_order_relaxed);
      if (k >= r.chunks) return;
      const size_t u0 = std::min(r.units, k * r.chunk), u1 = std::min(r.units, u0 + r.chunk);
      r.job->run(r.mem, u0, u1);  // a streaming job cannot fail (Job::unit_bytes)
      r.chunk_done[k].store(true, std::memory_order_release);
      if (!r.signalled.exchange(true, std::memory_order_acq_rel)) progress.Signal();
    }
  }
  void OnProgress(const uint8_t*, size_t) override {
    copy_ready(Env(), *run_);
    // chunks completed meanwhile signal again from the next completion on,
    // which arrives in a later turn (or the rest goes to lib/ at the end)
    run_->signalled.store(false, std::memory_order_release);
  }
  void OnOK() override { finish(); }
  void OnError(const Napi::Error& e) override {
    if (!run_->failed) { run_->failed = true; run_->message = e.Message(); }
    finish();
  }

 private:
  void finish() {
    Run& r = *run_;
    if (--r.pending != 0) return;
    copy_ready(Env(), r);
    complete(Env(), r);  // hands what is left to lib/
  }

  std::shared_ptr<Run> run_;
};

void on_cleanup(void* arg) {
  auto* holder = static_cast<std::shared_ptr<AsyncCalls>*>(arg);
  AsyncCalls& c = **holder;
  c.closing = true;
  // Parts in flight keep their Run (and its scratch memory) until their own
  // completion, cancelled or not; only the JS references are dropped here.
  // (Node >= 20 completes every queued part before the hooks run, so no part
  // is still writing into a kDirect buffer here.)
  for (Run* r : c.live) { r->done.Reset(); r->out.Reset(); }
  c.pool->close();  // idle blocks now; blocks still in use when they come back
  for (auto& h : c.held) c.pool->give(h.second.mem, h.second.size);
  c.held.clear();
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

namespace {

// Chunks of about bytes / (8 * parts), between 256 KiB and 4 MiB: small
// enough that copying trails computing closely, large enough that signals
// cost little.
void stream(Napi::Env env, const std::shared_ptr<Run>& run, size_t parts) {
  Run& r = *run;
  r.units = r.job->units();
  r.unit_bytes = r.job->unit_bytes();
  parts = std::max<size_t>(1, parts);
  const size_t want = std::min<size_t>(size_t{4} << 20, std::max<size_t>(size_t{256} << 10, r.bytes / (8 * parts)));
  r.chunk = std::max<size_t>(1, want / r.unit_bytes);
  r.chunks = std::max<size_t>(1, (r.units + r.chunk - 1) / r.chunk);
  r.chunk_done.reset(new std::atomic<bool>[r.chunks]);
  for (size_t k = 0; k < r.chunks; ++k) r.chunk_done[k].store(false, std::memory_order_relaxed);
  parts = std::min(parts, r.chunks);
  for (size_t p = 0; p < parts; ++p) {
    auto* part = new StreamPart(env, run);
    try {
      part->Queue();
    } catch (const Napi::Error&) {
      delete part;
      if (p == 0) throw;  // nothing queued: the caller gets the error now
      break;              // the queued parts take every chunk
    }
    ++r.pending;
  }
}

}  // namespace

void run_async(Napi::Env env, const std::shared_ptr<AsyncCalls>& calls, std::unique_ptr<Job> job,
               size_t parts, Napi::Function done, Target target, Napi::Value out, void* data) {
  auto run = std::make_shared<Run>(calls, std::move(job), done, target);
  run->bytes = run->job->bytes();
  try {
    if (target == Target::kFresh) {
      // past the pool's loan cap an ordinary mapping: async calls return to
      // the event loop, where its finalizer runs
      if (run->bytes >= kPooledResultBytes) run->lent = calls->pool->lend(env, run->bytes);
      run->mem = run->lent ? run->lent->p : alloc_output(run->bytes);
    } else if (target != Target::kDirect) {
      run->mem = calls->pool->take(run->bytes, &run->size);
    }
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "out: cannot allocate the output");
  }
  if (target == Target::kDirect) {
    run->out = Napi::Persistent(out);
    run->mem = data;
  }
  const size_t units = run->job->units();
  if (target == Target::kStream) {
    run->out = Napi::Persistent(out);
    stream(env, run, parts);
    return;
  }
  parts = std::max<size_t>(1, std::min(parts, units));
  run->pending = parts;
  run->units = units;
  // one part: one chunk; more: about 8 chunks per part
  run->chunk = parts == 1 ? std::max<size_t>(1, units) : std::max<size_t>(1, (units + parts * 8 - 1) / (parts * 8));
  for (size_t p = 0; p < parts; ++p) {
    Part* part = new Part(env, run);
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

uint8_t* output_bytes(Napi::Env env, const Napi::Value& v, size_t bytes, bool* shared) {
  if (!v.IsTypedArray()) throw Napi::TypeError::New(env, "out: expected a TypedArray");
  napi_typedarray_type type;
  size_t length, offset;
  void* data = nullptr;
  napi_value buffer;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &buffer, &offset) != napi_ok)
    throw Napi::Error::New(env);
  bool is_ab = false, detached = false;
  if (napi_is_arraybuffer(env, buffer, &is_ab) != napi_ok) throw Napi::Error::New(env);
  if (is_ab && napi_is_detached_arraybuffer(env, buffer, &detached) != napi_ok) throw Napi::Error::New(env);
  if (detached) throw Napi::TypeError::New(env, "out: the TypedArray's buffer is detached");
  const size_t have = v.As<Napi::TypedArray>().ByteLength();
  if (have != bytes) throw Napi::RangeError::New(env, "out: wrong byte length");
  if (bytes != 0 && data == nullptr) throw Napi::TypeError::New(env, "out: no backing memory");
  if (shared) *shared = !is_ab;  // a TypedArray's buffer is an ArrayBuffer or a SharedArrayBuffer
  return static_cast<uint8_t*>(data);
}

static size_t element_bytes(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: case napi_uint8_array: case napi_uint8_clamped_array: return 1;
    case napi_int16_array: case napi_uint16_array: return 2;
    case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: return 8;
    default: return 4;
  }
}

static size_t element_index(Napi::Env env, const Napi::Value& v) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, "tf-philox: internal argument is not a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 9007199254740992.0 && d == std::floor(d)))
    throw Napi::RangeError::New(env, "tf-philox: internal argument out of range: an element index");
  return static_cast<size_t>(d);
}

static uint64_t held_id(Napi::Env env, const Napi::Value& v) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, "tf-philox: internal argument is not a scratch handle");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 1 && d <= 9007199254740992.0 && d == std::floor(d)))
    throw Napi::TypeError::New(env, "tf-philox: internal argument is not a scratch handle");
  return static_cast<uint64_t>(d);
}

Napi::Value copy_out(const Napi::CallbackInfo& info, AsyncCalls& calls) {
  Napi::Env env = info.Env();
  auto it = calls.held.find(held_id(env, info[0]));
  if (it == calls.held.end()) throw Napi::Error::New(env, "tf-philox: the scratch handle was released");
  const Held& h = it->second;
  uint8_t* out = output_bytes(env, info[1], h.bytes, nullptr);  // attached, exactly the result's size
  const size_t es = element_bytes(info[1].As<Napi::TypedArray>().TypedArrayType());
  const size_t n = h.bytes / es;
  const size_t from = element_index(env, info[2]), to = element_index(env, info[3]);
  if (from > to || to > n) throw Napi::RangeError::New(env, "tf-philox: internal argument out of range: a copy range");
  std::memcpy(out + from * es, static_cast<const uint8_t*>(h.mem) + from * es, (to - from) * es);
  return env.Undefined();
}

Napi::Value allocate_result(Napi::Env env, AsyncCalls& calls, size_t bytes) {
  Lent* l = bytes >= kPooledResultBytes ? calls.pool->lend(env, bytes) : nullptr;
  if (!l) return env.Undefined();
  napi_value v;
  if (try_adopt_lent(env, calls.pool, l, &v) != napi_ok) {
    // e.g. a runtime that allows no external buffers: JS allocates instead
    calls.pool->returned(l);
    return env.Undefined();
  }
  return Napi::Value(env, v);
}

Napi::Value pool_stats(Napi::Env env, AsyncCalls& calls) {
  Napi::Float64Array a = Napi::Float64Array::New(env, 3);
  calls.pool->stats(a.Data());
  return a;
}

Napi::Value dispose_result(const Napi::CallbackInfo& info, AsyncCalls& calls) {
  Napi::Env env = info.Env();
  bool done = false;
  if (info.Length() >= 1 && info[0].IsArrayBuffer() &&
      dispose_lent(env, *calls.pool, info[0], &done) != napi_ok)
    throw Napi::Error::New(env);
  return Napi::Boolean::New(env, done);
}

Napi::Value release_scratch(const Napi::CallbackInfo& info, AsyncCalls& calls) {
  auto it = calls.held.find(held_id(info.Env(), info[0]));
  if (it != calls.held.end()) {
    calls.pool->give(it->second.mem, it->second.size);
    calls.held.erase(it);
  }
  return info.Env().Undefined();
}

}  // namespace tfp_binding
