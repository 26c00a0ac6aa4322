// dcgmi dmon fixed-width output: repeated headers, N/A, no timestamps.
#include "catch.hpp"
#include "telemetry_support.hpp"

using gpai::ActivityMetric;
using namespace gpai::test;

TEST_CASE("dcgmi dmon: rows at k x --sample-interval, headers skipped, N/A counted", "[telemetry][dmon]") {
  gpai::io::IngestOptions o;
  o.sample_interval_seconds = 1.0;
  const auto in = ingest_fixtures({"dmon_two_gpus.log"}, o);
  const auto& ev = *in.telemetry;
  const auto& q = ev.quality;
  CHECK(ev.files.at(0).format == "dcgmi-dmon");
  CHECK(ev.files.at(0).relative_time);
  CHECK_FALSE(ev.absolute_time);
  CHECK(q.rows_read == 8);
  CHECK(q.header_repeats == 1);
  CHECK(q.missing_values == 3);
  REQUIRE(q.rows_rejected == 2);
  CHECK(q.rejected[0].line == 11);
  CHECK(q.rejected[1].line == 12);
  // dmon names no accelerator: the type is unspecified.
  const auto* u = usage_of(ev, "");
  REQUIRE(u);
  CHECK(u->devices == 2);
  // Three accepted samples per GPU, 1 s each.
  CHECK(u->total.accelerator_seconds == Approx(6));
  const auto& tensor = u->total.of(ActivityMetric::tensor_active);
  CHECK(tensor.covered_seconds == Approx(4));
  CHECK(tensor.weighted_seconds == Approx(2.2));
  CHECK(u->total.of(ActivityMetric::sm_active).covered_seconds == Approx(5));
  CHECK(*u->total.of(ActivityMetric::occupancy).mean() == Approx(1.0));
  CHECK(u->total.power_joules == Approx(300 * 3 + 310 * 3));
}

TEST_CASE("dcgmi dmon: --accelerator names the chip; no interval is a usage error", "[telemetry][dmon]") {
  gpai::io::IngestOptions o;
  o.sample_interval_seconds = 0.1;
  o.accelerator = "NVIDIA H100 PCIe";
  const auto in = ingest_fixtures({"dmon_two_gpus.log"}, o);
  const auto* u = usage_of(*in.telemetry, "H100-PCIe");
  REQUIRE(u);
  CHECK(u->total.accelerator_seconds == Approx(0.6));
  CHECK_THROWS_AS(ingest_fixtures({"dmon_two_gpus.log"}), gpai::UsageError);
}
