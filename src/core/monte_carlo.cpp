#include "monte_carlo.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

#include "order_statistics.hpp"

namespace gpai::detail {
namespace {

constexpr double kZ95 = 1.6448536269514722;
// Replicates: independent Latin hypercubes whose spread gives the standard
// errors. More replicates estimate the errors better (8: within ~27 % at 7
// degrees of freedom), fewer stratify each axis more finely at the same
// count (a replicate of m draws resolves 1/m of probability).
constexpr std::size_t kBlocks = 8;
// Half-width, in probability, of the difference quotient behind a
// percentile's density (its standard error is the CDF's over the density).
constexpr double kDensityHalfWidth = 0.025;
// A threshold closer than this many standard errors to p05 or p95 could
// flip the verdict drawn from them: more draws.
constexpr double kVerdictMargin = 3.0;

__extension__ typedef unsigned __int128 Uint128;  // GCC and Clang; -Wpedantic knows it as an extension
using ArrayMap = Eigen::Map<Eigen::ArrayXd>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXd>;

// n draws in a buffer the thread reuses: allocating and zeroing a few
// buffers per evaluation cost more than the evaluation (page faults on each
// call). Buffers over 8 MB are not kept.
class Buffer {
 public:
  explicit Buffer(std::size_t n) : n_(n) {
    auto& pool = free_list();
    if (!pool.empty()) {
      v_ = std::move(pool.back());
      pool.pop_back();
    }
    if (v_.size() < n) v_.resize(n);
  }
  Buffer(Buffer&& other) noexcept : v_(std::move(other.v_)), n_(other.n_) {}
  Buffer& operator=(Buffer&&) = delete;
  ~Buffer() {
    if (!v_.empty() && v_.size() <= kKeptDoubles) free_list().push_back(std::move(v_));
  }
  double* data() { return v_.data(); }
  std::span<const double> span() const { return {v_.data(), n_}; }
  ArrayMap array() { return ArrayMap(v_.data(), static_cast<Eigen::Index>(n_)); }
  ConstArrayMap array() const { return ConstArrayMap(v_.data(), static_cast<Eigen::Index>(n_)); }

