#include "gpai/uncertainty.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>
#include <random>

namespace gpai {
namespace {

// z such that P(Z <= z) = 0.95: a 90 % interval spans +-1.6449 sigma.
constexpr double kZ95 = 1.6448536269514722;

using ArrayMap = Eigen::Map<Eigen::ArrayXd>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXd>;

ConstArrayMap as_array(const std::vector<double>& v) {
  return ConstArrayMap(v.data(), static_cast<Eigen::Index>(v.size()));
}

// Fill `out` with standard normal draws by Box-Muller on 53-bit uniforms.
void standard_normals(std::mt19937_64& rng, std::vector<double>& out) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  auto uniform_open = [&rng] {  // (0, 1]: never 0, so log() is finite
    return (static_cast<double>(rng() >> 11) + 1.0) * 0x1.0p-53;
  };
  for (std::size_t i = 0; i < out.size(); i += 2) {
    const double r = std::sqrt(-2.0 * std::log(uniform_open()));
    const double theta = kTwoPi * uniform_open();
    out[i] = r * std::cos(theta);
    if (i + 1 < out.size()) out[i + 1] = r * std::sin(theta);
  }
}

template <typename Op>
std::vector<double> combine(const std::vector<double>& a, const std::vector<double>& b, Op op) {
  assert(a.size() == 1 || b.size() == 1 || a.size() == b.size());
  const std::size_t n = std::max(a.size(), b.size());
  std::vector<double> out(n);
  ArrayMap o(out.data(), static_cast<Eigen::Index>(n));
  if (a.size() == b.size()) {
    o = op(as_array(a), as_array(b));
  } else if (a.size() == 1) {
    o = op(Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n), a[0]), as_array(b));
  } else {
    o = op(as_array(a), Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n), b[0]));
  }
  return out;
}

}  // namespace

std::uint64_t stream_seed(std::uint64_t seed, std::string_view stream_key) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a offset basis
  for (unsigned char c : stream_key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // splitmix64 finaliser so that nearby seeds give unrelated streams
  std::uint64_t z = h ^ (seed + 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Draws Draws::exact(double value) { return Draws(std::vector<double>{value}); }

Draws Draws::from_values(std::vector<double> values) {
  assert(!values.empty());
  return Draws(std::move(values));
}

Draws Draws::sample(const Quantity& q, const MonteCarloConfig& config,
                    std::string_view stream_key) {
  if (q.is_exact() || config.samples < 2) return exact(q.median());
  const double mu = 0.5 * (std::log(q.low()) + std::log(q.high()));
  const double sigma = (std::log(q.high()) - std::log(q.low())) / (2.0 * kZ95);
  std::mt19937_64 rng(stream_seed(config.seed, stream_key));
  std::vector<double> v(config.samples);
  standard_normals(rng, v);
  ArrayMap a(v.data(), static_cast<Eigen::Index>(v.size()));
  a = (mu + sigma * a).exp();
  return Draws(std::move(v));
}

Draws Draws::operator*(const Draws& other) const {
  return Draws(combine(values_, other.values_, [](const auto& x, const auto& y) { return x * y; }));
}

Draws Draws::operator+(const Draws& other) const {
  return Draws(combine(values_, other.values_, [](const auto& x, const auto& y) { return x + y; }));
}

Draws Draws::operator*(double factor) const {
  std::vector<double> out(values_);
  ArrayMap(out.data(), static_cast<Eigen::Index>(out.size())) *= factor;
  return Draws(std::move(out));
}

Draws Draws::min(double cap) const {
  std::vector<double> out(values_);
  ArrayMap o(out.data(), static_cast<Eigen::Index>(out.size()));
  o = o.min(cap);
  return Draws(std::move(out));
}

namespace {
// Type-7 quantiles of several ascending percentages from one copy of the
// data: each nth_element works only on the part right of the previous rank,
// so three quantiles cost about one pass instead of three copies.
std::vector<double> quantiles(std::span<const double> values, std::initializer_list<double> pcts) {
  assert(!values.empty());
  std::vector<double> v(values.begin(), values.end());
  std::vector<double> out;
  std::size_t done = 0;  // v[0, done) is partitioned below every later rank
  for (double pct : pcts) {
    const double rank = pct / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    const double frac = rank - static_cast<double>(lo);
    const auto begin = v.begin() + static_cast<std::ptrdiff_t>(std::min(done, lo));
    std::nth_element(begin, v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
    const double a = v[lo];
    double q = a;
    if (frac > 0.0 && lo + 1 < v.size()) {
      const double b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
      q = a + frac * (b - a);
    }
    out.push_back(q);
    done = lo + 1;
  }
  return out;
}
}  // namespace

double percentile(std::span<const double> values, double pct) { return quantiles(values, {pct})[0]; }

DistributionSummary Draws::summary() const {
  if (is_exact()) return {values_[0], values_[0], values_[0], true};
  const auto q = quantiles(values_, {5, 50, 95});
  return {q[1], q[0], q[2], false};
}

double Draws::probability_above(double threshold) const {
  const auto above = (as_array(values_) > threshold).count();
  return static_cast<double>(above) / static_cast<double>(values_.size());
}

}  // namespace gpai
