// One card-reading front door: assess, explain and audit read every card
// format batch reads, detected the same way, with the same verdicts.
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::read_file;
using gpai::test::run_cli;

namespace {
const std::string kReadme = "tests/fixtures/batch/tree/hf/acme_moe-57B-A14B/README.md";
const std::string kHub = "tests/fixtures/cards/Qwen3-235B-A22B.hub.json";
const std::string kV1 = "data/examples/olmo-7b.json";

nlohmann::json assess_json(const std::string& card) {
  const auto r = run_cli({"assess", card, "--format", "json", "--as-of", "2026-01-15", "--samples", "2000"});
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

nlohmann::json batch_row(const std::string& card) {
  const auto r = run_cli({"batch", card, "--as-of", "2026-01-15", "--samples", "2000", "--quiet"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.err.empty());
  return nlohmann::json::parse(r.out);
}
}  // namespace

TEST_CASE("assess reads a Hugging Face README and Hub JSON as batch does, with the same verdicts",
          "[cli][cards]") {
  for (const auto& [card, format] : {std::pair{kReadme, "hf-readme"}, std::pair{kHub, "hf-hub-api"}}) {
    DYNAMIC_SECTION(card) {
      const auto a = assess_json(card);
      const auto row = batch_row(card);
      CHECK(row["format"] == format);
      CHECK(a["card"]["format"] == format);
      CHECK(a["card"]["id"] == row["id"]);
      CHECK(a["model"] == row["id"]);
      CHECK(a["threshold"]["status"] == row["threshold_status"]);
      CHECK(a["systemic_risk"]["status"] == row["systemic_risk_status"]);
      CHECK(a["gpai"]["status"] == row["gpai_status"]);
      CHECK(a["card"]["missing"] == row["missing"]);
      CHECK(a["card"]["undecidable"] == row["undecidable"]);
      CHECK(a["card"]["flags"] == row["flags"]);
      CHECK(a["card"]["mapped"] == row["mapped"]);
    }
  }
}

TEST_CASE("assess of our own card has no card provenance key (its output is unchanged)", "[cli][cards]") {
  CHECK_FALSE(assess_json(kV1).contains("card"));
}

TEST_CASE("explain and standard input read a README too; text says where the fields came from", "[cli][cards]") {
  const auto e = run_cli({"explain", kReadme, "--as-of", "2026-01-15"});
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("Card read from a Hugging Face README (hf-readme), id acme_moe-57B-A14B") != std::string::npos);
  CHECK(e.out.find("tokens_from_prose") != std::string::npos);
  const std::string text = read_file(kReadme);
  const auto s = run_cli({"assess", "-", "--as-of", "2026-01-15"}, &text);
  CHECK(s.exit_code == 0);
  CHECK(s.out.find("(hf-readme)") != std::string::npos);
}

TEST_CASE("audit --card reads a README through the same front door", "[cli][cards][audit]") {
  const auto r = run_cli({"audit", kReadme, "--as-of", "2026-01-15"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Recomputed:  3.8e23") != std::string::npos);
}

TEST_CASE("a JSON document that is no card format, or a whole listing, is a located input error", "[cli][cards]") {
  const std::string neither = R"({"name": "x", "parameters": 7e9})";
  const auto r = run_cli({"assess", "-", "--as-of", "2026-01-15"}, &neither);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("<stdin>: not a model card: expected a gpai-eval card (with \"schema\")") != std::string::npos);
  const auto listing = run_cli({"assess", "tests/fixtures/batch/tree/hub/listing.json", "--as-of", "2026-01-15"});
  CHECK(listing.exit_code == 2);
  CHECK(listing.err.find("listing.json: /: expected a JSON object (one model card per record), found array of 2") !=
        std::string::npos);
}
