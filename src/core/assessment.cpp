#include "gpai/assessment.hpp"

#include <algorithm>
#include <string_view>

#include "legal_steps.hpp"

namespace gpai {

namespace {

constexpr const char* kPresumptionRule = "art51_2.compute_presumption";
constexpr const char* kIndicativeRule = "gpai.indicative_training_compute";

std::string method_story(const ComputeEstimate& est) {
  // "architecture_6nd for all counted phases" or a per-phase list.
  std::vector<std::pair<std::string, std::string>> used;  // phase, method
  for (const auto& p : est.phases) {
    if (!p.counts_cumulative) continue;
    if (const auto* m = p.headline_method()) used.emplace_back(p.name, m->method);
  }
  if (used.empty()) return "no method";
  const bool same = std::all_of(used.begin(), used.end(),
                                [&](const auto& u) { return u.second == used.front().second; });
  if (same) {
    if (used.size() == 1) return used.front().second + ": " + [&] {
        for (const auto& p : est.phases)
          if (p.counts_cumulative && p.headline_method()) return p.headline_method()->formula;
        return std::string();
      }();
    return used.front().second + ", summed over " + std::to_string(used.size()) + " phases";
  }
  std::string out;
  for (const auto& [phase, method] : used) out += (out.empty() ? "" : "; ") + phase + " by " + method;
  return out;
}

// Messages are built only when explaining (`explain`): ids and severities always.
void cross_check_claim(const ModelCard& card, const ComputeEstimate& est, const ThresholdVerdict& tv,
                       double factor, bool explain, std::vector<Finding>& out) {
  if (!card.reported_compute_flop || !est.cumulative) return;
  const double claim = card.reported_compute_flop->value.median();
  const double median = est.cumulative_summary.median;
  if (claim > 0 && median > 0) {
    const double ratio = median / claim;
    if (ratio > factor || ratio < 1 / factor) {
      out.push_back({"claim_disagrees", "warning",
                     explain ? "reported_compute_flop " + format_sig(claim, 2) + " FLOP and the estimate " +
                                   format_sig(median, 2) + " FLOP differ by a factor of " +
                                   format_ratio(ratio >= 1 ? ratio : 1 / ratio)
                             : std::string()});
    } else {
      out.push_back({"claim_consistent", "info",
                     explain ? "reported_compute_flop " + format_sig(claim, 2) + " FLOP is within a factor of " +
                                   format_ratio(factor) + " of the estimate " + format_sig(median, 2) + " FLOP"
                             : std::string()});
    }
  }
  if (tv.threshold_flop && claim <= *tv.threshold_flop &&
      est.cumulative_summary.p95 > *tv.threshold_flop) {
    out.push_back({"claim_below_threshold_estimate_reaches_above", "warning",
                   explain ? "the reported " + format_sig(claim, 2) + " FLOP is not above the threshold, "
                             "but the estimate's 95th percentile " + format_sig(est.cumulative_summary.p95, 2) +
                             " FLOP is"
                           : std::string()});
  }
}

// A method that covers every counted phase and reaches past the threshold
// while the headline does not: the reader must see it (e.g. hardware capacity
// vs. the operation count of a run near 10^25).
void cross_check_methods(const ComputeEstimate& est, const ThresholdVerdict& tv, bool explain,
                         std::vector<Finding>& out) {
  if (!tv.threshold_flop || tv.status != ThresholdStatus::below) return;
  for (const auto& m : est.methods) {
    if (m.phases_covered != m.phases_counted || m.summary.p95 <= *tv.threshold_flop) continue;
    out.push_back({"alternative_method_reaches_threshold", "warning",
                   explain ? m.method + " puts cumulative compute at " + format_sig(m.summary.median, 2) +
                                 " FLOP (95th percentile " + format_sig(m.summary.p95, 2) +
                                 "), above the threshold, while the headline estimate is below: "
                                 "check the utilisation and hardware-time inputs"
                           : std::string()});
  }
}

}  // namespace

ThresholdStatus threshold_status(const DistributionSummary& s, const Parameter& rule, double threshold) {
  if (rule.exceeded_by(s.p05, threshold)) return ThresholdStatus::above;
  if (!rule.exceeded_by(s.p95, threshold)) return ThresholdStatus::below;
  return ThresholdStatus::borderline;
}

Assessment assess(const ModelCard& card, const EstimationContext& ctx, Date as_of, AssessOptions options) {
  Assessment a;
  assess_into(card, ctx, as_of, options, a);
  return a;
}

void assess_into(const ModelCard& card, const EstimationContext& ctx, Date as_of, AssessOptions options,
                 Assessment& a) {
  a.explained = options.explain;
  a.model = card.name;
  a.as_of = as_of;
  a.rules_version = ctx.rules.version;
  const Parameter* rule = ctx.rules.parameter(kPresumptionRule);
  const DatedValue* entry = rule ? rule->in_force(as_of) : nullptr;
  // The thresholds the totals are compared with, so that a sampled total gets
  // the draws its verdicts need.
  EstimateOptions estimate_options{.explain = options.explain};
  if (entry) estimate_options.threshold_flop = entry->value;
  if (const Parameter* indicative = ctx.rules.parameter(kIndicativeRule)) {
    if (const DatedValue* e = indicative->in_force(as_of)) estimate_options.indicative_threshold_flop = e->value;
  }
  a.compute = estimate_training_compute(card, ctx, estimate_options);
  a.findings = a.compute.findings;

  ThresholdVerdict& tv = a.threshold;
  tv.rule_id = kPresumptionRule;
  const bool explain = a.explained;
  if (entry) {
    if (explain) tv.citation = entry->source;
    tv.effective_from = entry->from;
    tv.comparison = rule->comparison;
  }
  if (!entry || !entry->value) {
    tv.status = ThresholdStatus::not_in_force;
    if (explain) {
      tv.reasons.push_back("no compute presumption threshold is in force on " + as_of.to_string() +
                           (entry && !entry->note.empty() ? " (" + entry->note + ")" : ""));
    }
  } else if (!a.compute.cumulative) {
    tv.threshold_flop = entry->value;
    tv.status = ThresholdStatus::insufficient_evidence;
    if (explain) {
      tv.reasons.push_back("the card gives no tokens, compute_flop or hardware time for any counted "
                           "training phase");
    }
  } else {
    const double t = *entry->value;
    tv.threshold_flop = t;
    const auto& s = a.compute.cumulative_summary;
    tv.status = threshold_status(s, *rule, t);
    tv.p_above = a.compute.cumulative_above ? a.compute.cumulative_above->p_above
                                            : a.compute.cumulative->probability_above(t);
    if (explain) {
      const std::string op = rule->comparison == Comparison::greater_than ? "greater than" : "at least";
      if (s.exact) {
        tv.reasons.push_back("cumulative training compute " + format_sig(s.median, 3) + " FLOP is " +
                             (tv.status == ThresholdStatus::above ? "" : "not ") + op + " " + format_sig(t, 2) +
                             " FLOP (" + entry->source.cite + ")");
      } else {
        tv.reasons.push_back("90 % interval of cumulative training compute " + format_sig(s.p05, 2) +
                             " - " + format_sig(s.p95, 2) + " FLOP (median " + format_sig(s.median, 2) +
                             ") against " + format_sig(t, 2) + " FLOP (" + entry->source.cite +
                             "): above when the 5th percentile is " + op +
                             " the threshold, below when the 95th is not");
      }
    }
    if (!a.compute.complete) {
      if (explain) tv.reasons.push_back("some counted phases have no evidence, so the total is a lower bound");
      if (tv.status == ThresholdStatus::below) tv.status = ThresholdStatus::borderline;
    }
  }

  SystemicRiskVerdict& sr = a.systemic_risk;
  std::string sr_reason;
  if (tv.status == ThresholdStatus::above) {
    sr.status = SystemicRiskStatus::presumed;
    if (explain) {
      sr_reason = "high-impact capabilities presumed: cumulative training compute above the threshold (" +
                  tv.citation.cite + ")";
    }
  } else if (tv.status == ThresholdStatus::borderline) {
    sr.status = SystemicRiskStatus::borderline;
    if (explain) {
      sr_reason = "the compute interval straddles the threshold (P(above) = " + format_ratio(tv.p_above) +
                  "); narrow the inputs or treat as presumed";
    }
  } else if (tv.status == ThresholdStatus::below || tv.status == ThresholdStatus::not_in_force) {
    sr.status = SystemicRiskStatus::not_presumed;
    if (explain) {
      sr_reason = tv.status == ThresholdStatus::below ? "cumulative training compute is not above the threshold"
                                       : "no compute presumption was in force on " + as_of.to_string();
    }
  } else {
    sr.status = SystemicRiskStatus::insufficient_evidence;
    if (explain) sr_reason = "no compute estimate: the presumption cannot be evaluated";
  }
  if (explain) sr.reasons.push_back(std::move(sr_reason));

  if (explain && a.compute.cumulative) {
    a.notification_text =
        format_sig(a.compute.cumulative_summary.median, 2) + " FLOP (" + method_story(a.compute) + ")";
  }
  if (explain) {
    a.trace.push_back(
        {tv.rule_id, tv.citation.cite,
         a.compute.cumulative ? legal::flop_text(a.compute.cumulative_summary.median) : "no estimate",
         std::string(to_string(tv.status))});
  }
  cross_check_claim(card, a.compute, tv, ctx.assumptions.disagreement_factor, explain, a.findings);
  cross_check_methods(a.compute, tv, explain, a.findings);

  legal::decide_modification(card, ctx, a);
  legal::decide_gpai_status(card, ctx, a);
  legal::evaluate_annex_xiii(card, ctx, a);
  legal::decide_systemic_risk(card, ctx, a);
  legal::decide_notification(card, ctx, a);
  legal::decide_obligations(card, ctx, a);
  legal::map_systemic_risks(card, ctx, a);
  legal::assess_fines_and_flags(card, ctx, a);
}

}  // namespace gpai
