#pragma once
// Writers for a SystemClassification: JSON (a stable contract, see
// docs/output.md, "classify") and a human report. Texts come from the message
// catalogue (reasons, labels) and from the rule data (questions, obligations,
// titles) in the language asked for. Deterministic: same input, same bytes.

#include <nlohmann/json.hpp>
#include <string>

#include "gpai/messages.hpp"
#include "gpai/report/assessment_report.hpp"
#include "gpai/system_card.hpp"
#include "gpai/system_classification.hpp"
#include "gpai/system_rules.hpp"

namespace gpai::report {

struct SystemReportInput {
  const SystemCard& card;
  const SystemClassification& result;
  const SystemRuleSet& rules;
  const MessageCatalogue& messages;
  std::string source;  // the card's path, printed
};

nlohmann::ordered_json system_json(const SystemReportInput& in, const RunInfo& run);
std::string system_text(const SystemReportInput& in, const RunInfo& run);

// A reason's inputs: each card field it names with the card's answer.
nlohmann::ordered_json reason_inputs(const SystemCard& card, const Reason& r);

}  // namespace gpai::report
