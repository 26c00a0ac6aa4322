// Systemic-risk classification: Art. 51(1)(a) presumption (from the threshold
// verdict), designation (Art. 51(1)(b), 52(4)) and the Annex XIII indicators.
#include <algorithm>
#include <cstdio>
#include <string_view>

#include "gpai/frontier_benchmarks.hpp"
#include "legal_steps.hpp"

namespace gpai::legal {

using namespace std::string_view_literals;
namespace {

std::string count_text(double v) { return format_count(v); }

// Without explanations a result carries its id, point and status only. The
// result is made in place in the assessment (a built-then-moved result copied
// its seven strings twice per criterion), from its id and point: emplacing
// those, rather than a value-initialised result, skips zeroing it first.
CriterionResult& start(std::vector<CriterionResult>& results, const AnnexXiiiCriterion& c, bool explain) {
  CriterionResult& r = results.emplace_back(c.id, c.point);
  if (explain) {
    r.title = c.title;
    r.cite = c.source.cite;
  }
  return r;
}

// The criterion's status; with explanations also its value and reference texts.
CriterionStatus compare(CriterionResult& r, const AnnexXiiiCriterion& c, const RuleSet& rules, Date as_of,
                         const std::optional<double>& value, const char* unit, bool explain) {
  // Without a value the status is unknown whatever the reference: only the
  // texts need the rule, so the lookup is skipped when there are none.
  if (!value && !explain) return CriterionStatus::unknown;
  const Parameter* p = rules.parameter(c.reference_parameter);
  const DatedValue* e = p ? p->in_force(as_of) : nullptr;
  if (!e || !e->value) {
    if (explain) r.reference = "none in force";
    return CriterionStatus::unknown;
  }
  if (explain) {
    r.reference = (p->comparison == Comparison::greater_than ? "> " : ">= ") + count_text(*e->value) + " " + unit;
    r.reference_source = e->source.cite + (e->note.empty() ? "" : ": " + e->note);
  }
  if (!value) {
    if (explain) r.value = "not stated";
    return CriterionStatus::unknown;
  }
  if (explain) r.value = count_text(*value) + " " + unit;
  return p->exceeded_by(*value, *e->value) ? CriterionStatus::met : CriterionStatus::not_met;
}

std::optional<double> tokens_seen(const ModelCard& card, const Assessment& a) {
  double total = 0;
  bool any = false;
  for (std::size_t i = 0; i < card.phases.size(); ++i) {
    const auto& p = card.phases[i];
    if (!p.tokens || !a.compute.phases[i].counts_training) continue;
    total += p.tokens->value.median() * (p.epochs ? p.epochs->value.median() : 1.0);
    any = true;
  }
  return any ? std::optional<double>(total) : std::nullopt;
}

CriterionStatus modalities_criterion(CriterionResult& r, const ModelCard& card, bool explain) {
  if (explain) {
    r.reference = "multimodal input or output, or a specific type such as biological sequences";
    r.reference_source = r.cite + " examples";
  }
  const auto& m = card.modalities;
  if (m.input.empty() && m.output.empty()) {
    if (explain) r.value = "not stated";
    return CriterionStatus::unknown;
  }
  if (explain) {
    std::string in, out;
    for (const auto& x : m.input) in += (in.empty() ? "" : "+") + x;
    for (const auto& x : m.output) out += (out.empty() ? "" : "+") + x;
    r.value = (in.empty() ? "?" : in) + " -> " + (out.empty() ? "?" : out);
  }
  auto either = [&](auto&& pred) {
    return std::any_of(m.input.begin(), m.input.end(), pred) ||
           std::any_of(m.output.begin(), m.output.end(), pred);
  };
  const bool special = either(
      [](const std::string& x) { return x == "biological_sequence"sv || x == "chemical_structure"sv; });
  const bool non_text = either([](const std::string& x) { return x != "text"sv && x != "code"sv; });
  return (special || non_text) ? CriterionStatus::met : CriterionStatus::not_met;
}

CriterionStatus benchmarks_criterion(CriterionResult& r, const ModelCard& card, const FrontierBenchmarks* table,
                                      bool explain) {
  const auto& caps = card.capabilities;
  const bool agentic = caps.tool_use.value_or(false) && caps.autonomy.value_or(false);
  std::vector<std::string> near, far;
  if (table) {
    if (explain) {
      char share[16];
      std::snprintf(share, sizeof share, "%.0f %%", table->within_share * 100);
      r.reference = "score within " + std::string(share) + " of the best published result (table of " +
                    table->as_of.to_string() + "), or tool use with autonomy";
      r.reference_source = table->method_source;
    }
    for (const auto& b : caps.benchmarks) {
      const FrontierResult* f = table->find(b.name);
      if (!f) continue;
      char buf[160] = "";
      if (explain) {
        std::snprintf(buf, sizeof buf, "%s %.1f/%.0f vs %.1f (%s)", b.name.c_str(), b.score, b.max, f->score,
                      f->model.c_str());
      }
      (b.score / b.max >= table->within_share * f->score / f->max ? near : far).push_back(buf);
    }
  } else if (explain) {
    r.reference = "no frontier benchmark table loaded";
  }
  if (explain) {
    std::string value;
    for (const auto& s : near) value += (value.empty() ? "" : "; ") + s + " [frontier-level]";
    for (const auto& s : far) value += (value.empty() ? "" : "; ") + s;
    if (caps.tool_use || caps.autonomy) {
      value += std::string(value.empty() ? "" : "; ") + "tool use " + (caps.tool_use.value_or(false) ? "yes" : "no") +
               ", autonomy " + (caps.autonomy.value_or(false) ? "yes" : "no");
    }
    r.value = value.empty() ? "not stated" : value;
  }
  if (!near.empty() || agentic) return CriterionStatus::met;
  if (!far.empty() || caps.tool_use || caps.autonomy) return CriterionStatus::not_met;
  return CriterionStatus::unknown;
}

}  // namespace

void evaluate_annex_xiii(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  const bool explain = a.explained;
  a.annex_xiii.reserve(a.annex_xiii.size() + ctx.rules.annex_xiii.size());
  for (const auto& c : ctx.rules.annex_xiii) {
    CriterionResult& r = start(a.annex_xiii, c, explain);
    CriterionStatus status = CriterionStatus::unknown;
    switch (c.indicator) {
      case Indicator::parameters:
        status = compare(r, c, ctx.rules, a.as_of,
                         card.architecture.parameters
                             ? std::optional<double>(card.architecture.parameters->value.median())
                             : std::nullopt,
                         "parameters", explain);
        break;
      case Indicator::tokens:
        status = compare(r, c, ctx.rules, a.as_of, tokens_seen(card, a), "tokens", explain);
        break;
      case Indicator::compute:
        status = compare(r, c, ctx.rules, a.as_of,
                         a.compute.cumulative ? std::optional<double>(a.compute.cumulative_summary.median)
                                              : std::nullopt,
                         "FLOP", explain);
        if (a.threshold.status == ThresholdStatus::borderline) status = CriterionStatus::unknown;
        if (explain && a.compute.cumulative) r.value += " (estimated, also from hardware time where given)";
        break;
      case Indicator::modalities:
        status = modalities_criterion(r, card, explain);
        break;
      case Indicator::benchmarks:
        status = benchmarks_criterion(r, card, ctx.benchmarks, explain);
        break;
      case Indicator::business_users:
        status = compare(r, c, ctx.rules, a.as_of,
                         card.reach.eu_business_users
                             ? std::optional<double>(card.reach.eu_business_users->value.median())
                             : std::nullopt,
                         "registered EU business users", explain);
        break;
      case Indicator::end_users:
        status = compare(r, c, ctx.rules, a.as_of,
                         card.reach.eu_end_users ? std::optional<double>(card.reach.eu_end_users->value.median())
                                                 : std::nullopt,
                         "registered end users", explain);
        break;
    }
    r.status = status;
  }
}

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
