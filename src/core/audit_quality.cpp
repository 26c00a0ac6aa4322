// Findings from the data-quality counters of the log evidence: what was
// rejected, skipped, capped or flagged, and how much accelerator time it
// concerns. The policies themselves are in docs/audit.md.
#include <string>

#include "audit_internal.hpp"

namespace gpai::audit_detail {
namespace {

std::string n(std::size_t v) { return std::to_string(v); }
std::string hours(double seconds) { return format_count(seconds / 3600) + " accelerator-hours"; }

}  // namespace

void quality_findings(const LogEvidence& e, std::vector<AuditFinding>& out) {
  const auto& q = e.quality;
  const std::string kind(to_string(e.kind));
  const double seconds = e.total().accelerator_seconds;
  if (q.rows_rejected) {
    std::string first;
    for (std::size_t i = 0; i < q.rejected.size() && i < 3; ++i) {
      const auto& r = q.rejected[i];
      first += (first.empty() ? "" : "; ") + r.file + ":" + n(r.line) + ": " + r.reason;
    }
    out.push_back({"rows_rejected", "warning",
                   kind + ": " + n(q.rows_rejected) + " of " + n(q.rows_read) +
                       " rows rejected and not counted (all listed in logs.rejected, first " +
                       n(q.rejected.size()) + "): " + first});
  }
  if (q.truncated_last_lines) {
    out.push_back({"truncated_log", "warning",
                   kind + ": " + n(q.truncated_last_lines) + " file(s) end without a final newline or in a cut "
                   "gzip stream: the last line was parsed only if complete"});
  }
  if (q.duplicates) {
    out.push_back({"duplicate_samples", "info",
                   kind + ": " + n(q.duplicates) + " samples repeat the timestamp of their GPU's previous sample; "
                   "the first was kept"});
  }
  if (q.overlaps) {
    out.push_back({"overlapping_samples", "warning",
                   kind + ": " + n(q.overlaps) + " samples fall in time already covered for their GPU (overlapping "
                   "exports, or a clock stepping back): not counted twice"});
  }
  if (q.gaps) {
    const bool large = q.gap_seconds_excluded > 0.01 * (seconds + q.gap_seconds_excluded);
    AuditNote note{AuditNoteCode::sampling_gaps, e.kind};
    note.count = q.gaps;
    note.seconds = e.max_gap_seconds;
    note.accelerator_seconds = q.gap_seconds_excluded;
    out.push_back({"sampling_gaps", large ? "warning" : "info", "", note});
  }
  if (q.clock_skew_events) {
    std::string hosts;
    for (const auto& h : q.skewed_hosts) hosts += (hosts.empty() ? "" : ", ") + h;
    out.push_back({"clock_skew", "warning",
                   kind + ": " + n(q.clock_skew_events) + " rows run behind the previous host's by up to " +
                       format_count(q.max_clock_skew_seconds) + " s (hosts: " + hosts +
                       "); accelerator time uses each GPU's own clock and is unaffected, window dates may shift"});
  }
  if (q.counter_resets) {
    out.push_back({"energy_counter_resets", "info",
                   kind + ": " + n(q.counter_resets) + " cumulative energy counter resets (driver reload or "
                   "reboot): the reading after a reset counts as the energy since it"});
  }
  if (q.type_changes) {
    out.push_back({"gpu_model_changed", "warning",
                   kind + ": " + n(q.type_changes) + " GPU ids reported a different model name part way "
                   "(reused index or replaced board): later samples counted under the new model"});
  }
  if (q.mig_rows) {
    out.push_back({"mig_instances", "info",
                   kind + ": " + n(q.mig_rows) + " rows describe MIG instances: time is counted once per physical "
                   "GPU and per-instance profiling metrics are not used"});
  }
  if (q.missing_values) {
    out.push_back({"missing_values", "info",
                   kind + ": " + n(q.missing_values) + " values were N/A or empty; their rows still count"});
  }
  if (q.mixed_types) {
    std::string types;
    for (const auto& a : e.accelerators) {
      types += (types.empty() ? "" : ", ") + (a.accelerator.empty() ? std::string("(unnamed)") : a.accelerator) +
               " " + hours(a.total.accelerator_seconds);
    }
    out.push_back({"mixed_accelerator_types", "info", kind + ": several accelerator types, summed per type: " + types});
  }
  if (q.job_steps_skipped) {
    out.push_back({"job_steps_not_added", "info",
                   kind + ": " + n(q.job_steps_skipped) + " job steps (.batch, .extern, .0, ...) run inside their "
                   "job's allocation and were not added to it"});
  }
  if (q.orphan_steps) {
    out.push_back({"orphan_job_steps", "warning",
                   kind + ": " + n(q.orphan_steps) + " jobs appear only through their steps; their allocation line "
                   "is missing, so their GPU time is not counted"});
  }
  if (q.failed_jobs || q.cancelled_jobs) {
    const double share = seconds > 0 ? (q.failed_accelerator_seconds + q.cancelled_accelerator_seconds) / seconds : 0;
    out.push_back({"failed_or_cancelled_jobs", "warning",
                   kind + ": " + n(q.failed_jobs) + " failed or interrupted jobs (" + hours(q.failed_accelerator_seconds) +
                       ") and " + n(q.cancelled_jobs) + " cancelled jobs (" + hours(q.cancelled_accelerator_seconds) +
                       "), " + format_count(100 * share) + " % of the logged time, are counted: the GPUs were held. "
                       "Work up to the last checkpoint of a crashed run counts; failed experiments do not"});
  }
  if (q.running_jobs) {
    out.push_back({"running_jobs", "info",
                   kind + ": " + n(q.running_jobs) + " jobs were still running: counted up to Start + Elapsed"});
  }
  if (q.duplicate_jobs) {
    out.push_back({"duplicate_job_rows", "info",
                   kind + ": " + n(q.duplicate_jobs) + " job rows repeat a JobID and Start already read; not counted"});
  }
  if (q.restarts) {
    out.push_back({"job_restarts", "info",
                   kind + ": " + n(q.restarts) + " jobs ran again under the same JobID (requeued); every run counts"});
  }
  if (q.jobs_without_gpus) {
    out.push_back({"jobs_without_gpus", "info", kind + ": " + n(q.jobs_without_gpus) + " jobs held no GPUs"});
  }
  if (!e.absolute_time) {
    out.push_back({"logs_not_dated", "info", "", AuditNote{AuditNoteCode::logs_not_dated, e.kind}});
  }
}

}  // namespace gpai::audit_detail
