#pragma once
// Output formats behind one interface. A writer prints per-record results
// (gpai/record_result.hpp) in one format: `assess` writes its one card as a
// document (text, json), `batch` one row per card (jsonl, csv). This header
// is the one place that maps a --format name to a writer; a new format
// (Markdown, HTML) is an OutputFormat enumerator, a row in output_formats()
// and a writer class in src/report/output_writer.cpp.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/record_result.hpp"
#include "gpai/report/assessment_report.hpp"

namespace gpai::report {

enum class OutputFormat { text, json, jsonl, csv };

struct OutputFormatInfo {
  std::string_view name;  // the --format value
  OutputFormat format;
  // A document per record (text, json: single-card commands) or a row per
  // record (jsonl, csv: batch, whose errors are rows of the same format).
  bool rows;
};

// Every format, in the order help texts list them.
const std::vector<OutputFormatInfo>& output_formats();
std::optional<OutputFormat> parse_output_format(std::string_view name);
// The names of the row formats (rows = true) or the document formats.
std::vector<std::string> output_format_names(bool rows);

// What a document states beside the record.
struct WriterSettings {
  RunInfo run;
  bool explain = false;  // add the reasoning trace (documents only)
  // The catalogue of the asked language, which words every reason; documents
  // (text, json) need it, rows print codes and statuses only.
  const MessageCatalogue* messages = nullptr;
};

// Writes records in one format. Immutable once made: batch calls it from
// several scoring threads at once.
class OutputWriter {
 public:
  virtual ~OutputWriter() = default;
  // Written once before the first result, and before the first error row
  // (CSV's header lines); empty for the other formats.
  virtual std::string results_header() const { return {}; }
  virtual std::string errors_header() const { return {}; }
  // Appends one record's result or error, each ending with a newline.
  virtual void write_result(const ScoredRecord& record, std::string& out) const = 0;
  virtual void write_error(const Diagnostic& error, std::string& out) const = 0;
};

std::unique_ptr<OutputWriter> make_writer(OutputFormat format, const WriterSettings& settings = {});

}  // namespace gpai::report
