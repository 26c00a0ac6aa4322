// Batch engine: reading every input kind, per-record diagnostics, the
// conservation invariant, and output independent of the number of jobs.
#include "gpai/app/batch.hpp"

#include <zlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/report/batch_report.hpp"

using namespace gpai;
using gpai::test::context;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(GPAI_TEST_DIR) + "/fixtures/batch";
const Date kAsOf = *Date::parse("2026-01-01");

std::vector<io::RawRecord> read_all(std::vector<std::string> inputs, io::ReaderOptions opt = {}) {
  io::RecordReader reader(std::move(inputs), opt);
  std::vector<io::RawRecord> out;
  while (auto r = reader.next()) out.push_back(std::move(*r));
  return out;
}

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    char templ[] = "/tmp/gpai-batch-test-XXXXXX";
    path = mkdtemp(templ);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& text) const {
    const fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

struct Run {
  BatchStats stats;
  std::string rows, errors;
};

Run run(std::vector<std::string> inputs, unsigned jobs, std::size_t batch_records = 0,
        std::size_t samples = 2000) {
  io::RecordReader reader(std::move(inputs));
  app::BatchOptions opt;
  opt.jobs = jobs;
  opt.batch_records = batch_records;
  Run r;
  r.stats = app::run_batch(
      reader, context(samples), gpai::test::data().hf_vocabulary, kAsOf, opt,
      [](const RecordResult& res, std::string& out) {
        if (res.ok()) report::append_batch_result(res.value(), report::OutputFormat::jsonl, out);
        else report::append_batch_error(res.error(), report::OutputFormat::jsonl, out);
      },
      [&](bool is_error, const std::string& bytes) { (is_error ? r.errors : r.rows) += bytes; });
  return r;
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("JSON Lines: one record per non-blank line, lines counted, CRLF and BOM handled", "[batch][reader]") {
  TempDir t;
  const auto path = t.file("a.jsonl", "\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n{\"b\":2}\n{\"c\":3}");
  const auto recs = read_all({path});
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].text == "{\"a\":1}");
  CHECK(recs[0].ref.line == 1);
  CHECK(recs[1].ref.line == 4);
  CHECK(recs[2].ref.line == 5);  // last line without a newline
  CHECK(recs[2].ref.ordinal == 3);
}

TEST_CASE("gzip is recognised by content, whatever the name", "[batch][reader][gzip]") {
  TempDir t;
  const std::string path = (t.path / "cards.jsonl.gz").string();
  gzFile gz = gzopen(path.c_str(), "wb");
  const std::string text = "{\"x\":1}\n{\"y\":2}\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  const auto recs = read_all({path});
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].text == "{\"y\":2}");
  fs::copy_file(path, t.path / "renamed.jsonl");  // gzip bytes under a plain name
  CHECK(read_all({(t.path / "renamed.jsonl").string()}).size() == 2);
}

TEST_CASE("a directory is walked in name order; non-card and hidden files are skipped and counted", "[batch][reader]") {
  io::RecordReader reader({kFixtures + "/tree"});
  std::vector<io::RawRecord> recs;
  while (auto r = reader.next()) recs.push_back(std::move(*r));
  REQUIRE(recs.size() == 7);
  CHECK(recs[0].ref.source.ends_with("tree/a_card.json"));
  CHECK(recs[1].kind == io::CardText::markdown);
  CHECK(recs[3].ref.pointer == "/0");  // hub listing split into its elements
  CHECK(recs[4].ref.pointer == "/1");
  CHECK(recs[6].ref.line == 2);
  CHECK(reader.stats().files_skipped == 3);  // notes.txt, logo.png, CHANGELOG.md; .hidden.json is not looked at
}

TEST_CASE("a .json file holding JSON Lines is read line by line", "[batch][reader]") {
  TempDir t;
  const auto recs = read_all({t.file("x.json", "{\"a\":1}\n{\"b\":2}\n")});
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].ref.line == 2);
}

TEST_CASE("an over-long line is an error record; the next lines are still read", "[batch][reader]") {
  TempDir t;
  const auto path = t.file("long.jsonl", "{\"a\":1}\n" + std::string(300, 'x') + "\n{\"b\":2}\n");
  io::ReaderOptions opt;
  opt.max_record_bytes = 100;
  const auto recs = read_all({path}, opt);
  REQUIRE(recs.size() == 3);
  REQUIRE(recs[1].read_error);
  CHECK(recs[1].read_error->record.line == 2);
  CHECK(recs[2].text == "{\"b\":2}");
}

