#pragma once
// The legal sections of the assessment report (private to gpai_report).
#include <nlohmann/json.hpp>
#include <string>

#include "gpai/assessment.hpp"
#include "gpai/messages.hpp"

namespace gpai::report {

void add_legal_json(nlohmann::ordered_json& j, const Assessment& a, const MessageCatalogue& messages,
                    bool with_trace);
std::string legal_memo_text(const Assessment& a, const MessageCatalogue& messages);
std::string trace_text(const Assessment& a, const MessageCatalogue& messages);

}  // namespace gpai::report
