#pragma once
// Propagation of 90 % intervals: in closed form where the law of the result
// is known, by seeded Monte Carlo where it is not.
//
// A range {low, high} is a log-normal whose 5th and 95th percentiles are low
// and high. A Draws is one of three things:
//
//  - exact: one value. Exact inputs stay exact through arithmetic (the same
//    floating-point operations in the same order), so 1e25 stays 1e25 and
//    p05 == median == p95.
//  - closed form: shift + scale * min(G, cap) with G = exp(sum_k s_k Z_k),
//    the Z_k independent standard normals, one per input (its stream key).
//    A product of such forms with no shift is one again: scales multiply and
//    loadings s_k add, so the log-variance is the sum of the variances and
//    the same input used twice (one shared assumption) is counted as
//    perfectly correlated, not averaged away. Exact factors scale, exact
//    terms shift, min() caps, and terms with the same uncertain part add.
//    Percentiles and P(> t) then come from the normal CDF: no sampling noise,
//    no dependence on the seed or the sample count.
//  - sampled: anything else (a sum of terms with different uncertain parts,
//    a product with a shifted factor, a cap that matters inside a product).
//    It is kept as an expression over closed forms. One depending on a single
//    input through increasing operations is still exact (its percentiles are
//    the expression at the normal's percentiles); the rest is evaluated by
//    Latin hypercube draws (see summary()).
//
// A cap inside a product: min(G, cap) * H is treated as G * H when
// P(G > cap) < 1e-9 (cap beyond 6 standard deviations). The two differ only
// on that event, so any P(> t) moves by less than 1e-9 and a percentile by
// less than the distance between the p +- 1e-9 percentiles; otherwise the
// product is sampled.
//
// Sampling is seeded and deterministic: the draws of an expression depend on
// the seed, the set of stream keys it uses (each key a hash of a JSON
// pointer) and the sample count, never on evaluation order, threads or batch
// position.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "gpai/quantity.hpp"

namespace gpai {

struct MonteCarloConfig {
  std::uint64_t seed = 20250802;
  // The most draws one sampled distribution may take (--samples). Sampling
  // starts at first_samples (or at samples, when smaller) and grows the count
  // (2x to 16x, as the shortfall says) until the precision targets below
  // hold or samples is reached.
  std::size_t samples = 100000;
  std::size_t first_samples = 1024;
  // Target standard error of each percentile, relative to the percentile:
  // 0.25 % puts 2 standard errors within 0.5 %.
  double percentile_rel_se = 0.0025;
  // Target standard error of each P(> threshold) asked for.
  double p_above_se = 0.005;
  // Brute force, to check the fast paths against: every range sampled, with
  // exactly `samples` independent draws (no closed form, no Latin hypercube,
  // no rotation, no adaptive count), as before closed forms existed.
  bool brute_force = false;
};

enum class Propagation {
  exact,        // no input was a range
  closed_form,  // percentiles from the normal CDF: standard errors are 0
  monte_carlo,  // percentiles from `samples` draws, with standard errors
};
std::string_view to_string(Propagation p) noexcept;

struct DistributionSummary {
  double median = 0;
  double p05 = 0;
  double p95 = 0;
  bool exact = true;
  Propagation propagation = Propagation::exact;
  std::size_t samples = 0;  // draws behind the percentiles; 0 unless monte_carlo
  // Monte Carlo standard errors of the percentiles, in their unit; 0 unless
  // monte_carlo.
  double median_se = 0;
  double p05_se = 0;
  double p95_se = 0;
};

// P(X > threshold), strictly greater, and its Monte Carlo standard error.
struct Exceedance {
  double threshold = 0;
  double p_above = 0;
  double se = 0;  // 0 unless the distribution was sampled
};

struct ThresholdSummary {
  DistributionSummary summary;
  Exceedance above;
};

namespace detail {
// One input's weight in a closed form: s_k in G = exp(sum_k s_k Z_k).
struct Loading {
  std::uint64_t stream = 0;  // stream_seed(seed, key)
  double sigma = 0;
};
// shift + scale * min(G, cap); no loadings: exactly `shift`.
struct LogNormalForm {
  static constexpr std::size_t kMaxLoadings = 8;  // more inputs in one product: sampled
  double shift = 0;
  double scale = 0;
  double cap = std::numeric_limits<double>::infinity();
  std::size_t count = 0;
  std::array<Loading, kMaxLoadings> loadings{};  // sorted by stream
};
struct Expression;  // a sampled expression (private to the library)
}  // namespace detail

// Copies are cheap: a closed form is held by value, a sampled expression is
// shared (immutable, its summary computed once, thread-safe).
class Draws {
 public:
  Draws() = default;  // exactly 0
  static Draws exact(double value);
  // The log-normal of an interval quantity (exact quantities stay exact; so
  // does everything when config.samples < 2). Inputs with the same stream key
  // and seed are the same random variable.
  static Draws sample(const Quantity& q, const MonteCarloConfig& config, std::string_view stream_key);
  // Precomputed draws (size 1 means exact): an empirical distribution,
  // sampled as it is.
  static Draws from_values(std::vector<double> values);

  bool is_exact() const noexcept { return !expr_ && form_.count == 0; }
  // How summary() obtains the percentiles.
  Propagation propagation() const;
  // Draws of this distribution: the exact value alone, or config.samples
  // Latin hypercube draws (computed on each call; for tests and for callers
  // that need sample paths).
  std::vector<double> values() const;

  friend Draws operator*(const Draws& a, const Draws& b);
  friend Draws operator+(const Draws& a, const Draws& b);
  friend Draws operator*(const Draws& a, double factor);
  // Element-wise min: used to clip a utilisation at 1.
  Draws min(double cap) const;

  // Median and 90 % interval. Sampled expressions use replicated Latin
  // hypercube draws in a rotated basis whose first axis is the direction in
  // which the log of the result grows fastest (so that axis, stratified,
  // carries most of the variation): 8 independent replicates, standard
  // errors from their spread, the count grown from first_samples until each
  // percentile's standard error is within percentile_rel_se or the maximum
  // is reached. Computed once per expression.
  DistributionSummary summary() const;
  // The summary and P(> t) for each threshold (filled in place), with draws
  // added until, besides the above, no threshold lies within 3 standard
  // errors of p05 or p95 (so a verdict drawn from them cannot flip) and each
  // P(> t) is within p_above_se (or the maximum is reached).
  DistributionSummary against(std::span<Exceedance> thresholds) const;
  ThresholdSummary against(double threshold) const;
  double probability_above(double threshold) const { return against(threshold).above.p_above; }

 private:
  explicit Draws(const detail::LogNormalForm& f) : form_(f) {}
  static Draws expression(std::shared_ptr<const detail::Expression> e, const MonteCarloConfig& mc);
  std::shared_ptr<const detail::Expression> as_expression() const;
  const MonteCarloConfig& config_of(const Draws& other) const;

  detail::LogNormalForm form_;                 // when expr_ is null
  std::shared_ptr<const detail::Expression> expr_;  // null unless sampled
  MonteCarloConfig config_;
};

// Percentile (0..100) by linear interpolation between order statistics
// (Hyndman-Fan type 7, numpy's default). Input need not be sorted.
double percentile(std::span<const double> values, double pct);

// Deterministic 64-bit key for a stream name (FNV-1a), mixed with the seed.
std::uint64_t stream_seed(std::uint64_t seed, std::string_view stream_key);

}  // namespace gpai