TEST_CASE("malformed lines mid-file are located errors; the rest is scored", "[batch][score]") {
  const Run r = run({kFixtures + "/mixed.jsonl"}, 2);
  CHECK(r.stats.records_read == 10);
  CHECK(r.stats.results == 5);
  CHECK(r.stats.errors == 5);
  CHECK(r.stats.conserved());
  CHECK(lines(r.rows) == 5);
  CHECK(lines(r.errors) == 5);
  const auto first_error = nlohmann::json::parse(r.errors.substr(0, r.errors.find('\n')));
  CHECK(first_error["line"] == 3);
  CHECK(first_error["column"].get<int>() > 0);
  CHECK(first_error["message"].get<std::string>().find("malformed JSON") == 0);
  // Wrong type: located by JSON pointer.
  CHECK(r.errors.find(R"("line":5,"column":null,"pointer":"/training/phases/0/tokens")") != std::string::npos);
  // The core's refusal (MoE without active parameters) is a record error, not an abort.
  CHECK(r.errors.find("/architecture/active_parameters") != std::string::npos);
  // Rows keep input order.
  const auto last_row = nlohmann::json::parse(r.rows.substr(r.rows.rfind('\n', r.rows.size() - 2) + 1));
  CHECK(last_row["line"] == 11);
  CHECK(last_row["format"] == "hf-hub-api");
}

TEST_CASE("output bytes do not depend on --jobs or the mini-batch size", "[batch][determinism]") {
  const std::vector<std::string> in = {kFixtures + "/mixed.jsonl", kFixtures + "/tree", kFixtures + "/mixed.jsonl"};
  const Run one = run(in, 1);
  const Run four = run(in, 4, 3);  // mini-batches of 3 records: many batches, threads interleaved
  CHECK(one.rows == four.rows);
  CHECK(one.errors == four.errors);
  CHECK(four.stats.records_read == 27);
  CHECK(four.stats.conserved());
  // The ranged card went through Monte Carlo: p05 < p95, same in both runs.
  CHECK(one.rows.find("\"ranged-100b\",\"compute_flop\":{\"median\"") != std::string::npos);
}

TEST_CASE("an empty input is a complete run with nothing in it", "[batch][empty]") {
  const Run r = run({kFixtures + "/empty.jsonl"}, 2);
  CHECK(r.stats.records_read == 0);
  CHECK(r.stats.conserved());
  CHECK(r.rows.empty());
}

TEST_CASE("score_record never throws: each failure class becomes a Diagnostic", "[batch][score]") {
  auto score = [](std::string text, io::CardText kind = io::CardText::json) {
    io::RawRecord r;
    r.ref = {1, "in.jsonl", 40, ""};
    r.kind = kind;
    r.text = std::move(text);
    return app::score_record(r, context(), gpai::test::data().hf_vocabulary, kAsOf);
  };
  const auto syntax = score("{\"schema\": \"gpai-eval/model-card/1\",\n \"name\": }");
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().line == 41);  // second line of a record starting at line 40
  const auto schema = score(R"({"schema": "gpai-eval/model-card/2", "name": "x"})");
  REQUIRE_FALSE(schema.ok());
  CHECK(schema.error().format == "gpai-card-1");
  CHECK(schema.error().pointer == "/schema");
  const auto yaml = score("---\nlicense: [\n---\n", io::CardText::sniff);
  REQUIRE_FALSE(yaml.ok());
  CHECK(yaml.error().format == "hf-readme");
  const auto deep = score(std::string(100000, '[') + std::string(100000, ']'));
  REQUIRE_FALSE(deep.ok());  // refused before anything recurses into it
  CHECK(deep.error().message.find("nested more than") != std::string::npos);
  // Between the fast parser's depth and the batch bound: parsed by the slow
  // path, and judged like any other record (here: not a card).
  auto nested = [](std::size_t depth) {
    return R"({"id": "a/b", "tags": [], "x": )" + std::string(depth, '[') + std::string(depth, ']') + "}";
  };
  const auto mid = score(nested(200));
  REQUIRE(mid.ok());
  CHECK(mid.value().provenance.format == CardFormat::hf_hub_api);
  const auto past = score(nested(300));
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().message.find("nested more than 256") != std::string::npos);
  const auto hub = score(R"({"id": "a/b", "pipeline_tag": "text-generation"})");
  REQUIRE(hub.ok());
  CHECK(to_string(hub.value().assessment.threshold.status) == "insufficient_evidence");
}

