#pragma once
// The legal sections of the assessment report (private to gpai_report).
#include <nlohmann/json.hpp>
#include <string>

#include "gpai/assessment.hpp"

namespace gpai::report {

void add_legal_json(nlohmann::ordered_json& j, const Assessment& a, bool with_trace);
std::string legal_memo_text(const Assessment& a);
std::string trace_text(const Assessment& a);

}  // namespace gpai::report
