#include "gpai/taxonomy.hpp"

#include "gpai/name_key.hpp"

namespace gpai {

const RiskCategory* Taxonomy::find(const std::string& name) const {
  const std::string key = name_key(name);
  for (const auto& c : categories) {
    if (name_key(c.id) == key || name_key(c.name) == key) return &c;
    for (const auto& a : c.aliases) {
      if (name_key(a) == key) return &c;
    }
  }
  return nullptr;
}

const Taxonomy* TaxonomyRegistry::in_force(Date as_of) const {
  const Taxonomy* found = nullptr;
  for (const auto& t : taxonomies) {
    if (t.from > as_of) break;
    found = &t;
  }
  return found;
}

const Taxonomy* TaxonomyRegistry::by_id(const std::string& id) const {
  for (const auto& t : taxonomies) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace gpai
