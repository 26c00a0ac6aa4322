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

const Parameter* RuleSet::parameter(const std::string& id) const {
  auto it = parameters.find(id);
  return it == parameters.end() ? nullptr : &it->second;
}

const PhaseKindRule* RuleSet::phase_kind(const std::string& id) const {
  auto it = phase_kinds.find(id);
  return it == phase_kinds.end() ? nullptr : &it->second;
}

}  // namespace gpai
