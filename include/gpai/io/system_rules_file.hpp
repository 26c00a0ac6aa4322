#pragma once
// Loads the AI-system ruleset (data/rules/eu_ai_act_systems/) strictly:
// the manifest and every file it lists, each section once, closed
// vocabularies, citations required, dates in order, and every reference
// (card field, date rule, exception, Annex III point, fine tier, duty)
// resolved. Errors are gpai::RuleDataError (exit code 3) naming the file
// and JSON pointer. The format: docs/rules.md, "AI systems".
#include <string>

#include "gpai/system_rules.hpp"

namespace gpai::io {

SystemRuleSet load_system_rule_set(const std::string& dir);

}  // namespace gpai::io
