// The Annex XIII designation criteria, one result per point: its status, and
// as reasons what the card gave and what it was compared with.
#include <algorithm>
#include <optional>
#include <string_view>

#include "gpai/frontier_benchmarks.hpp"
#include "legal_steps.hpp"

namespace gpai::legal {

using namespace std::string_view_literals;
namespace {

// A numeric indicator against its reference parameter. The unit is the
// reporter's, from the result's indicator.
CriterionStatus compare(CriterionResult& r, const AnnexXiiiCriterion& c, const RuleSet& rules, Date as_of,
                        const std::optional<double>& value) {
  const Parameter* p = rules.parameter(c.reference_parameter);
  const DatedValue* e = p ? p->in_force(as_of) : nullptr;
  if (!e || !e->value) {
    r.reference = Reason("criterion.none_in_force");
    return CriterionStatus::unknown;
  }
  r.reference = Reason(p->comparison == Comparison::greater_than ? "criterion.reference_gt" : "criterion.reference_ge")
                    .with("threshold", *e->value);
  r.reference_source = e->note.empty() ? Reason("criterion.source", &e->source)
                                       : Reason("criterion.source_note", &e->source).with("note", std::string_view(e->note));
  if (!value) {
    r.value = Reason("criterion.not_stated");
    return CriterionStatus::unknown;
  }
  r.value = Reason("criterion.value").with("value", *value);
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

CriterionStatus modalities_criterion(CriterionResult& r, const AnnexXiiiCriterion& c, const ModelCard& card) {
  r.reference = Reason("criterion.modalities_reference");
  r.reference_source = Reason("criterion.examples_source", &c.source);
  const auto& m = card.modalities;
  if (m.input.empty() && m.output.empty()) {
    r.value = Reason("criterion.not_stated");
    return CriterionStatus::unknown;
  }
  r.value = Reason("criterion.modalities").with("in", &m.input).with("out", &m.output);
  auto either = [&](auto&& pred) {
    return std::any_of(m.input.begin(), m.input.end(), pred) || std::any_of(m.output.begin(), m.output.end(), pred);
  };
  const bool special = either(
      [](const std::string& x) { return x == "biological_sequence"sv || x == "chemical_structure"sv; });
  const bool non_text = either([](const std::string& x) { return x != "text"sv && x != "code"sv; });
  return (special || non_text) ? CriterionStatus::met : CriterionStatus::not_met;
}

CriterionStatus benchmarks_criterion(CriterionResult& r, const ModelCard& card, const FrontierBenchmarks* table) {
  const auto& caps = card.capabilities;
  const bool agentic = caps.tool_use.value_or(false) && caps.autonomy.value_or(false);
  r.tool_use = caps.tool_use;
  r.autonomy = caps.autonomy;
  bool near = false, far = false;
  if (table) {
    r.reference = Reason("criterion.benchmarks_reference")
                      .with("share", table->within_share * 100)
                      .with("table_date", table->as_of);
    r.reference_source = Reason("criterion.text").with("text", std::string_view(table->method_source));
    for (const auto& b : caps.benchmarks) {
      const FrontierResult* f = table->find(b.name);
      if (!f) continue;
      const bool frontier = b.score / b.max >= table->within_share * f->score / f->max;
      r.benchmarks.push_back({b.name, b.score, b.max, f->score, f->model, frontier});
      (frontier ? near : far) = true;
    }
  } else {
    r.reference = Reason("criterion.no_benchmark_table");
  }
  if (near || agentic) return CriterionStatus::met;
  if (far || caps.tool_use || caps.autonomy) return CriterionStatus::not_met;
  return CriterionStatus::unknown;
}

std::optional<double> median_of(const std::optional<Input>& in) {
  return in ? std::optional<double>(in->value.median()) : std::nullopt;
}

}  // namespace

void evaluate_annex_xiii(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  a.annex_xiii.reserve(a.annex_xiii.size() + ctx.rules.annex_xiii.size());
  for (const auto& c : ctx.rules.annex_xiii) {
    // Made in place from its id and point: emplacing those, rather than a
    // value-initialised result, skips zeroing it first.
    CriterionResult& r = a.annex_xiii.emplace_back(c.id, c.point);
    r.title = c.title;
    r.cite = &c.source;
    r.indicator = c.indicator;
    CriterionStatus status = CriterionStatus::unknown;
    switch (c.indicator) {
      case Indicator::parameters:
        status = compare(r, c, ctx.rules, a.as_of, median_of(card.architecture.parameters));
        break;
      case Indicator::tokens:
        status = compare(r, c, ctx.rules, a.as_of, tokens_seen(card, a));
        break;
      case Indicator::compute:
        status = compare(r, c, ctx.rules, a.as_of,
                         a.compute.cumulative ? std::optional<double>(a.compute.cumulative_summary.median)
                                              : std::nullopt);
        if (a.threshold.status == ThresholdStatus::borderline) status = CriterionStatus::unknown;
        r.estimated = a.compute.cumulative.has_value();
        break;
      case Indicator::modalities:
        status = modalities_criterion(r, c, card);
        break;
      case Indicator::benchmarks:
        status = benchmarks_criterion(r, card, ctx.benchmarks);
        break;
      case Indicator::business_users:
        status = compare(r, c, ctx.rules, a.as_of, median_of(card.reach.eu_business_users));
        break;
      case Indicator::end_users:
        status = compare(r, c, ctx.rules, a.as_of, median_of(card.reach.eu_end_users));
        break;
    }
    r.status = status;
  }
}

}  // namespace gpai::legal
