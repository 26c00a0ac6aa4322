// The wording of audit findings whose text names a command-line option: the
// core records the facts (AuditNote), the report says which option helps.
#include "gpai/report/audit_report.hpp"

#include <algorithm>

#include "compute_text.hpp"
#include "reason_text.hpp"

namespace gpai::report {
namespace {

std::string hours(double seconds) { return format_count(seconds / 3600) + " accelerator-hours"; }

std::string note_message(const AuditNote& n) {
  const std::string kind(to_string(n.evidence));
  switch (n.code) {
    case AuditNoteCode::accelerator_assumed_from_card:
      return "the logs name no accelerator for " + hours(n.accelerator_seconds) + "; the card's only accelerator, " +
             n.accelerator + ", is assumed (name it with --accelerator)";
    case AuditNoteCode::accelerator_unspecified:
      return hours(n.accelerator_seconds) +
             " in the logs name no accelerator and the card does not name exactly one: "
             "excluded from FLOP estimates (give --accelerator)";
    case AuditNoteCode::cost_without_price:
      return "training.cost_usd is given without a price per accelerator-hour "
             "(training.price_per_accelerator_hour_usd or --price-per-hour): no cost estimate";
    case AuditNoteCode::sampling_gaps:
      return kind + ": " + std::to_string(n.count) + " intervals longer than " + format_count(n.seconds) +
             " s (2 x the median sample interval unless --max-gap): counted up to it, " +
             hours(n.accelerator_seconds) + " not counted";
    case AuditNoteCode::logs_not_dated:
      return kind + ": some logs carry no wall-clock time (dcgmi dmon, relative seconds): their time counts, "
             "but they cannot be placed on the calendar without --log-start";
  }
  return "";
}

}  // namespace

std::string audit_finding_message(const MessageCatalogue& messages, const AuditFinding& f) {
  if (f.note) return note_message(*f.note);
  return f.reason.empty() ? f.message : reason_text(messages, f.reason);
}

std::string audit_method_formula(const MessageCatalogue& messages, const AuditMethod& m) {
  if (m.card_parts.empty()) return m.formula;
  std::string out;
  for (const auto& p : m.card_parts) {
    out += (out.empty() ? "" : "; ") + std::string(p.phase) + ": " + method_formula(messages, p.method, p.basis);
  }
  return out;
}

std::vector<std::string> audit_method_assumptions(const MessageCatalogue& messages, const AuditMethod& m) {
  std::vector<std::string> out;
  // Each phase states the same assumption once.
  for (const auto& p : m.card_parts) {
    for (auto& a : method_assumptions(messages, p.method, p.basis)) {
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
    }
  }
  out.insert(out.end(), m.assumptions.begin(), m.assumptions.end());
  return out;
}

std::vector<std::string> projection_explanation(const Projection& p) {
  std::vector<std::string> lines;
  if (p.logs_undated) lines.push_back("the logs carry no wall-clock time (give --log-start to date them)");
  lines.insert(lines.end(), p.explanation.begin(), p.explanation.end());
  return lines;
}

}  // namespace gpai::report
