// The CLI end to end: golden outputs, bad input with located messages and
// exit code 2, usage errors.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::matches_golden;
using gpai::test::read_file;
using gpai::test::run_cli;
namespace fs = std::filesystem;

TEST_CASE("golden CLI outputs", "[cli][golden]") {
  // tests/golden/<case>/args: one argument per line; stdout.expected; exit_code.
  const fs::path root = fs::path(GPAI_TEST_DIR) / "golden";
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(root)) if (e.is_directory()) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 4);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      std::vector<std::string> args;
      std::istringstream lines(read_file((dir / "args").string()));
      for (std::string line; std::getline(lines, line);) if (!line.empty()) args.push_back(line);
      const auto r = run_cli(args);
      INFO("stderr: " << r.err);
      CHECK(matches_golden((dir / "stdout.expected").string(), r.out));
      CHECK(r.exit_code == std::stoi(read_file((dir / "exit_code").string())));
    }
  }
}

TEST_CASE("each class of bad card input gives a located message and exit 2", "[cli][bad_input]") {
  const fs::path dir = fs::path(GPAI_TEST_DIR) / "bad_input";
  const auto expected = nlohmann::json::parse(read_file((dir / "expected.json").string()));
  REQUIRE(expected.size() >= 15);
  for (const auto& [file, message] : expected.items()) {
    DYNAMIC_SECTION(file) {
      const auto r = run_cli({"assess", "tests/bad_input/" + file, "--as-of", "2026-01-01"});
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.rfind("gpai-eval: error: tests/bad_input/" + file, 0) == 0);
      CHECK(r.err.find(message.get<std::string>()) != std::string::npos);
    }
  }
}

TEST_CASE("usage errors exit 2 with nothing on stdout", "[cli][usage]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"frobnicate"},
           {"assess"},
           {"assess", "data/examples/does-not-exist.json"},
           {"assess", "tests/bad_input/missing_name.json", "--format", "yaml"},
           {"assess", "tests/bad_input/missing_name.json", "--as-of", "2025-13-01"},
           {"assess", "tests/bad_input/missing_name.json", "--no-such-option"},
           {"assess", "data/examples/olmo-7b.json", "--as-of", "2024-07-31"},  // before the data formalises the law
           {"rules", "--as-of", "2023-01-01"},
           {"estimate", "--params", "7B"},
           {"estimate", "--params", "7X", "--tokens", "1T"},
           {"estimate", "--params", "7B", "--tokens", "1T", "--accelerator", "H100"},
           {"estimate", "--accelerator", "H100-SXM", "--count", "8"},
           {"estimate", "--accelerator", "H100-SXM", "--accelerator-hours", "1M", "--utilization", "1.5"},
       }) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    DYNAMIC_SECTION(joined) {
      const auto r = run_cli(args);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK_FALSE(r.err.empty());
    }
  }
}

TEST_CASE("an ambiguous accelerator name lists the close matches", "[cli][usage]") {
  const auto r = run_cli({"estimate", "--accelerator", "H100", "--accelerator-hours", "1M"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("H100-SXM") != std::string::npos);
  CHECK(r.err.find("H100-PCIe") != std::string::npos);
}

TEST_CASE("estimate: the quick calculator uses the same core", "[cli][estimate]") {
  const auto r = run_cli({"estimate", "--params", "405B", "--tokens", "15.6T", "--format", "json",
                          "--as-of", "2026-01-01"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["compute"]["flop"].get<double>() == Approx(3.7908e25));
  CHECK(j["threshold"]["status"] == "above");
  CHECK(j["compute"]["notification_text"].get<std::string>().rfind("3.8e25 FLOP", 0) == 0);

  const auto hw = run_cli({"estimate", "--accelerator", "NVIDIA H100 80GB HBM3", "--count", "16384",
                           "--hours", "1900", "--utilization", "0.4", "--precision", "bf16",
                           "--format", "json", "--as-of", "2026-01-01"});
  REQUIRE(hw.exit_code == 0);
  const auto h = nlohmann::json::parse(hw.out);
  // 16384 x 1900 h x 3600 s/h x 989.4e12 FLOP/s x 0.4
  CHECK(h["compute"]["flop"].get<double>() == Approx(16384.0 * 1900 * 3600 * 989.4e12 * 0.4));

  const auto ranged = run_cli({"estimate", "--params", "70B", "--tokens", "15T..40T", "--format",
                               "json", "--as-of", "2026-01-01", "--seed", "5"});
  REQUIRE(ranged.exit_code == 0);
  const auto g = nlohmann::json::parse(ranged.out);
  CHECK(g["threshold"]["status"] == "borderline");
  const auto again = run_cli({"estimate", "--params", "70B", "--tokens", "15T..40T", "--format",
                              "json", "--as-of", "2026-01-01", "--seed", "5"});
  CHECK(again.out == ranged.out);  // seeded: byte-identical
}

TEST_CASE("assess reads a card from standard input", "[cli]") {
  const std::string card = read_file(std::string(GPAI_SOURCE_DIR) + "/data/examples/llama-3.1-405b.json");
  const auto r = run_cli({"assess", "-", "--format", "json", "--as-of", "2026-01-01"}, &card);
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["source"] == "<stdin>");
}

TEST_CASE("a bad card's message quotes the bad token capped and escaped", "[cli][bad_input][excerpt]") {
  const std::string path = (fs::temp_directory_path() / "gpai_assess_huge_token.json").string();
  gpai::test::write_file(path, "{\"schema\": \"gpai-eval/model-card/1\", \"name\": \"" + std::string(9u << 20, 'x'));
  const auto unterminated = run_cli({"assess", path});
  CHECK(unterminated.exit_code == 2);
  CHECK(unterminated.err.size() < 600);
  CHECK(unterminated.err.find("missing closing quote") != std::string::npos);
  CHECK(unterminated.err.find(std::to_string((9u << 20) + 1) + " bytes") != std::string::npos);
  gpai::test::write_file(path, std::string("\x7f\x45\x4c\x46\x02\x01\x01\x00\xff\xfe\x1b[2J", 13) + std::string(4096, '\x90'));
  const auto binary = run_cli({"assess", path});
  CHECK(binary.exit_code == 2);
  CHECK(binary.err.size() < 600);
  for (const char c : binary.err) {
    if (c != '\n') CHECK((static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f));
  }
  fs::remove(path);
}

TEST_CASE("lang nl words the assessment in Dutch; an unknown language lists those there are", "[cli][language]") {
  const auto r = run_cli({"assess", "data/examples/llama-3.1-70b.json", "--lang", "nl", "--as-of", "2026-01-15"});
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("de cumulatieve trainingsrekenkracht ligt niet boven de drempel") != std::string::npos);
  CHECK(r.out.find("alleen voor GPAI-modellen met een systeemrisico") != std::string::npos);
  CHECK(r.out.find("Aanwijzingscriteria van bijlage XIII") != std::string::npos);
  CHECK(r.out.find("only for GPAI models with systemic risk") == std::string::npos);

  const auto bad = run_cli({"assess", "data/examples/llama-3.1-70b.json", "--lang", "xx"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("--lang: 'xx' is not available (available: en or nl)") != std::string::npos);

  const auto both = run_cli({"assess", "data/examples/llama-3.1-70b.json", "--lang", "nl", "--language", "en"});
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("differ") != std::string::npos);
}