TEST_CASE("insufficient evidence always names what is missing", "[batch][score]") {
  auto score = [](std::string text) {
    io::RawRecord r;
    r.ref = {1, "in.jsonl", 1, ""};
    r.text = std::move(text);
    return app::score_record(r, context(), gpai::test::data().hf_vocabulary, kAsOf);
  };
  // Every phase is of a kind the compute ledger does not count.
  const auto eval_only = score(R"({"schema": "gpai-eval/model-card/1", "name": "eval-only",
      "architecture": {"kind": "dense", "parameters": "7B"},
      "training": {"phases": [{"kind": "evaluation", "tokens": "1T"}]}})");
  REQUIRE(eval_only.ok());
  CHECK(to_string(eval_only.value().assessment.threshold.status) == "insufficient_evidence");
  const auto& missing = eval_only.value().provenance.missing;
  REQUIRE(missing.size() == 1);
  CHECK(missing.front().field == "/training/phases");
  CHECK(missing.front().needed_for == "threshold");
  // A counted phase without evidence names that phase's tokens instead.
  const auto no_tokens = score(R"({"schema": "gpai-eval/model-card/1", "name": "no-tokens",
      "architecture": {"kind": "dense", "parameters": "7B"},
      "training": {"phases": [{"kind": "pretraining"}]}})");
  REQUIRE(no_tokens.ok());
  REQUIRE_FALSE(no_tokens.value().provenance.missing.empty());
  CHECK(no_tokens.value().provenance.missing.front().field == "/training/phases/0/tokens");
}

TEST_CASE("rows stay valid UTF-8 and valid JSON whatever the card held", "[batch][report]") {
  Diagnostic d;
  d.record = {3, "bad\xff.jsonl", 3, ""};
  d.kind = "input_error";
  d.message = "found \"\xfe\" and a tab\t";
  std::string out;
  report::append_batch_error(d, report::OutputFormat::jsonl, out);
  const auto j = nlohmann::json::parse(out);  // throws on invalid UTF-8
  CHECK(j["source"] == "bad\xEF\xBF\xBD.jsonl");
  std::string csv;
  report::append_batch_error(d, report::OutputFormat::csv, csv);
  CHECK(csv.find("\"found \"\"\xEF\xBF\xBD\"\" and a tab\t\"") != std::string::npos);
}

TEST_CASE("a failure while rendering stops the run and reaches the caller, with any number of jobs",
          "[batch][runner]") {
  TempDir t;
  std::string text;
  for (int i = 0; i < 300; ++i) text += "{\"not\": \"a card\"}\n";
  const auto path = t.file("many.jsonl", text);
  for (unsigned jobs : {1u, 2u, 4u}) {
    CAPTURE(jobs);
    io::RecordReader reader({path});
    app::BatchOptions opt;
    opt.jobs = jobs;
    opt.batch_records = 16;  // the failure lands in a later mini-batch, with the pool busy
    std::atomic<int> rendered{0};
    std::size_t sunk = 0;
    CHECK_THROWS_WITH(
        app::run_batch(
            reader, context(1000), gpai::test::data().hf_vocabulary, kAsOf, opt,
            [&](const RecordResult&, std::string& out) {
              if (++rendered == 100) throw std::runtime_error("renderer failed");
              out = "x\n";
            },
            [&](bool, const std::string&) { ++sunk; }),
        "renderer failed");
    CHECK(sunk < 300);
  }
}

namespace {

// `count` one-line cards, gzip-compressed; the compressed bytes.
std::string gzip_cards(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    text += R"({"schema": "gpai-eval/model-card/1", "name": "card-)" + std::to_string(i) +
            R"(", "architecture": {"kind": "dense", "parameters": "7B"}, "training": {"phases": [{"kind": "pretraining", "tokens": "2T"}]}})" "\n";
  }
  uLongf size = compressBound(static_cast<uLong>(text.size())) + 64;
  std::string out(size, '\0');
  // gzip wrapper: windowBits 15 + 16.
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(text.data());
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

