#include "gpai/assessment.hpp"

#include <algorithm>
#include <string_view>

#include "legal_steps.hpp"

namespace gpai {

namespace {

void cross_check_claim(const ModelCard& card, const ComputeEstimate& est, const ThresholdVerdict& tv,
                       double factor, std::vector<Finding>& out) {
  if (!card.reported_compute_flop || !est.cumulative) return;
  const double claim = card.reported_compute_flop->value.median();
  const double median = est.cumulative_summary.median;
  if (claim > 0 && median > 0) {
    const double ratio = median / claim;
    if (ratio > factor || ratio < 1 / factor) {
      out.push_back({"claim_disagrees", "warning", {},
                     Reason("finding.claim_disagrees")
                         .with("claim", claim)
                         .with("estimate", median)
                         .with("factor", ratio >= 1 ? ratio : 1 / ratio)});
    } else {
      out.push_back({"claim_consistent", "info", {},
                     Reason("finding.claim_consistent").with("claim", claim).with("factor", factor).with("estimate", median)});
    }
  }
  if (tv.threshold_flop && claim <= *tv.threshold_flop && est.cumulative_summary.p95 > *tv.threshold_flop) {
    out.push_back({"claim_below_threshold_estimate_reaches_above", "warning", {},
                   Reason("finding.claim_below_threshold_estimate_reaches_above")
                       .with("claim", claim)
                       .with("p95", est.cumulative_summary.p95)});
  }
}

// A method that covers every counted phase and reaches past the threshold
// while the headline does not: the reader must see it (e.g. hardware capacity
// vs. the operation count of a run near 10^25).
void cross_check_methods(const ComputeEstimate& est, const ThresholdVerdict& tv, std::vector<Finding>& out) {
  if (!tv.threshold_flop || tv.status != ThresholdStatus::below) return;
  for (const auto& m : est.methods) {
    if (m.phases_covered != m.phases_counted || m.summary.p95 <= *tv.threshold_flop) continue;
    out.push_back({"alternative_method_reaches_threshold", "warning", {},
                   Reason("finding.alternative_method_reaches_threshold")
                       .with("method", std::string_view(m.method))
                       .with("median", m.summary.median)
                       .with("p95", m.summary.p95)});
  }
}

// The compute presumption's threshold verdict, and the systemic-risk status it gives.
void decide_threshold(const Parameter* rule, const DatedValue* entry, Assessment& a) {
  ThresholdVerdict& tv = a.threshold;
  tv.rule_id = rule_id::presumption;
  if (entry) {
    tv.citation = &entry->source;
    tv.effective_from = entry->from;
    tv.comparison = rule->comparison;
  }
  auto reason = [&](std::string_view code) -> Reason& { return tv.reasons.emplace_back(code, tv.citation); };
  if (!entry || !entry->value) {
    tv.status = ThresholdStatus::not_in_force;
    if (entry && !entry->note.empty()) {
      reason("threshold.not_in_force_note").with("as_of", a.as_of).with("note", std::string_view(entry->note));
    } else {
      reason("threshold.not_in_force").with("as_of", a.as_of);
    }
  } else if (!a.compute.cumulative) {
    tv.threshold_flop = entry->value;
    tv.status = ThresholdStatus::insufficient_evidence;
    reason("threshold.no_evidence");
  } else {
    const double t = *entry->value;
    tv.threshold_flop = t;
    const auto& s = a.compute.cumulative_summary;
    tv.status = threshold_status(s, *rule, t);
    tv.p_above = a.compute.cumulative_above ? a.compute.cumulative_above->p_above
                                            : a.compute.cumulative->probability_above(t);
    // The comparison's words ("greater than", "at least") are the reporter's, from tv.comparison.
    if (s.exact) {
      reason(tv.status == ThresholdStatus::above ? "threshold.exact_above" : "threshold.exact_not_above")
          .with("compute", s.median)
          .with("threshold", t);
    } else {
      reason("threshold.interval").with("p05", s.p05).with("p95", s.p95).with("median", s.median).with("threshold", t);
    }
    if (!a.compute.complete) {
      reason("threshold.lower_bound");
      if (tv.status == ThresholdStatus::below) tv.status = ThresholdStatus::borderline;
    }
  }

  SystemicRiskVerdict& sr = a.systemic_risk;
  switch (tv.status) {
    case ThresholdStatus::above:
      sr.status = SystemicRiskStatus::presumed;
      sr.reasons.emplace_back("systemic_risk.presumed", tv.citation);
      break;
    case ThresholdStatus::borderline:
      sr.status = SystemicRiskStatus::borderline;
      sr.reasons.emplace_back("systemic_risk.borderline").with("p_above", tv.p_above);
      break;
    case ThresholdStatus::below:
      sr.status = SystemicRiskStatus::not_presumed;
      sr.reasons.emplace_back("systemic_risk.below");
      break;
    case ThresholdStatus::not_in_force:
      sr.status = SystemicRiskStatus::not_presumed;
      sr.reasons.emplace_back("systemic_risk.not_in_force").with("as_of", a.as_of);
      break;
    case ThresholdStatus::insufficient_evidence:
      sr.status = SystemicRiskStatus::insufficient_evidence;
      sr.reasons.emplace_back("systemic_risk.no_estimate");
      break;
  }
}

}  // namespace

ThresholdStatus threshold_status(const DistributionSummary& s, const Parameter& rule, double threshold) {
  if (rule.exceeded_by(s.p05, threshold)) return ThresholdStatus::above;
  if (!rule.exceeded_by(s.p95, threshold)) return ThresholdStatus::below;
  return ThresholdStatus::borderline;
}

Assessment assess(const ModelCard& card, const EstimationContext& ctx, Date as_of) {
  Assessment a;
  assess_into(card, ctx, as_of, a);
  return a;
}

void assess_into(const ModelCard& card, const EstimationContext& ctx, Date as_of, Assessment& a) {
  a.model = card.name;
  a.as_of = as_of;
  a.rules_version = ctx.rules.version;
  const Parameter* rule = ctx.rules.parameter(rule_id::presumption);
  const DatedValue* entry = rule ? rule->in_force(as_of) : nullptr;
  // The thresholds the totals are compared with, so that a sampled total gets
  // the draws its verdicts need.
  EstimateOptions estimate_options;
  if (entry) estimate_options.threshold_flop = entry->value;
  if (const Parameter* indicative = ctx.rules.parameter(rule_id::indicative)) {
    if (const DatedValue* e = indicative->in_force(as_of)) estimate_options.indicative_threshold_flop = e->value;
  }
  a.compute = estimate_training_compute(card, ctx, estimate_options);
  a.findings = a.compute.findings;

  decide_threshold(rule, entry, a);
  cross_check_claim(card, a.compute, a.threshold, ctx.assumptions.disagreement_factor, a.findings);
  cross_check_methods(a.compute, a.threshold, a.findings);

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
