// The human audit report: what was claimed, what the evidence recomputes by
// each method, what the logs contained, when the threshold is crossed, and
// every finding.
#include <cstdio>
#include <sstream>

#include "gpai/report/audit_report.hpp"
#include "status_label.hpp"

namespace gpai::report {
namespace {

std::string sci(double v) { return format_sig(v, 2); }

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string interval(const DistributionSummary& s) {
  if (s.exact) return sci(s.median) + " (exact)";
  return sci(s.median) + " [" + sci(s.p05) + " - " + sci(s.p95) + "]";
}

void evidence_text(std::ostringstream& out, const LogEvidence& e) {
  const auto& q = e.quality;
  out << "  " << to_string(e.kind) << ": " << e.files.size() << " file(s), " << q.rows_read << " rows read, "
      << q.rows_rejected << " rejected";
  if (e.kind == EvidenceKind::telemetry && e.median_interval_seconds > 0) {
    out << "; sample interval " << format_count(e.median_interval_seconds) << " s, max gap "
        << format_count(e.max_gap_seconds) << " s";
  }
  out << "\n";
  for (const auto& f : e.files) {
    out << "    " << f.path << " (" << f.format << (f.gzip ? ", gzip" : "") << "): " << f.rows_read << " rows, "
        << f.rows_rejected << " rejected" << (f.truncated_last_line ? ", truncated" : "") << "\n";
  }
  for (const auto& u : e.accelerators) {
    out << "    " << pad(u.accelerator.empty() ? "(unnamed)" : u.accelerator, 16)
        << format_count(u.total.accelerator_seconds / 3600) << " accelerator-hours"
        << (u.in_catalogue ? "" : " (not in catalogue)");
    for (const auto m : kActivityMetrics) {
      if (const auto mean = u.total.of(m).mean()) out << ", " << to_string(m) << " " << format_count(*mean);
    }
    if (const auto j = u.total.energy_joules()) out << ", " << format_count(*j / 3.6e6) << " kWh";
    out << "\n";
  }
  std::size_t shown = 0;
  for (const auto& r : q.rejected) {
    if (shown++ == 5) break;
    out << "    rejected " << r.file << ":" << r.line << ": " << r.reason << "\n";
  }
  if (q.rows_rejected > shown) out << "    ... " << (q.rows_rejected - shown) << " more rejected rows (see --format json)\n";
}

}  // namespace

std::string audit_text(const Audit& a, const AuditSources& src, const RunInfo& run, const MessageCatalogue& messages) {
  std::ostringstream out;
  out << "gpai-eval audit" << (a.model.empty() ? std::string() : " of " + a.model)
      << (src.card.empty() ? std::string(" (logs only)") : " (" + src.card + ")") << ", as of "
      << a.as_of.to_string() << "\n\n";
  out << "Claim:       " << (a.claim_flop ? sci(*a.claim_flop) + " FLOP (" + a.claim_pointer + ")" : "none") << "\n";
  if (a.threshold_flop) out << "Threshold:   " << sci(*a.threshold_flop) << " FLOP (" << a.threshold_source.cite << ")\n";
  if (const AuditMethod* h = a.headline()) {
    out << "Recomputed:  " << interval(h->summary) << " FLOP by " << h->method;
    if (h->status != AuditVerdict::none) {
      out << ": " << status_label(to_string(h->status)) << ", P(above) = " << format_count(h->p_above);
    }
    out << "\n";
  } else {
    out << "Recomputed:  no method had enough evidence\n";
  }
  if (a.implied_utilisation) out << "Implied utilisation (architecture / logged peak): " << format_count(*a.implied_utilisation) << "\n";

  out << "\nMethods (median [90 % interval] FLOP, verdict):\n";
  for (const auto& m : a.methods) {
    out << "  " << pad(m.method, 24) << pad(interval(m.summary), 34) << status_label(to_string(m.status)) << "\n";
    out << "      " << audit_method_formula(messages, m) << "\n";
    for (const auto& s : audit_method_assumptions(messages, m)) out << "      assumes: " << s << "\n";
  }
  if (!a.readings.empty()) {
    out << "\nActivity readings (none is MFU):\n";
    for (const auto& r : a.readings) {
      out << "  " << pad(std::string(to_string(r.metric)), 16) << "mean " << format_count(r.mean) << " over "
          << format_count(100 * r.covered_seconds / r.accelerator_seconds) << " % of the time";
      if (r.mfu_per_unit) {
        out << ", x " << format_count(r.mfu_per_unit->low()) << "-" << format_count(r.mfu_per_unit->high())
            << " MFU per unit";
      } else {
        out << ", no documented MFU conversion";
      }
      out << "\n";
    }
  }
  if (src.accounting || src.telemetry) {
    out << "\nLogs:\n";
    if (src.accounting) evidence_text(out, *src.accounting);
    if (src.telemetry) evidence_text(out, *src.telemetry);
  }

  const Projection& p = a.projection;
  out << "\nProjection (" << to_string(p.basis) << "):\n";
  if (p.threshold_crossing_date) {
    out << "  threshold " << (p.crossed ? "crossed on " : "projected to be crossed on ")
        << p.threshold_crossing_date->to_string();
    if (p.earliest_crossing_date || p.latest_crossing_date) {
      out << " (95th-percentile path " << (p.earliest_crossing_date ? p.earliest_crossing_date->to_string() : "-")
          << ", 5th-percentile path " << (p.latest_crossing_date ? p.latest_crossing_date->to_string() : "-") << ")";
    }
    out << "\n";
    if (p.notification_deadline) {
      out << "  notify the Commission by " << p.notification_deadline->to_string() << " ("
          << p.notification_source.cite << ")\n";
    }
  } else {
    out << "  no crossing date\n";
  }
  for (const auto& e : projection_explanation(p)) out << "  " << e << "\n";

  const std::vector<LogNote> notes = log_notes(src);
  if (!a.findings.empty() || !notes.empty()) {
    out << "\nFindings:\n";
    for (const auto& f : a.findings) {
      out << "  [" << f.severity << "] " << f.id << ": " << audit_finding_message(messages, f) << "\n";
    }
    for (const auto& n : notes) out << "  [" << n.severity << "] " << n.id << ": " << n.message << "\n";
  }
  out << "\nRun: gpai-eval " << run.tool_version << ", data " << run.data_dir << ", seed " << run.seed << ", "
      << run.samples << " samples\n";
  return out.str();
}

}  // namespace gpai::report
