#pragma once
// The texts that explain an Assessment, made from its recorded reasons and
// the rule data through the message catalogue (private to gpai_report).
#include <string>
#include <vector>

#include "gpai/assessment.hpp"
#include "gpai/messages.hpp"

namespace gpai::report {

struct TraceStep {  // one step of the reasoning trace (explain)
  std::string rule;  // rule id
  std::string cite;
  std::string inputs;
  std::string outcome;
};

std::vector<std::string> threshold_reasons(const Assessment& a, const MessageCatalogue& m);
std::vector<std::string> systemic_risk_reasons(const Assessment& a, const MessageCatalogue& m);
std::vector<std::string> gpai_reasons(const Assessment& a, const MessageCatalogue& m);
std::vector<std::string> modification_reasons(const Assessment& a, const MessageCatalogue& m);
std::string finding_message(const MessageCatalogue& m, const Finding& f);
// An Annex XIII result's texts: what the card gave, the reference, its source.
std::string criterion_value(const CriterionResult& c, const MessageCatalogue& m);
std::string criterion_reference(const CriterionResult& c, const MessageCatalogue& m);
std::string criterion_reference_source(const CriterionResult& c, const MessageCatalogue& m);
// "3.8e25 FLOP (architecture_6nd: 6 x ...)": the figure to notify, with its
// method; empty without an estimate.
std::string notification_figure(const Assessment& a, const MessageCatalogue& m);
// Every step in the order the core took them: threshold, modification, GPAI
// status, Annex XIII, systemic risk, notification, obligations.
std::vector<TraceStep> trace(const Assessment& a, const MessageCatalogue& m);

}  // namespace gpai::report
