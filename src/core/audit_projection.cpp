// When is the compute threshold crossed? Cumulative compute over time from
// dated logs (or from a planned run), the crossing date on the median, 5th
// and 95th percentile paths, and the Art. 52(1) notification deadline.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "audit_internal.hpp"

namespace gpai::audit_detail {
namespace {

constexpr double kDay = 86400.0;
constexpr double kExtrapolationSeconds = 7 * kDay;  // the recent rate: the last week of logs
constexpr std::size_t kMaxCurvePoints = 400;
constexpr std::array<double, 3> kPaths = {50, 95, 5};  // median, earliest, latest

struct Priced {
  const TypeBasis* basis;
  std::vector<double> cumulative_seconds;  // per window index position
};

// Cumulative FLOP at the end of window position k, as draws.
Draws cumulative_at(const std::vector<Priced>& types, std::size_t k) {
  std::optional<Draws> total;
  for (const auto& t : types) {
    const Draws f = t.basis->mfu * (t.cumulative_seconds[k] * t.basis->peak_flop_per_s);
    total = total ? *total + f : f;
  }
  return total ? *total : Draws::exact(0);
}

// Percentile of the cumulative FLOP at window position k. When every type
// shares one utilisation stream (the usual case: the default MFU, or one card
// entry), cumulative FLOP is capacity x MFU and its percentile is capacity x
// the MFU percentile: no draws need to be built per window.
class Paths {
 public:
  explicit Paths(const std::vector<Priced>& types) : types_(types) {
    shared_ = !types.empty() && std::all_of(types.begin(), types.end(), [&](const Priced& t) {
      return t.basis->mfu_key == types.front().basis->mfu_key;
    });
    if (shared_) {  // kPaths: median, 95th, 5th percentile
      const DistributionSummary& m = types.front().basis->mfu_summary;
      mfu_pct_ = {m.median, m.p95, m.p05};
    }
    for (const auto& t : types) medians_.push_back(t.basis->mfu_summary.median);
  }
  double value(std::size_t k, std::size_t path) const {
    if (shared_) {
      double capacity = 0;
      for (const auto& t : types_) capacity += t.cumulative_seconds[k] * t.basis->peak_flop_per_s;
      return capacity * mfu_pct_[path];
    }
    const Draws d = cumulative_at(types_, k);
    return d.is_exact() ? d.values()[0] : percentile(d.values(), kPaths[path]);
  }
  double median_utilisation(std::size_t type) const { return medians_[type]; }

