// The output-format registry and its writers: one name -> one writer.
#include "gpai/report/output_writer.hpp"

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/assessment.hpp"
#include "gpai/io/card_reader.hpp"

using namespace gpai;

namespace {

// A scored card that keeps the card alive: reasons view its texts, and a
// document writer words them.
struct Scored {
  MappedCard mapped;
  ScoredRecord record;
};

std::unique_ptr<Scored> score(const std::string& text) {
  auto s = std::make_unique<Scored>();
  s->mapped = io::read_card(text, "card.json", io::CardOrigin{}, gpai::test::data().catalogue,
                            gpai::test::data().hf_vocabulary);
  s->record.record = {1, "card.json", 1, ""};
  s->record.assessment = assess(s->mapped.card, gpai::test::context(), *Date::parse("2026-01-01"));
  s->record.provenance = s->mapped.provenance;
  return s;
}

const std::string kV1 =
    R"({"schema": "gpai-eval/model-card/1", "name": "m", "architecture": {"kind": "dense", "parameters": "7B"},
        "training": {"phases": [{"name": "pre", "kind": "pretraining", "tokens": "2T"}]}})";
const std::string kHub = R"({"id": "acme/m-7B", "pipeline_tag": "text-generation"})";

}  // namespace

TEST_CASE("every --format name maps to one format, and documents and rows are told apart", "[report][writer]") {
  CHECK(report::output_format_names(false) == std::vector<std::string>{"text", "json"});
  CHECK(report::output_format_names(true) == std::vector<std::string>{"jsonl", "csv"});
  for (const auto& f : report::output_formats()) {
    CHECK(report::parse_output_format(f.name) == f.format);
    CHECK(report::make_writer(f.format) != nullptr);
  }
  CHECK_FALSE(report::parse_output_format("yaml"));
  CHECK_FALSE(report::parse_output_format("JSON"));
}

TEST_CASE("row writers: CSV has header lines, JSON Lines none; one line per record", "[report][writer]") {
  const auto csv = report::make_writer(report::OutputFormat::csv);
  const auto jsonl = report::make_writer(report::OutputFormat::jsonl);
  CHECK(csv->results_header().rfind("record,source,line,", 0) == 0);
  CHECK(csv->errors_header().rfind("record,source,line,column,", 0) == 0);
  CHECK(jsonl->results_header().empty());
  CHECK(jsonl->errors_header().empty());
  std::string row;
  jsonl->write_result(score(kV1)->record, row);
  CHECK(std::count(row.begin(), row.end(), '\n') == 1);
  const auto j = nlohmann::json::parse(row);
  CHECK(j["format"] == "gpai-card-1");
  CHECK(j["id"] == "m");
}

TEST_CASE("document writers: a mapped card adds its provenance, our own card does not", "[report][writer]") {
  report::WriterSettings settings;
  settings.messages = &gpai::test::data().messages;
  const auto json = report::make_writer(report::OutputFormat::json, settings);
  std::string v1, hub;
  json->write_result(score(kV1)->record, v1);
  json->write_result(score(kHub)->record, hub);
  CHECK_FALSE(nlohmann::json::parse(v1).contains("card"));
  const auto h = nlohmann::json::parse(hub);
  CHECK(h["card"]["format"] == "hf-hub-api");
  CHECK(h["card"]["id"] == "acme/m-7B");
  std::string text;
  report::make_writer(report::OutputFormat::text, settings)->write_result(score(kHub)->record, text);
  CHECK(text.find("Card read from Hugging Face Hub API model JSON (hf-hub-api), id acme/m-7B") != std::string::npos);
  Diagnostic d;
  d.record = {3, "in.jsonl", 7, ""};
  d.message = "bad";
  std::string line;
  report::make_writer(report::OutputFormat::text)->write_error(d, line);
  CHECK(line == "gpai-eval: batch: in.jsonl:7: bad (record 3)\n");
}
