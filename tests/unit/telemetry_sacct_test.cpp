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

  // Untyped: 8 GPUs x (10 h + 1 h + 2 h) = 104 GPU-hours on the --accelerator,
  // and the typed "h100" (not a catalogue name, but H100-SXM's): 4 x 6 h.
  const auto* h100 = usage_of(ev, "H100-SXM");
  REQUIRE(h100);
  CHECK(h100->in_catalogue);
  CHECK(h100->total.accelerator_seconds == Approx((104 + 24) * 3600));
  CHECK(h100->names_logged == std::vector<std::string>{"H100-SXM", "h100"});
  // Job 100 on 1 March 00-10 h (80 h); job 101 22:00-04:00: 2 h x 4 on
  // 1 March, 4 h x 4 on 2 March; job 105 on 3 March (24 h).
  REQUIRE(h100->windows.size() == 3);
  CHECK(h100->windows.begin()->second.accelerator_seconds == Approx((80 + 8) * 3600));
  CHECK(std::next(h100->windows.begin())->second.accelerator_seconds == Approx(16 * 3600));
  CHECK_FALSE(usage_of(ev, "h100"));
  // "a100" names another chip than the --accelerator: kept as logged.
  const auto* a100 = usage_of(ev, "a100");
  REQUIRE(a100);
  CHECK_FALSE(a100->in_catalogue);
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

namespace {
// sacct_typed_gres.txt: job 300 gres/gpu:h100=16 x 10 h (its step is not
// added), 301 gres/gpu:prodgpu=4 x 2 h, 302 gres/gpu:a100=2 x 1 h.
bool has_note(const gpai::LogEvidence& e, const std::string& id, const std::string& text) {
  for (const auto& n : e.notes) {
    if (n.id == id && n.message.find(text) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("sacct: typed GRES stays as logged without an option", "[telemetry][sacct][gres]") {
  const auto in = ingest_fixtures({"sacct_typed_gres.txt"});
  const auto& ev = *in.accounting;
  for (const char* type : {"h100", "prodgpu", "a100"}) {
    const auto* u = usage_of(ev, type);
    REQUIRE(u);
    CHECK_FALSE(u->in_catalogue);
  }
  CHECK(ev.notes.empty());
}

TEST_CASE("sacct: --accelerator maps typed GRES that are not catalogue names", "[telemetry][sacct][gres]") {
  gpai::io::IngestOptions o;
  o.accelerator = "H100-SXM";
  const auto in = ingest_fixtures({"sacct_typed_gres.txt"}, o);
  const auto& ev = *in.accounting;
  // h100 (H100-SXM's own short name) and prodgpu (no chip's name): 160 + 8 h.
  const auto* h100 = usage_of(ev, "H100-SXM");
  REQUIRE(h100);
  CHECK(h100->in_catalogue);
  CHECK(h100->total.accelerator_seconds == Approx(168 * 3600));
  CHECK(h100->names_logged == std::vector<std::string>{"h100", "prodgpu"});
  CHECK(has_note(ev, "accelerator_mapped", "GRES type 'h100' is not a catalogue name: counted as H100-SXM (source: --accelerator)"));
  CHECK(has_note(ev, "accelerator_mapped", "'prodgpu'"));
  // a100 names another chip: --accelerator does not claim it, and says so.
  const auto* a100 = usage_of(ev, "a100");
  REQUIRE(a100);
  CHECK_FALSE(a100->in_catalogue);
  CHECK(a100->total.accelerator_seconds == Approx(2 * 3600));
  CHECK(has_note(ev, "gres_type_not_mapped", "--gres-alias a100="));
}

TEST_CASE("sacct: --accelerator of another chip does not claim a GRES type naming one", "[telemetry][sacct][gres]") {
  gpai::io::IngestOptions o;
  o.accelerator = "H200-SXM";
  const auto in = ingest_fixtures({"sacct_typed_gres.txt"}, o);
  const auto& ev = *in.accounting;
  REQUIRE(usage_of(ev, "h100"));
  CHECK(usage_of(ev, "H200-SXM")->total.accelerator_seconds == Approx(8 * 3600));  // prodgpu only
  CHECK(has_note(ev, "gres_type_not_mapped", "'h100' names another chip (H100-SXM, H100-PCIe"));
}

TEST_CASE("sacct: --gres-alias maps a GRES type to a catalogue id, and wins over --accelerator",
          "[telemetry][sacct][gres]") {
  gpai::io::IngestOptions o;
  gpai::io::add_gres_alias(o, "H100=H100-SXM");  // types match case-insensitively
  gpai::io::add_gres_alias(o, " a100 = A100 80GB SXM ");
  gpai::io::add_gres_alias(o, "h100=H100-SXM");  // the same again is harmless
  const auto in = ingest_fixtures({"sacct_typed_gres.txt"}, o);
  const auto& ev = *in.accounting;
  CHECK(usage_of(ev, "H100-SXM")->total.accelerator_seconds == Approx(160 * 3600));
  CHECK(usage_of(ev, "A100-SXM4-80GB")->total.accelerator_seconds == Approx(2 * 3600));
  CHECK_FALSE(usage_of(ev, "prodgpu")->in_catalogue);  // neither alias nor --accelerator
  CHECK(has_note(ev, "accelerator_mapped", "GRES type 'h100' is counted as H100-SXM (source: --gres-alias h100=H100-SXM)"));
  CHECK(has_note(ev, "accelerator_mapped", "'a100' is counted as A100-SXM4-80GB (source: --gres-alias a100=A100-SXM4-80GB)"));

  o.accelerator = "H100-PCIe";
  const auto both = ingest_fixtures({"sacct_typed_gres.txt"}, o);
  CHECK(usage_of(*both.accounting, "H100-SXM")->total.accelerator_seconds == Approx(160 * 3600));
  CHECK(usage_of(*both.accounting, "H100-PCIe")->total.accelerator_seconds == Approx(8 * 3600));
}

TEST_CASE("sacct: bad --gres-alias and --accelerator values are usage errors", "[telemetry][sacct][gres]") {
  gpai::io::IngestOptions o;
  CHECK_THROWS_AS(gpai::io::add_gres_alias(o, "h100"), gpai::UsageError);
  CHECK_THROWS_AS(gpai::io::add_gres_alias(o, "=H100-SXM"), gpai::UsageError);
  CHECK_THROWS_AS(gpai::io::add_gres_alias(o, "h100="), gpai::UsageError);
  gpai::io::add_gres_alias(o, "h100=H100-SXM");
  CHECK_THROWS_AS(gpai::io::add_gres_alias(o, "H100=H200-SXM"), gpai::UsageError);  // two targets

  gpai::io::IngestOptions unknown;
  gpai::io::add_gres_alias(unknown, "h100=H100-SXMX");
  try {
    ingest_fixtures({"sacct_typed_gres.txt"}, unknown);
    FAIL("expected a UsageError");
  } catch (const gpai::UsageError& e) {
    const std::string what = e.what();
    CHECK(what.find("--gres-alias h100=H100-SXMX") != std::string::npos);
    CHECK(what.find("close: H100-SXM") != std::string::npos);
    CHECK(what.find("gpai-eval hardware") != std::string::npos);
  }
  gpai::io::IngestOptions bad_default;
  bad_default.accelerator = "H1000";
  CHECK_THROWS_AS(ingest_fixtures({"sacct_typed_gres.txt"}, bad_default), gpai::UsageError);
}
