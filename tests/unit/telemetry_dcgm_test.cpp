// dcgm-exporter CSV: hand-computed accelerator-seconds, activity, energy, and
// every fault class of the interval policy (docs/audit.md).
#include "catch.hpp"
#include "telemetry_support.hpp"

using gpai::ActivityMetric;
using namespace gpai::test;

TEST_CASE("dcgm csv: accelerator-seconds, activity and energy per type", "[telemetry][dcgm]") {
  // 3 GPUs sampled at 0, 10, 20 s: median interval 10 s, so each sample covers
  // 10 s (the last one a median interval): 30 s per GPU.
  const auto in = ingest_fixtures({"dcgm_basic.csv"});
  REQUIRE(in.telemetry);
  REQUIRE_FALSE(in.accounting);
  const auto& ev = *in.telemetry;
  CHECK(ev.files.at(0).format == "dcgm-csv");
  CHECK(ev.quality.rows_read == 9);
  CHECK(ev.quality.rows_rejected == 0);
  CHECK(ev.median_interval_seconds == 10);
  CHECK(ev.max_gap_seconds == 20);
  CHECK(ev.quality.mixed_types);
  CHECK(ev.absolute_time);

  const auto* h100 = usage_of(ev, "H100-SXM");
  const auto* a100 = usage_of(ev, "A100-SXM4-80GB");
  REQUIRE(h100);
  REQUIRE(a100);
  CHECK(h100->in_catalogue);
  CHECK(h100->devices == 2);
  CHECK(h100->total.accelerator_seconds == Approx(60));
  CHECK(a100->total.accelerator_seconds == Approx(30));
  // Tensor-active 0.5 on the H100s over 60 s, 0.25 on the A100.
  CHECK(h100->total.of(ActivityMetric::tensor_active).weighted_seconds == Approx(30));
  CHECK(*h100->total.of(ActivityMetric::tensor_active).mean() == Approx(0.5));
  CHECK(*a100->total.of(ActivityMetric::occupancy).mean() == Approx(0.5));  // 50 %
  CHECK(*h100->total.of(ActivityMetric::sm_active).mean() == Approx(0.9));
  // Power 700 W x 60 s; counters: 7e6 mJ per 10 s over 2 deltas per GPU,
  // scaled from the 20 s they cover to the 30 s counted.
  CHECK(h100->total.power_joules == Approx(42000));
  CHECK(h100->total.counter_joules == Approx(2 * 2 * 7000));
  CHECK(*h100->total.energy_joules() == Approx(2 * 21000));
  CHECK(*a100->total.energy_joules() == Approx(12000));
  // One UTC day window: 2025-03-01 is day 20148 since the epoch.
  REQUIRE(h100->windows.size() == 1);
  CHECK(h100->windows.begin()->first == 20148);
  CHECK(h100->first_time_s == Approx(20148.0 * 86400));
  CHECK(h100->last_time_s == Approx(20148.0 * 86400 + 30));
}

TEST_CASE("dcgm csv: duplicates, gaps, overlaps, resets, bad and truncated rows", "[telemetry][dcgm][faults]") {
  const auto in = ingest_fixtures({"dcgm_faults.csv"});
  const auto& ev = *in.telemetry;
  const auto& q = ev.quality;
  CHECK(q.rows_read == 12);
  CHECK(q.samples == 7);
  CHECK(q.duplicates == 1);  // line 4 repeats line 3
  CHECK(q.overlaps == 1);    // line 10 goes back to 00:01:00
  CHECK(q.gaps == 1);        // 00:00:30 -> 00:01:10 is 40 s > 2 x 10 s
  CHECK(q.gap_seconds_excluded == Approx(20));
  CHECK(q.counter_resets == 1);  // 50e6 mJ -> 3e6 mJ
  CHECK(q.truncated_last_lines == 1);
  REQUIRE(q.rows_rejected == 3);
  REQUIRE(q.rejected.size() == 3);
  CHECK(q.rejected[0].line == 5);
  CHECK(q.rejected[0].reason.find("abc") != std::string::npos);
  CHECK(q.rejected[1].line == 6);
  CHECK(q.rejected[1].reason.find("expected 9") != std::string::npos);
  CHECK(q.rejected[2].line == 13);  // the cut last line
  CHECK(ev.files.at(0).truncated_last_line);

  const auto* h100 = usage_of(ev, "H100-SXM");
  REQUIRE(h100);
  // 10 + 10 + 10 + 20 (gap capped) + 10 + 10 + 10 (last sample) = 80 s.
  CHECK(h100->total.accelerator_seconds == Approx(80));
  // Counter: 7000 J x 3 + 28000 J x 20/40 + 3000 J (since the reset) + 7000 J
  // over 70 s covered, scaled to 80 s.
  CHECK(h100->total.counter_joules == Approx(45000));
  CHECK(h100->total.counter_covered_seconds == Approx(70));
  CHECK(*h100->total.energy_joules() == Approx(45000.0 * 80 / 70));
}

