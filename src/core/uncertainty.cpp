#include "gpai/uncertainty.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "monte_carlo.hpp"

namespace gpai {
namespace {

using detail::Expression;
using detail::LogNormalForm;

// z such that P(Z <= z) = 0.95: a 90 % interval spans +-1.6449 sigma.
constexpr double kZ95 = 1.6448536269514722;
// A cap inside a product is dropped when the capped factor exceeds it with
// probability below Phi(-6) = 9.9e-10 (see the header).
constexpr double kNegligibleCapSigmas = 6.0;

LogNormalForm exact_form(double value) {
  LogNormalForm f;
  f.shift = value;
  return f;
}

double log_sigma(const LogNormalForm& f) {
  double v = 0;
  for (std::size_t i = 0; i < f.count; ++i) v += f.loadings[i].sigma * f.loadings[i].sigma;
  return std::sqrt(v);
}

bool cap_negligible(const LogNormalForm& f) {
  return f.cap == std::numeric_limits<double>::infinity() ||
         std::log(f.cap) >= kNegligibleCapSigmas * log_sigma(f);
}

bool same_uncertain_part(const LogNormalForm& a, const LogNormalForm& b) {
  if (a.count != b.count || a.cap != b.cap) return false;
  for (std::size_t i = 0; i < a.count; ++i) {
    if (a.loadings[i].stream != b.loadings[i].stream || a.loadings[i].sigma != b.loadings[i].sigma) return false;
  }
  return true;
}

// a * b for two unshifted forms with negligible caps: scales multiply,
// loadings of the same stream add. Nullopt when they have too many inputs.
std::optional<LogNormalForm> product(const LogNormalForm& a, const LogNormalForm& b) {
  LogNormalForm out;
  out.scale = a.scale * b.scale;
  std::size_t i = 0, j = 0;
  auto push = [&](const detail::Loading& l) {
    if (l.sigma == 0) return true;  // a stream that cancelled out
    if (out.count == LogNormalForm::kMaxLoadings) return false;
    out.loadings[out.count++] = l;
    return true;
  };
  while (i < a.count || j < b.count) {
    bool ok;
    if (j == b.count || (i < a.count && a.loadings[i].stream < b.loadings[j].stream)) {
      ok = push(a.loadings[i++]);
    } else if (i == a.count || b.loadings[j].stream < a.loadings[i].stream) {
      ok = push(b.loadings[j++]);
    } else {
      ok = push({a.loadings[i].stream, a.loadings[i].sigma + b.loadings[j].sigma});
      ++i, ++j;
    }
    if (!ok) return std::nullopt;
  }
  if (out.count == 0) return exact_form(out.scale);  // G == 1
  return out;
}

// Quantile of a closed form at standard-normal quantile z.
double form_quantile(const LogNormalForm& f, double sigma, double z) {
  return f.shift + f.scale * std::min(std::exp(sigma * z), f.cap);
}

}  // namespace

std::string_view to_string(Propagation p) noexcept {
  switch (p) {
    case Propagation::exact: return "exact";
    case Propagation::closed_form: return "closed_form";
    case Propagation::monte_carlo: return "monte_carlo";
  }
  return "?";
}

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

Draws Draws::exact(double value) { return Draws(exact_form(value)); }

Draws Draws::sample(const Quantity& q, const MonteCarloConfig& config, std::string_view stream_key) {
  if (q.is_exact() || config.samples < 2) return exact(q.median());
  LogNormalForm f;
  f.scale = q.median();
  f.count = 1;
  f.loadings[0] = {stream_seed(config.seed, stream_key), (std::log(q.high()) - std::log(q.low())) / (2.0 * kZ95)};
  if (config.brute_force) return expression(detail::leaf(f), config);
  Draws d(f);
  d.config_ = config;
  return d;
}

Draws Draws::from_values(std::vector<double> values) {
  assert(!values.empty());
  if (values.size() == 1) return exact(values[0]);
  return expression(detail::empirical(std::move(values)), MonteCarloConfig{});
}

Draws Draws::expression(std::shared_ptr<const Expression> e, const MonteCarloConfig& mc) {
  Draws d;
  d.expr_ = std::move(e);
  d.config_ = mc;
  return d;
}

std::shared_ptr<const Expression> Draws::as_expression() const { return expr_ ? expr_ : detail::leaf(form_); }

// The configuration of an operation's result: the uncertain operand's.
const MonteCarloConfig& Draws::config_of(const Draws& other) const {
  return is_exact() ? other.config_ : config_;
}

Draws operator*(const Draws& a, const Draws& b) {
  const MonteCarloConfig& mc = a.config_of(b);
  if (!a.expr_ && !b.expr_) {
    const LogNormalForm &x = a.form_, &y = b.form_;
    if (x.count == 0 && y.count == 0) return Draws::exact(x.shift * y.shift);
    if (x.count == 0 || y.count == 0) {
      // An exact factor c > 0 scales shift and scale; 0 gives exactly 0.
      const LogNormalForm& f = x.count == 0 ? y : x;
      const double c = x.count == 0 ? x.shift : y.shift;
      if (c == 0 && std::isfinite(f.shift)) return Draws::exact(0.0);
      if (c > 0 && std::isfinite(c)) {
        LogNormalForm out = f;
        out.shift = f.shift * c;
        out.scale = f.scale * c;
        Draws d(out);
        d.config_ = mc;
        return d;
      }
    } else if (x.shift == 0 && y.shift == 0 && cap_negligible(x) && cap_negligible(y)) {
      if (const auto p = product(x, y)) {
        Draws d(*p);
        d.config_ = mc;
        return d;
      }
    }
  }
  return Draws::expression(detail::combine(Expression::Op::mul, a.as_expression(), b.as_expression()), mc);
}

Draws operator*(const Draws& a, double factor) { return a * Draws::exact(factor); }

Draws operator+(const Draws& a, const Draws& b) {
  const MonteCarloConfig& mc = a.config_of(b);
  if (!a.expr_ && !b.expr_) {
    const LogNormalForm &x = a.form_, &y = b.form_;
    if (x.count == 0 && y.count == 0) return Draws::exact(x.shift + y.shift);
    LogNormalForm out;
    bool closed = true;
    if (x.count == 0) out = y;
    else if (y.count == 0) out = x;
    else if (same_uncertain_part(x, y)) out = x, out.scale = x.scale + y.scale;
    else closed = false;
    if (closed) {
      out.shift = x.shift + y.shift;
      Draws d(out);
      d.config_ = mc;
      return d;
    }
  }
  return Draws::expression(detail::combine(Expression::Op::add, a.as_expression(), b.as_expression()), mc);
}

Draws Draws::min(double cap) const {
  if (is_exact()) return exact(std::min(form_.shift, cap));
  if (!expr_ && form_.scale > 0) {
    // shift + scale * min(G, k) is above shift everywhere: capped at or
    // below the shift, it is the cap; else the cap moves onto G.
    if (cap <= form_.shift) return exact(cap);
    Draws d = *this;
    d.form_.cap = std::min(form_.cap, (cap - form_.shift) / form_.scale);
    return d;
  }
  return expression(detail::combine(Expression::Op::min, as_expression(), nullptr, cap), config_);
}

Propagation Draws::propagation() const {
  if (is_exact()) return Propagation::exact;
  if (!expr_ || (!config_.brute_force && detail::single_input_monotone(*expr_))) return Propagation::closed_form;
  return Propagation::monte_carlo;
}

std::vector<double> Draws::values() const {
  if (is_exact()) return {form_.shift};
  return detail::realise(*as_expression(), config_, config_.samples);
}

DistributionSummary Draws::summary() const {
  if (is_exact()) return {form_.shift, form_.shift, form_.shift, true};
  if (expr_) {
    std::call_once(expr_->summarised, [this] { expr_->summary = detail::summarise(*expr_, config_, {}); });
    return expr_->summary;
  }
  const double sigma = log_sigma(form_);
  DistributionSummary s;
  s.median = form_quantile(form_, sigma, 0.0);
  s.p05 = form_quantile(form_, sigma, -kZ95);
  s.p95 = form_quantile(form_, sigma, kZ95);
  s.exact = false;
  s.propagation = Propagation::closed_form;
  return s;
}

DistributionSummary Draws::against(std::span<Exceedance> thresholds) const {
  if (expr_) return detail::summarise(*expr_, config_, thresholds);
  for (Exceedance& e : thresholds) {
    e.se = 0;
    const double t = e.threshold;
    if (is_exact()) {
      e.p_above = form_.shift > t ? 1.0 : 0.0;
      continue;
    }
    // X = shift + scale * min(G, cap) > t  <=>  min(G, cap) > u
    const double u = (t - form_.shift) / form_.scale;
    if (!(u > 0)) e.p_above = 1.0;  // G > 0 everywhere (and a NaN threshold is not a number below)
    else if (u >= form_.cap) e.p_above = 0.0;
    else e.p_above = detail::normal_upper_tail(std::log(u) / log_sigma(form_));
  }
  return summary();
}

ThresholdSummary Draws::against(double threshold) const {
  ThresholdSummary out;
  out.above.threshold = threshold;
  out.summary = against(std::span<Exceedance>(&out.above, 1));
  return out;
}

}  // namespace gpai
