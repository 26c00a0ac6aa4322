#pragma once
// Batch rows: one row per record as JSON Lines or CSV (OutputFormat::jsonl or
// ::csv; a writer from gpai/report/output_writer.hpp picks them), error
// rows, and the summary and progress line. Columns are documented in
// docs/batch.md; their order is fixed. Output is deterministic (no time,
// locale or thread order in rows); numbers are printed shortest-round-trip.
// Strings are written as valid UTF-8 whatever the input held (invalid bytes
// become U+FFFD), so one broken card cannot make the output unreadable.
// Reads the core's record structs (plain data); links only gpai_core.

#include <optional>
#include <string>
#include <string_view>

#include "gpai/batch_stats.hpp"
#include "gpai/record_result.hpp"
#include "gpai/report/output_writer.hpp"

namespace gpai::report {

// The CSV header line (with "\n"); empty for JSON Lines.
std::string batch_result_header(OutputFormat format);
std::string batch_error_header(OutputFormat format);

// Appends one row (with "\n").
void append_batch_result(const ScoredRecord& record, OutputFormat format, std::string& out);
void append_batch_error(const Diagnostic& error, OutputFormat format, std::string& out);

// "cards.jsonl:17:12: /training/phases/0/tokens: message (record 17)" with
// "\n": for standard error when no error file was asked for.
std::string batch_error_line(const Diagnostic& error);

// The end-of-run summary for standard error; `errors_to` says where the
// error rows went (a file name, or "standard error").
std::string batch_summary(const BatchStats& stats, const std::string& errors_to);
// One progress line (no newline), for a terminal.
std::string batch_progress(const BatchStats& stats);

}  // namespace gpai::report