 private:
  static constexpr std::size_t kKeptDoubles = std::size_t{1} << 20;
  static std::vector<std::vector<double>>& free_list() {
    thread_local std::vector<std::vector<double>> pool;
    return pool;
  }
  std::vector<double> v_;
  std::size_t n_;
};

std::uint64_t splitmix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna 2018): its sequence is fixed by its
// published definition, where the standard distributions differ between
// libraries. Seeded through splitmix64, as its authors recommend.
class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) {
    for (auto& word : s_) {
      word = splitmix(seed);
      seed += 0x9e3779b97f4a7c15ULL;
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
  double uniform_open() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  std::size_t below(std::size_t bound) {  // [0, bound): Lemire's multiply-shift (bias < bound / 2^64)
    return static_cast<std::size_t>((static_cast<Uint128>((*this)()) * bound) >> 64);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// ---- the expression's inputs ------------------------------------------------

struct Inputs {
  std::vector<std::uint64_t> streams;  // sorted, distinct
  std::size_t empirical_size = 0;      // of op == values leaves (0: none)
  bool nonnegative = true;             // every constant, shift and scale >= 0
  bool same_sign = true;               // each stream loads with one sign throughout
  std::vector<int> signs;              // per stream: +1 / -1
};

void collect(const Expression& e, Inputs& in, std::vector<Loading>& all) {
  switch (e.op) {
    case Expression::Op::form:
      if (e.form.shift < 0 || e.form.scale < 0) in.nonnegative = false;
      for (std::size_t i = 0; i < e.form.count; ++i) all.push_back(e.form.loadings[i]);
      return;
    case Expression::Op::values:
      assert(in.empirical_size == 0 || in.empirical_size == e.values.size());
      in.empirical_size = e.values.size();
      return;
    case Expression::Op::add:
    case Expression::Op::mul:
      collect(*e.lhs, in, all);
      collect(*e.rhs, in, all);
      return;
    case Expression::Op::min:
      collect(*e.lhs, in, all);
      return;
  }
}

Inputs inputs_of(const Expression& e) {
  Inputs in;
  std::vector<Loading> all;
  collect(e, in, all);
  std::sort(all.begin(), all.end(), [](const Loading& a, const Loading& b) { return a.stream < b.stream; });
  for (const Loading& l : all) {
    const int sign = l.sigma > 0 ? 1 : -1;
    if (in.streams.empty() || in.streams.back() != l.stream) {
      in.streams.push_back(l.stream);
      in.signs.push_back(sign);
    } else if (in.signs.back() != sign) {
      in.same_sign = false;
    }
  }
  return in;
}

std::size_t index_of(const Inputs& in, std::uint64_t stream) {
  return static_cast<std::size_t>(std::lower_bound(in.streams.begin(), in.streams.end(), stream) -
                                  in.streams.begin());
}

// ---- the expression at one point z (one value per stream) ------------------

double at_point(const Expression& e, const Inputs& in, std::span<const double> z) {
  switch (e.op) {
    case Expression::Op::form: {
      double t = 0;
      for (std::size_t i = 0; i < e.form.count; ++i) {
        t += e.form.loadings[i].sigma * z[index_of(in, e.form.loadings[i].stream)];
      }
      return e.form.count ? e.form.shift + e.form.scale * std::min(std::exp(t), e.form.cap) : e.form.shift;
    }
    case Expression::Op::values: return std::numeric_limits<double>::quiet_NaN();  // no point form
    case Expression::Op::add: return at_point(*e.lhs, in, z) + at_point(*e.rhs, in, z);
    case Expression::Op::mul: return at_point(*e.lhs, in, z) * at_point(*e.rhs, in, z);
    case Expression::Op::min: return std::min(at_point(*e.lhs, in, z), e.cap);
  }
  return 0;
}

// One input, increasing operations on non-negative values: the expression is
// a monotone function f of one standard normal, so its p-quantile is f at the
// normal's p-quantile and P(f > t) = P(Z > z*) at the boundary z*.
bool monotone_in_one(const Inputs& in) {
  return in.streams.size() == 1 && in.empirical_size == 0 && in.nonnegative && in.same_sign;
}

DistributionSummary exact_transform(const Expression& e, const Inputs& in, std::span<Exceedance> thresholds) {
  const double sign = in.signs[0];  // f(sign * w) increases with w
  auto f = [&](double w) {
    const double z = sign * w;
    return at_point(e, in, std::span<const double>(&z, 1));
  };
  DistributionSummary s;
  s.median = f(0.0);
  s.p05 = f(-kZ95);
  s.p95 = f(kZ95);
  s.exact = false;
  s.propagation = Propagation::closed_form;
  for (Exceedance& x : thresholds) {
    x.se = 0;
    // Beyond 38.5 standard deviations the normal tail is below the smallest double.
    double lo = -38.5, hi = 38.5;
    if (f(lo) > x.threshold) {
      x.p_above = 1.0;
      continue;
    }
    if (!(f(hi) > x.threshold)) {
      x.p_above = 0.0;
      continue;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
      const double mid = 0.5 * (lo + hi);
      (f(mid) > x.threshold ? hi : lo) = mid;
    }
    x.p_above = normal_upper_tail(hi);
  }
  return s;
}

// Phi^-1 in place over a column of probabilities: the central rational
// function for all of them (vectorised), then the tails (4.85 %) one by one.
void normal_quantiles(double* p, std::size_t n) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  constexpr double low = 0.02425;
  Buffer at(n), tail_z(n);  // positions (exact in a double) and values of the tails
  std::size_t t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] < low || p[i] > 1 - low) {
      at.data()[t] = static_cast<double>(i);
      tail_z.data()[t++] = normal_quantile(p[i]);
    }
  }
  Buffer central(n);
  auto q = central.array();
  ArrayMap z(p, static_cast<Eigen::Index>(n));
  q = z - 0.5;
  z = q.square();
  z = (((((a[0] * z + a[1]) * z + a[2]) * z + a[3]) * z + a[4]) * z + a[5]) * q /
      (((((b[0] * z + b[1]) * z + b[2]) * z + b[3]) * z + b[4]) * z + 1);
  for (std::size_t k = 0; k < t; ++k) p[static_cast<std::size_t>(at.data()[k])] = tail_z.data()[k];
}

// ---- the sampling basis -------------------------------------------------------

// Householder reflection taking the first axis onto the direction in which
// log f grows fastest at the medians (all z = 0): Latin hypercube strata
// along that axis then carry most of the variation. Identity when there is
// no usable direction (empirical inputs, a flat point).
struct Basis {
  std::vector<double> v;  // reflection vector; empty: identity
  double two_over_vv = 0;
};