TEST_CASE("a truncated gzip input: the cut record is an error naming the cut, and the run counts it",
          "[batch][reader][gzip][truncated]") {
  TempDir t;
  const std::string whole = gzip_cards(200);
  const std::string cut = whole.substr(0, whole.size() * 2 / 3);
  const std::string path = t.file("cards.jsonl.gz", cut);
  const Run r = run({path}, 2);
  CHECK(r.stats.conserved());
  CHECK(r.stats.errors == 1);
  CHECK(r.stats.results + 1 == r.stats.records_read);
  CHECK(r.stats.reader.truncated_inputs == 1);
  REQUIRE(r.stats.reader.truncated_examples.size() == 1);
  CHECK(r.stats.reader.truncated_examples[0] == path + " at compressed byte " + std::to_string(cut.size()));
  const auto err = nlohmann::json::parse(r.errors);
  const std::string message = err.at("message");
  INFO(message);
  CHECK(message.find("malformed JSON") == std::string::npos);
  CHECK(message.find("gzip stream truncated: it ends at compressed byte " + std::to_string(cut.size())) !=
        std::string::npos);
  CHECK(message.find("line " + std::to_string(r.stats.records_read) + " is incomplete") != std::string::npos);
  CHECK(err.at("line") == r.stats.records_read);

  const std::string summary = report::batch_summary(r.stats, "errors.jsonl");
  const std::string first_line = summary.substr(0, summary.find('\n'));
  CHECK(first_line.find("(all accounted for); 1 input(s) TRUNCATED") != std::string::npos);
  CHECK(summary.find("truncated:      1 gzip input(s) end early (" + path + " at compressed byte") != std::string::npos);
}

TEST_CASE("a gzip input cut after its last whole line still ends in an error record", "[batch][reader][gzip][truncated]") {
  TempDir t;
  const std::string whole = gzip_cards(3);
  // Without the 8-byte trailer (CRC and length): every line is there, the end is not.
  const std::string path = t.file("cards.jsonl.gz", whole.substr(0, whole.size() - 8));
  const Run r = run({path}, 1);
  CHECK(r.stats.results == 3);
  CHECK(r.stats.errors == 1);
  CHECK(r.stats.conserved());
  CHECK(r.stats.reader.truncated_inputs == 1);
  CHECK(r.errors.find("after line 3; any records after it are lost") != std::string::npos);
  // An intact stream is not counted.
  const Run ok = run({t.file("ok.jsonl.gz", whole)}, 1);
  CHECK(ok.stats.errors == 0);
  CHECK(ok.stats.reader.truncated_inputs == 0);
  CHECK(report::batch_summary(ok.stats, "-").find("TRUNCATED") == std::string::npos);
}

TEST_CASE("error rows quote bad input capped and escaped, never whole", "[batch][excerpt]") {
  TempDir t;
  const std::string unterminated = R"({"schema": "gpai-eval/model-card/1", "name": ")" + std::string(5 << 20, 'a') + "\n";
  const std::string garbage = std::string("\x01\x02\xff\xfe\x1b[2J") + std::string(1000, '\x80') + "\n";
  const Run r = run({t.file("bad.jsonl", unterminated + garbage)}, 1);
  CHECK(r.stats.errors == 2);
  std::size_t rows = 0;
  for (std::size_t start = 0; start < r.errors.size(); ++rows) {
    const std::size_t end = r.errors.find('\n', start);
    const auto row = nlohmann::json::parse(r.errors.substr(start, end - start));
    const std::string message = row.at("message");
    INFO(message);
    CHECK(message.size() < 400);
    for (const char c : message) {
      CHECK(static_cast<unsigned char>(c) >= 0x20);
      CHECK(static_cast<unsigned char>(c) < 0x80);
    }
    start = end + 1;
  }
  CHECK(rows == 2);
  CHECK(r.errors.find(std::to_string((5 << 20) + 1) + " bytes") != std::string::npos);  // the token's length
}
