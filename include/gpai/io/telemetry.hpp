#pragma once
// Streaming readers for the hardware logs an auditor receives: Slurm job
// accounting (sacct --parsable2), dcgm-exporter data as CSV or as the
// Prometheus text exposition it serves, nvidia-smi --query-gpu CSV, dcgmi
// dmon fixed-width output, and any CSV with a column mapping. Gzip input is
// detected by its magic bytes.
//
// The result is the canonical gpai::LogEvidence (gpai/log_evidence.hpp):
// accelerator-seconds per accelerator type and time window, activity-weighted
// seconds per metric, energy, and data-quality counters. Files are read in
// blocks and parsed in place: memory depends on the number of GPUs, types and
// windows, never on the file size.
//
// Policies (sample intervals, gaps, duplicates, overlaps, skew, counter
// resets, job steps, failed jobs, truncated lines) are documented in
// docs/audit.md. Errors: gpai::InputError naming the file (and line) when a
// file cannot be used at all (cannot be opened, empty, unrecognised format,
// missing required columns); gpai::UsageError for bad options. Malformed rows
// never throw: they are counted and listed with their line numbers.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/hardware_catalogue.hpp"
#include "gpai/log_evidence.hpp"

namespace gpai::io {

// Log formats go by their --log-format names: "sacct", "dcgm-csv",
// "prometheus", "nvidia-smi", "dcgmi-dmon", "csv"; "auto" detects each file's.
// They form one registry (src/io/logs/log_formats.cpp) with their detectors
// and readers, so this list is log_format_names(), not a type.
inline constexpr std::string_view kAutomaticLogFormat = "auto";

// The canonical name for a name or an alias ("dmon", "prom", "generic"),
// case-insensitively; "auto" stays "auto"; nullopt for an unknown name.
std::optional<std::string_view> parse_log_format(std::string_view text);
// Canonical names, in the registry's order.
std::vector<std::string_view> log_format_names();
// "auto, sacct, ..., csv" with `last_separator` (", " or " or ") before the last.
std::string log_format_choices(std::string_view last_separator);

// A wall-clock time as the readers accept it ("2025-03-01", ISO 8601 with an
// optional zone, Unix seconds), as Unix seconds; nullopt otherwise.
std::optional<double> parse_wall_clock(std::string_view text);

// Which columns of a generic CSV hold what (by header name).
struct ColumnMapping {
  std::string time;  // required: ISO 8601, "YYYY/MM/DD hh:mm:ss", or seconds
  std::string host, gpu, uuid, accelerator;
  std::map<ActivityMetric, std::string> activity;  // metric -> column
  // Multiply a reading by this to get a fraction: 0.01 for percent.
  std::map<ActivityMetric, double> activity_scale;
  std::string power;                  // watts
  std::string energy;                 // cumulative energy counter
  double energy_joules_per_unit = 1e-3;  // default millijoules, as NVML and DCGM count
  double time_seconds_per_unit = 1;      // numeric times: 1 = seconds, 1e-3 = milliseconds
};

// Parses "time=ts,gpu=id,accelerator=model,util=tensor,util-kind=tensor_active,
// power=watts,energy=mj". Keys: time, host, gpu, uuid, accelerator, util,
// util-kind (tensor_active | sm_active | occupancy), util-scale (percent |
// fraction; default percent for occupancy, fraction otherwise), tensor_active,
// sm_active, occupancy (a column per metric), power, energy, energy-unit (mJ |
// J | Wh | kWh), time-unit (s | ms). Throws UsageError.
ColumnMapping parse_column_mapping(std::string_view text);

struct IngestOptions {
  std::string format{kAutomaticLogFormat};  // --log-format: a name or alias
  std::optional<ColumnMapping> columns;     // --columns (generic CSV)
  // Accelerator for logs that name none (dcgmi dmon, untyped gres/gpu=N),
  // and for Slurm GRES types that are not catalogue names (gres/gpu:h100=N)
  // unless the type names another chip. Must be a catalogue name.
  std::optional<std::string> accelerator;
  // --gres-alias TYPE=ACCELERATOR: Slurm GRES type -> catalogue name; the
  // type matches case-insensitively. Targets must be catalogue names.
  std::map<std::string, std::string> gres_aliases;
  // Sampling interval: required for dcgmi dmon and for Prometheus scrapes
  // without timestamps; otherwise it is estimated as the median interval.
  std::optional<double> sample_interval_seconds;
  // An interval longer than this is a gap, counted up to this long. Default:
  // gap_factor x the median sample interval.
  std::optional<double> max_gap_seconds;
  double gap_factor = 2.0;
  double window_seconds = 86400;             // windows aligned to UTC midnight
  std::optional<double> log_start_unix_s;    // anchors logs without wall-clock time
  double skew_tolerance_seconds = 2.0;
  std::size_t rejected_list_cap = 100;
  std::size_t block_bytes = std::size_t{4} << 20;
};

// The format of a log from its first lines, as its canonical name; empty when
// none is recognised. With options.columns an unrecognised log is a generic CSV.
std::string_view detect_log_format(std::string_view head, const IngestOptions& options = {});

// Parses "TYPE=ACCELERATOR" (--gres-alias) into options.gres_aliases. Throws
// UsageError on a malformed item or a type given two different targets;
// targets are checked against the catalogue by ingest_logs.
void add_gres_alias(IngestOptions& options, std::string_view text);

struct LogIngestion {
  std::optional<LogEvidence> accounting;  // sacct
  std::optional<LogEvidence> telemetry;   // everything else
};

// Reads the files in order. GPU state carries across files, so a log split
// into consecutive files reads as one. Throws UsageError for an unknown
// options.format, and when --accelerator
// or a --gres-alias target is not in the catalogue. Each evidence's notes say
// how names were mapped and which files held no data rows.
LogIngestion ingest_logs(const std::vector<std::string>& paths, const IngestOptions& options,
                         const AcceleratorCatalogue& catalogue);

}  // namespace gpai::io
