#pragma once
// Writers for an Audit: JSON ("gpai-eval/audit/1") and a human report.
// Deterministic: same audit, same bytes.
//
// Stable JSON contract (docs/audit.md): claim.flop, recomputed.flop,
// recomputed.p05, recomputed.p95, recomputed.methods[] (method, flop, p05,
// p95), findings[] (id, severity, message), logs.rows_read,
// logs.rows_rejected, logs.accelerator_hours (per type),
// projection.threshold_crossing_date, projection.notification_deadline.
// Other keys may grow.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gpai/audit.hpp"
#include "gpai/log_evidence.hpp"
#include "gpai/report/assessment_report.hpp"

namespace gpai::report {

struct AuditSources {
  std::string card;  // path of the card, empty when auditing logs alone
  const LogEvidence* telemetry = nullptr;
  const LogEvidence* accounting = nullptr;
};

// The catalogue words what the card's estimate recorded (its methods'
// formulas and assumptions, its findings); the card must still be alive.
nlohmann::ordered_json audit_json(const Audit& a, const AuditSources& sources, const RunInfo& run,
                                  const MessageCatalogue& messages);
std::string audit_text(const Audit& a, const AuditSources& sources, const RunInfo& run,
                       const MessageCatalogue& messages);

// What reading the logs noted (name mappings and their source, files without
// data rows), accounting first: reports list them with the audit's findings.
std::vector<LogNote> log_notes(const AuditSources& sources);

// A finding's sentence: its message, the wording of its note, which names
// the command-line option that would resolve it, or of its reason.
std::string audit_finding_message(const MessageCatalogue& messages, const AuditFinding& f);
// A method's formula and assumptions: as the audit wrote them, or for a card
// method worded from its phases ("phase: formula; ...").
std::string audit_method_formula(const MessageCatalogue& messages, const AuditMethod& m);
std::vector<std::string> audit_method_assumptions(const MessageCatalogue& messages, const AuditMethod& m);
// The projection's explanation lines, the undated-logs line first.
std::vector<std::string> projection_explanation(const Projection& p);

// The evidence alone (files, per-type usage, data-quality counters).
nlohmann::ordered_json evidence_json(const LogEvidence& e);

}  // namespace gpai::report
