// Systemic-risk classification: Art. 51(1)(a) presumption (from the threshold
// verdict), designation (Art. 51(1)(b), 52(4)) and the Annex XIII indicators
// (evaluated in annex_xiii.cpp).
#include <algorithm>
#include <string_view>

#include "legal_steps.hpp"

namespace gpai::legal {

void decide_systemic_risk(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  SystemicRiskVerdict& sr = a.systemic_risk;
  sr.presumption = sr.status;  // the threshold's, for the trace
  auto decide = [&](SystemicRiskStatus status, std::string_view code, const Citation* cite = nullptr) -> Reason& {
    sr.status = status;
    return sr.reasons.emplace_back(code, cite);
  };
  // A designation or a modification replaces the presumption and its reasons.
  auto overrule = [&](SystemicRiskStatus status, std::string_view code) -> Reason& {
    sr.reasons.clear();
    return decide(status, code);
  };

  bool listed = false;
  for (const auto& d : ctx.rules.designations) listed |= d.model == card.name && d.decided <= a.as_of;
  if (a.gpai.status == GpaiStatus::not_gpai && !card.designated.value_or(false) && !listed) {
    overrule(SystemicRiskStatus::not_presumed, "systemic_risk.not_gpai");
  } else if (card.designated.value_or(false) || listed) {
    overrule(SystemicRiskStatus::designated, listed ? "systemic_risk.designated_listed" : "systemic_risk.designated_card");
  } else if (a.modification.result_presumed_systemic) {
    overrule(SystemicRiskStatus::presumed, "systemic_risk.modified_presumed");
  }

  if (a.gpai.status == GpaiStatus::indeterminate && sr.status != SystemicRiskStatus::not_presumed &&
      sr.status != SystemicRiskStatus::insufficient_evidence) {
    sr.reasons.emplace_back("systemic_risk.if_gpai");
  }

  // Annex XIII: a designation candidate when the data's rule says so. The
  // points met, which the texts list, are the reporter's to read in annex_xiii.
  const auto& rule = ctx.rules.designation_candidate;
  int met = 0;
  bool any_key = false;
  for (const auto& r : a.annex_xiii) {
    if (r.status != CriterionStatus::met) continue;
    ++met;
    any_key |= std::find(rule.when_any_met.begin(), rule.when_any_met.end(), r.criterion) != rule.when_any_met.end();
  }
  const bool candidate = any_key || (rule.or_min_met > 0 && met >= rule.or_min_met);
  if (candidate &&
      (sr.status == SystemicRiskStatus::not_presumed || sr.status == SystemicRiskStatus::insufficient_evidence) &&
      a.gpai.status != GpaiStatus::not_gpai) {
    decide(SystemicRiskStatus::designation_candidate, "systemic_risk.designation_candidate", &rule.source)
        .with("explanation", std::string_view(rule.explanation));
  } else if (!ctx.rules.annex_xiii.empty() && a.gpai.status != GpaiStatus::not_gpai) {
    sr.reasons.emplace_back("systemic_risk.annex_xiii_met");
  }
}

}  // namespace gpai::legal