Basis basis_for(const Expression& e, const Inputs& in) {
  const std::size_t k = in.streams.size();
  Basis b;
  if (k == 0 || in.empirical_size) return b;
  std::vector<double> z(k, 0.0), u(k);
  const double f0 = at_point(e, in, z);
  constexpr double h = 1e-4;
  double norm = 0;
  for (std::size_t i = 0; i < k; ++i) {
    z[i] = h;
    const double up = at_point(e, in, z);
    z[i] = -h;
    const double down = at_point(e, in, z);
    z[i] = 0;
    u[i] = (up - down) / (f0 > 0 ? f0 : 1.0);
    norm += u[i] * u[i];
  }
  norm = std::sqrt(norm);
  if (!(norm > 0) || !std::isfinite(norm)) return b;
  for (double& x : u) x /= norm;
  b.v.assign(k, 0.0);
  b.v[0] = 1.0;
  double vv = 0;
  for (std::size_t i = 0; i < k; ++i) {
    b.v[i] -= u[i];
    vv += b.v[i] * b.v[i];
  }
  if (vv < 1e-24) return Basis{};  // already the first axis
  b.two_over_vv = 2.0 / vv;
  return b;
}

std::size_t blocks_for(std::size_t n) { return std::clamp<std::size_t>(n / 32, 2, kBlocks); }
std::size_t block_begin(std::size_t j, std::size_t n, std::size_t blocks) { return j * n / blocks; }

// n draws per input: in each of `blocks` contiguous replicates, a Latin
// hypercube (one draw per equal-probability stratum of each axis, axes paired
// at random), rotated by the basis. Seeded by the seed-mixed stream keys, the
// axis and n. `iid`: independent draws instead (brute force).
std::vector<Buffer> normals(const Inputs& in, const Basis& basis, std::size_t n, bool iid) {
  const std::size_t k = in.streams.size();
  const std::size_t blocks = blocks_for(n);
  std::uint64_t key = 0x6a09e667f3bcc909ULL;
  for (std::uint64_t s : in.streams) key = splitmix(key ^ s);
  std::vector<Buffer> w;
  w.reserve(k);
  for (std::size_t d = 0; d < k; ++d) {
    Xoshiro256 rng(splitmix(key ^ (0x9e3779b97f4a7c15ULL * (d + 1))) ^ n);
    double* col = w.emplace_back(n).data();
    for (std::size_t j = 0; j < blocks; ++j) {
      const std::size_t begin = block_begin(j, n, blocks), m = block_begin(j + 1, n, blocks) - begin;
      double* p = col + begin;
      const double inv_m = 1.0 / static_cast<double>(m);
      if (iid) {
        for (std::size_t s = 0; s < m; ++s) p[s] = rng.uniform_open();
      } else {
        for (std::size_t s = 0; s < m; ++s) p[s] = (static_cast<double>(s) + rng.uniform_open()) * inv_m;
      }
      // The first axis stays in stratum order: only the pairing matters.
      if (d > 0 && !iid) {
        for (std::size_t s = m - 1; s > 0; --s) std::swap(p[s], p[rng.below(s + 1)]);
      }
    }
    normal_quantiles(col, n);
  }
  if (!basis.v.empty()) {  // z = w - (2 / v.v) v (v . w)
    Buffer dot(n);
    auto dots = dot.array();
    dots = basis.v[0] * w[0].array();
    for (std::size_t d = 1; d < k; ++d) dots += basis.v[d] * w[d].array();
    dots *= basis.two_over_vv;
    for (std::size_t d = 0; d < k; ++d) w[d].array() -= basis.v[d] * dots;
  }
  return w;
}

Buffer evaluate(const Expression& e, const Inputs& in, const std::vector<Buffer>& z, std::size_t n) {
  switch (e.op) {
    case Expression::Op::form: {
      Buffer out(n);
      auto o = out.array();
      if (e.form.count == 0) {
        o.setConstant(e.form.shift);
        return out;
      }
      o = e.form.loadings[0].sigma * z[index_of(in, e.form.loadings[0].stream)].array();
      for (std::size_t i = 1; i < e.form.count; ++i) {
        o += e.form.loadings[i].sigma * z[index_of(in, e.form.loadings[i].stream)].array();
      }
      // libm's exp (with its FMA variant chosen at run time) is faster than
      // Eigen's vectorised one at the baseline instruction set (3.8 vs 5.6 ns).
      const double log_cap = std::log(e.form.cap), scale = e.form.scale, shift = e.form.shift;
      double* x = out.data();
      for (std::size_t i = 0; i < n; ++i) x[i] = shift + scale * std::exp(std::min(x[i], log_cap));
      return out;
    }
    case Expression::Op::values: {
      assert(e.values.size() == n);
      Buffer out(n);
      std::copy(e.values.begin(), e.values.end(), out.data());
      return out;
    }
    case Expression::Op::add: {
      Buffer a = evaluate(*e.lhs, in, z, n);
      a.array() += evaluate(*e.rhs, in, z, n).array();
      return a;
    }
    case Expression::Op::mul: {
      Buffer a = evaluate(*e.lhs, in, z, n);
      a.array() *= evaluate(*e.rhs, in, z, n).array();
      return a;
    }
    case Expression::Op::min: {
      Buffer a = evaluate(*e.lhs, in, z, n);
      a.array() = a.array().min(e.cap);
      return a;
    }
  }
  return Buffer(n);
}

