#pragma once
// The steps of classify_system(), one per legal question, in the guide's
// order. Private to the core. Each step sets its typed findings in the
// classification, records why as reason codes, and notes the unknown facts
// that left it undecided: those become the open questions.
#include <string>
#include <string_view>
#include <vector>

#include "gpai/system_classification.hpp"

namespace gpai::systems {

// Three-valued logic over facts (unknown = nullopt).
inline Fact fact_and(Fact a, Fact b) {
  if (a == false || b == false) return false;
  if (!a || !b) return std::nullopt;
  return true;
}
inline Fact fact_or(Fact a, Fact b) {
  if (a == true || b == true) return true;
  if (!a || !b) return std::nullopt;
  return false;
}
inline Fact fact_not(Fact a) {
  if (!a) return std::nullopt;
  return !*a;
}

// The step that met an unknown: whether its answer can still change the
// status depends on what the earlier steps decided (decide_status).
enum class Step : unsigned char { definition, scope, prohibited, high_risk, transparency, open_source, obligations };

// A field whose unknown answer left a step undecided.
struct UnknownField {
  std::string field;
  Step step;
};

struct Evaluation {
  const SystemCard& card;
  const SystemRuleSet& rules;
  Date as_of;
  SystemClassification& out;
  std::vector<UnknownField> unknowns;  // in decision order, duplicates allowed

  void unknown(std::string_view field, Step step) { unknowns.push_back({std::string(field), step}); }
  const Citation* step(std::string_view id) const { return rules.step_source(id); }
};

// `condition` over the card; notes the unknown facts it depends on in `missing`.
Fact evaluate(const FactCondition& condition, const SystemCard& card, std::vector<std::string>* missing);

void decide_ai_system(Evaluation& e);       // Art. 3(1)
void decide_scope(Evaluation& e);           // Art. 2(3)-(10)
void decide_prohibited(Evaluation& e);      // Art. 5
void decide_high_risk(Evaluation& e);       // Art. 6 with Annexes I and III
void decide_transparency(Evaluation& e);    // Art. 50
void decide_open_source(Evaluation& e);     // Art. 2(12): needs the three above
void decide_status(Evaluation& e);          // the most severe, or indeterminate
void decide_roles(Evaluation& e);           // Art. 3(3)-(7), Art. 25, GPAI system
void decide_obligations(Evaluation& e);     // per actor, dated

}  // namespace gpai::systems
