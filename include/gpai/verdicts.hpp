#pragma once
// The closed vocabularies of an assessment's verdicts. to_string gives the
// stable spellings of the JSON, text and CSV outputs (a contract: do not
// rename); the core compares the enums, never the spellings.
#include <cstdint>
#include <string_view>

namespace gpai {

enum class ThresholdStatus : std::uint8_t { above, below, borderline, not_in_force, insufficient_evidence };
enum class SystemicRiskStatus : std::uint8_t {
  designated,
  presumed,
  borderline,
  designation_candidate,
  not_presumed,
  insufficient_evidence
};
enum class GpaiStatus : std::uint8_t { gpai, not_gpai, indeterminate };
enum class CriterionStatus : std::uint8_t { met, not_met, unknown };  // one Annex XIII point
enum class NotificationStatus : std::uint8_t { not_required, due, overdue, date_unknown, conditional };
enum class RiskAssessed : std::uint8_t { yes, no, not_stated };  // a systemic risk, by the card

constexpr std::string_view to_string(ThresholdStatus s) {
  switch (s) {
    case ThresholdStatus::above: return "above";
    case ThresholdStatus::below: return "below";
    case ThresholdStatus::borderline: return "borderline";
    case ThresholdStatus::not_in_force: return "not_in_force";
    case ThresholdStatus::insufficient_evidence: return "insufficient_evidence";
  }
  return "?";
}

constexpr std::string_view to_string(SystemicRiskStatus s) {
  switch (s) {
    case SystemicRiskStatus::designated: return "designated";
    case SystemicRiskStatus::presumed: return "presumed";
    case SystemicRiskStatus::borderline: return "borderline";
    case SystemicRiskStatus::designation_candidate: return "designation_candidate";
    case SystemicRiskStatus::not_presumed: return "not_presumed";
    case SystemicRiskStatus::insufficient_evidence: return "insufficient_evidence";
  }
  return "?";
}

constexpr std::string_view to_string(GpaiStatus s) {
  switch (s) {
    case GpaiStatus::gpai: return "gpai";
    case GpaiStatus::not_gpai: return "not_gpai";
    case GpaiStatus::indeterminate: return "indeterminate";
  }
  return "?";
}

constexpr std::string_view to_string(CriterionStatus s) {
  switch (s) {
    case CriterionStatus::met: return "met";
    case CriterionStatus::not_met: return "not_met";
    case CriterionStatus::unknown: return "unknown";
  }
  return "?";
}

constexpr std::string_view to_string(NotificationStatus s) {
  switch (s) {
    case NotificationStatus::not_required: return "not_required";
    case NotificationStatus::due: return "due";
    case NotificationStatus::overdue: return "overdue";
    case NotificationStatus::date_unknown: return "date_unknown";
    case NotificationStatus::conditional: return "conditional";
  }
  return "?";
}

constexpr std::string_view to_string(RiskAssessed s) {
  switch (s) {
    case RiskAssessed::yes: return "yes";
    case RiskAssessed::no: return "no";
    case RiskAssessed::not_stated: return "not_stated";
  }
  return "?";
}

}  // namespace gpai
