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
      a.gaps.push_back({"no_taxonomy", "warning", "no systemic-risk taxonomy in force on " + a.as_of.to_string()});
    }
    return;
  }
  a.taxonomy = tax->id;
  // Most cards name no risks and have no systemic risk: nothing to map.
  if (card.systemic_risks.empty() && !systemic) return;
  std::vector<bool> covered(tax->categories.size(), false);
  for (const auto& entry : card.systemic_risks) {
    RiskMapping m;
    m.category = entry.category;
    m.assessed = entry.assessed ? (*entry.assessed ? RiskAssessed::yes : RiskAssessed::no) : RiskAssessed::not_stated;
    const RiskCategory* cat = tax->find(entry.category);
    if (!cat) {
      m.note = "not a category of taxonomy " + tax->id;
      a.gaps.push_back({"unknown_risk_category", "info",
                        entry.pointer + ": category '" + entry.category + "' is not in taxonomy " + tax->id});
      a.risk_mappings.push_back(std::move(m));
      continue;
    }
    covered[static_cast<std::size_t>(cat - tax->categories.data())] = true;
    m.category_id = cat->id;
    m.specified = cat->specified;
    if (a.explained) m.measures = cat->measures;  // texts: explanations only
    if (systemic && entry.assessed.value_or(false) && entry.evaluations.empty()) {
      a.gaps.push_back({"risk_without_evaluation", "warning",
                        cat->name + ": marked assessed, but no evaluations are listed (Art. 55(1)(a))"});
    }
    if (systemic && cat->specified && !entry.assessed.value_or(false)) {
      a.gaps.push_back({"unassessed_specified_risk", "error",
                        cat->name + " is a specified systemic risk of " + tax->id + " and was not assessed (" +
                            tax->source.cite + "; Art. 55(1)(b))"});
    }
    if (entry.acceptable && !*entry.acceptable) {
      a.flags.push_back({"risk_not_acceptable", "warning",
                         cat->name + ": the provider judged the risk not acceptable; the Code of Practice expects "
                                     "not proceeding with placing on the market until it is"});
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
    if (a.explained) m.measures = cat.measures;
    m.note = "specified risk not mentioned in the card";
    a.risk_mappings.push_back(std::move(m));
    a.gaps.push_back({"unassessed_specified_risk", "error",
                      cat.name + " is a specified systemic risk of " + tax->id +
                          " and the card does not show it assessed (" + tax->source.cite + "; Art. 55(1)(b))"});
  }
}

}  // namespace gpai::legal
