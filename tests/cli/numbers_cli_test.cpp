// Issue 12: numbers a careless user types must never become a wrong answer
// with exit 0: decimal commas, overflow, negative option values, durations.
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::run_cli;

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("estimate refuses a decimal comma instead of reading 1,5T as 15T", "[cli][numbers]") {
  const auto r = run_cli({"estimate", "--params", "70B", "--tokens", "1,5T", "--as-of", "2026-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "--tokens"));
  CHECK(contains(r.err, "'1,5T' looks like a decimal comma; write 1.5T"));
  for (const char* params : {"7,0B", "1,,2,B"}) {
    const auto bad = run_cli({"estimate", "--params", params, "--tokens", "1T", "--as-of", "2026-01-01"});
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "--params"));
  }
  // Thousands separators in groups of three still read.
  const auto ok = run_cli({"estimate", "--params", "16,384", "--tokens", "1,000,000", "--format", "json",
                           "--as-of", "2026-01-01"});
  REQUIRE(ok.exit_code == 0);
  CHECK(nlohmann::json::parse(ok.out)["compute"]["flop"].get<double>() == Approx(6.0 * 16384 * 1e6));
}

TEST_CASE("estimate refuses inputs whose product overflows, naming the options", "[cli][numbers]") {
  const auto r = run_cli({"estimate", "--params", "1e300", "--tokens", "1e300", "--as-of", "2026-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "--params: expected a value for which 6 x parameters x tokens stays at or below 1e40 FLOP"));
  CHECK(contains(r.err, "(from --params, --tokens)"));
  const auto hw = run_cli({"estimate", "--accelerator", "H100-SXM", "--count", "1e300", "--hours", "1e300",
                           "--as-of", "2026-01-01"});
  CHECK(hw.exit_code == 2);
  CHECK(hw.out.empty());
  CHECK(contains(hw.err, "--count: expected a value for which accelerators x h x 3600 s/h"));
}

TEST_CASE("batch gives an overflowing card an error row, not a result", "[cli][numbers][batch]") {
  const auto r = run_cli({"batch", "--as-of", "2026-01-01", "--samples", "2000", "tests/bad_input/overflow_product.json",
                          "tests/bad_input/overflow_hardware_time.json", "tests/bad_input/overflow_accelerator_hours.json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());  // no result row
  CHECK(contains(r.err, "3 records read = 0 results + 3 errors"));
  CHECK(contains(r.err, "overflow_product.json:1: /architecture/parameters: parameters: expected a value for which"));
  CHECK(contains(r.err, "/training/phases/0/hardware/count: count: expected"));
  CHECK(contains(r.err, "/training/phases/0/hardware/accelerator_hours: accelerator_hours: expected"));
}

TEST_CASE("audit refuses energy or cost that overflow the estimate", "[cli][numbers][audit]") {
  // Before: "Recomputed: nan [nan - nan] FLOP by energy: below", exit 0.
  const std::string dir = std::filesystem::temp_directory_path().string();
  const std::string energy = dir + "/gpai-numbers-energy-" + std::to_string(::getpid()) + ".json";
  gpai::test::write_file(energy, R"({"schema": "gpai-eval/model-card/1", "name": "x",
      "training": {"energy_kwh": "1e300", "phases": [{"kind": "pretraining", "hardware": {"accelerator": "H100-SXM"}}]}})");
  const auto e = run_cli({"audit", energy, "--as-of", "2026-01-01", "--samples", "2000"});
  CHECK(e.exit_code == 2);
  CHECK(e.out.empty());
  CHECK(contains(e.err, "/training/energy_kwh: energy_kwh: expected a value for which kWh x 3.6e6 J/kWh x "));

  const std::string cost = dir + "/gpai-numbers-cost-" + std::to_string(::getpid()) + ".json";
  gpai::test::write_file(cost, R"({"schema": "gpai-eval/model-card/1", "name": "x",
      "training": {"cost_usd": "10B", "phases": [{"kind": "pretraining", "hardware": {"accelerator": "H100-SXM"}}]}})");
  const auto c = run_cli({"audit", cost, "--price-per-hour", "1e-300", "--as-of", "2026-01-01", "--samples", "2000"});
  CHECK(c.exit_code == 2);  // the price comes from an option: the core refuses the non-finite figure
  CHECK(c.out.empty());
  CHECK(contains(c.err, "cost: the estimate is not a finite number of FLOP"));
  std::filesystem::remove(energy);
  std::filesystem::remove(cost);
}

TEST_CASE("negative whole-number options are refused as such, not wrapped to 2^64 - n", "[cli][numbers][usage]") {
  // Before: "--samples: expected 2 to 100000000, found 18446744073709551611".
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::string card = "data/examples/olmo-7b.json";
  for (const auto& c : std::vector<Case>{
           {{"assess", card, "--samples", "-5"}, "--samples: expected a whole number from 2 to 100000000, found -5"},
           {{"assess", card, "--seed", "-1"}, "--seed: expected a whole number from 0 to 18446744073709551615, found -1"},
           {{"estimate", "--params", "7B", "--tokens", "1T", "--samples", "-5"}, "--samples: expected a whole number"},
           {{"audit", card, "--samples", "-5"}, "--samples: expected a whole number"},
           {{"batch", card, "-j", "-1"}, "--jobs: expected a whole number from 0 to 1024, found -1"},
           {{"batch", card, "--jobs", "4294967297"}, "--jobs: expected a whole number from 0 to 1024, found 4294967297"},
           {{"batch", card, "--samples", "-5"}, "--samples: expected a whole number from 2 to 100000000, found -5"},
           {{"batch", card, "--seed", "-3"}, "--seed: expected a whole number"},
           {{"synth-logs", "--hosts", "-1"}, "--hosts: expected a whole number from 1 to 1000000, found -1"},
           {{"synth-logs", "--gpus-per-host", "-2"}, "--gpus-per-host: expected a whole number from 1 to 1000000"},
           {{"synth-logs", "--gpus-per-host", "9223372036854775808"}, "--gpus-per-host: expected a whole number"},
           {{"synth-logs", "--seed", "-1"}, "--seed: expected a whole number"},
           {{"assess", card, "--samples", "1.5"}, "--samples: expected a whole number from 2 to 100000000, found 1.5"},
       }) {
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    DYNAMIC_SECTION(joined) {
      const auto r = run_cli(c.args);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(contains(r.err, c.message));
    }
  }
}

TEST_CASE("a --samples large enough to be slow is warned about on standard error", "[cli][numbers]") {
  // Exact inputs are not sampled, so this run is fast; the warning is about cards with ranges.
  const auto r = run_cli({"estimate", "--params", "7B", "--tokens", "1T", "--samples", "100000000",
                          "--as-of", "2026-01-01"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "gpai-eval: warning: --samples 100000000: each input given as a range is drawn"));
  CHECK(contains(r.err, " s and "));
  const auto quiet = run_cli({"estimate", "--params", "7B", "--tokens", "1T", "--as-of", "2026-01-01"});
  CHECK(quiet.err.empty());
  const auto batch = run_cli({"batch", "--as-of", "2026-01-01", "--samples", "1000000", "-q",
                              "tests/bad_input/overflow_product.json"});
  CHECK(contains(batch.err, "per scoring thread"));
}

TEST_CASE("one duration parser: synth-logs --duration 15m reads as audit --window 15m does", "[cli][numbers][synth]") {
  // Before: synth-logs refused 15m ("expected a positive number") while audit accepted it.
  const auto r = run_cli({"synth-logs", "--duration", "15m", "--interval", "30s", "--hosts", "1", "--gpus-per-host",
                          "1", "--out", "/dev/null"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "\"expected_accelerator_hours\": 0.25"));
  const auto skew = run_cli({"synth-logs", "--duration", "60", "--faults", "skew=1m", "--out", "/dev/null"});
  CHECK(skew.exit_code == 0);
  // The same forms refused with the same message, whichever command.
  const std::string expected = ": expected a positive duration in seconds (90, 0.1) or with a unit s, m, h or d "
                               "(30s, 15m, 6h, 1d), found '15M'";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"synth-logs", "--duration", "15M", "--out", "/dev/null"},
           {"synth-logs", "--interval", "15M", "--out", "/dev/null"},
           {"audit", "--logs", "tests/fixtures/logs/dcgm_basic.csv", "--window", "15M"},
           {"audit", "--logs", "tests/fixtures/logs/dcgm_basic.csv", "--max-gap", "15M"},
           {"audit", "--logs", "tests/fixtures/logs/dcgm_basic.csv", "--sample-interval", "15M"},
           {"audit", "--logs", "tests/fixtures/logs/dcgm_basic.csv", "--skew-tolerance", "15M"},
       }) {
    const auto bad = run_cli(args);
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(contains(bad.err, args[args.size() - (args[0] == "audit" ? 2 : 4)] + expected));
  }
}

