#pragma once
// The rulebook in force on a date: thresholds, dates, obligations, Annex XIII
// criteria, incident windows and the systemic-risk taxonomy, each with its
// citation (`gpai-eval rules`).
#include <nlohmann/json.hpp>

#include "gpai/messages.hpp"
#include <string>

#include "gpai/date.hpp"
#include "gpai/rules.hpp"
#include "gpai/taxonomy.hpp"

namespace gpai::report {

// taxonomy_id: the taxonomy to show (an id known to `taxonomies`); empty:
// the one in force on as_of.
nlohmann::ordered_json rules_json(const RuleSet& rules, const TaxonomyRegistry& taxonomies, Date as_of,
                                  const std::string& taxonomy_id = "");
// `messages` gives the headings' texts.
std::string rules_text(const RuleSet& rules, const TaxonomyRegistry& taxonomies, Date as_of,
                       const MessageCatalogue& messages, const std::string& taxonomy_id = "");

}  // namespace gpai::report
