// gpai-eval audit and synth-logs end to end: the stable JSON keys, byte-
// identical reruns, exit codes, and a generated log audited back to its
// ground truth.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "cli_runner.hpp"

using gpai::test::run_cli;
using Json = nlohmann::json;

namespace {
const std::string kLogs = "tests/fixtures/logs/";
const std::vector<std::string> kFast = {"--as-of", "2026-01-01", "--samples", "2000", "--format", "json"};

std::vector<std::string> args(std::vector<std::string> a) {
  a.insert(a.end(), kFast.begin(), kFast.end());
  return a;
}
}  // namespace

TEST_CASE("audit json: the stable contract keys", "[cli][audit]") {
  const auto r = run_cli(args({"audit", kLogs + "card_audit.json", "--logs", kLogs + "dcgm_basic.csv",
                               kLogs + "dcgm_faults.csv"}));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  CHECK(j.at("schema") == "gpai-eval/audit/1");
  CHECK(j.at("claim").at("flop") == 1e16);
  for (const char* k : {"flop", "p05", "p95"}) CHECK(j.at("recomputed").at(k).is_number());
  CHECK(j.at("recomputed").at("method") == "logs_telemetry");
  REQUIRE(j.at("recomputed").at("methods").is_array());
  std::vector<std::string> methods;
  for (const auto& m : j.at("recomputed").at("methods")) {
    methods.push_back(m.at("method"));
    for (const char* k : {"flop", "p05", "p95"}) CHECK(m.at(k).is_number());
  }
  for (const char* m : {"architecture_6nd", "hardware_card", "logs_telemetry", "activity_tensor_active",
                        "activity_occupancy", "energy", "cost"}) {
    CHECK(std::find(methods.begin(), methods.end(), m) != methods.end());
  }
  REQUIRE(j.at("findings").is_array());
  for (const auto& f : j.at("findings")) {
    CHECK(f.at("id").is_string());
    CHECK(f.at("severity").is_string());
    CHECK(f.at("message").is_string());
  }
  CHECK(j.at("logs").at("rows_read") == 9 + 12);
  CHECK(j.at("logs").at("rows_rejected") == 3);
  CHECK(j.at("logs").at("accelerator_hours").at("H100-SXM").get<double>() > 0);
  CHECK(j.at("logs").at("accelerator_hours").contains("A100-SXM4-80GB"));
  CHECK(j.at("projection").contains("threshold_crossing_date"));
  CHECK(j.at("projection").contains("notification_deadline"));
  // The rejected rows are listed with their line numbers.
  const auto& rejected = j.at("logs").at("telemetry").at("rejected");
  REQUIRE(rejected.size() == 3);
  CHECK(rejected[0].at("line") == 5);
}

TEST_CASE("audit: same inputs and seed, same bytes", "[cli][audit]") {
  const auto a = args({"audit", kLogs + "card_audit.json", "--logs", kLogs + "nvidia_smi_units.csv"});
  const auto r1 = run_cli(a), r2 = run_cli(a);
  REQUIRE(r1.exit_code == 0);
  CHECK(r1.out == r2.out);
}

TEST_CASE("audit: job accounting, gzip and text output", "[cli][audit]") {
  const auto r = run_cli({"audit", "--logs", kLogs + "sacct_steps.txt", kLogs + "dcgm_basic.csv.gz", "--accelerator",
                          "H100-SXM", "--as-of", "2026-01-01", "--samples", "2000"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Projection") != std::string::npos);
  CHECK(r.out.find("job_steps_not_added") != std::string::npos);
  CHECK(r.out.find("accounting_telemetry_disagree") != std::string::npos);
  CHECK(r.out.find("(dcgm-csv, gzip)") != std::string::npos);
}

TEST_CASE("audit: bad usage and unusable input exit 2 with a message", "[cli][audit]") {
  auto fails = [](const std::vector<std::string>& a, const std::string& says) {
    const auto r = run_cli(a);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(says) != std::string::npos);
  };
  fails({"audit"}, "give a model card");
  fails({"audit", "--logs", kLogs + "nope.csv"}, "nope.csv");
  fails({"audit", "--logs", kLogs + "dcgm_basic.csv", "--log-format", "xml"}, "--log-format");
  fails({"audit", "--logs", kLogs + "dmon_two_gpus.log"}, "--sample-interval");
  fails({"audit", "--logs", kLogs + "probe_shape.csv"}, "not recognised");
  fails({"audit", "--logs", kLogs + "probe_shape.csv", "--columns", "gpu=x"}, "time= is required");
  fails({"audit", "--logs", kLogs + "dcgm_basic.csv", "--tolerance", "0.5"}, "--tolerance");
  const std::string bad = "/tmp/gpai_audit_bad_card.json";
  gpai::test::write_file(bad, R"({"schema": "gpai-eval/model-card/1", "name": "x",
    "training": {"start": "yesterday", "phases": []}})");
  fails({"audit", bad}, "/training/start");
  std::remove(bad.c_str());
}

