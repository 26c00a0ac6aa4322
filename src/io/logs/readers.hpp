#pragma once
// The format readers behind ingest_logs(). Each consumes its LineReader to
// the end, feeding samples (telemetry) or allocations (accounting), counting
// and listing malformed rows, and throwing InputError only when the file as a
// whole cannot be used (no header, required columns missing).

#include <string>

#include "gpai/error.hpp"
#include "gpai/io/telemetry.hpp"
#include "line_reader.hpp"
#include "sample_accumulator.hpp"
#include "text_scan.hpp"
#include "usage_book.hpp"

namespace gpai::io::logs {

struct ReaderContext {
  LineReader& in;
  std::size_t file_index;
  const IngestOptions& options;
  DataQuality& quality;
  LogFileSummary& summary;
  SampleAccumulator* samples = nullptr;  // telemetry readers
  UsageBook* book = nullptr;             // the book samples or allocations go to

  void reject(std::string reason) {
    quality.add_rejected({in.path(), in.line_number(), std::move(reason)});
  }
  SourceLocation here() const { return SourceLocation{in.path(), in.line_number(), 0, ""}; }
  // Wall-clock seconds; relative times are anchored at --log-start when given.
  double place(const Timestamp& ts) {
    if (!ts.relative) return ts.seconds;
    if (options.log_start_unix_s) return *options.log_start_unix_s + ts.seconds;
    summary.relative_time = true;
    return ts.seconds;
  }
  // A key prefix that keeps GPUs of different files apart when the log has
  // neither a host nor a UUID column (nvidia-smi run per node, NVML CSVs).
  std::string file_scope() const {
    std::string s(1, '#');
    s.append(std::to_string(file_index)).push_back('/');
    return s;
  }
};

// Each format's detector (see LogFormatEntry::detect) and reader, listed in
// the registry (log_formats.cpp). CSV telemetry (dcgm-exporter CSV,
// nvidia-smi --query-gpu CSV, a generic CSV with options.columns) shares one
// reader in csv_telemetry.cpp; the header line decides which column is what.
bool detect_sacct(std::string_view line, const IngestOptions& options);
void read_sacct(ReaderContext& ctx);
bool detect_dcgm_csv(std::string_view line, const IngestOptions& options);
void read_dcgm_csv(ReaderContext& ctx);
bool detect_prometheus(std::string_view line, const IngestOptions& options);
void read_prometheus(ReaderContext& ctx);
bool detect_nvidia_smi(std::string_view line, const IngestOptions& options);
void read_nvidia_smi_csv(ReaderContext& ctx);
bool detect_dmon(std::string_view line, const IngestOptions& options);
void read_dmon(ReaderContext& ctx);
bool detect_generic_csv(std::string_view line, const IngestOptions& options);
void read_generic_csv(ReaderContext& ctx);

// A Prometheus sample line (`DCGM_FI_...{labels} value`): commas and bars in
// its labels must not make it pass for a CSV or sacct header.
inline bool prometheus_sample_line(std::string_view line) {
  return line.substr(0, 8) == "DCGM_FI_" && line.find('{') != std::string_view::npos;
}
inline bool comment_line(std::string_view line) { return !line.empty() && line.front() == '#'; }

// Reads a header-defined row's value, checking its range; the reason is
// filled when it returns Cell::bad.
Cell read_fraction(std::string_view text, double scale, double& out, std::string& why);

}  // namespace gpai::io::logs
