#include "gpai/rules.hpp"

namespace gpai {

const DatedValue* Parameter::in_force(Date date) const {
  const DatedValue* found = nullptr;
  for (const auto& entry : history) {
    if (entry.from > date) break;
    if (!entry.expected) found = &entry;
  }
  return found;
}

const Parameter* RuleSet::parameter(std::string_view id) const {
  auto it = parameters.find(id);
  return it == parameters.end() ? nullptr : &it->second;
}

const DatedDate* DateRule::in_force(Date date) const {
  const DatedDate* found = nullptr;
  for (const auto& entry : history) {
    if (entry.from > date) break;
    found = &entry;
  }
  return found;
}

const DateRule* RuleSet::date_rule(std::string_view id) const {
  auto it = dates.find(id);
  return it == dates.end() ? nullptr : &it->second;
}

std::optional<double> RuleSet::value_at(std::string_view id, Date as_of) const {
  const Parameter* p = parameter(id);
  const DatedValue* e = p ? p->in_force(as_of) : nullptr;
  return e ? e->value : std::nullopt;
}

std::optional<Date> RuleSet::date_at(std::string_view id, Date as_of) const {
  const DateRule* r = date_rule(id);
  const DatedDate* e = r ? r->in_force(as_of) : nullptr;
  return e ? e->value : std::nullopt;
}

const PhaseKindRule* RuleSet::phase_kind(std::string_view id) const {
  auto it = phase_kinds.find(id);
  return it == phase_kinds.end() ? nullptr : &it->second;
}

}  // namespace gpai
