// The end-of-run summary and the progress line of `gpai-eval batch`.
#include <cstdio>

#include "gpai/report/batch_report.hpp"

namespace gpai::report {
namespace {

std::string counts(const std::map<std::string, std::size_t>& m) {
  std::string s;
  for (const auto& [key, n] : m) s += (s.empty() ? "" : ", ") + key + " " + std::to_string(n);
  return s.empty() ? "none" : s;
}

std::string rate(double records, double seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", seconds > 0 ? records / seconds : 0.0);
  return buf;
}

}  // namespace

std::string batch_summary(const BatchStats& s, const std::string& errors_to) {
  std::string out = "gpai-eval batch: " + std::to_string(s.records_read) + " records read = " +
                    std::to_string(s.results) + " results + " + std::to_string(s.errors) + " errors" +
                    (s.conserved() ? " (all accounted for)" : " (INVARIANT VIOLATED)") +
                    (s.reader.truncated_inputs ? "; " + std::to_string(s.reader.truncated_inputs) +
                                                     " input(s) TRUNCATED, records after the cut are missing"
                                               : std::string()) +
                    "\n";
  out += "  formats:        " + counts(s.by_format) + "\n";
  out += "  threshold:      " + counts(s.by_threshold) + "\n";
  if (!s.by_gpai.empty()) out += "  gpai:           " + counts(s.by_gpai) + "\n";
  out += "  systemic risk:  " + counts(s.by_systemic_risk) + "\n";
  if (s.insufficient_evidence) {
    out += "  insufficient evidence: " + std::to_string(s.insufficient_evidence) +
           " results (missing fields listed in each row)\n";
  }
  if (s.errors) {
    out += "  errors:         " + std::to_string(s.errors) + " records could not be scored (" +
           (s.internal_errors ? std::to_string(s.internal_errors) + " internal, please report; " : "") +
           "see " + errors_to + ")\n";
  }
  if (s.reader.files_skipped) {
    std::string examples;
    for (const auto& e : s.reader.skipped_examples) examples += (examples.empty() ? "" : ", ") + e;
    out += "  skipped:        " + std::to_string(s.reader.files_skipped) +
           " files that are not card files by extension (" + examples +
           (s.reader.files_skipped > s.reader.skipped_examples.size() ? ", ..." : "") + ")\n";
  }
  if (s.reader.truncated_inputs) {
    std::string where;
    for (const auto& e : s.reader.truncated_examples) where += (where.empty() ? "" : ", ") + e;
    out += "  truncated:      " + std::to_string(s.reader.truncated_inputs) + " gzip input(s) end early (" + where +
           (s.reader.truncated_inputs > s.reader.truncated_examples.size() ? ", ..." : "") +
           "): the cut record is an error row\n";
  }
  if (s.reader.blank_lines) out += "  blank lines:    " + std::to_string(s.reader.blank_lines) + " (not records)\n";
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", s.seconds);
  out += "  time:           " + std::string(secs) + " s, " + rate(static_cast<double>(s.records_read), s.seconds) +
         " records/s, " + std::to_string(s.jobs) + " jobs\n";
  return out;
}

std::string batch_progress(const BatchStats& s) {
  return "gpai-eval batch: " + std::to_string(s.records_read) + " records, " + std::to_string(s.errors) +
         " errors, " + rate(static_cast<double>(s.records_read), s.seconds) + " records/s";
}

}  // namespace gpai::report
