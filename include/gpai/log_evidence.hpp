#pragma once
// What hardware logs say, as plain values: accelerator-seconds per
// accelerator type and per time window, optionally weighted by measured
// activity, energy, and the data-quality counters of the ingestion.
//
// This is the canonical result of the log readers (gpai/io/telemetry.hpp)
// and the input of the audit (gpai/audit.hpp). It lives in the core, not in
// io/, because the core audit consumes it and the core includes no I/O
// headers. Nothing here reads a file.
//
// Units: seconds, joules, fractions in [0, 1]. Times are seconds since the
// Unix epoch (UTC) when `absolute_time`, else seconds since the log's start.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/model_card.hpp"

namespace gpai {

// Activity counters and what they measure (DOMAIN.md section 3). None is
// model FLOP utilisation (MFU).
enum class ActivityMetric : std::uint8_t {
  tensor_active,  // DCGM PIPE_TENSOR_ACTIVE: tensor-pipe duty cycle
  sm_active,      // DCGM SM_ACTIVE: share of time an SM had a resident warp
  occupancy,      // nvidia-smi utilization.gpu / DCGM GPU_UTIL: share of time any kernel ran
};
inline constexpr std::size_t kActivityMetricCount = 3;
inline constexpr std::array<ActivityMetric, kActivityMetricCount> kActivityMetrics = {
    ActivityMetric::tensor_active, ActivityMetric::sm_active, ActivityMetric::occupancy};

std::string_view to_string(ActivityMetric m);
// The key under which data/estimation/assumptions.json converts this reading
// to MFU; nullopt when no conversion is documented (sm_active).
std::optional<UtilizationMetric> mfu_conversion_key(ActivityMetric m);

// Seconds in which a metric was measured, and the integral of its reading.
struct ActivitySeconds {
  double covered_seconds = 0;
  double weighted_seconds = 0;  // sum of reading x seconds, reading in [0, 1]
  // Time-weighted mean reading; nullopt when never measured.
  std::optional<double> mean() const;
};

struct UsageTotals {
  double accelerator_seconds = 0;
  std::array<ActivitySeconds, kActivityMetricCount> activity{};
  double power_joules = 0;             // integral of sampled power
  double power_covered_seconds = 0;    // seconds with a power reading
  double counter_joules = 0;           // deltas of cumulative energy counters
  double counter_covered_seconds = 0;  // seconds with a counter delta

  const ActivitySeconds& of(ActivityMetric m) const { return activity[static_cast<std::size_t>(m)]; }
  ActivitySeconds& of(ActivityMetric m) { return activity[static_cast<std::size_t>(m)]; }
  void add(const UsageTotals& other);
  // Energy over all accelerator-seconds: the counter when it covers any
  // time, else power integration, each scaled from its covered seconds to the
  // whole; nullopt when neither was logged.
  std::optional<double> energy_joules() const;
};

struct AcceleratorUsage {
  // Catalogue id; the logged name when the catalogue does not know it; ""
  // when the log names no accelerator (dcgmi dmon, untyped gres/gpu=N).
  std::string accelerator;
  bool in_catalogue = false;
  std::vector<std::string> names_logged;  // distinct names as the logs print them
  std::size_t devices = 0;                // distinct GPUs (telemetry) or jobs (accounting)
  UsageTotals total;
  std::map<std::int64_t, UsageTotals> windows;  // window index -> usage in it
  double first_time_s = 0;
  double last_time_s = 0;
};

enum class EvidenceKind { accounting, telemetry };
std::string_view to_string(EvidenceKind k);

struct RejectedRow {
  std::string file;
  std::size_t line = 0;  // 1-based line in the (decompressed) file
  std::string reason;
};

struct LogFileSummary {
  std::string path;
  std::string format;  // "dcgm-csv", "sacct", ...
  bool gzip = false;
  bool relative_time = false;  // no wall-clock timestamps (dmon, t_s columns)
  bool truncated_last_line = false;
  std::size_t rows_read = 0;
  std::size_t rows_rejected = 0;
};

// Data-quality counters. The policy behind each is in docs/audit.md.
struct DataQuality {
  std::size_t rows_read = 0;      // data rows (not headers, comments or blank lines)
  std::size_t rows_rejected = 0;  // malformed: never counted in usage, always listed
  std::vector<RejectedRow> rejected;  // the first `rejected_list_cap`, in file order
  std::size_t rejected_list_cap = 100;
  std::size_t missing_values = 0;  // N/A, [N/A], empty cells (the row still counts)
  std::size_t header_repeats = 0;  // repeated header lines (dcgmi dmon) skipped
  std::size_t truncated_last_lines = 0;
  // Which counters the logs carry at all (a column or metric present), so
  // that "not logged" (vGPU, MIG: no PROF metrics) differs from "no time".
  std::array<bool, kActivityMetricCount> metrics_logged{};
  bool power_logged = false;
  bool energy_logged = false;

