#pragma once
// Seeded Monte Carlo propagation of 90 % intervals.
//
// A Draws holds either one exact value (size 1) or `samples` draws. Exact
// inputs stay exact through arithmetic, so a card without ranges gets no
// sampling noise: 1e25 stays exactly 1e25 and p05 == median == p95.
// Streams are keyed by (seed, stream key), never by call order, so results do
// not depend on evaluation order, threads or batch position. We use
// xoshiro256** (sequence fixed by its published definition) with our own
// ziggurat normal transform, because std::normal_distribution differs
// between libraries.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
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

// Copies share their samples (immutable once shared), so keeping the same
// draws as a method, a phase and a total costs no copy, and their summary is
// computed once. Arithmetic on a temporary reuses its buffer.
class Draws {
 public:
  Draws() = default;  // exactly 0
  static Draws exact(double value);
  // Log-normal draws for an interval quantity (exact quantities stay exact).
  static Draws sample(const Quantity& q, const MonteCarloConfig& config,
                      std::string_view stream_key);
  // Wraps precomputed draws (size 1 means exact).
  static Draws from_values(std::vector<double> values);

  bool is_exact() const noexcept { return !samples_; }
  std::size_t size() const noexcept { return samples_ ? samples_->values.size : 1; }
  std::span<const double> values() const noexcept {
    return samples_ ? std::span<const double>(samples_->values.data.get(), samples_->values.size)
                    : std::span<const double>(&exact_, 1);
  }

  friend Draws operator*(Draws a, const Draws& b);
  friend Draws operator+(Draws a, const Draws& b);
  friend Draws operator*(Draws a, double factor);
  // Element-wise min: used to clip a utilisation at 1.
  Draws min(double cap) const&;
  Draws min(double cap) &&;

  // Median and 90 % interval; computed once per set of samples (thread-safe).
  DistributionSummary summary() const;
  // Share of draws strictly greater than the threshold (0 or 1 when exact).
  double probability_above(double threshold) const;

 private:
  // Draws are written before they are read: a buffer that is not zeroed first
  // (a std::vector<double>(n) zeroed 80 KB per operation at 10^4 samples).
  struct Buffer {
    static Buffer uninitialised(std::size_t n) { return {std::make_unique_for_overwrite<double[]>(n), n}; }
    std::unique_ptr<double[]> data;
    std::size_t size = 0;
  };
  struct Samples {
    explicit Samples(Buffer b) : values(std::move(b)) {}
    Buffer values;
    mutable std::once_flag summarised;
    mutable DistributionSummary summary;
  };
  explicit Draws(double value) : exact_(value) {}
  explicit Draws(Buffer b);
  // The buffer of a temporary whose samples nobody else holds; else a copy.
  static Buffer take_values(Draws&& d);
  template <typename Op>
  static Draws combine(Draws a, const Draws& b, Op op);

  double exact_ = 0;                        // when there are no samples
  std::shared_ptr<const Samples> samples_;  // null when exact
};

// Percentile (0..100) by linear interpolation between order statistics
// (Hyndman-Fan type 7, numpy's default). Input need not be sorted.
double percentile(std::span<const double> values, double pct);

// Deterministic 64-bit key for a stream name (FNV-1a), mixed with the seed.
std::uint64_t stream_seed(std::uint64_t seed, std::string_view stream_key);

}  // namespace gpai
