#pragma once
// Counts of a batch run, for its summary and progress line: filled by the
// record reader (gpai/io/record_reader.hpp) and the pipeline
// (gpai/app/batch.hpp), printed by gpai/report/batch_report.hpp. Plain data.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace gpai {

// Counts kept by the reader.
struct ReaderStats {
  std::size_t files_opened = 0;
  std::size_t files_skipped = 0;  // directory entries that are not card files
  std::vector<std::string> skipped_examples;  // first few, for the summary
  std::size_t blank_lines = 0;    // blank JSON Lines lines (not records)
  std::size_t bytes = 0;          // decompressed bytes read
  std::size_t gzip_inputs = 0;
  // Gzip inputs whose stream ends early: the records before the cut are
  // read, the cut one (or, at a line boundary, the end) is an error record.
  std::size_t truncated_inputs = 0;
  std::vector<std::string> truncated_examples;  // first few: "path at compressed byte N"
};

struct BatchStats {
  std::size_t records_read = 0;
  std::size_t results = 0;
  std::size_t errors = 0;
  std::size_t internal_errors = 0;
  std::size_t insufficient_evidence = 0;
  std::map<std::string, std::size_t> by_threshold;       // threshold status -> count
  std::map<std::string, std::size_t> by_systemic_risk;   // systemic-risk status -> count
  std::map<std::string, std::size_t> by_gpai;            // empty until the rule engine fills it
  std::map<std::string, std::size_t> by_format;          // format -> results
  ReaderStats reader;
  unsigned jobs = 0;
  double seconds = 0;
  bool conserved() const noexcept { return records_read == results + errors; }
};

}  // namespace gpai
