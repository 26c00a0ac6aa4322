// Generic CSV with a --columns mapping, and the mapping's own validation.
#include "catch.hpp"
#include "telemetry_support.hpp"

using gpai::ActivityMetric;
using namespace gpai::test;

TEST_CASE("generic csv: the NVML probe shape with relative seconds", "[telemetry][generic]") {
  gpai::io::IngestOptions o;
  o.columns = gpai::io::parse_column_mapping("time=t_s,util=util_pct,util-kind=occupancy,power=power_w");
  o.accelerator = "NVIDIA H100 PCIe";
  const auto in = ingest_fixtures({"probe_shape.csv"}, o);
  const auto& ev = *in.telemetry;
  CHECK(ev.files.at(0).format == "csv");
  CHECK(ev.files.at(0).relative_time);
  const auto* u = usage_of(ev, "H100-PCIe");
  REQUIRE(u);
  // 10 samples 0.1001 s apart: 9 intervals + one median interval.
  CHECK(u->total.accelerator_seconds == Approx(1.001));
  CHECK(*u->total.of(ActivityMetric::occupancy).mean() == Approx(1.0));  // percent scale
  CHECK(u->total.power_joules == Approx(3450 * 0.1001));
}

TEST_CASE("generic csv: --log-start anchors relative times on the calendar", "[telemetry][generic]") {
  gpai::io::IngestOptions o;
  o.columns = gpai::io::parse_column_mapping("time=t_s,occupancy=util_pct");
  o.log_start_unix_s = 1740787200.0;
  const auto in = ingest_fixtures({"probe_shape.csv"}, o);
  CHECK(in.telemetry->absolute_time);
  CHECK(in.telemetry->first_time_s().value() == Approx(1740787200.0));
}

TEST_CASE("column mapping: keys, units and errors", "[telemetry][generic]") {
  const auto m = gpai::io::parse_column_mapping(
      "time=ts, gpu=id, accelerator=model, util=tensor, util-kind=tensor_active, energy=e, energy-unit=kWh, time-unit=ms");
  CHECK(m.time == "ts");
  CHECK(m.activity.at(ActivityMetric::tensor_active) == "tensor");
  CHECK(m.energy_joules_per_unit == Approx(3.6e6));
  CHECK(m.time_seconds_per_unit == Approx(1e-3));
  CHECK_THROWS_AS(gpai::io::parse_column_mapping("gpu=id"), gpai::UsageError);               // no time
  CHECK_THROWS_AS(gpai::io::parse_column_mapping("time=t,util=u"), gpai::UsageError);        // no kind
  CHECK_THROWS_AS(gpai::io::parse_column_mapping("time=t,colour=blue"), gpai::UsageError);   // unknown key
  CHECK_THROWS_AS(gpai::io::parse_column_mapping("time=t,util=u,util-kind=mfu"), gpai::UsageError);
}

TEST_CASE("generic csv: a mapped column missing from the header is an input error", "[telemetry][generic]") {
  gpai::io::IngestOptions o;
  o.columns = gpai::io::parse_column_mapping("time=t_s,power=watts");
  CHECK_THROWS_AS(ingest_fixtures({"probe_shape.csv"}, o), gpai::InputError);
}

TEST_CASE("format detection from the first line", "[telemetry]") {
  using gpai::io::detect_log_format;
  CHECK(detect_log_format("JobID|JobName|Start\n") == "sacct");
  CHECK(detect_log_format("timestamp,Hostname,gpu,DCGM_FI_DEV_GPU_UTIL\n") == "dcgm-csv");
  CHECK(detect_log_format("# HELP DCGM_FI_DEV_SM_CLOCK x\n") == "prometheus");
  CHECK(detect_log_format("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 1\n") == "prometheus");
  // Commas and bars in labels do not make a sample line a CSV or sacct header.
  CHECK(detect_log_format("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-a\"} 1\n") == "prometheus");
  CHECK(detect_log_format("DCGM_FI_DEV_GPU_UTIL{JobID=\"1|2\"} 1\n") == "prometheus");
  CHECK(detect_log_format("#Entity   SMACT\n") == "dcgmi-dmon");
  CHECK(detect_log_format("\nindex, timestamp, utilization.gpu [%]\n") == "nvidia-smi");
  // A comment is skipped; the first line that is not one decides.
  CHECK(detect_log_format("# exported by cron\nJobID|State\n") == "sacct");
  CHECK(detect_log_format("# JobID|State\nt_s,util_pct\n").empty());
  CHECK(detect_log_format("t_s,util_pct\n").empty());
  gpai::io::IngestOptions mapped;
  mapped.columns = gpai::io::parse_column_mapping("time=t_s");
  CHECK(detect_log_format("t_s,util_pct\n", mapped) == "csv");
  CHECK(detect_log_format("# only a comment\n", mapped) == "csv");
  CHECK(detect_log_format("JobID|State\n", mapped) == "sacct");  // --columns does not override content
  CHECK(gpai::io::parse_log_format("dmon") == "dcgmi-dmon");
  CHECK(gpai::io::parse_log_format("PROM") == "prometheus");
  CHECK(gpai::io::parse_log_format("generic-csv") == "csv");
  CHECK(gpai::io::parse_log_format("auto") == "auto");
  CHECK_FALSE(gpai::io::parse_log_format("xml"));
}

TEST_CASE("an unknown --log-format given to the library is a usage error", "[telemetry]") {
  gpai::io::IngestOptions o;
  o.format = "xml";
  CHECK_THROWS_WITH(ingest_fixtures({"dcgm_basic.csv"}, o),
                    "--log-format: expected auto, sacct, dcgm-csv, prometheus, nvidia-smi, dcgmi-dmon or csv");
}
