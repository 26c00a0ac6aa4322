// The audit's typed statuses as the JSON and the text reports spell them.
#include "gpai/audit.hpp"

namespace gpai {

std::string_view to_string(AuditVerdict v) {
  switch (v) {
    case AuditVerdict::above: return "above";
    case AuditVerdict::below: return "below";
    case AuditVerdict::borderline: return "borderline";
    case AuditVerdict::none: break;
  }
  return "";
}

std::string_view to_string(ProjectionBasis b) {
  switch (b) {
    case ProjectionBasis::logs_telemetry: return "logs_telemetry";
    case ProjectionBasis::logs_accounting: return "logs_accounting";
    case ProjectionBasis::planned_run: return "planned_run";
    case ProjectionBasis::none: break;
  }
  return "none";
}

}  // namespace gpai