TEST_CASE("dcgm csv: clock skew between hosts is reported, time is not changed", "[telemetry][dcgm][faults]") {
  const auto in = ingest_fixtures({"dcgm_skew.csv"});
  const auto& q = in.telemetry->quality;
  CHECK(q.clock_skew_events == 2);
  CHECK(q.max_clock_skew_seconds == Approx(5));
  REQUIRE(q.skewed_hosts.size() == 1);
  CHECK(q.skewed_hosts[0] == "n2");
  CHECK(in.telemetry->total().accelerator_seconds == Approx(60));
}

TEST_CASE("dcgm csv: gzip detected by magic bytes, same result as plain", "[telemetry][dcgm][gzip]") {
  const auto plain = ingest_fixtures({"dcgm_basic.csv"});
  const auto gz = ingest_fixtures({"dcgm_basic.csv.gz"});
  CHECK(gz.telemetry->files.at(0).gzip);
  CHECK_FALSE(plain.telemetry->files.at(0).gzip);
  CHECK(gz.telemetry->total().accelerator_seconds == plain.telemetry->total().accelerator_seconds);
  CHECK(gz.telemetry->quality.rows_read == plain.telemetry->quality.rows_read);
}

TEST_CASE("dcgm csv: a truncated gzip keeps the rows before the cut and says so", "[telemetry][dcgm][gzip]") {
  const auto in = ingest_fixtures({"dcgm_truncated.csv.gz"});
  const auto& q = in.telemetry->quality;
  CHECK(in.telemetry->files.at(0).truncated_last_line);
  CHECK(q.truncated_last_lines == 1);
  CHECK(q.rows_read > 0);
  bool reported = false;
  for (const auto& r : q.rejected) reported |= r.reason.find("gzip") != std::string::npos;
  CHECK(reported);
}

TEST_CASE("dcgm csv: files continue each other; overlapping exports do not double count", "[telemetry][dcgm]") {
  const auto twice = ingest_fixtures({"dcgm_basic.csv", "dcgm_basic.csv"});
  const auto once = ingest_fixtures({"dcgm_basic.csv"});
  CHECK(twice.telemetry->total().accelerator_seconds == Approx(once.telemetry->total().accelerator_seconds));
  CHECK(twice.telemetry->quality.overlaps + twice.telemetry->quality.duplicates == 9);
}

TEST_CASE("dcgm csv: windows split usage by UTC day", "[telemetry][dcgm]") {
  gpai::io::IngestOptions o;
  o.window_seconds = 15;  // 15 s windows: samples at 0 and 10 s in the first, 20 s in the second
  const auto in = ingest_fixtures({"dcgm_basic.csv"}, o);
  const auto* h100 = usage_of(*in.telemetry, "H100-SXM");
  REQUIRE(h100->windows.size() == 2);
  CHECK(h100->windows.begin()->second.accelerator_seconds == Approx(40));
  CHECK(h100->windows.rbegin()->second.accelerator_seconds == Approx(20));
}

TEST_CASE("log files that cannot be used are located input errors", "[telemetry][errors]") {
  CHECK_THROWS_AS(ingest_fixtures({"no_such_file.csv"}), gpai::InputError);
  try {
    ingest_fixtures({"sacct_steps.txt"}, [] {
      gpai::io::IngestOptions o;
      o.format = "dcgm-csv";
      return o;
    }());
    FAIL("expected an InputError");
  } catch (const gpai::InputError& e) {
    CHECK(e.where().line == 1);
    CHECK(e.where().file.find("sacct_steps.txt") != std::string::npos);
    CHECK(std::string(e.what()).find("timestamp") != std::string::npos);
  }
}