  // Telemetry.
  std::size_t samples = 0;     // rows that became samples
  std::size_t duplicates = 0;  // same GPU, same timestamp: the first one kept
  std::size_t overlaps = 0;    // same GPU, time already covered: skipped
  std::size_t gaps = 0;        // intervals longer than the max gap: counted up to it
  double gap_seconds_excluded = 0;
  std::size_t clock_skew_events = 0;  // a host's row behind the previous host's by > tolerance
  double max_clock_skew_seconds = 0;
  std::vector<std::string> skewed_hosts;
  std::size_t counter_resets = 0;  // a cumulative energy counter went down
  std::size_t type_changes = 0;    // a GPU reported a different model name
  std::size_t mig_rows = 0;        // MIG instance rows: time per physical GPU, PROF dropped

  // Job accounting.
  std::size_t jobs = 0;               // job allocations counted
  std::size_t job_steps_skipped = 0;  // 123.batch, 123.0, 123.extern: inside their job
  std::size_t orphan_steps = 0;       // steps whose job line never appeared
  std::size_t duplicate_jobs = 0;     // same JobID and Start seen again
  std::size_t restarts = 0;           // same JobID with a new Start (requeue), or REQUEUED
  std::size_t failed_jobs = 0;        // FAILED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED
  std::size_t cancelled_jobs = 0;
  std::size_t running_jobs = 0;       // no End yet: counted up to Start + Elapsed
  std::size_t jobs_without_gpus = 0;
  double failed_accelerator_seconds = 0;
  double cancelled_accelerator_seconds = 0;

  bool mixed_types = false;  // more than one accelerator type in the evidence
  void add_rejected(RejectedRow row);
};

// What reading the logs decided and the report must say: on whose word a
// logged name was counted as a catalogue chip (--gres-alias, --accelerator),
// or that a file held no data rows. Reports show them with the findings.
struct LogNote {
  std::string id;        // "accelerator_mapped", "gres_type_not_mapped", "log_without_rows"
  std::string severity;  // "info" | "warning"
  std::string message;
};

struct LogEvidence {
  EvidenceKind kind = EvidenceKind::telemetry;
  std::vector<LogNote> notes;  // in the order they arose
  std::vector<LogFileSummary> files;
  bool absolute_time = true;  // every timestamp is wall-clock UTC
  double window_seconds = 86400;
  double median_interval_seconds = 0;  // telemetry: estimated or given sample interval
  double max_gap_seconds = 0;          // telemetry: an interval longer than this is a gap
  std::vector<AcceleratorUsage> accelerators;  // sorted by id
  DataQuality quality;

  UsageTotals total() const;
  std::optional<double> first_time_s() const;
  std::optional<double> last_time_s() const;
  bool measured(ActivityMetric m) const { return total().of(m).covered_seconds > 0; }
};

}  // namespace gpai
