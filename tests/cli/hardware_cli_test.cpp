// gpai-eval hardware, and --catalogue FILE on every command that resolves
// accelerator names: a user entry is used, a bad user file is the user's
// located input error (exit 2).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::read_file;
using gpai::test::run_cli;
using gpai::test::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("gpai-hardware-cli-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string catalogue(const std::string& accelerators) {
  return R"({"schema": "gpai-accelerators/1", "version": "site-1", "accelerators": [)" + accelerators + "]}";
}

const std::string kSiteChip = R"({"id": "Site-X1", "vendor": "Site", "name": "Site X1 accelerator",
  "aliases": ["SITE X1 rev-b"], "default_precision": "bf16", "peak_flop_per_s_dense": {"bf16": 4e14},
  "memory_gb": 64, "tdp_w": 500, "source": "our vendor's datasheet rev b"})";

const std::string kH100AtCap = R"({"id": "H100-SXM", "vendor": "NVIDIA", "name": "H100 SXM at our cap",
  "aliases": ["NVIDIA H100 80GB HBM3"], "default_precision": "bf16", "peak_flop_per_s_dense": {"bf16": 7e14},
  "source": "measured at our power cap"})";

// A card whose one phase ran on `accelerator`.
std::string card_on(const std::string& accelerator) {
  return R"({"schema": "gpai-eval/model-card/1", "name": "site-model",
    "provider": {"name": "Example Lab", "established_in_eu": true},
    "architecture": {"kind": "dense", "parameters": "7B"},
    "modalities": {"input": ["text"], "output": ["text"]},
    "training": {"phases": [{"name": "pretraining", "kind": "pretraining", "tokens": "1T",
      "hardware": {"accelerator": ")" + accelerator + R"(", "count": 1024, "hours": 100, "precision": "bf16"}}]}})";
}

const std::vector<std::string> kFast = {"--as-of", "2026-01-01", "--samples", "2000"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& more) {
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

}  // namespace

TEST_CASE("hardware lists the catalogue and a filter uses the catalogue's name matching", "[cli][hardware]") {
  const auto all = run_cli({"hardware"});
  REQUIRE(all.exit_code == 0);
  CHECK(all.out.find("MI355X") != std::string::npos);
  CHECK(all.out.find("NVIDIA B300 SXM6 AC") != std::string::npos);

  const auto h100 = run_cli({"hardware", "h100", "--format", "json"});
  REQUIRE(h100.exit_code == 0);
  const Json j = Json::parse(h100.out);
  CHECK(j.at("shown") == 3);
  CHECK(j.at("accelerators").at(2).at("id") == "H100-NVL");
  CHECK(j.at("accelerators").at(2).at("peak_flop_per_s_dense").at("bf16").get<double>() == Approx(835.5e12));

  const auto exact = run_cli({"hardware", "NVIDIA GH200 144G HBM3e", "--format", "json"});
  REQUIRE(exact.exit_code == 0);
  CHECK(Json::parse(exact.out).at("accelerators").at(0).at("id") == "GH200");

  const auto none = run_cli({"hardware", "H2000"});
  CHECK(none.exit_code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find("no accelerator matches 'H2000'") != std::string::npos);
  CHECK(none.err.find("H200-SXM") != std::string::npos);  // close matches
}

TEST_CASE("catalogue file: a user entry with a shipped id replaces it, everywhere", "[cli][hardware][catalogue]") {
  const std::string file = temp_path("override.json");
  write_file(file, catalogue(kH100AtCap));
  const auto r = run_cli({"estimate", "--accelerator", "NVIDIA H100 80GB HBM3", "--accelerator-hours", "1M",
                          "--utilization", "0.5", "--precision", "bf16", "--format", "json", "--as-of", "2026-01-01",
                          "--catalogue", file});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json e = Json::parse(r.out);
  CHECK(e.at("compute").at("flop").get<double>() == Approx(1e6 * 3600 * 7e14 * 0.5));
  // The report says which catalogue was in force.
  CHECK(e.at("run").at("accelerator_catalogue").get<std::string>().find(file + " site-1") != std::string::npos);

  const auto listed = run_cli({"hardware", "H100-SXM", "--format", "json", "--catalogue", file});
  REQUIRE(listed.exit_code == 0);
  const Json h = Json::parse(listed.out).at("accelerators").at(0);
  CHECK(h.at("origin") == "user_override");
  CHECK(h.at("origin_file") == file);
  const auto text = run_cli({"hardware", "--catalogue", file});
  CHECK(text.out.find("yours: replaces shipped") != std::string::npos);
  fs::remove(file);
}