// ---- estimates from one set of draws ------------------------------------------

constexpr std::array<double, 3> kLevels = {0.05, 0.5, 0.95};

// Spread of per-replicate estimates -> standard error of the pooled one.
double replicate_se(std::span<const double> per_block) {
  const double r = static_cast<double>(per_block.size());
  double mean = 0;
  for (double x : per_block) mean += x;
  mean /= r;
  double ss = 0;
  for (double x : per_block) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / (r - 1) / r);
}

struct Estimate {
  DistributionSummary summary;
  // How many times more draws the targets need: the largest (standard
  // error / target)^2, as errors shrink like 1 / sqrt(n) at worst. <= 1: met.
  double shortfall = 0;
};

Estimate estimate(std::span<const double> v, const MonteCarloConfig& mc, std::span<Exceedance> thresholds) {
  const std::size_t n = v.size(), blocks = blocks_for(n);
  const double last = static_cast<double>(n - 1);
  // Per level: density lower rank, the two type-7 ranks, density upper rank.
  std::array<std::size_t, 12> ranks{};
  std::array<double, 3> frac{};
  for (std::size_t i = 0; i < kLevels.size(); ++i) {
    const double rank = kLevels[i] * last;
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    const std::size_t hi = std::min(lo + 1, n - 1);
    frac[i] = rank - static_cast<double>(lo);
    ranks[4 * i] = std::min(lo, static_cast<std::size_t>(std::lround((kLevels[i] - kDensityHalfWidth) * last)));
    ranks[4 * i + 1] = lo;
    ranks[4 * i + 2] = hi;
    ranks[4 * i + 3] = std::max(hi, static_cast<std::size_t>(std::lround((kLevels[i] + kDensityHalfWidth) * last)));
  }
  std::array<double, 12> at{};
  if (n >= 256) {
    order_statistics(v, ranks, at.data());
  } else {  // few draws: ranks may coincide or cross between levels
    std::vector<double> sorted(v.begin(), v.end());
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < ranks.size(); ++i) at[i] = sorted[ranks[i]];
  }

  std::array<double, 3> q{}, se{};
  std::array<double, kBlocks> per_block{};
  const std::span<double> blocks_f(per_block.data(), blocks);
  for (std::size_t i = 0; i < kLevels.size(); ++i) {
    const double a = at[4 * i + 1], b = at[4 * i + 2];
    q[i] = frac[i] > 0.0 ? a + frac[i] * (b - a) : a;
    // Replicates' CDF at the pooled percentile; its standard error over the
    // density (a difference quotient of the pooled order statistics).
    for (std::size_t j = 0; j < blocks; ++j) {
      const std::size_t begin = block_begin(j, n, blocks), end = block_begin(j + 1, n, blocks);
      std::size_t below = 0;
      for (std::size_t s = begin; s < end; ++s) below += v[s] <= q[i];
      blocks_f[j] = static_cast<double>(below) / static_cast<double>(end - begin);
    }
    const double dx = at[4 * i + 3] - at[4 * i];
    const double dp = static_cast<double>(ranks[4 * i + 3] - ranks[4 * i]) / last;
    se[i] = dp > 0 ? replicate_se(blocks_f) * dx / dp : 0.0;
  }
  Estimate out;
  DistributionSummary& s = out.summary;
  s.p05 = q[0], s.median = q[1], s.p95 = q[2];
  s.p05_se = se[0], s.median_se = se[1], s.p95_se = se[2];
  s.exact = false;
  s.propagation = Propagation::monte_carlo;
  s.samples = n;
  for (std::size_t i = 0; i < kLevels.size(); ++i) {
    const double ratio = se[i] / (mc.percentile_rel_se * std::fabs(q[i]));
    if (se[i] > 0) out.shortfall = std::max(out.shortfall, ratio * ratio);
  }
  for (Exceedance& x : thresholds) {
    std::size_t above = 0;
    for (std::size_t j = 0; j < blocks; ++j) {
      const std::size_t begin = block_begin(j, n, blocks), end = block_begin(j + 1, n, blocks);
      std::size_t c = 0;
      for (std::size_t i = begin; i < end; ++i) c += v[i] > x.threshold;
      above += c;
      blocks_f[j] = static_cast<double>(c) / static_cast<double>(end - begin);
    }
    x.p_above = static_cast<double>(above) / static_cast<double>(n);
    x.se = replicate_se(blocks_f);
    if (x.se > 0) out.shortfall = std::max(out.shortfall, (x.se / mc.p_above_se) * (x.se / mc.p_above_se));
    // A threshold within the margin of p05 or p95: as many draws as it takes
    // to move the margin past it (4x halves the errors).
    if (std::fabs(s.p05 - x.threshold) < kVerdictMargin * s.p05_se ||
        std::fabs(s.p95 - x.threshold) < kVerdictMargin * s.p95_se) {
      out.shortfall = std::max(out.shortfall, 4.0);
    }
  }
  return out;
}

