// A job is one sampling call turned into C++ values: how many independent
// work units it has, how many bytes it writes, and how to compute units
// [u0, u1) into an output buffer. Units sit at fixed counter offsets (fill
// groups, gamma/poisson/binomial outputs), so any split across threads gives
// the same bytes as one sync call.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "fill.h"
#include "ops.h"

namespace tfp_binding {

class Job {
 public:
  virtual ~Job() = default;
  virtual size_t units() const = 0;
  virtual size_t bytes() const = 0;
  // out points at element 0 of the whole output. Returns false when the
  // computation cannot complete (see failure()); safe to call concurrently on
  // disjoint unit ranges.
  virtual bool run(void* out, size_t u0, size_t u1) = 0;
  virtual const char* failure() const { return "sampling failed"; }
  // Bytes each unit writes (the last unit may write fewer) when units lie in
  // output order and run() cannot fail: the job can be copied out to a
  // caller's buffer chunk by chunk while it runs (Target::kStream). 0: not.
  virtual size_t unit_bytes() const { return 0; }
};

class FillJob final : public Job {
 public:
  FillJob(const tfp::FillSpec& spec, size_t n) : spec_(spec), n_(n) {}
  size_t units() const override { return tfp::group_count(n_, spec_.dtype); }
  size_t bytes() const override { return n_ * tfp::element_size(spec_.dtype); }
  bool run(void* out, size_t u0, size_t u1) override {
    tfp::fill_groups(spec_, out, n_, u0, u1);
    return true;
  }
  size_t unit_bytes() const override { return tfp::group_size(spec_.dtype) * tfp::element_size(spec_.dtype); }

 private:
  tfp::FillSpec spec_;
  size_t n_;
};

struct Seat {  // a kernel position: key and counter words
  uint32_t key[2];
  uint32_t ctr[4];
};

class GammaJob final : public Job {
 public:
  GammaJob(tfp::DType dt, const Seat& s, std::vector<double> alpha, size_t P)
      : dt_(dt), seat_(s), alpha_(std::move(alpha)), P_(P) {}
  size_t units() const override { return alpha_.size() * P_; }
  size_t bytes() const override { return units() * tfp::element_size(dt_); }
  bool run(void* out, size_t u0, size_t u1) override {
    tfp::gamma_fill(dt_, seat_.key, seat_.ctr, alpha_.data(), alpha_.size(), P_, out, u0, u1);
    return true;
  }

 private:
  tfp::DType dt_;
  Seat seat_;
  std::vector<double> alpha_;
  size_t P_;
};

class PoissonJob final : public Job {
 public:
  PoissonJob(tfp::DType dt, const Seat& s, std::vector<double> rate, size_t P)
      : dt_(dt), seat_(s), rate_(std::move(rate)), P_(P) {}
  size_t units() const override { return rate_.size() * P_; }
  size_t bytes() const override { return units() * tfp::element_size(dt_); }
  bool run(void* out, size_t u0, size_t u1) override {
    return tfp::poisson_fill(dt_, seat_.key, seat_.ctr, rate_.data(), rate_.size(), P_, out, u0, u1);
  }
  const char* failure() const override { return "lam: a rate for which the sampler never terminates"; }

 private:
  tfp::DType dt_;
  Seat seat_;
  std::vector<double> rate_;
  size_t P_;
};

class BinomialJob final : public Job {
 public:
  BinomialJob(tfp::DType param_dt, tfp::DType out_dt, const Seat& s, std::vector<double> counts,
              std::vector<double> probs, size_t spb)
      : pdt_(param_dt), odt_(out_dt), seat_(s), counts_(std::move(counts)), probs_(std::move(probs)),
        spb_(spb) {}
  size_t units() const override { return counts_.size() * spb_; }
  size_t bytes() const override { return units() * tfp::element_size(odt_); }
  bool run(void* out, size_t u0, size_t u1) override {
    return tfp::binomial_fill(pdt_, odt_, seat_.key, seat_.ctr, counts_.data(), probs_.data(),
                              counts_.size(), spb_, out, u0, u1);
  }
  const char* failure() const override { return "counts: a NaN count for which the sampler never terminates"; }

 private:
  tfp::DType pdt_, odt_;
  Seat seat_;
  std::vector<double> counts_, probs_;
  size_t spb_;
};

// Multinomial's values depend on TF's row partition, which it computes itself:
// one unit.
class MultinomialJob final : public Job {
 public:
  MultinomialJob(tfp::DType logits_dt, const Seat& s, std::vector<double> logits, size_t B,
                 size_t C, size_t S, tfp::DType out_dt, int intra_op_threads)
      : ldt_(logits_dt), seat_(s), logits_(std::move(logits)), B_(B), C_(C), S_(S), odt_(out_dt),
        threads_(intra_op_threads) {}
  size_t units() const override { return 1; }
  size_t bytes() const override { return B_ * S_ * tfp::element_size(odt_); }
  bool run(void* out, size_t u0, size_t u1) override {
    if (u0 < u1 && B_ * S_ > 0)
      tfp::multinomial_fill(seat_.key, seat_.ctr, ldt_, logits_.data(), B_, C_, S_, odt_, out,
                            threads_);
    return true;
  }

 private:
  tfp::DType ldt_;
  Seat seat_;
  std::vector<double> logits_;
  size_t B_, C_, S_;
  tfp::DType odt_;
  int threads_;
};

}  // namespace tfp_binding
