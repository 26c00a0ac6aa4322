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
  using gpai::io::LogFormat;
  using gpai::io::detect_log_format;
  CHECK(detect_log_format("JobID|JobName|Start\n") == LogFormat::sacct);
  CHECK(detect_log_format("timestamp,Hostname,gpu,DCGM_FI_DEV_GPU_UTIL\n") == LogFormat::dcgm_csv);
  CHECK(detect_log_format("# HELP DCGM_FI_DEV_SM_CLOCK x\n") == LogFormat::prometheus);
  CHECK(detect_log_format("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 1\n") == LogFormat::prometheus);
  CHECK(detect_log_format("#Entity   SMACT\n") == LogFormat::dcgmi_dmon);
  CHECK(detect_log_format("\nindex, timestamp, utilization.gpu [%]\n") == LogFormat::nvidia_smi);
  CHECK(detect_log_format("t_s,util_pct\n") == LogFormat::automatic);
  CHECK(gpai::io::parse_log_format("dmon") == LogFormat::dcgmi_dmon);
  CHECK_FALSE(gpai::io::parse_log_format("xml"));
}
