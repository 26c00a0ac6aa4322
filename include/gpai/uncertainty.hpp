#pragma once
// Seeded Monte Carlo propagation of 90 % intervals.
//
// A Draws holds either one exact value (size 1) or `samples` draws. Exact
// inputs stay exact through arithmetic, so a card without ranges gets no
// sampling noise: 1e25 stays exactly 1e25 and p05 == median == p95.
// Streams are keyed by (seed, stream key), never by call order, so results do
// not depend on evaluation order, threads or batch position. We use
// std::mt19937_64 (sequence fixed by the standard) with our own normal
// transform, because std::normal_distribution differs between libraries.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "gpai/quantity.hpp"

namespace gpai {

struct MonteCarloConfig {
  std::uint64_t seed = 20250802;
  std::size_t samples = 100000;
};

struct DistributionSummary {
  double median = 0;
  double p05 = 0;
  double p95 = 0;
  bool exact = true;
};

class Draws {
 public:
  Draws() : values_{0.0} {}
  static Draws exact(double value);
  // Log-normal draws for an interval quantity (exact quantities stay exact).
  static Draws sample(const Quantity& q, const MonteCarloConfig& config,
                      std::string_view stream_key);
  // Wraps precomputed draws (size 1 means exact).
  static Draws from_values(std::vector<double> values);

  bool is_exact() const noexcept { return values_.size() == 1; }
  std::size_t size() const noexcept { return values_.size(); }
  std::span<const double> values() const noexcept { return values_; }

  Draws operator*(const Draws& other) const;
  Draws operator+(const Draws& other) const;
  Draws operator*(double factor) const;
  // Element-wise min/max: used to clip a utilisation at 1.
  Draws min(double cap) const;

  DistributionSummary summary() const;
  // Share of draws strictly greater than the threshold (0 or 1 when exact).
  double probability_above(double threshold) const;

 private:
  explicit Draws(std::vector<double> v) : values_(std::move(v)) {}
  std::vector<double> values_;
};

// Percentile (0..100) by linear interpolation between order statistics
// (Hyndman-Fan type 7, numpy's default). Input need not be sorted.
double percentile(std::span<const double> values, double pct);

// Deterministic 64-bit key for a stream name (FNV-1a), mixed with the seed.
std::uint64_t stream_seed(std::uint64_t seed, std::string_view stream_key);

}  // namespace gpai
