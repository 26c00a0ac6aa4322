// audit(): every method side by side, the headline recomputation, and the
// auditor's cross-checks as findings.
#include "gpai/audit.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "audit_internal.hpp"
#include "gpai/assessment.hpp"
#include "gpai/error.hpp"

namespace gpai {
namespace {

using namespace audit_detail;

constexpr std::string_view kPresumptionRule = rule_id::presumption;

// The recomputed headline: raw evidence first (telemetry, then accounting),
// then the card's energy and cost, then its own architecture count.
constexpr const char* kHeadlineOrder[] = {"logs_telemetry", "logs_accounting", "energy", "cost",
                                          "architecture_6nd", "stated", "hardware_card"};

// The assessment's threshold status, typed.
AuditVerdict verdict(const DistributionSummary& s, const Parameter& rule, double threshold) {
  switch (threshold_status(s, rule, threshold)) {
    case ThresholdStatus::above: return AuditVerdict::above;
    case ThresholdStatus::below: return AuditVerdict::below;
    case ThresholdStatus::borderline: return AuditVerdict::borderline;
    default: break;
  }
  throw InternalError("a distribution's threshold status is above, below or borderline");
}

std::string factor_text(double ratio) { return format_count(ratio >= 1 ? ratio : 1 / ratio); }

void check_verdict_flips(const Audit& a, std::vector<AuditFinding>& out) {
  const char* readings[] = {"logs_telemetry", "logs_accounting", "activity_tensor_active", "activity_occupancy"};
  std::set<AuditVerdict> statuses;
  std::string text;
  for (const char* name : readings) {
    const AuditMethod* m = a.method(name);
    if (!m || m->status == AuditVerdict::none) continue;
    statuses.insert(m->status);
    text += (text.empty() ? "" : "; ") + m->method + " (" + m->utilisation + "): " + std::string(to_string(m->status));
  }
  if (statuses.size() > 1) {
    out.push_back({"verdict_flips_with_utilisation", "warning",
                   "the threshold verdict depends on which utilisation reading is believed: " + text});
  }
}

// The same log-based estimate at other peak bases: other precisions of the
// chip, and the 2:4 structured-sparsity figure (twice dense) vendors quote.
void check_peak_flips(const Audit& a, const LogEvidence& e, Resolver& r, const Parameter& rule, double t,
                      std::vector<AuditFinding>& out) {
  const AuditMethod* base = a.headline();
  if (!base || base->method.rfind("logs_", 0) != 0 || base->status == AuditVerdict::none) return;
  std::set<Precision> precisions;
  for (const auto& u : e.accelerators) {
    if (const TypeBasis* b = r.basis(u)) {
      for (const auto& [p, _] : b->spec->peak_flop_per_s_dense) {
        if (p == Precision::fp8 || p == Precision::bf16 || p == Precision::fp16 || p == Precision::tf32) precisions.insert(p);
      }
    }
  }
  // With one utilisation stream for every type the estimate is capacity x
  // MFU, so its summary at another peak is the MFU summary scaled.
  const TypeBasis* first = nullptr;
  bool shared = true;
  for (const auto& u : e.accelerators) {
    if (const TypeBasis* b = r.basis(u)) {
      if (first && b->mfu_key != first->mfu_key) shared = false;
      if (!first) first = b;
    }
  }
  if (!first) return;
  const DistributionSummary mfu = first->mfu_summary;
  std::string flips;
  auto try_basis = [&](const std::string& label, auto peak_of) {
    DistributionSummary sum;
    if (shared) {
      double capacity = 0;
      for (const auto& u : e.accelerators) {
        if (const TypeBasis* b = r.basis(u)) capacity += u.total.accelerator_seconds * peak_of(*b);
      }
      sum = {mfu.median * capacity, mfu.p05 * capacity, mfu.p95 * capacity, mfu.exact};
    } else {
      std::optional<Draws> total;
      for (const auto& u : e.accelerators) {
        const TypeBasis* b = r.basis(u);
        if (!b) continue;
        const Draws f = b->mfu * (u.total.accelerator_seconds * peak_of(*b));
        total = total ? *total + f : f;
      }
      sum = total->summary();
    }
    const AuditVerdict status = verdict(sum, rule, t);
    if (status != base->status) {
      flips += (flips.empty() ? "" : "; ") + label + ": " + std::string(to_string(status)) + " (median " +
               format_sig(sum.median, 2) + ")";
    }
  };
  for (const Precision p : precisions) {
    try_basis(std::string(to_string(p)) + " dense peak", [p](const TypeBasis& b) {
      return b.spec->peak_flop_per_s(p).value_or(b.peak_flop_per_s);
    });
  }
  try_basis("sparse peak (2 x dense)", [](const TypeBasis& b) { return 2 * b.peak_flop_per_s; });
  if (!flips.empty()) {
    out.push_back({"verdict_flips_with_peak", "warning",
                   "the verdict of " + base->method + " (" + base->peak + ": " + std::string(to_string(base->status)) +
                       ") changes with the peak basis: " + flips +
                       ". Peak must be the dense figure at the precision the matrix work used"});
  }
}

void check_disagreements(const Audit& a, std::vector<AuditFinding>& out) {
  const AuditMethod* head = a.headline();
  if (!head || head->summary.median <= 0) return;
  for (const auto& m : a.methods) {
    if (&m == head || m.summary.median <= 0) continue;
    const double ratio = m.summary.median / head->summary.median;
    if (ratio > a.tolerance_factor || ratio < 1 / a.tolerance_factor) {
      out.push_back({"methods_disagree", "warning",
                     m.method + " (" + format_sig(m.summary.median, 2) + " FLOP) and " + head->method + " (" +
                         format_sig(head->summary.median, 2) + " FLOP) differ by a factor of " + factor_text(ratio) +
                         " (tolerance " + format_count(a.tolerance_factor) + ")"});
    }
  }
}

void check_claim(const Audit& a, std::vector<AuditFinding>& out) {
  const AuditMethod* head = a.headline();
  if (!a.claim_flop || !head) return;
  const double claim = *a.claim_flop;
  if (claim > 0 && head->summary.median > 0) {
    const double ratio = head->summary.median / claim;
    const bool off = ratio > a.tolerance_factor || ratio < 1 / a.tolerance_factor;
    out.push_back({off ? "claim_disagrees" : "claim_consistent", off ? "warning" : "info",
                   "claimed " + format_sig(claim, 2) + " FLOP and recomputed " + format_sig(head->summary.median, 2) +
                       " FLOP (" + head->method + ") differ by a factor of " + factor_text(ratio) +
                       (off ? " (more than " : " (within ") + format_count(a.tolerance_factor) + ")"});
  }
  if (a.threshold_flop && claim <= *a.threshold_flop && head->summary.p95 > *a.threshold_flop) {
    out.push_back({"claim_below_threshold_recomputed_above", "warning",
                   "the claim (" + format_sig(claim, 2) + " FLOP) is not above the threshold, but the recomputed "
                   "95th percentile (" + format_sig(head->summary.p95, 2) + " FLOP, " + head->method + ") is"});
  }
}

void check_implied_utilisation(Audit& a, const LogEvidence* e, Resolver& r, const AuditOptions& o,
                               const EstimationAssumptions& assumptions, std::vector<AuditFinding>& out) {
  const double high = o.implied_utilisation_high.value_or(assumptions.implied_utilization_high);
  const double low = o.implied_utilisation_low.value_or(assumptions.implied_utilization_low);
  const AuditMethod* arch = a.method("architecture_6nd");
  if (!arch) arch = a.method("stated");
  if (!arch || !e) return;
  const double capacity = capacity_flop(*e, r);
  if (capacity <= 0) return;
  const double u = arch->summary.median / capacity;
  a.implied_utilisation = u;
  const std::string text = "implied utilisation " + format_count(u) + " = " + arch->method + " " +
                           format_sig(arch->summary.median, 2) + " FLOP / logged peak capacity " +
                           format_sig(capacity, 2) + " FLOP (" + std::string(to_string(e->kind)) + ")";
  if (u > high) {
    out.push_back({"implied_utilisation_high", "warning",
                   text + ": above " + format_count(high) +
                       ", so the logs miss accelerator time or the architecture count is too high"});
  } else if (u < low) {
    out.push_back({"implied_utilisation_low", "warning",
                   text + ": below " + format_count(low) +
                       ", so the logs include much work besides this training, or tokens are under-reported"});
  } else {
    out.push_back({"implied_utilisation", "info", text});
  }
}

void check_types_and_dates(const AuditInputs& in, const LogEvidence* e, Resolver& r, std::vector<AuditFinding>& out) {
  if (!e) return;
  const auto card_ids = r.card_accelerators();
  if (!card_ids.empty()) {
    for (const auto& u : e->accelerators) {
      const TypeBasis* b = r.basis(u);
      if (b && std::find(card_ids.begin(), card_ids.end(), b->spec->id) == card_ids.end()) {
        out.push_back({"accelerator_not_in_card", "warning",
                       "the logs show " + format_count(u.total.accelerator_seconds / 3600) + " accelerator-hours on " +
                           b->spec->id + ", which the card's hardware does not list"});
      }
    }
  }
  if (!e->absolute_time || !e->first_time_s()) return;
  const Date first = date_of(*e->first_time_s()), last = date_of(*e->last_time_s());
  const auto& c = in.claim;
  if ((c.training_start && first < c.training_start->plus_days(-1)) ||
      (c.training_end && last > c.training_end->plus_days(1))) {
    out.push_back({"logs_outside_training_dates", "warning",
                   "the logs run from " + first.to_string() + " to " + last.to_string() +
                       ", outside the claimed training period (" +
                       (c.training_start ? c.training_start->to_string() : "?") + " to " +
                       (c.training_end ? c.training_end->to_string() : "?") + ")"});
  } else if ((c.training_start && first > c.training_start->plus_days(1)) ||
             (c.training_end && last < c.training_end->plus_days(-1))) {
    out.push_back({"logs_cover_part_of_training", "info",
                   "the logs (" + first.to_string() + " to " + last.to_string() +
                       ") cover only part of the claimed training period"});
  }
}

void check_sources(const Audit& a, const AuditInputs& in, std::vector<AuditFinding>& out) {
  if (in.telemetry && in.accounting) {
    const double t = in.telemetry->total().accelerator_seconds, s = in.accounting->total().accelerator_seconds;
    if (t > 0 && s > 0) {
      const double ratio = t / s;
      const bool off = ratio > a.tolerance_factor || ratio < 1 / a.tolerance_factor;
      out.push_back({off ? "accounting_telemetry_disagree" : "accounting_telemetry_agree", off ? "warning" : "info",
                     "telemetry shows " + format_count(t / 3600) + " and job accounting " + format_count(s / 3600) +
                         " accelerator-hours (factor " + factor_text(ratio) + ")"});
    }
  }
  if (in.telemetry) {
    const auto& q = in.telemetry->quality;
    using M = ActivityMetric;
    if (!q.metrics_logged[static_cast<std::size_t>(M::tensor_active)] &&
        !q.metrics_logged[static_cast<std::size_t>(M::sm_active)]) {
      out.push_back({"profiling_metrics_missing", "warning",
                     "the telemetry has no DCGM profiling metrics (PIPE_TENSOR_ACTIVE, SM_ACTIVE), as on vGPU and MIG: "
                     "compute falls back to accelerator time x dense peak x an assumed MFU range"});
    }
    for (const auto& r : a.readings) {
      if (r.metric == M::sm_active) {
        out.push_back({"sm_active_not_converted", "info",
                       "SM activity " + format_count(r.mean) + " is shown but not converted: no documented conversion "
                       "to MFU (data/estimation/assumptions.json)"});
      }
    }
    for (const auto& u : in.telemetry->accelerators) {
      if (u.total.power_covered_seconds > 0) {
        const double watts = u.total.power_joules / u.total.power_covered_seconds;
        out.push_back({"measured_power", "info",
                       (u.accelerator.empty() ? std::string("unnamed accelerators") : u.accelerator) +
                           ": mean measured power " + format_count(watts) + " W per accelerator"});
      }
    }
  }
  if (a.method("activity_tensor_active") || a.method("activity_occupancy")) {
    out.push_back({"counters_measure_executed_work", "info",
                   "hardware counters measure executed work, including activation recomputation (full checkpointing "
                   "re-runs the forward pass), restarts and evaluation, which cumulative training compute excludes: "
                   "activity-based figures are upper bounds of model FLOP"});
  }
}

}  // namespace

const AuditMethod* Audit::method(const std::string& name) const {
  for (const auto& m : methods) {
    if (m.method == name) return &m;
  }
  return nullptr;
}

Audit audit(const AuditInputs& in, const EstimationContext& ctx, const AuditOptions& options) {
  Audit a;
  a.as_of = options.as_of;
  a.model = in.card ? in.card->name : "";
  a.tolerance_factor = options.tolerance_factor.value_or(ctx.assumptions.disagreement_factor);
  const std::optional<Input>& claim =
      in.claim.compute_flop ? in.claim.compute_flop : (in.card ? in.card->reported_compute_flop : std::nullopt);
  if (claim) {
    a.claim_flop = claim->value.median();
    a.claim_pointer = claim->pointer;
  }

  const Parameter* rule = ctx.rules.parameter(kPresumptionRule);
  if (rule) {
    const DatedValue* entry = rule->in_force(options.as_of);
    if (!entry || !entry->value) {
      // Not yet in force: project against the first value the law gives.
      for (const auto& h : rule->history) {
        if (h.value && !h.expected && (!entry || entry->from < h.from)) {
          a.findings.push_back({"threshold_not_in_force", "info",
                                "no compute threshold is in force on " + options.as_of.to_string() + "; the one from " +
                                    h.from.to_string() + " (" + h.source.cite + ") is used"});
          entry = &h;
          break;
        }
      }
    }
    if (entry && entry->value) {
      a.threshold_flop = entry->value;
      a.threshold_source = entry->source;
    }
  }

  Resolver r(in.card, ctx, a.findings);
  if (in.card) {
    const ComputeEstimate est = estimate_training_compute(*in.card, ctx);
    for (auto& m : card_methods(est)) a.methods.push_back(std::move(m));
    for (const auto& f : est.findings) a.findings.push_back({f.id, f.severity, f.message, std::nullopt, f.reason});
  }
  if (in.accounting) {
    if (auto m = logs_method(*in.accounting, r)) a.methods.push_back(std::move(*m));
  }
  if (in.telemetry) {
    if (auto m = logs_method(*in.telemetry, r)) a.methods.push_back(std::move(*m));
    for (const auto metric : {ActivityMetric::tensor_active, ActivityMetric::occupancy}) {
      if (auto m = activity_method(*in.telemetry, metric, r, a.findings)) a.methods.push_back(std::move(*m));
    }
    const UsageTotals total = in.telemetry->total();
    for (const auto metric : kActivityMetrics) {
      const auto& s = total.of(metric);
      if (s.covered_seconds <= 0) continue;
      ActivityReading reading{metric, *s.mean(), s.covered_seconds, total.accelerator_seconds, std::nullopt};
      if (const auto key = mfu_conversion_key(metric)) {
        if (auto c = ctx.assumptions.metric_conversions.find(*key); c != ctx.assumptions.metric_conversions.end()) {
          reading.mfu_per_unit = c->second.mfu_per_unit;
        }
      }
      a.readings.push_back(reading);
    }
  }
  if (auto m = energy_method(in.claim, in.telemetry, r, a.findings)) a.methods.push_back(std::move(*m));
  const LogEvidence* primary = in.telemetry ? in.telemetry : in.accounting;
  if (auto m = cost_method(in.claim, options.price_per_accelerator_hour_usd, primary, r, a.findings)) {
    a.methods.push_back(std::move(*m));
  }

  for (const auto& m : a.methods) {
    // The card reader bounds what it can foresee; a non-finite figure that
    // still gets here (a log, an option) is refused, never given a verdict.
    const DistributionSummary& s = m.summary;
    if (std::isfinite(s.median) && std::isfinite(s.p05) && std::isfinite(s.p95)) continue;
    throw InputError(SourceLocation{in.card ? in.card->source : std::string(), 0, 0, ""},
                     m.method + ": the estimate is not a finite number of FLOP (" + format_sig(s.median, 2) +
                         "): its inputs are too large" + (m.formula.empty() ? "" : " (" + m.formula + ")"));
  }
  for (auto& m : a.methods) {
    if (!a.threshold_flop) continue;
    m.status = verdict(m.summary, *rule, *a.threshold_flop);
    m.p_above = m.flop.probability_above(*a.threshold_flop);
  }
  a.recomputed_policy =
      "the first available of: logs_telemetry, logs_accounting, energy, cost, architecture_6nd, stated, "
      "hardware_card (raw evidence before the card's own figures)";
  for (const char* name : kHeadlineOrder) {
    for (std::size_t i = 0; i < a.methods.size() && !a.recomputed; ++i) {
      if (a.methods[i].method == name) a.recomputed = i;
    }
  }

  if (!in.telemetry && !in.accounting) {
    a.findings.push_back({"no_logs", "info", "no hardware logs given: the recomputation uses the card alone"});
  }
  for (const LogEvidence* e : {in.accounting, in.telemetry}) {
    if (e) quality_findings(*e, a.findings);
  }
  if (primary) {
    const double excluded = r.seconds_excluded(*primary);
    if (excluded > 0) {
      a.findings.push_back({"time_excluded_from_flop", "warning",
                            format_count(excluded / 3600) + " logged accelerator-hours could not be priced "
                            "(unknown or unnamed accelerator) and are missing from the log-based estimates"});
    }
  }
  check_verdict_flips(a, a.findings);
  if (rule && a.threshold_flop && primary) check_peak_flips(a, *primary, r, *rule, *a.threshold_flop, a.findings);
  check_disagreements(a, a.findings);
  check_claim(a, a.findings);
  check_implied_utilisation(a, primary, r, options, ctx.assumptions, a.findings);
  check_types_and_dates(in, primary, r, a.findings);
  check_sources(a, in, a.findings);

  if (a.threshold_flop) {
    a.projection.threshold_source = a.threshold_source;
    const LogEvidence* dated = in.telemetry && in.telemetry->absolute_time ? in.telemetry : in.accounting;
    project(in, dated, r, ctx.rules, options.as_of, *a.threshold_flop, a.projection);
  } else {
    a.projection.basis = ProjectionBasis::none;
    a.projection.explanation.push_back("no compute threshold in the rule set");
  }
  return a;
}

}  // namespace gpai