TEST_CASE("catalogue file: a new user entry is usable by assess, explain, estimate, audit and batch",
          "[cli][hardware][catalogue]") {
  const std::string file = temp_path("add.json"), card = temp_path("card.json");
  write_file(file, catalogue(kSiteChip));
  write_file(card, card_on("SITE X1 rev-b"));
  const std::vector<std::string> cat = {"--catalogue", file};
  // (arguments, what stdout shows when the user entry was used)
  for (const auto& [args, shows] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {with({"assess", card, "--format", "json"}, kFast), "Site-X1"},
           {with({"explain", card}, kFast), "Site-X1"},
           {with({"estimate", "--accelerator", "Site-X1", "--accelerator-hours", "1M"}, kFast), "Site-X1"},
           {with({"audit", card, "--format", "json"}, kFast), "Site-X1"},
           {with({"batch", card, "-q", "--strict"}, kFast), "threshold_status"},
           {{"hardware", "site"}, "Site-X1"}}) {
    DYNAMIC_SECTION(args.front()) {
      const auto with_file = run_cli(with(args, cat));
      INFO(with_file.err);
      CHECK(with_file.exit_code == 0);
      CHECK(with_file.out.find(shows) != std::string::npos);
      if (args.front() != "hardware") {
        const auto without = run_cli(args);  // the chip is not ours
        CHECK(without.exit_code == 2);
      }
    }
  }
  fs::remove(file);
  fs::remove(card);
}

TEST_CASE("catalogue file: a bad user file is a located input error (exit 2) for every command",
          "[cli][hardware][catalogue][bad_input]") {
  const std::string file = temp_path("bad.json"), card = temp_path("card-ok.json");
  std::string bad = kSiteChip;
  bad.replace(bad.find("\"bf16\": 4e14"), 12, "\"bf16\": -4e14");
  write_file(file, catalogue(bad));
  write_file(card, card_on("H100-SXM"));
  for (const auto& args : std::vector<std::vector<std::string>>{
           with({"assess", card}, kFast),
           with({"explain", card}, kFast),
           with({"estimate", "--params", "7B", "--tokens", "1T"}, kFast),
           with({"audit", card}, kFast),
           with({"batch", card}, kFast),
           {"hardware"}}) {
    DYNAMIC_SECTION(args.front()) {
      const auto r = run_cli(with(args, {"--catalogue", file}));
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.rfind("gpai-eval: error: " + file + ": /accelerators/0/peak_flop_per_s_dense/bf16", 0) == 0);
    }
  }
  // A name that also names a shipped entry: both are named.
  write_file(file, catalogue(R"({"id": "Site-H100", "vendor": "NVIDIA", "name": "our H100",
    "aliases": ["NVIDIA H100 80GB HBM3"], "default_precision": "bf16", "peak_flop_per_s_dense": {"bf16": 7e14},
    "source": "s"})"));
  const auto clash = run_cli({"hardware", "--catalogue", file});
  CHECK(clash.exit_code == 2);
  CHECK(clash.err.find(file + ": /accelerators/0/aliases/0") != std::string::npos);
  CHECK(clash.err.find("Site-H100") != std::string::npos);
  CHECK(clash.err.find("H100-SXM") != std::string::npos);
  // A missing file.
  const auto missing = run_cli({"hardware", "--catalogue", temp_path("does-not-exist.json")});
  CHECK(missing.exit_code == 2);
  fs::remove(file);
  fs::remove(card);
}
