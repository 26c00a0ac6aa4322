// What a new user hit on first use (issue 12): mistyped ids, undecided
// modalities, raw enum spellings, help and version, directories given as cards.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::read_file;
using gpai::test::run_cli;
using gpai::test::write_file;
namespace fs = std::filesystem;

namespace {
const std::string kLlama = "data/examples/llama-3.1-405b.json";

std::string temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("gpai_first_use_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}
}  // namespace

TEST_CASE("an unknown --taxonomy is a usage error listing the known ids", "[cli][usage]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"assess", kLlama, "--taxonomy", "foo", "--as-of", "2026-01-01"},
           {"rules", "--taxonomy", "foo", "--as-of", "2026-01-01"},
           {"audit", kLlama, "--taxonomy", "foo", "--as-of", "2026-01-01"}}) {
    DYNAMIC_SECTION(args.front()) {
      const auto r = run_cli(args);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find("unknown taxonomy 'foo'") != std::string::npos);
      CHECK(r.err.find("cop-2025-07") != std::string::npos);
      CHECK(r.err.find("cop-draft2-2024-12") != std::string::npos);
    }
  }
}

TEST_CASE("rules --taxonomy shows the chosen taxonomy", "[cli]") {
  const auto r = run_cli({"rules", "--taxonomy", "cop-draft2-2024-12", "--as-of", "2026-01-01", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["taxonomy"]["id"] == "cop-draft2-2024-12");
  CHECK(j["taxonomy"]["chosen"] == true);
}

TEST_CASE("a card without modalities is not given the more favourable answer", "[cli][legal]") {
  const std::string dir = temp_dir("modalities");
  const std::string card = dir + "/big.json";
  write_file(card, R"({"schema": "gpai-eval/model-card/1", "name": "Big", "placed_on_market": "2026-03-01",
    "architecture": {"kind": "dense", "parameters": "405B"},
    "training": {"phases": [{"name": "pt", "kind": "pretraining", "tokens": "15.6T"}]}})");
  const auto r = run_cli({"assess", card, "--as-of", "2026-12-01", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["gpai"]["status"] == "indeterminate");
  // Consistent: the notification is conditional like the GPAI status, not
  // required next to "no obligations apply".
  CHECK(j["notification"]["required"] == false);
  CHECK(j["notification"]["status"] == "conditional");
  bool conditional_notification = false;
  for (const auto& o : j["obligations"]) {
    if (o["id"] == "art52_1.notification") conditional_notification = o["conditional"] == true && o["applies"] == false;
  }
  CHECK(conditional_notification);
  bool asked = false;
  for (const auto& g : j["gaps"]) asked |= g["id"] == "modalities_unknown";
  CHECK(asked);

  const auto text = run_cli({"assess", card, "--as-of", "2026-12-01"});
  CHECK(text.out.find("No GPAI obligations apply") == std::string::npos);
  CHECK(text.out.find("If the model is a GPAI model") != std::string::npos);
  CHECK(text.out.find("Art. 52(1)  Notify") != std::string::npos);
}

TEST_CASE("text reports say statuses in words and cite the article that decided", "[cli]") {
  const auto below = run_cli({"assess", "data/examples/olmo-7b.json", "--as-of", "2026-12-01"});
  REQUIRE(below.exit_code == 0);
  CHECK(below.out.find("NOT_PRESUMED") == std::string::npos);
  CHECK(below.out.find("not_met") == std::string::npos);
  CHECK(below.out.find("not_stated") == std::string::npos);

  const std::string dir = temp_dir("designated");
  const std::string card = dir + "/designated.json";
  write_file(card, R"({"schema": "gpai-eval/model-card/1", "name": "Designated", "designated": true,
    "placed_on_market": "2026-03-01", "modalities": {"input": ["text"], "output": ["text"]},
    "architecture": {"kind": "dense", "parameters": "7B"},
    "training": {"phases": [{"name": "pt", "kind": "pretraining", "tokens": "2T"}]}})");
  const auto d = run_cli({"assess", card, "--as-of", "2026-12-01"});
  REQUIRE(d.exit_code == 0);
  CHECK(d.out.find("Systemic risk: DESIGNATED\n") != std::string::npos);
  CHECK(d.out.find("DESIGNATED (Art. 51(2))") == std::string::npos);
  CHECK(d.out.find("Art. 51(1)(b)") != std::string::npos);
}

TEST_CASE("explain --help describes explain; -V prints the version", "[cli]") {
  const auto h = run_cli({"explain", "--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.rfind("gpai-eval explain CARD.json", 0) == 0);
  const auto v = run_cli({"-V"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("gpai-eval ", 0) == 0);
  CHECK(v.out == run_cli({"--version"}).out);
}

TEST_CASE("a directory given as a card says it is a directory", "[cli][usage]") {
  const auto r = run_cli({"assess", "data/examples", "--as-of", "2026-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("is a directory") != std::string::npos);
  CHECK(r.err.find("malformed JSON") == std::string::npos);
}

TEST_CASE("batch skips a README without front matter beside JSON cards", "[cli][batch]") {
  const std::string dir = temp_dir("readme");
  fs::copy_file(fs::path(GPAI_SOURCE_DIR) / kLlama, dir + "/llama.json");
  write_file(dir + "/README.md", "# Our cards\n\nThese are the cards we assess.\n");
  fs::create_directories(dir + "/repo");
  // A model repository's README.md (no JSON beside it) is still read as a card.
  write_file(dir + "/repo/README.md", "# Tiny model\n\nA 7B parameter model trained on 2T tokens.\n");
  const auto r = run_cli({"batch", dir, "--as-of", "2026-01-01", "--samples", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"name\":\"examples\"") == std::string::npos);
  CHECK(r.out.find("Our cards") == std::string::npos);
  std::size_t rows = 0, pos = 0;
  while ((pos = r.out.find('\n', pos)) != std::string::npos) ++rows, ++pos;
  std::size_t error_rows = 0;
  pos = 0;
  while ((pos = r.err.find("\"source\"", pos)) != std::string::npos) ++error_rows, ++pos;
  CHECK(rows + error_rows == 2);  // llama.json and repo/README.md; the top README.md skipped
  CHECK(r.err.find("skipped") != std::string::npos);
}