Buffer draw(const Expression& e, const Inputs& in, const Basis& basis, std::size_t n, bool iid) {
  return evaluate(e, in, normals(in, basis, n, iid), n);
}

}  // namespace

double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double low = 0.02425;
  if (p < low || p > 1 - low) {
    const double q = std::sqrt(-2 * std::log(p < low ? p : 1 - p));
    const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                     ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double normal_upper_tail(double z) { return 0.5 * std::erfc(z * 0.70710678118654752440); }

std::shared_ptr<const Expression> leaf(const LogNormalForm& f) {
  auto e = std::make_shared<Expression>();
  e->form = f;
  return e;
}

std::shared_ptr<const Expression> empirical(std::vector<double> values) {
  auto e = std::make_shared<Expression>();
  e->op = Expression::Op::values;
  e->values = std::move(values);
  return e;
}

std::shared_ptr<const Expression> combine(Expression::Op op, std::shared_ptr<const Expression> a,
                                          std::shared_ptr<const Expression> b, double cap) {
  auto e = std::make_shared<Expression>();
  e->op = op;
  e->lhs = std::move(a);
  e->rhs = std::move(b);
  e->cap = cap;
  return e;
}

bool single_input_monotone(const Expression& e) { return monotone_in_one(inputs_of(e)); }

DistributionSummary summarise(const Expression& e, const MonteCarloConfig& config, std::span<Exceedance> thresholds) {
  const Inputs in = inputs_of(e);
  const bool brute = config.brute_force;
  if (!brute && monotone_in_one(in)) return exact_transform(e, in, thresholds);
  const Basis basis = brute ? Basis{} : basis_for(e, in);
  const std::size_t most = std::max<std::size_t>(config.samples, 2);
  std::size_t n = in.empirical_size ? in.empirical_size
                  : brute           ? most
                                    : std::clamp<std::size_t>(config.first_samples, 2, most);
  for (;;) {
    const Estimate est = estimate(draw(e, in, basis, n, brute).span(), config, thresholds);
    if (est.shortfall <= 1 || n >= most || in.empirical_size) return est.summary;
    // The next count from the shortfall, with a quarter more for the noise
    // of the error estimates: at least twice, at most 16 times as many.
    n = std::min(static_cast<std::size_t>(static_cast<double>(n) * std::clamp(1.25 * est.shortfall, 2.0, 16.0)),
                 most);
  }
}

std::vector<double> realise(const Expression& e, const MonteCarloConfig& config, std::size_t n) {
  const Inputs in = inputs_of(e);
  if (in.empirical_size) n = in.empirical_size;
  const bool brute = config.brute_force;
  const Buffer drawn = draw(e, in, brute ? Basis{} : basis_for(e, in), std::max<std::size_t>(n, 2), brute);
  return {drawn.span().begin(), drawn.span().end()};
}

}  // namespace gpai::detail

namespace gpai {

double percentile(std::span<const double> values, double pct) {
  assert(!values.empty());
  const double rank = pct / 100.0 * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::array<std::size_t, 2> ranks = {lo, std::min(lo + 1, values.size() - 1)};
  std::array<double, 2> at{};
  order_statistics(values, ranks, at.data());
  const double frac = rank - static_cast<double>(lo);
  return frac > 0.0 ? at[0] + frac * (at[1] - at[0]) : at[0];
}

}  // namespace gpai