 private:
  const std::vector<Priced>& types_;
  bool shared_ = false;
  std::array<double, kPaths.size()> mfu_pct_{};
  std::vector<double> medians_;
};

void set_path_date(Projection& out, std::size_t path, Date d) {
  if (path == 0) out.threshold_crossing_date = d;
  else if (path == 1) out.earliest_crossing_date = d;
  else out.latest_crossing_date = d;
}

std::string date_text(double t) { return date_of(t).to_string(); }

void from_logs(const AuditInputs& in, const LogEvidence& e, const std::vector<Priced>& types,
               const std::vector<std::int64_t>& windows, double threshold, Date as_of, Projection& out) {
  const double first = *e.first_time_s(), last = *e.last_time_s();
  const double w = e.window_seconds;
  const std::size_t n = windows.size();
  auto window_span = [&](std::size_t k) {
    const double a = std::max(first, static_cast<double>(windows[k]) * w);
    const double b = std::min(last, static_cast<double>(windows[k] + 1) * w);
    return std::make_pair(a, std::max(a, b));
  };
  out.explanation.push_back("cumulative compute from " + std::string(to_string(e.kind)) + " accelerator time per " +
                            format_count(w / 3600) + " h window (" + date_text(first) + " to " + date_text(last) +
                            ") x dense peak x utilisation");
  const bool has_end = in.claim.training_end.has_value();
  const double end_s = has_end ? static_cast<double>(in.claim.training_end->days_since_epoch() + 1) * kDay : 0.0;
  const Paths paths(types);
  auto path_value = [&](std::size_t k, std::size_t p) { return paths.value(k, p); };
  for (std::size_t p = 0; p < kPaths.size(); ++p) {
    const double total = path_value(n - 1, p);
    if (total > threshold) {
      // Smallest window whose cumulative value is above: values only grow.
      std::size_t lo = 0, hi = n - 1;
      while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (path_value(mid, p) > threshold) hi = mid;
        else lo = mid + 1;
      }
      const double before = lo ? path_value(lo - 1, p) : 0.0;
      const double after = path_value(lo, p);
      const auto [a, b] = window_span(lo);
      const double t = a + (b - a) * (threshold - before) / (after - before);
      set_path_date(out, p, date_of(t));
      if (p == 0) out.crossed = true;
      continue;
    }
    if (has_end && end_s <= last + e.window_seconds) {
      if (p == 0) {
        out.explanation.push_back("not crossed: the logs reach the claimed training end (" +
                                  in.claim.training_end->to_string() + ") below the threshold");
      }
      continue;
    }
    // Extrapolate only a run that may still be going: no claimed end, and
    // logs reaching into the last week before the as-of date.
    if (!has_end && last + kExtrapolationSeconds < static_cast<double>(as_of.days_since_epoch()) * kDay) {
      if (p == 0) {
        out.explanation.push_back("not crossed within the logs, which end on " + date_text(last) +
                                  ", more than a week before the as-of date: no extrapolation");
      }
      continue;
    }
    // Extrapolate at the rate of the last week of logs (or all of them).
    std::size_t k0 = n - 1;
    while (k0 > 0 && last - window_span(k0 - 1).second < kExtrapolationSeconds) --k0;
    const double t0 = k0 ? window_span(k0 - 1).second : first;
    const double base = k0 ? path_value(k0 - 1, p) : 0.0;
    const double rate = last > t0 ? (total - base) / (last - t0) : 0.0;
    if (!(rate > 0)) continue;
    const double t = last + (threshold - total) / rate;
    if (has_end && t > end_s) {
      if (p == 0) {
        out.explanation.push_back("at the recent rate the threshold would be crossed on " + date_text(t) +
                                  ", after the claimed training end " + in.claim.training_end->to_string());
      }
      continue;
    }
    set_path_date(out, p, date_of(t));
    if (p == 0) {
      out.projected = true;
      out.explanation.push_back("not crossed within the logs; projected at the rate of the last " +
                                format_count((last - t0) / kDay) + " days of logs, assuming the run continues");
    }
  }
  // The curve, at the median utilisation of each type.
  const std::size_t stride = (n + kMaxCurvePoints - 1) / kMaxCurvePoints;
  for (std::size_t k = 0; k < n; k += stride) {
    const std::size_t kk = std::min(n - 1, k + stride - 1);
    ProjectionPoint pt;
    pt.date = date_of(window_span(kk).second - 1e-3);
    for (std::size_t i = 0; i < types.size(); ++i) {
      const auto& t = types[i];
      pt.accelerator_hours += t.cumulative_seconds[kk] / 3600;
      pt.flop_median += t.cumulative_seconds[kk] * t.basis->peak_flop_per_s * paths.median_utilisation(i);
    }
    out.curve.push_back(pt);
  }
}

void from_plan(const AuditInputs& in, Resolver& r, const RuleSet& rules, double threshold, Projection& out) {
  if (!in.card || !in.claim.training_start) {
    out.basis = ProjectionBasis::none;
    out.explanation.push_back("no dated logs, and no planned run with a start date (training.start and phases "
                              "with hardware count): no projection");
    return;
  }
  struct Leg {
    Draws rate;  // FLOP per second
    std::optional<double> seconds;
    std::string text;
  };
  std::vector<Leg> legs;
  for (const auto& p : in.card->phases) {
    const PhaseKindRule* kind = rules.phase_kind(p.kind);
    if (!kind || !kind->counts_cumulative || !p.hardware || !p.hardware->count) continue;
    const AcceleratorSpec* spec = r.ctx.catalogue.find(p.hardware->accelerator);
    if (!spec) continue;
    const TypeBasis* b = r.basis(*spec);
    Leg leg;
    leg.rate = Draws::sample(p.hardware->count->value, r.ctx.monte_carlo, p.hardware->count->pointer) * b->mfu *
               b->peak_flop_per_s;
    if (p.hardware->hours) leg.seconds = p.hardware->hours->value.median() * 3600;
    leg.text = p.name + ": " + describe(p.hardware->count->value) + " x " + b->peak_text + " x " +
               b->utilisation_text + (leg.seconds ? " for " + describe(p.hardware->hours->value) + " h" : "");
    legs.push_back(std::move(leg));
  }
  if (legs.empty()) {
    out.basis = ProjectionBasis::none;
    out.explanation.push_back("the card gives no counted phase with a hardware count: no planned-run projection");
    return;
  }
  out.basis = ProjectionBasis::planned_run;
  const double start = static_cast<double>(in.claim.training_start->days_since_epoch()) * kDay;
  out.explanation.push_back("planned run from " + in.claim.training_start->to_string() +
                            ", phases in card order: ");
  for (const auto& l : legs) out.explanation.back() += l.text + "; ";
  out.explanation.push_back("each path takes every phase at its own percentile rate");
  out.projected = true;
  for (std::size_t p = 0; p < kPaths.size(); ++p) {
    double t = start, cum = 0;
    for (const auto& l : legs) {
      const double rate = l.rate.is_exact() ? l.rate.values()[0] : percentile(l.rate.values(), kPaths[p]);
      if (!(rate > 0)) break;
      if (!l.seconds || cum + rate * *l.seconds > threshold) {
        set_path_date(out, p, date_of(t + (threshold - cum) / rate));
        break;
      }
      cum += rate * *l.seconds;
      t += *l.seconds;
    }
  }
  if (!out.threshold_crossing_date) out.explanation.push_back("the planned run stays below the threshold");
}

}  // namespace

