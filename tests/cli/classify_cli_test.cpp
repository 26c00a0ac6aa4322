// classify end to end: bad system cards exit 2 with a pointer, the
// interactive mode driven by piped answers, and the law of each day.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::read_file;
using gpai::test::run_cli;
namespace fs = std::filesystem;

namespace {
std::string answers(std::initializer_list<const char*> lines, int then_no) {
  std::string s;
  for (const char* l : lines) s += std::string(l) + "\n";
  for (int i = 0; i < then_no; ++i) s += "n\n";
  return s;
}
}  // namespace

TEST_CASE("classify: a bad system card exits 2 naming the file and pointer", "[cli][systems]") {
  const auto r = run_cli({"classify", "tests/bad_input/systems/unknown_annex_iii_point.json", "--data", "data"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown_annex_iii_point.json"));
  CHECK_THAT(r.err, Catch::Contains("/annex_iii/"));
  CHECK(r.out.empty());
  CHECK(run_cli({"classify", "--data", "data"}).exit_code == 2);
  CHECK(run_cli({"classify", "data/examples/systems/cv-screening.json", "-o", "x.json", "--data", "data"}).exit_code == 2);
}

TEST_CASE("classify --interactive: piped answers build a card, ask only what decides, and b goes back",
          "[cli][systems]") {
  const fs::path out = fs::temp_directory_path() / ("gpai-interactive-" + std::to_string(::getpid()) + ".json");
  // Name, purpose, four definition answers yes, then "no" to everything else.
  const std::string input = answers({"Chatbot", "answers residents", "y", "y", "y", "y"}, 200);
  auto r = run_cli({"classify", "--interactive", "-o", out.string(), "--as-of", "2026-12-05", "--data", "data",
                    "--format", "json"},
                   &input);
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["classification"]["status"] == "minimal_risk");
  const auto card = nlohmann::json::parse(read_file(out.string()));
  CHECK(card["schema"] == "gpai-eval/system-card/1");
  CHECK(card["definition"]["infers_outputs"] == true);
  CHECK_FALSE(card["definition"].contains("adaptiveness"));  // never asked: it cannot decide
  // The written card classifies to the same status.
  const auto again = run_cli({"classify", out.string(), "--as-of", "2026-12-05", "--data", "data", "--format", "json"});
  CHECK(nlohmann::json::parse(again.out)["classification"]["status"] == "minimal_risk");

  // "n" to infers_outputs ends it at once: not an AI system, nothing else asked.
  const std::string not_ai = answers({"Calculator", "fixed rules", "y", "y", "n"}, 0);
  r = run_cli({"classify", "--interactive", "--as-of", "2026-12-05", "--data", "data", "--format", "json"}, &not_ai);
  CHECK(nlohmann::json::parse(r.out)["classification"]["status"] == "not_ai_system");

  // b undoes the previous answer: "y" then "b" then "n" leaves the first fact no.
  const std::string back = answers({"X", "p", "y", "b", "n"}, 0);
  r = run_cli({"classify", "--interactive", "-o", out.string(), "--as-of", "2026-12-05", "--data", "data"}, &back);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("not_ai_system"));
  CHECK(nlohmann::json::parse(read_file(out.string()))["definition"]["machine_based"] == false);

  // End of input leaves the rest unknown: indeterminate, never a guess.
  const std::string short_input = answers({"Y", "p", "y"}, 0);
  r = run_cli({"classify", "--interactive", "--as-of", "2026-12-05", "--data", "data", "--format", "json"},
              &short_input);
  CHECK(nlohmann::json::parse(r.out)["classification"]["status"] == "indeterminate");
  fs::remove(out);
}

TEST_CASE("classify: --as-of gives the law of each day (Annex III dates moved by the omnibus)", "[cli][systems]") {
  auto from = [](const char* as_of) {
    const auto r = run_cli({"classify", "data/examples/systems/credit-scoring.json", "--as-of", as_of, "--data", "data",
                            "--format", "json"});
    const auto doc = nlohmann::json::parse(r.out);
    for (const auto& o : doc["obligations"])
      if (o["id"] == "art26_6.keep_logs") return o["applies_from"].get<std::string>();
    return std::string();
  };
  CHECK(from("2026-01-01") == "2026-08-02");
  CHECK(from("2027-01-01") == "2027-12-02");
}
