#pragma once
// Writers for an Assessment: JSON (a stable contract, see docs/output.md) and
// a short human report. Deterministic: same assessment, same bytes.

#include <nlohmann/json.hpp>
#include <string>

#include "gpai/assessment.hpp"
#include "gpai/messages.hpp"

namespace gpai::report {

// Facts about the run printed beside the result (minimap2's @PG line).
struct RunInfo {
  std::string tool_version;
  std::string data_dir;
  std::string catalogue_version;
  std::string assumptions_version;
  std::string ruleset;
  std::uint64_t seed = 0;
  std::size_t samples = 0;
  std::string language = "en";  // --language: the language explanations are written in
};

// `messages`: the catalogue of the language asked for, which gives every
// reason's text. `explain` adds the full reasoning trace (rule, citation,
// inputs, outcome).
nlohmann::ordered_json assessment_json(const Assessment& a, const std::string& source, const RunInfo& run,
                                       const MessageCatalogue& messages, bool explain = false);
std::string assessment_text(const Assessment& a, const std::string& source, const RunInfo& run,
                            const MessageCatalogue& messages, bool explain = false);
// The compute and threshold part only (the `estimate` calculator).
std::string compute_text(const Assessment& a, const std::string& source, const RunInfo& run,
                         const MessageCatalogue& messages);

// JSON number or null; nlohmann prints doubles shortest-round-trip, so the
// bytes are stable across runs.
nlohmann::ordered_json summary_json(const DistributionSummary& s);

}  // namespace gpai::report
