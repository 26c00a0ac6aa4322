#pragma once
// Systemic-risk taxonomies (Code of Practice, Safety and Security chapter) as
// versioned data: the final Code (July 2025) and the earlier second draft are
// both kept so that either can be evaluated. Values live in data/taxonomy/.

#include <string>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/rules.hpp"

namespace gpai {

struct RiskMeasure {
  std::string what;  // e.g. "model evaluation, including adversarial testing"
  Citation source;   // e.g. Art. 55(1)(a), or a Code of Practice commitment
};

struct RiskCategory {
  std::string id;  // "cbrn", "cyber_offence", ...
  std::string name;
  bool specified = false;  // must always be assessed by a systemic-risk provider
  std::vector<std::string> aliases;
  std::vector<RiskMeasure> measures;
};

struct Taxonomy {
  std::string id;  // "cop-2025-07"
  std::string title;
  Date from;  // in use from this date until the next taxonomy's
  Citation source;
  std::vector<RiskCategory> categories;

  // By id or alias, case-insensitive; nullptr when unknown.
  const RiskCategory* find(const std::string& name) const;
};

struct TaxonomyRegistry {
  std::vector<Taxonomy> taxonomies;  // ordered by `from`
  const Taxonomy* in_force(Date as_of) const;
  const Taxonomy* by_id(const std::string& id) const;
};

}  // namespace gpai
