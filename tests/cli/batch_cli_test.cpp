// gpai-eval batch end to end: inputs, outputs, error file, exit codes.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <map>
#include <sstream>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::read_file;
using gpai::test::run_cli;
namespace fs = std::filesystem;

namespace {
const std::string kMixed = "tests/fixtures/batch/mixed.jsonl";
const std::string kTree = "tests/fixtures/batch/tree";

std::vector<std::string> batch(std::vector<std::string> extra) {
  std::vector<std::string> args = {"batch", "--as-of", "2026-01-01", "--samples", "2000"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("gpai-batch-cli-" + std::to_string(::getpid()) + "-" + name)).string();
}
}  // namespace

TEST_CASE("batch: results on stdout, located errors on stderr, summary with the invariant, exit 0", "[cli][batch]") {
  const auto r = run_cli(batch({kMixed, "--jobs", "2"}));
  CHECK(r.exit_code == 0);
  CHECK(count_lines(r.out) == 5);
  CHECK(r.err.find("tests/fixtures/batch/mixed.jsonl:3:") != std::string::npos);
  CHECK(r.err.find("10 records read = 5 results + 5 errors (all accounted for)") != std::string::npos);
  std::istringstream rows(r.out);
  for (std::string line; std::getline(rows, line);) {
    const auto j = nlohmann::json::parse(line);
    CHECK(j.contains("threshold_status"));
    CHECK(j.contains("systemic_risk_status"));
    CHECK(j.contains("missing"));
  }
}

TEST_CASE("batch: the summary counts every result by format and status, as the rows say", "[cli][batch]") {
  const auto r = run_cli(batch({kMixed, "--jobs", "2"}));
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::map<std::string, int>> counted;  // summary label -> value -> rows
  std::istringstream rows(r.out);
  for (std::string line; std::getline(rows, line);) {
    const auto j = nlohmann::json::parse(line);
    ++counted["formats:"][j["format"].get<std::string>()];
    ++counted["threshold:"][j["threshold_status"].get<std::string>()];
    ++counted["systemic risk:"][j["systemic_risk_status"].get<std::string>()];
    ++counted["gpai:"][j["gpai_status"].get<std::string>()];
  }
  for (const auto& [label, values] : counted) {
    std::string list;  // "above 1, below 2": the values in order
    for (const auto& [value, n] : values) list += (list.empty() ? "" : ", ") + value + " " + std::to_string(n);
    std::string padded = label;
    padded.resize(16, ' ');
    INFO(r.err);
    CHECK(r.err.find("  " + padded + list + "\n") != std::string::npos);
  }
}

TEST_CASE("batch --strict exits 2 when a record could not be scored", "[cli][batch]") {
  CHECK(run_cli(batch({kMixed, "--strict", "-q"})).exit_code == 2);
  CHECK(run_cli(batch({kTree, "--strict", "-q"})).exit_code == 0);
}

TEST_CASE("batch --errors and --output-format csv", "[cli][batch]") {
  const std::string errors = temp_path("errors.csv"), output = temp_path("rows.csv");
  const auto r = run_cli(batch({kMixed, "--output-format", "csv", "--errors", errors, "--output", output, "-q"}));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  const std::string rows = read_file(output), errs = read_file(errors);
  CHECK(rows.rfind("record,source,line,pointer,format,id,compute_median_flop", 0) == 0);
  CHECK(count_lines(rows) == 6);  // header + 5
  CHECK(errs.rfind("record,source,line,column,pointer,format,id,error,message\n", 0) == 0);
  CHECK(count_lines(errs) == 6);
  CHECK(errs.find(",/training/phases/0/tokens,gpai-card-1,wrong-type,input_error,") != std::string::npos);
  fs::remove(errors);
  fs::remove(output);
}

TEST_CASE("batch: same bytes with --jobs 1 and --jobs 4", "[cli][batch][determinism]") {
  const auto one = run_cli(batch({kMixed, kTree, "--jobs", "1", "-q"}));
  const auto four = run_cli(batch({kMixed, kTree, "--jobs", "4", "-q"}));
  CHECK(one.exit_code == 0);
  CHECK(one.out == four.out);
  CHECK(one.err == four.err);
}

TEST_CASE("batch: standard input, directories and several inputs in one run", "[cli][batch]") {
  const std::string text = read_file(std::string(GPAI_SOURCE_DIR) + "/" + kMixed);  // the test runs in the build tree
  const auto from_stdin = run_cli(batch({"-", "-q"}), &text);
  CHECK(from_stdin.exit_code == 0);
  CHECK(count_lines(from_stdin.out) == 5);
  CHECK(from_stdin.out.find("\"source\":\"<stdin>\"") != std::string::npos);

  const auto tree = run_cli(batch({kTree}));
  CHECK(tree.exit_code == 0);
  CHECK(count_lines(tree.out) == 7);
  CHECK(tree.err.find("skipped:        3 files") != std::string::npos);

  const auto both = run_cli(batch({kTree, kMixed, "-q"}));
  CHECK(count_lines(both.out) == 12);
}

