// Systemic-risk taxonomy -> Art. 55 measures and Code of Practice
// commitments; unassessed specified risks of a systemic-risk model are gaps.
#include "legal_steps.hpp"

namespace gpai::legal {

void map_systemic_risks(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  const Taxonomy* tax = nullptr;
  if (ctx.taxonomies) {
    tax = ctx.taxonomy_id.empty() ? ctx.taxonomies->in_force(a.as_of) : ctx.taxonomies->by_id(ctx.taxonomy_id);
  }
  const bool systemic = has_systemic_risk(a);
  if (!tax) {
    if (systemic || !card.systemic_risks.empty()) {
      a.gaps.push_back({"no_taxonomy", "warning", {}, Reason("gap.no_taxonomy").with("as_of", a.as_of)});
    }
    return;
  }
  a.taxonomy = tax->id;
  // Most cards name no risks and have no systemic risk: nothing to map.
  if (card.systemic_risks.empty() && !systemic) return;
  const std::string_view taxonomy = tax->id;
  std::vector<bool> covered(tax->categories.size(), false);
  for (const auto& entry : card.systemic_risks) {
    RiskMapping m;
    m.category = entry.category;
    m.assessed = entry.assessed ? (*entry.assessed ? RiskAssessed::yes : RiskAssessed::no) : RiskAssessed::not_stated;
    const RiskCategory* cat = tax->find(entry.category);
    if (!cat) {
      m.note = Reason("risk.not_in_taxonomy").with("taxonomy", taxonomy);
      a.gaps.push_back({"unknown_risk_category", "info", {},
                        Reason("gap.unknown_risk_category")
                            .with("pointer", std::string_view(entry.pointer))
                            .with("category", std::string_view(entry.category))
                            .with("taxonomy", taxonomy)});
      a.risk_mappings.push_back(std::move(m));
      continue;
    }
    covered[static_cast<std::size_t>(cat - tax->categories.data())] = true;
    m.category_id = cat->id;
    m.specified = cat->specified;
    m.measures = &cat->measures;
    const std::string_view name = cat->name;
    if (systemic && entry.assessed.value_or(false) && entry.evaluations.empty()) {
      a.gaps.push_back({"risk_without_evaluation", "warning", {}, Reason("gap.risk_without_evaluation").with("name", name)});
    }
    if (systemic && cat->specified && !entry.assessed.value_or(false)) {
      a.gaps.push_back({"unassessed_specified_risk", "error", {},
                        Reason("gap.unassessed_specified_risk", &tax->source).with("name", name).with("taxonomy", taxonomy)});
    }
    if (entry.acceptable && !*entry.acceptable) {
      a.flags.push_back({"risk_not_acceptable", "warning", {}, Reason("flag.risk_not_acceptable").with("name", name)});
    }
    a.risk_mappings.push_back(std::move(m));
  }
  if (!systemic) return;
  for (std::size_t i = 0; i < tax->categories.size(); ++i) {
    const auto& cat = tax->categories[i];
    if (!cat.specified || covered[i]) continue;
    RiskMapping m;
    m.category = cat.id;
    m.category_id = cat.id;
    m.specified = true;
    m.assessed = RiskAssessed::not_stated;
    m.measures = &cat.measures;
    m.note = Reason("risk.not_mentioned");
    a.risk_mappings.push_back(std::move(m));
    a.gaps.push_back({"unassessed_specified_risk", "error", {},
                      Reason("gap.specified_risk_not_shown", &tax->source)
                          .with("name", std::string_view(cat.name))
                          .with("taxonomy", taxonomy)});
  }
}

}  // namespace gpai::legal
