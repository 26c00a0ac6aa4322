#include "gpai/report/output_writer.hpp"

#include "gpai/error.hpp"

#include "gpai/report/batch_report.hpp"
#include "gpai/report/provenance_report.hpp"

namespace gpai::report {
namespace {

// Our own card says where each value came from by its pointer; a card
// mapped from another format adds what was mapped, missing and flagged.
bool mapped_format(const ScoredRecord& r) { return r.provenance.format != CardFormat::gpai_card_v1; }

// A document words every reason: it needs the catalogue (error lines do not).
const MessageCatalogue& catalogue(const WriterSettings& s) {
  if (!s.messages) throw InternalError("a document writer was made without a message catalogue");
  return *s.messages;
}

class TextWriter final : public OutputWriter {
 public:
  explicit TextWriter(WriterSettings s) : s_(std::move(s)) {}
  void write_result(const ScoredRecord& r, std::string& out) const override {
    out += assessment_text(r.assessment, r.record.source, s_.run, catalogue(s_), s_.explain);
    if (mapped_format(r)) out += provenance_text(r.provenance);
  }
  void write_error(const Diagnostic& e, std::string& out) const override { out += batch_error_line(e); }

 private:
  WriterSettings s_;
};

class JsonWriter final : public OutputWriter {
 public:
  explicit JsonWriter(WriterSettings s) : s_(std::move(s)) {}
  void write_result(const ScoredRecord& r, std::string& out) const override {
    auto j = assessment_json(r.assessment, r.record.source, s_.run, catalogue(s_), s_.explain);
    if (mapped_format(r)) j["card"] = provenance_json(r.provenance);
    out += j.dump(2);
    out += '\n';
  }
  void write_error(const Diagnostic& e, std::string& out) const override {
    append_batch_error(e, OutputFormat::jsonl, out);
  }

 private:
  WriterSettings s_;
};

class RowWriter final : public OutputWriter {
 public:
  explicit RowWriter(OutputFormat f) : f_(f) {}
  std::string results_header() const override { return batch_result_header(f_); }
  std::string errors_header() const override { return batch_error_header(f_); }
  void write_result(const ScoredRecord& r, std::string& out) const override { append_batch_result(r, f_, out); }
  void write_error(const Diagnostic& e, std::string& out) const override { append_batch_error(e, f_, out); }

 private:
  OutputFormat f_;
};

}  // namespace

const std::vector<OutputFormatInfo>& output_formats() {
  static const std::vector<OutputFormatInfo> formats = {
      {"text", OutputFormat::text, false},
      {"json", OutputFormat::json, false},
      {"jsonl", OutputFormat::jsonl, true},
      {"csv", OutputFormat::csv, true},
  };
  return formats;
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  for (const auto& f : output_formats()) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::vector<std::string> output_format_names(bool rows) {
  std::vector<std::string> names;
  for (const auto& f : output_formats()) {
    if (f.rows == rows) names.emplace_back(f.name);
  }
  return names;
}

std::unique_ptr<OutputWriter> make_writer(OutputFormat format, const WriterSettings& settings) {
  switch (format) {
    case OutputFormat::text: return std::make_unique<TextWriter>(settings);
    case OutputFormat::json: return std::make_unique<JsonWriter>(settings);
    case OutputFormat::jsonl:
    case OutputFormat::csv: return std::make_unique<RowWriter>(format);
  }
  return nullptr;
}

}  // namespace gpai::report