void project(const AuditInputs& in, const LogEvidence* logs, Resolver& r, const RuleSet& rules, Date as_of,
             double threshold, Projection& out) {
  std::vector<Priced> types;
  std::vector<std::int64_t> windows;
  if (logs && logs->absolute_time && logs->first_time_s()) {
    std::set<std::int64_t> all;
    for (const auto& u : logs->accelerators) {
      if (!r.basis(u)) continue;
      for (const auto& [w, _] : u.windows) all.insert(w);
    }
    windows.assign(all.begin(), all.end());
    for (const auto& u : logs->accelerators) {
      const TypeBasis* b = r.basis(u);
      if (!b) continue;
      Priced p{b, std::vector<double>(windows.size())};
      double cum = 0;
      for (std::size_t k = 0; k < windows.size(); ++k) {
        if (auto it = u.windows.find(windows[k]); it != u.windows.end()) cum += it->second.accelerator_seconds;
        p.cumulative_seconds[k] = cum;
      }
      types.push_back(std::move(p));
    }
  }
  if (!types.empty() && !windows.empty()) {
    out.basis = logs->kind == EvidenceKind::telemetry ? ProjectionBasis::logs_telemetry
                                                      : ProjectionBasis::logs_accounting;
    from_logs(in, *logs, types, windows, threshold, as_of, out);
  } else {
    if (logs && !logs->absolute_time) out.logs_undated = true;
    from_plan(in, r, rules, threshold, out);
  }
  if (out.basis == ProjectionBasis::planned_run && out.threshold_crossing_date) {
    out.crossed = *out.threshold_crossing_date <= as_of;
  }

  // Art. 52(1): notify within the window after the threshold is met or known
  // to be met. Before the rule applies, the window runs from its first day.
  const Parameter* days = rules.parameter("art52_1.notification_days");
  if (!days || !out.threshold_crossing_date) return;
  const DatedValue* first = nullptr;
  for (const auto& h : days->history) {
    if (h.value && !h.expected) {
      first = &h;
      break;
    }
  }
  if (!first) return;
  Date start = *out.threshold_crossing_date;
  const DatedValue* entry = days->in_force(start);
  if (!entry || !entry->value) {
    start = first->from;
    entry = first;
    out.explanation.push_back("the crossing precedes " + first->from.to_string() + ", when " + first->source.cite +
                              " starts to apply: the notification window is counted from that date");
  }
  out.notification_days = *entry->value;
  out.notification_source = entry->source;
  out.notification_deadline = start.plus_days(static_cast<long>(*entry->value));
  if (out.projected && *out.threshold_crossing_date > as_of) {
    if (const DatedValue* now = days->in_force(as_of); now && now->value) {
      out.notification_deadline_if_known_now = as_of.plus_days(static_cast<long>(*now->value));
      out.explanation.push_back(now->source.cite + " also runs from when it becomes known that the threshold "
                                "will be met: if the planned or ongoing run is known now, notify by " +
                                out.notification_deadline_if_known_now->to_string());
    }
  }
}

}  // namespace gpai::audit_detail