TEST_CASE("synth-logs fault rates are probabilities from 0 to 1", "[cli][numbers][synth]") {
  // Before: gaps=2 was accepted.
  const auto r = run_cli({"synth-logs", "--duration", "60s", "--faults", "gaps=2", "--out", "/dev/null"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--faults gaps: expected a rate from 0 to 1"));
  CHECK(contains(r.err, "found '2'"));
  for (const char* f : {"duplicates=-0.1", "bad-rows=1.5", "resets=7"}) {
    CHECK(run_cli({"synth-logs", "--duration", "60s", "--faults", f, "--out", "/dev/null"}).exit_code == 2);
  }
  CHECK(run_cli({"synth-logs", "--duration", "60s", "--faults", "gaps=1,duplicates=0", "--out", "/dev/null"})
            .exit_code == 0);
}

TEST_CASE("batch: the null device may take both rows and errors; one file under two spellings may not",
          "[cli][numbers][batch]") {
  // Before: -o /dev/null --errors /dev/null was refused, and out.jsonl with ./out.jsonl accepted.
  const std::string card = "tests/bad_input/overflow_product.json";
  const auto null = run_cli({"batch", card, "-q", "--samples", "2000", "-o", "/dev/null", "--errors", "/dev/null"});
  CHECK(null.exit_code == 0);
  CHECK(null.err.empty());
  const std::string out = (std::filesystem::temp_directory_path() /
                           ("gpai-numbers-out-" + std::to_string(::getpid()) + ".jsonl")).string();
  const std::string same = (std::filesystem::path(out).parent_path() / "." /
                            std::filesystem::path(out).filename()).string();
  const auto r = run_cli({"batch", card, "-q", "-o", out, "--errors", same});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--output and --errors must be different files"));
  std::filesystem::remove(out);
}
