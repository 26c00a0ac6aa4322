#include "gpai/uncertainty.hpp"

#include "order_statistics.hpp"

#include <Eigen/Core>
#include <array>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

namespace gpai {
namespace {

// z such that P(Z <= z) = 0.95: a 90 % interval spans +-1.6449 sigma.
constexpr double kZ95 = 1.6448536269514722;

using ArrayMap = Eigen::Map<Eigen::ArrayXd>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXd>;

ConstArrayMap as_array(std::span<const double> v) {
  return ConstArrayMap(v.data(), static_cast<Eigen::Index>(v.size()));
}

// xoshiro256** (Blackman and Vigna 2018): its sequence is fixed by its
// published definition, as mt19937_64's is by the standard, at a fraction of
// the cost per output (mt19937_64 was half the cost of a draw). Seeded
// through splitmix64, as its authors recommend.
class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) {
    for (auto& word : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }
  std::uint64_t operator()() {
    const std::uint64_t out = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return out;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Standard normal draws by the ziggurat method (Marsaglia and Tsang 2000, in
// Doornik's 2005 form: the layer index and the uniform come from disjoint
// bits, which avoids the correlation of the original). 98.8 % of draws cost
// one 64-bit generator output, a table lookup and a multiply; Box-Muller's
// log, sqrt, sin and cos per pair made sampling the largest cost of a
// Monte Carlo card.
class NormalZiggurat {
 public:
  NormalZiggurat() {
    double f = std::exp(-0.5 * kR * kR);
    x_[0] = kV / f;  // the base layer, widened to carry the tail's area
    x_[1] = kR;
    for (std::size_t i = 2; i < kLayers; ++i) {
      x_[i] = std::sqrt(-2.0 * std::log(kV / x_[i - 1] + f));
      f = std::exp(-0.5 * x_[i] * x_[i]);
    }
    x_[kLayers] = 0;
    for (std::size_t i = 0; i < kLayers; ++i) ratio_[i] = x_[i + 1] / x_[i];
  }

  double operator()(Xoshiro256& rng) const {
    for (;;) {
      const std::uint64_t bits = rng();
      const std::size_t i = bits & (kLayers - 1);
      // Bits 11..63 as a signed 53-bit integer: u uniform in [-1, 1).
      const double u = static_cast<double>(static_cast<std::int64_t>(bits) >> 11) * 0x1.0p-52;
      if (std::fabs(u) < ratio_[i]) return u * x_[i];  // inside the layer's rectangle
      if (i == 0) return tail(rng, u < 0);
      const double x = u * x_[i];  // in the wedge: accept under the density
      const double f0 = std::exp(-0.5 * (x_[i] * x_[i] - x * x));
      const double f1 = std::exp(-0.5 * (x_[i + 1] * x_[i + 1] - x * x));
      if (f1 + uniform_open(rng) * (f0 - f1) < 1.0) return x;
    }
  }

 private:
  static constexpr std::size_t kLayers = 128;
  static constexpr double kR = 3.442619855899;       // start of the tail
  static constexpr double kV = 9.91256303526217e-3;  // area of each layer
  static double uniform_open(Xoshiro256& rng) {  // (0, 1]: never 0, so log() is finite
    return (static_cast<double>(rng() >> 11) + 1.0) * 0x1.0p-53;
  }
  static double tail(Xoshiro256& rng, bool negative) {  // Marsaglia 1964
    double x, y;
    do {
      x = std::log(uniform_open(rng)) / kR;
      y = std::log(uniform_open(rng));
    } while (-2.0 * y < x * x);
    return negative ? x - kR : kR - x;
  }
  double x_[kLayers + 1];
  double ratio_[kLayers];
};

void standard_normals(Xoshiro256& rng, std::span<double> out) {
  static const NormalZiggurat normal;
  for (double& z : out) z = normal(rng);
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

Draws::Draws(Buffer b) {
  if (b.size == 1) exact_ = b.data[0];
  else samples_ = std::make_shared<Samples>(std::move(b));  // not const: see take_values
}

Draws Draws::exact(double value) { return Draws(value); }

Draws Draws::from_values(std::vector<double> values) {
  assert(!values.empty());
  Buffer b = Buffer::uninitialised(values.size());
  std::copy(values.begin(), values.end(), b.data.get());
  return Draws(std::move(b));
}

Draws Draws::sample(const Quantity& q, const MonteCarloConfig& config,
                    std::string_view stream_key) {
  if (q.is_exact() || config.samples < 2) return exact(q.median());
  const double mu = 0.5 * (std::log(q.low()) + std::log(q.high()));
  const double sigma = (std::log(q.high()) - std::log(q.low())) / (2.0 * kZ95);
  Xoshiro256 rng(stream_seed(config.seed, stream_key));
  Buffer v = Buffer::uninitialised(config.samples);
  standard_normals(rng, std::span<double>(v.data.get(), v.size));
  ArrayMap a(v.data.get(), static_cast<Eigen::Index>(v.size));
  a = (mu + sigma * a).exp();
  return Draws(std::move(v));
}

Draws::Buffer Draws::take_values(Draws&& d) {
  if (!d.samples_) {
    Buffer one = Buffer::uninitialised(1);
    one.data[0] = d.exact_;
    return one;
  }
  if (d.samples_.use_count() == 1) {
    // Sole owner of a temporary: nobody can observe the buffer any more. The
    // Samples object was created non-const, so taking from it is defined.
    auto& owned = const_cast<Samples&>(*d.samples_);
    Buffer v = std::move(owned.values);
    d.samples_.reset();
    return v;
  }
  const std::span<const double> shared = d.values();
  Buffer copy = Buffer::uninitialised(shared.size());
  std::copy(shared.begin(), shared.end(), copy.data.get());
  return copy;
}

// a op b element-wise; an exact operand is broadcast. Reuses a's buffer when
// a is a temporary nobody shares.
template <typename Op>
Draws Draws::combine(Draws a, const Draws& b, Op op) {
  if (a.is_exact() && b.is_exact()) return Draws(op(a.exact_, b.exact_));
  assert(a.is_exact() || b.is_exact() || a.size() == b.size());
  const auto n = static_cast<Eigen::Index>(std::max(a.size(), b.size()));
  const auto bv = b.values();
  if (a.is_exact()) {
    Buffer out = Buffer::uninitialised(static_cast<std::size_t>(n));
    ArrayMap(out.data.get(), n) = op(Eigen::ArrayXd::Constant(n, a.exact_), ConstArrayMap(bv.data(), n));
    return Draws(std::move(out));
  }
  const bool reuse = a.samples_.use_count() == 1;
  Buffer out = reuse ? take_values(std::move(a)) : Buffer::uninitialised(static_cast<std::size_t>(n));
  ArrayMap o(out.data.get(), n);
  const ConstArrayMap x(reuse ? out.data.get() : a.samples_->values.data.get(), n);
  if (b.is_exact()) o = op(x, b.exact_);
  else o = op(x, ConstArrayMap(bv.data(), n));
  return Draws(std::move(out));
}

Draws operator*(Draws a, const Draws& b) {
  return Draws::combine(std::move(a), b, [](const auto& x, const auto& y) { return x * y; });
}

Draws operator+(Draws a, const Draws& b) {
  return Draws::combine(std::move(a), b, [](const auto& x, const auto& y) { return x + y; });
}

Draws operator*(Draws a, double factor) { return std::move(a) * Draws(factor); }

Draws Draws::min(double cap) const& { return Draws(*this).min(cap); }

Draws Draws::min(double cap) && {
  if (is_exact()) return Draws(std::min(exact_, cap));
  Buffer v = take_values(std::move(*this));
  ArrayMap o(v.data.get(), static_cast<Eigen::Index>(v.size));
  o = o.min(cap);
  return Draws(std::move(v));
}

namespace {
// Type-7 quantiles of several ascending percentages: the order statistics
// at floor(rank) and the next one, interpolated.
void quantiles(std::span<const double> values, std::initializer_list<double> pcts, double* out) {
  assert(!values.empty() && pcts.size() <= 4);
  std::array<std::size_t, 8> ranks{};
  std::array<double, 4> fracs{};
  std::size_t count = 0, k = 0;
  for (double pct : pcts) {
    const double rank = pct / 100.0 * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    fracs[k++] = rank - static_cast<double>(lo);
    ranks[count++] = lo;
    ranks[count++] = std::min(lo + 1, values.size() - 1);
  }
  std::array<double, 8> at{};
  order_statistics(values, std::span(ranks.data(), count), at.data());
  for (std::size_t i = 0; i < k; ++i) {
    const double a = at[2 * i], b = at[2 * i + 1];
    out[i] = fracs[i] > 0.0 ? a + fracs[i] * (b - a) : a;
  }
}
}  // namespace

double percentile(std::span<const double> values, double pct) {
  double q = 0;
  quantiles(values, {pct}, &q);
  return q;
}

DistributionSummary Draws::summary() const {
  if (!samples_) return {exact_, exact_, exact_, true};
  std::call_once(samples_->summarised, [this] {
    double q[3];
    quantiles(values(), {5, 50, 95}, q);
    samples_->summary = {q[1], q[0], q[2], false};
  });
  return samples_->summary;
}

double Draws::probability_above(double threshold) const {
  if (!samples_) return exact_ > threshold ? 1.0 : 0.0;
  const auto above = (as_array(values()) > threshold).count();
  return static_cast<double>(above) / static_cast<double>(samples_->values.size);
}

}  // namespace gpai
