#include "gpai/taxonomy.hpp"

#include <cctype>

namespace gpai {
namespace {
std::string fold(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}
}  // namespace

const RiskCategory* Taxonomy::find(const std::string& name) const {
  const std::string key = fold(name);
  for (const auto& c : categories) {
    if (fold(c.id) == key || fold(c.name) == key) return &c;
    for (const auto& a : c.aliases) {
      if (fold(a) == key) return &c;
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
