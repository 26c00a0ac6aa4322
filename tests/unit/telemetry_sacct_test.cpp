// Slurm sacct --parsable2: steps never double count, typed GRES, failed and
// cancelled jobs tallied, duplicates and requeues.
#include "catch.hpp"
#include "telemetry_support.hpp"

using namespace gpai::test;

TEST_CASE("sacct: job allocations count, steps do not", "[telemetry][sacct]") {
  gpai::io::IngestOptions o;
  o.accelerator = "H100-SXM";  // for the untyped gres/gpu=N
  const auto in = ingest_fixtures({"sacct_steps.txt"}, o);
  REQUIRE(in.accounting);
  REQUIRE_FALSE(in.telemetry);
  const auto& ev = *in.accounting;
  const auto& q = ev.quality;
  CHECK(ev.files.at(0).format == "sacct");
  CHECK(q.rows_read == 14);
  CHECK(q.jobs == 5);               // 100, 101, 102, 105 twice
  CHECK(q.job_steps_skipped == 5);  // 100.batch, 100.extern, 100.0, 101.batch, 107.0
  CHECK(q.orphan_steps == 1);       // 107.0 without job 107
  CHECK(q.duplicate_jobs == 1);     // job 100 listed twice
  CHECK(q.restarts == 1);           // job 105 requeued and run again
  CHECK(q.failed_jobs == 2);        // 101 FAILED, 105 REQUEUED
  CHECK(q.cancelled_jobs == 1);     // 102
  CHECK(q.jobs_without_gpus == 1);  // 103
  REQUIRE(q.rows_rejected == 1);
  CHECK(q.rejected[0].line == 14);
  CHECK(q.rejected[0].reason.find("xx:yy") != std::string::npos);
  CHECK(q.failed_accelerator_seconds == Approx(4 * 6 * 3600 + 8 * 3600));
  CHECK(q.cancelled_accelerator_seconds == Approx(2 * 26 * 3600));

  // Untyped: 8 GPUs x (10 h + 1 h + 2 h) = 104 GPU-hours on the --accelerator.
  const auto* h100 = usage_of(ev, "H100-SXM");
  REQUIRE(h100);
  CHECK(h100->total.accelerator_seconds == Approx(104 * 3600));
  // Typed GRES names the catalogue does not know are kept as logged.
  const auto* typed = usage_of(ev, "h100");
  REQUIRE(typed);
  CHECK_FALSE(typed->in_catalogue);
  CHECK(typed->total.accelerator_seconds == Approx(4 * 6 * 3600));
  // Job 101 runs 22:00-04:00: 2 h on 1 March, 4 h on 2 March.
  REQUIRE(typed->windows.size() == 2);
  CHECK(typed->windows.begin()->second.accelerator_seconds == Approx(4 * 2 * 3600));
  CHECK(typed->windows.rbegin()->second.accelerator_seconds == Approx(4 * 4 * 3600));
  const auto* a100 = usage_of(ev, "a100");
  REQUIRE(a100);
  CHECK(a100->total.accelerator_seconds == Approx(2 * 26 * 3600));  // 1-02:00:00
  CHECK(ev.quality.mixed_types);
}

TEST_CASE("sacct: without --accelerator untyped GPUs stay unspecified", "[telemetry][sacct]") {
  const auto in = ingest_fixtures({"sacct_steps.txt"});
  const auto* untyped = usage_of(*in.accounting, "");
  REQUIRE(untyped);
  CHECK(untyped->total.accelerator_seconds == Approx(104 * 3600));
}

TEST_CASE("sacct: the human-readable table is refused with a hint", "[telemetry][sacct]") {
  const std::string path = "/tmp/gpai_sacct_table_test.txt";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("JobID           AllocTRES      State    Elapsed\n"
               "------------ ---------- ---------- ----------\n"
               "43300846     gres/gpu=8    RUNNING   00:08:33\n", f);
    std::fclose(f);
  }
  try {
    gpai::io::ingest_logs({path}, {}, shipped_catalogue());
    FAIL("expected an InputError");
  } catch (const gpai::InputError& e) {
    CHECK(std::string(e.what()).find("--parsable2") != std::string::npos);
  }
  std::remove(path.c_str());
}