TEST_CASE("batch: an empty input completes with zero records", "[cli][batch]") {
  const auto r = run_cli(batch({"tests/fixtures/batch/empty.jsonl"}));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("0 records read = 0 results + 0 errors") != std::string::npos);
}

TEST_CASE("batch usage errors exit 2 before reading anything", "[cli][batch][usage]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"batch"},
           {"batch", "tests/fixtures/batch/does-not-exist.jsonl"},
           {"batch", kMixed, "--output-format", "xml"},
           {"batch", "-", "-"},
       }) {
    const auto r = run_cli(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
  }
}

TEST_CASE("batch reads the shared Hugging Face samples without record errors", "[cli][batch][samples]") {
  const fs::path samples = fs::path(GPAI_SOURCE_DIR) / ".." / "shared" / "samples";
  if (!fs::exists(samples / "hf_model_cards")) {
    WARN("shared samples not found; skipped");
    return;
  }
  const auto r = run_cli(batch({(samples / "hf_model_cards").string(), (samples / "hub_api").string(), "--strict"}));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(count_lines(r.out) == 12);  // 9 READMEs, 1 Hub model, a listing of 2
}

TEST_CASE("batch: a truncated gzip input is named, counted and said in the summary line", "[cli][batch][gzip]") {
  const auto r = run_cli(batch({"tests/fixtures/batch/truncated.jsonl.gz"}));
  INFO(r.err);
  CHECK(r.exit_code == 0);  // records were scored; --strict makes the error row fatal
  CHECK(count_lines(r.out) == 8);
  CHECK(r.err.find("9 records read = 8 results + 1 errors (all accounted for); 1 input(s) TRUNCATED") !=
        std::string::npos);
  CHECK(r.err.find("tests/fixtures/batch/truncated.jsonl.gz:9: gzip stream truncated: it ends at compressed byte 184") !=
        std::string::npos);
  CHECK(r.err.find("malformed JSON") == std::string::npos);
  CHECK(r.err.find("truncated:      1 gzip input(s) end early (tests/fixtures/batch/truncated.jsonl.gz at "
                   "compressed byte 184)") != std::string::npos);
  CHECK(run_cli(batch({"--strict", "tests/fixtures/batch/truncated.jsonl.gz"})).exit_code == 2);
}

TEST_CASE("batch shares the common options: --as-of before the rule data is refused as assess refuses it",
          "[cli][batch][usage][common]") {
  const auto b = run_cli({"batch", kMixed, "--as-of", "2020-01-01"});
  const auto a = run_cli({"assess", "data/examples/olmo-7b.json", "--as-of", "2020-01-01"});
  CHECK(b.exit_code == 2);
  CHECK(b.out.empty());
  CHECK(b.err == a.err);
  CHECK(a.exit_code == 2);
  CHECK(b.err.find("--as-of 2020-01-01: the rule data formalises the law only from") != std::string::npos);
}

TEST_CASE("batch --taxonomy: a known id is used and named in the summary and an unknown one refused",
          "[cli][batch][usage][common]") {
  const auto known = run_cli(batch({kMixed, "--taxonomy", "cop-draft2-2024-12"}));
  CHECK(known.exit_code == 0);
  CHECK(known.err.find(", taxonomy cop-draft2-2024-12, seed") != std::string::npos);
  CHECK(known.out == run_cli(batch({kMixed})).out);  // rows carry no taxonomy-dependent column
  const auto unknown = run_cli(batch({kMixed, "--taxonomy", "foo"}));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.empty());
  CHECK(unknown.err.find("--taxonomy: unknown taxonomy 'foo' (known: ") != std::string::npos);
}

TEST_CASE("language option: en and nl (also as --lang) are accepted by every command and another value is a usage error listing the available",
          "[cli][usage][common]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"assess", "data/examples/olmo-7b.json", "--as-of", "2026-01-01"},
           {"explain", "data/examples/olmo-7b.json", "--as-of", "2026-01-01"},
           {"estimate", "--params", "7B", "--tokens", "2T", "--as-of", "2026-01-01"},
           {"rules", "--as-of", "2026-01-01"},
           {"hardware", "H100"},
           {"audit", "data/examples/olmo-7b.json", "--as-of", "2026-01-01"},
           {"batch", kMixed, "--as-of", "2026-01-01", "--samples", "2000", "--quiet"}}) {
    DYNAMIC_SECTION(args[0]) {
      auto en = args;
      en.insert(en.end(), {"--language", "en"});
      CHECK(run_cli(en).exit_code == 0);
      auto nl = args;
      nl.insert(nl.end(), {"--lang", "nl"});
      CHECK(run_cli(nl).exit_code == 0);
      auto xx = args;
      xx.insert(xx.end(), {"--language", "xx"});
      const auto r = run_cli(xx);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find("--language: 'xx' is not available (available: en or nl)") != std::string::npos);
    }
  }
}
