// dcgm-exporter's Prometheus text exposition: one scrape is one sample per GPU.
#include "catch.hpp"
#include "telemetry_support.hpp"

using gpai::ActivityMetric;
using namespace gpai::test;

TEST_CASE("prometheus: scrapes with timestamps become samples per GPU", "[telemetry][prometheus]") {
  const auto in = ingest_fixtures({"prometheus_two_scrapes.prom"});
  const auto& ev = *in.telemetry;
  CHECK(ev.files.at(0).format == "prometheus");
  CHECK(ev.quality.rows_read == 14);
  CHECK(ev.quality.samples == 4);
  CHECK(ev.median_interval_seconds == Approx(30));
  const auto* h100 = usage_of(ev, "H100-SXM");
  REQUIRE(h100);
  CHECK(h100->total.accelerator_seconds == Approx(120));  // 2 GPUs x (30 + 30) s
  CHECK(*h100->total.of(ActivityMetric::tensor_active).mean() == Approx(0.45));
  CHECK(*h100->total.of(ActivityMetric::occupancy).mean() == Approx(0.95));
  CHECK(h100->total.power_joules == Approx((650.5 + 600) * 60));
  CHECK(h100->first_time_s == Approx(1740787200.0));
  CHECK(ev.quality.metrics_logged[0]);
}

TEST_CASE("prometheus: a vGPU scrape has no profiling metrics", "[telemetry][prometheus][vgpu]") {
  gpai::io::IngestOptions o;
  o.sample_interval_seconds = 30;
  const auto in = ingest_fixtures({"prometheus_vgpu.prom"}, o);
  const auto& ev = *in.telemetry;
  CHECK_FALSE(ev.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::tensor_active)]);
  CHECK_FALSE(ev.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::sm_active)]);
  CHECK(ev.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::occupancy)]);
  CHECK_FALSE(ev.quality.power_logged);
  const auto* grid = usage_of(ev, "GRID A100-40C");  // a vGPU profile, not in the catalogue
  REQUIRE(grid);
  CHECK_FALSE(grid->in_catalogue);
  CHECK(grid->total.accelerator_seconds == Approx(30));
  // Without a sample interval a single scrape covers no known time.
  const auto bare = ingest_fixtures({"prometheus_vgpu.prom"});
  CHECK(bare.telemetry->total().accelerator_seconds == 0);
}
