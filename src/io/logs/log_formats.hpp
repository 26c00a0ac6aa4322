#pragma once
// The log formats the audit reads, as one registry (log_formats.cpp): name,
// detector, reader. Detection, --log-format validation, the lists in messages
// and help, and dispatch all come from it, so a new format is a reader file
// (its detector and its reader) plus one registry line.

#include <span>
#include <string>
#include <string_view>

#include "readers.hpp"

namespace gpai::io::logs {

struct LogFormatEntry {
  std::string_view name;     // as --log-format and the file summaries spell it
  std::string_view aliases;  // other accepted spellings, comma-separated
  EvidenceKind kind;         // accounting (job allocations) or telemetry (samples)
  // Claims a log by its first line that is not blank, or by an empty line
  // when the first lines held none that decides (comments, blanks). Lines
  // starting with '#' are comments unless a detector claims them.
  bool (*detect)(std::string_view line, const IngestOptions& options);
  void (*read)(ReaderContext& ctx);
  std::string_view hint;  // added to the "not recognised" message; may be empty
  // Chosen by --columns rather than by content: listed apart in messages.
  bool needs_columns = false;
};

// In the order messages list them; detection asks each in this order.
std::span<const LogFormatEntry> log_format_registry();
// By name or alias, case-insensitively; nullptr for "auto" and unknown names.
const LogFormatEntry* find_log_format(std::string_view name);
// The format that claims the head of a log; nullptr when none does.
const LogFormatEntry* detect_format(std::string_view head, const IngestOptions& options);
// "give --log-format (sacct, ...) or --columns for a generic CSV (hints)".
std::string unrecognised_format_hint();

}  // namespace gpai::io::logs
