// nvidia-smi --query-gpu CSV, with and without units in the values.
#include "catch.hpp"
#include "telemetry_support.hpp"

using gpai::ActivityMetric;
using namespace gpai::test;

TEST_CASE("nvidia-smi csv with units: ' %', ' W', [N/A]", "[telemetry][nvidia-smi]") {
  const auto in = ingest_fixtures({"nvidia_smi_units.csv"});
  const auto& ev = *in.telemetry;
  CHECK(ev.files.at(0).format == "nvidia-smi");
  CHECK(ev.quality.rows_read == 6);
  CHECK(ev.quality.rows_rejected == 0);
  CHECK(ev.quality.missing_values == 2);
  CHECK(ev.absolute_time);
  const auto* h100 = usage_of(ev, "H100-SXM");  // "NVIDIA H100 80GB HBM3"
  REQUIRE(h100);
  CHECK(h100->devices == 2);
  // Two GPUs, samples 5 s apart at 10, 15, 20 s: 15 s each.
  CHECK(h100->total.accelerator_seconds == Approx(30));
  // utilization.gpu is occupancy: (0.99 + 1.0 + 0.5) x 5 s on GPU 0, and
  // 1.0 x 10 s on GPU 1 (one [N/A]).
  const auto& occ = h100->total.of(ActivityMetric::occupancy);
  CHECK(occ.covered_seconds == Approx(25));
  CHECK(occ.weighted_seconds == Approx(12.45 + 10));
  CHECK(h100->total.of(ActivityMetric::tensor_active).covered_seconds == 0);
  CHECK(h100->total.power_joules == Approx((345.5 + 346.5 + 200) * 5 + 350 * 10));
  CHECK(h100->total.power_covered_seconds == Approx(25));
  // 2020/11/12 13:48:10 UTC
  CHECK(h100->first_time_s == Approx(1605188890.0));
}

TEST_CASE("nvidia-smi csv without units; out-of-range readings are rejected", "[telemetry][nvidia-smi]") {
  const auto in = ingest_fixtures({"nvidia_smi_nounits.csv"});
  const auto& ev = *in.telemetry;
  const auto* pcie = usage_of(ev, "H100-PCIe");
  REQUIRE(pcie);
  REQUIRE(ev.quality.rows_rejected == 1);
  CHECK(ev.quality.rejected[0].line == 4);
  CHECK(ev.quality.rejected[0].reason.find("101") != std::string::npos);
  // Samples at 10, 15 and 25 s: the median of the intervals {5, 10} is taken
  // as the upper one, 10 s: 5 + 10 + 10 (last sample) = 25 s.
  CHECK(ev.median_interval_seconds == Approx(10));
  CHECK(pcie->total.accelerator_seconds == Approx(25));
}

TEST_CASE("nvidia-smi logs of different files without UUIDs are different GPUs", "[telemetry][nvidia-smi]") {
  const auto in = ingest_fixtures({"nvidia_smi_nounits.csv", "nvidia_smi_nounits.csv"});
  CHECK(in.telemetry->quality.overlaps == 0);
  CHECK(in.telemetry->total().accelerator_seconds == Approx(50));
}