TEST_CASE("synth-logs then audit recovers the generated accelerator time", "[cli][audit][synth]") {
  const std::string out = "/tmp/gpai_synth_cli_test.csv";
  const auto g = run_cli({"synth-logs", "--format", "dcgm-csv", "--hosts", "2", "--gpus-per-host", "4", "--duration",
                          "2h", "--faults", "gaps=0.01,duplicates=0.01,bad-rows=0.01,resets=0.01,skew=30,mixed",
                          "--out", out});
  REQUIRE(g.exit_code == 0);
  const Json truth = Json::parse(g.err);
  const auto r = run_cli(args({"audit", "--logs", out}));
  REQUIRE(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  double hours = 0;
  for (const auto& [k, v] : j.at("logs").at("accelerator_hours").items()) hours += v.get<double>();
  CHECK(hours == Approx(truth.at("expected_accelerator_hours").get<double>()).epsilon(1e-4));
  const auto& q = j.at("logs").at("telemetry").at("quality");
  CHECK(q.at("rows_rejected") == truth.at("bad_rows"));
  CHECK(q.at("telemetry").at("duplicates") == truth.at("duplicates"));
  CHECK(q.at("telemetry").at("energy_counter_resets") == truth.at("counter_resets"));
  CHECK(q.at("telemetry").at("clock_skew_events").get<int>() > 0);
  std::remove(out.c_str());
}

namespace {
bool has_finding(const Json& j, const std::string& id, const std::string& text) {
  for (const auto& f : j.at("findings")) {
    if (f.at("id") == id && f.at("message").get<std::string>().find(text) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("audit: logs alone, typed GRES mapped by --accelerator or --gres-alias, and the report says which",
          "[cli][audit][gres]") {
  const auto by_default = run_cli(args({"audit", "--logs", kLogs + "sacct_typed_gres.txt", "--accelerator", "H100-SXM"}));
  INFO(by_default.err);
  REQUIRE(by_default.exit_code == 0);
  const Json a = Json::parse(by_default.out);
  CHECK(a.at("recomputed").at("method") == "logs_accounting");
  CHECK(a.at("logs").at("accelerator_hours").at("H100-SXM").get<double>() == Approx(168));
  CHECK(has_finding(a, "accelerator_mapped", "GRES type 'h100' is not a catalogue name: counted as H100-SXM (source: --accelerator)"));
  CHECK(has_finding(a, "gres_type_not_mapped", "'a100'"));
  const auto by_alias = run_cli(args({"audit", "--logs", kLogs + "sacct_typed_gres.txt", "--gres-alias", "h100=H100-SXM",
                                      "--gres-alias", "a100=A100-SXM4-80GB"}));
  REQUIRE(by_alias.exit_code == 0);
  const Json b = Json::parse(by_alias.out);
  CHECK(b.at("recomputed").at("method") == "logs_accounting");
  CHECK(b.at("logs").at("accelerator_hours").at("H100-SXM").get<double>() == Approx(160));
  CHECK(b.at("logs").at("accelerator_hours").at("A100-SXM4-80GB").get<double>() == Approx(2));
  CHECK(has_finding(b, "accelerator_mapped", "(source: --gres-alias h100=H100-SXM)"));
  // Text output names the source too.
  const auto text = run_cli({"audit", "--logs", kLogs + "sacct_typed_gres.txt", "--gres-alias", "h100=H100-SXM",
                             "--as-of", "2026-01-01", "--samples", "2000"});
  CHECK(text.out.find("[info] accelerator_mapped: GRES type 'h100' is counted as H100-SXM (source: --gres-alias") !=
        std::string::npos);
  CHECK(text.out.find("no method had enough evidence") == std::string::npos);
}

TEST_CASE("audit: a --gres-alias that is malformed or names no catalogue chip is a usage error", "[cli][audit][gres]") {
  const auto unknown = run_cli(args({"audit", "--logs", kLogs + "sacct_typed_gres.txt", "--gres-alias", "h100=H100-SMX"}));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.empty());
  CHECK(unknown.err.find("'H100-SMX' is not in the accelerator catalogue (close: H100-SXM") != std::string::npos);
  CHECK(unknown.err.find("gpai-eval hardware") != std::string::npos);
  const auto malformed = run_cli(args({"audit", "--logs", kLogs + "sacct_typed_gres.txt", "--gres-alias", "h100"}));
  CHECK(malformed.exit_code == 2);
  CHECK(malformed.err.find("TYPE=ACCELERATOR") != std::string::npos);
}

TEST_CASE("audit: a log with a header and no rows is a warning, in the report and on stderr", "[cli][audit][empty]") {
  const auto text = run_cli({"audit", "--logs", kLogs + "sacct_header_only.txt", kLogs + "dcgm_header_only.csv",
                             "--as-of", "2026-01-01", "--samples", "2000"});
  INFO(text.err);
  CHECK(text.exit_code == 0);
  for (const char* file : {"sacct_header_only.txt (sacct)", "dcgm_header_only.csv (dcgm-csv)"}) {
    CHECK(text.err.find(std::string("gpai-eval: warning: ") + kLogs + file + ": no data rows were read") !=
          std::string::npos);
    CHECK(text.out.find(std::string("[warning] log_without_rows: ") + kLogs + file) != std::string::npos);
  }
  const auto json = run_cli(args({"audit", "--logs", kLogs + "sacct_header_only.txt"}));
  CHECK(json.exit_code == 0);
  CHECK(has_finding(Json::parse(json.out), "log_without_rows", "sacct_header_only.txt"));
  // An empty file stays an error: there is nothing to audit in it.
  const std::string empty = "/tmp/gpai_audit_empty_log.csv";
  gpai::test::write_file(empty, "");
  const auto e = run_cli({"audit", "--logs", empty});
  CHECK(e.exit_code == 2);
  CHECK(e.err.find("empty log file") != std::string::npos);
  std::remove(empty.c_str());
}

TEST_CASE("audit: a byte order mark before the sacct header is not part of JobID", "[cli][audit][bom]") {
  const auto r = run_cli(args({"audit", "--logs", kLogs + "sacct_bom.txt", "--accelerator", "H100-SXM"}));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out).at("logs").at("accelerator_hours").at("H100-SXM").get<double>() == Approx(8));
}
