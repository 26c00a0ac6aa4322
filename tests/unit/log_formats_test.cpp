// The log-format registry: every format it lists can be named, detected and
// read, with a fixture to show it, so a format added without one fails here.
#include <fstream>
#include <iterator>
#include <map>

#include "catch.hpp"
#include "logs/log_formats.hpp"
#include "telemetry_support.hpp"

using namespace gpai::test;

namespace {

struct Sample {
  std::string fixture;
  std::string columns;  // --columns, for formats chosen by it
};

// One sample log per registered format.
const std::map<std::string, Sample>& samples() {
  static const std::map<std::string, Sample> s = {
      {"sacct", {"sacct_steps.txt", ""}},
      {"dcgm-csv", {"dcgm_basic.csv", ""}},
      {"prometheus", {"prometheus_two_scrapes.prom", ""}},
      {"nvidia-smi", {"nvidia_smi_units.csv", ""}},
      {"dcgmi-dmon", {"dmon_two_gpus.log", ""}},
      {"csv", {"probe_shape.csv", "time=t_s,util=util_pct,util-kind=occupancy,power=power_w"}},
  };
  return s;
}

std::string head_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.substr(0, 4096);
}

}  // namespace

TEST_CASE("every registered log format has a name, a detector, a reader and a fixture it detects",
          "[telemetry][formats]") {
  const auto registry = gpai::io::logs::log_format_registry();
  REQUIRE(registry.size() == gpai::io::log_format_names().size());
  for (const auto& e : registry) {
    INFO("format " << e.name);
    CHECK_FALSE(e.name.empty());
    CHECK(e.name != gpai::io::kAutomaticLogFormat);
    REQUIRE(e.detect != nullptr);
    REQUIRE(e.read != nullptr);
    CHECK(gpai::io::parse_log_format(e.name) == e.name);
    const auto sample = samples().find(std::string(e.name));
    REQUIRE(sample != samples().end());
    gpai::io::IngestOptions o;
    if (!sample->second.columns.empty()) o.columns = gpai::io::parse_column_mapping(sample->second.columns);
    CHECK(gpai::io::detect_log_format(head_of(log_fixture(sample->second.fixture)), o) == e.name);
    // The detected format reads it into rows, as the evidence kind says.
    o.sample_interval_seconds = 1;  // dmon has no timestamps
    o.accelerator = "H100-SXM";
    const auto in = ingest_fixtures({sample->second.fixture}, o);
    const auto& ev = e.kind == gpai::EvidenceKind::accounting ? in.accounting : in.telemetry;
    REQUIRE(ev);
    CHECK(ev->files.at(0).format == e.name);
    CHECK(ev->quality.rows_read > 0);
  }
}

TEST_CASE("messages list the registry's formats", "[telemetry][formats]") {
  CHECK(gpai::io::log_format_choices(" or ") == "auto, sacct, dcgm-csv, prometheus, nvidia-smi, dcgmi-dmon or csv");
  CHECK(gpai::io::logs::unrecognised_format_hint() ==
        "give --log-format (sacct, dcgm-csv, prometheus, nvidia-smi, dcgmi-dmon) or --columns for a generic CSV "
        "(sacct needs --parsable2)");
  try {
    ingest_fixtures({"probe_shape.csv"});
    FAIL("expected an InputError");
  } catch (const gpai::InputError& e) {
    CHECK(e.where().line == 1);
    CHECK_THAT(e.what(), Catch::Contains("log format not recognised from its first line") &&
                             Catch::Contains(gpai::io::logs::unrecognised_format_hint()));
  }
}
