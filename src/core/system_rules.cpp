#include "gpai/system_rules.hpp"

#include <algorithm>

namespace gpai {
namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const std::string& text_in(const Texts& texts, std::string_view language) {
  static const std::string empty;
  if (auto it = texts.find(language); it != texts.end()) return it->second;
  if (auto it = texts.find("en"); it != texts.end()) return it->second;
  return empty;
}

const DatedSection* AnnexILegislation::in_force(Date date) const {
  const DatedSection* found = nullptr;
  for (const auto& e : history) {
    if (date < e.from) break;
    found = &e;
  }
  return found;
}

const DateRule* SystemRuleSet::date_rule(std::string_view id) const {
  auto it = dates.find(id);
  return it == dates.end() ? nullptr : &it->second;
}

std::optional<Date> SystemRuleSet::date_at(std::string_view id, Date as_of) const {
  const DateRule* r = date_rule(id);
  if (!r) return std::nullopt;
  const DatedDate* d = r->in_force(as_of);
  if (!d) return std::nullopt;
  return d->value;
}

const AnnexIIIPoint* SystemRuleSet::point(std::string_view id) const { return find_by_id(annex_iii, id); }
const AnnexILegislation* SystemRuleSet::legislation(std::string_view id) const { return find_by_id(annex_i, id); }
const ProhibitedPractice* SystemRuleSet::practice(std::string_view id) const { return find_by_id(practices, id); }
const TransparencyDuty* SystemRuleSet::duty(std::string_view id) const { return find_by_id(transparency, id); }
const FineTier* SystemRuleSet::fine_tier(std::string_view id) const { return find_by_id(fine_tiers, id); }

const FactQuestion* SystemRuleSet::question(std::string_view field) const {
  auto it = std::find_if(questions.begin(), questions.end(), [&](const FactQuestion& q) { return q.field == field; });
  return it == questions.end() ? nullptr : &*it;
}

const Citation* SystemRuleSet::step_source(std::string_view id) const {
  auto it = steps.find(id);
  return it == steps.end() ? nullptr : &it->second.source;
}

}  // namespace gpai
