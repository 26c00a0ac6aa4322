// The core audit on hand-built evidence: projections with known crossing
// dates, energy and cost by hand, and each cross-check finding.
#include <algorithm>
#include <cmath>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/audit.hpp"
#include "gpai/report/audit_report.hpp"
#include "telemetry_support.hpp"

using namespace gpai;
using gpai::test::exact;

namespace {

constexpr double kH100Bf16 = 989.4e12;  // data/hardware/accelerators.json, H100-SXM bf16 dense
constexpr long kMarch1 = 20148;         // 2025-03-01, days since the epoch
constexpr long kSept1 = 20332;          // 2025-09-01, after Art. 52(1) starts to apply

// Telemetry of one accelerator type, one UTC-day window per entry.
LogEvidence daily(const std::string& type, const std::vector<double>& seconds_per_day, long first_day = kMarch1) {
  LogEvidence e;
  e.kind = EvidenceKind::telemetry;
  AcceleratorUsage u;
  u.accelerator = type;
  u.in_catalogue = gpai::test::data().catalogue.find(type) != nullptr;
  u.devices = 1;
  for (std::size_t i = 0; i < seconds_per_day.size(); ++i) {
    UsageTotals t;
    t.accelerator_seconds = seconds_per_day[i];
    u.windows[first_day + static_cast<long>(i)] = t;
    u.total.add(t);
  }
  u.first_time_s = static_cast<double>(first_day) * 86400;
  u.last_time_s = static_cast<double>(first_day + static_cast<long>(seconds_per_day.size())) * 86400 - 1;
  e.accelerators.push_back(u);
  e.quality.metrics_logged = {true, true, true};
  return e;
}

// A card whose H100-SXM phase states MFU 0.5 exactly at bf16: no sampling noise.
ModelCard exact_h100_card() {
  ModelCard c = gpai::test::hardware_card("H100-SXM", 1000, 0.5);
  c.phases[0].hardware->precision = Precision::bf16;
  return c;
}

bool has(const Audit& a, const std::string& id) {
  return std::any_of(a.findings.begin(), a.findings.end(), [&](const AuditFinding& f) { return f.id == id; });
}

AuditOptions on(const char* date) {
  AuditOptions o;
  o.as_of = *Date::parse(date);
  return o;
}

}  // namespace

TEST_CASE("audit projection: logs cross the threshold on a known day", "[audit][projection]") {
  // 3e24 FLOP a day at MFU 0.5: 9e24 after three days, 1e25 a third into day 4.
  const double per_day = 3e24 / (kH100Bf16 * 0.5);
  const LogEvidence e = daily("H100-SXM", {per_day, per_day, per_day, per_day, per_day}, kSept1);
  const ModelCard card = exact_h100_card();
  AuditInputs in;
  in.card = &card;
  in.telemetry = &e;
  const Audit a = audit(in, gpai::test::context(), on("2025-12-01"));
  const Projection& p = a.projection;
  CHECK(p.basis == gpai::ProjectionBasis::logs_telemetry);
  REQUIRE(p.threshold_crossing_date);
  CHECK(p.threshold_crossing_date->to_string() == "2025-09-04");
  CHECK(p.crossed);
  CHECK_FALSE(p.projected);
  // Exact inputs: every percentile path crosses the same day.
  CHECK(p.earliest_crossing_date == p.threshold_crossing_date);
  CHECK(p.latest_crossing_date == p.threshold_crossing_date);
  // Art. 52(1): 14 days, from the rule set.
  REQUIRE(p.notification_deadline);
  CHECK(p.notification_deadline->to_string() == "2025-09-18");
  CHECK(p.notification_source.cite == "Art. 52(1)");
  REQUIRE(p.notification_days);
  CHECK(*p.notification_days == 14);
  CHECK(p.curve.size() == 5);
  CHECK(p.curve.back().flop_median == Approx(1.5e25));
  // The headline is the log-based method: 5 days x 3e24.
  REQUIRE(a.headline());
  CHECK(a.headline()->method == "logs_telemetry");
  CHECK(a.headline()->summary.median == Approx(1.5e25));
  CHECK(a.headline()->status == gpai::AuditVerdict::above);
}

TEST_CASE("audit projection: a crossing before Art. 52(1) applied counts from its first day", "[audit][projection]") {
  const double per_day = 3e24 / (kH100Bf16 * 0.5);
  const LogEvidence e = daily("H100-SXM", {per_day, per_day, per_day, per_day}, kMarch1);
  const ModelCard card = exact_h100_card();
  AuditInputs in;
  in.card = &card;
  in.telemetry = &e;
  const Audit a = audit(in, gpai::test::context(), on("2025-12-01"));
  CHECK(a.projection.threshold_crossing_date->to_string() == "2025-03-04");
  CHECK(a.projection.notification_deadline->to_string() == "2025-08-16");  // 2025-08-02 + 14
}

TEST_CASE("audit projection: a planned run from the card's start date", "[audit][projection]") {
  // 10,000 H100 x 989.4e12 FLOP/s x 0.5 = 4.947e18 FLOP/s: 1e25 after
  // 2,021,427 s = 23.4 days from 2025-09-01, i.e. on 2025-09-24.
  ModelCard card = exact_h100_card();
  auto& hw = *card.phases[0].hardware;
  hw.accelerator_hours.reset();
  hw.count = exact(10000, "/training/phases/0/hardware/count");
  hw.hours = exact(2000, "/training/phases/0/hardware/hours");
  AuditInputs in;
  in.card = &card;
  in.claim.training_start = Date::parse("2025-09-01");
  const Audit a = audit(in, gpai::test::context(), on("2025-08-15"));
  const Projection& p = a.projection;
  CHECK(p.basis == gpai::ProjectionBasis::planned_run);
  CHECK(p.projected);
  CHECK_FALSE(p.crossed);
  REQUIRE(p.threshold_crossing_date);
  CHECK(p.threshold_crossing_date->to_string() == "2025-09-24");
  CHECK(p.notification_deadline->to_string() == "2025-10-08");
  // Known before it happens: Art. 52(1) also runs from then.
  REQUIRE(p.notification_deadline_if_known_now);
  CHECK(p.notification_deadline_if_known_now->to_string() == "2025-08-29");

  hw.hours = exact(500, "/training/phases/0/hardware/hours");  // ends at 8.9e24
  const Audit short_run = audit(in, gpai::test::context(), on("2025-08-15"));
  CHECK_FALSE(short_run.projection.threshold_crossing_date);
}

TEST_CASE("audit projection: an ongoing run is extrapolated, a finished one is not", "[audit][projection]") {
  const double per_day = 1e24 / (kH100Bf16 * 0.5);  // 1e24 a day
  const LogEvidence e = daily("H100-SXM", std::vector<double>(7, per_day));
  const ModelCard card = exact_h100_card();
  AuditInputs in;
  in.card = &card;
  in.telemetry = &e;
  // Logs end 2025-03-07 at 7e24; the as-of date is within a week: at 1e24 a
  // day the remaining 3e24 take three more days.
  const Audit ongoing = audit(in, gpai::test::context(), on("2025-03-08"));
  REQUIRE(ongoing.projection.threshold_crossing_date);
  CHECK(ongoing.projection.projected);
  CHECK(ongoing.projection.threshold_crossing_date->to_string() == "2025-03-10");
  in.claim.training_end = Date::parse("2025-03-07");
  const Audit finished = audit(in, gpai::test::context(), on("2025-03-08"));
  CHECK_FALSE(finished.projection.threshold_crossing_date);
}

TEST_CASE("audit: energy and cost methods by hand", "[audit][methods]") {
  // 700 kWh / 700 W (H100-SXM TDP) = 1000 h; 2000 USD / 2 USD/h = 1000 h.
  // 1000 h x 3600 s x 989.4e12 x 0.5 = 1.78092e21 FLOP.
  const ModelCard card = exact_h100_card();
  AuditInputs in;
  in.card = &card;
  in.claim.energy_kwh = exact(700, "/training/energy_kwh");
  in.claim.cost_usd = exact(2000, "/training/cost_usd");
  in.claim.price_per_accelerator_hour_usd = exact(2, "/training/price_per_accelerator_hour_usd");
  const Audit a = audit(in, gpai::test::context(), on("2025-09-01"));
  REQUIRE(a.method("energy"));
  REQUIRE(a.method("cost"));
  CHECK(a.method("energy")->summary.median == Approx(1.78092e21));
  CHECK(a.method("cost")->summary.median == Approx(1.78092e21));
  CHECK(a.method("hardware_card")->summary.median == Approx(1.78092e21));
  CHECK(a.headline()->method == "energy");
  CHECK(has(a, "no_logs"));
  // A facility PUE of 1.25 leaves 560 kWh for the IT equipment.
  in.claim.pue = exact(1.25, "/training/pue");
  const Audit with_pue = audit(in, gpai::test::context(), on("2025-09-01"));
  CHECK(with_pue.method("energy")->summary.median == Approx(1.78092e21 / 1.25));
}

TEST_CASE("audit: a claim below the threshold whose recomputation reaches above", "[audit][findings]") {
  ModelCard card = gpai::test::dense_card(70e9, 15e12);  // 6ND = 6.3e24
  card.reported_compute_flop = exact(8e24, "/training/reported_compute_flop");
  const LogEvidence e = daily("H100-SXM", std::vector<double>(10, 4e25 / 10 / kH100Bf16));  // capacity 4e25
  AuditInputs in;
  in.card = &card;
  in.claim.compute_flop = card.reported_compute_flop;
  in.telemetry = &e;
  const Audit a = audit(in, gpai::test::context(), on("2025-09-01"));
  REQUIRE(a.headline());
  CHECK(a.headline()->method == "logs_telemetry");
  CHECK(a.claim_flop == 8e24);
  CHECK(has(a, "claim_below_threshold_recomputed_above"));
  CHECK(has(a, "methods_disagree"));  // 6ND 6.3e24 vs logs ~1.5e25
  REQUIRE(a.implied_utilisation);
  CHECK(*a.implied_utilisation == Approx(6.3e24 / 4e25));
  CHECK(has(a, "implied_utilisation"));
  CHECK(has(a, "accelerator_assumed_from_card") == false);
}

TEST_CASE("audit: implied utilisation out of bounds", "[audit][findings]") {
  const ModelCard card = gpai::test::dense_card(70e9, 15e12);  // 6.3e24
  AuditInputs in;
  in.card = &card;
  const LogEvidence small = daily("H100-SXM", {5e24 / kH100Bf16});  // capacity 5e24: implied 1.26
  in.telemetry = &small;
  CHECK(has(audit(in, gpai::test::context(), on("2025-09-01")), "implied_utilisation_high"));
  const LogEvidence big = daily("H100-SXM", {1e27 / kH100Bf16});  // implied 0.0063
  in.telemetry = &big;
  CHECK(has(audit(in, gpai::test::context(), on("2025-09-01")), "implied_utilisation_low"));
}

TEST_CASE("audit: the verdict flips between utilisation readings and peak bases", "[audit][findings]") {
  // Capacity 4e25: MFU 0.3-0.5 gives 1.2e25-2e25 (above); occupancy 1.0 x
  // 0.15-0.55 reaches below the threshold (borderline); at the TF32 peak
  // (half of bf16) the MFU reading is borderline too.
  LogEvidence e = daily("H100-SXM", {4e25 / kH100Bf16});
  auto& u = e.accelerators[0];
  for (auto* t : {&u.total, &u.windows.begin()->second}) {
    t->of(ActivityMetric::occupancy) = {t->accelerator_seconds, t->accelerator_seconds};
    t->of(ActivityMetric::tensor_active) = {t->accelerator_seconds, 0.58 * t->accelerator_seconds};
  }
  AuditInputs in;
  in.telemetry = &e;
  const Audit a = audit(in, gpai::test::context(), on("2025-09-01"));
  REQUIRE(a.method("activity_occupancy"));
  REQUIRE(a.method("activity_tensor_active"));
  CHECK(a.method("logs_telemetry")->status == gpai::AuditVerdict::above);
  CHECK(a.method("activity_occupancy")->status == gpai::AuditVerdict::borderline);
  CHECK(has(a, "verdict_flips_with_utilisation"));
  CHECK(has(a, "verdict_flips_with_peak"));
  CHECK(has(a, "occupancy_not_mfu"));
  CHECK(has(a, "tensor_active_not_mfu"));
  CHECK(has(a, "counters_measure_executed_work"));
  REQUIRE(a.readings.size() == 2);
}

TEST_CASE("audit: logged accelerator names against the card", "[audit][types]") {
  const ModelCard card = exact_h100_card();
  AuditInputs in;
  in.card = &card;
  // An unnamed type (dcgmi dmon) takes the card's only accelerator.
  const LogEvidence unnamed = daily("", {3600});
  in.telemetry = &unnamed;
  const Audit a = audit(in, gpai::test::context(), on("2025-09-01"));
  CHECK(has(a, "accelerator_assumed_from_card"));
  CHECK(a.method("logs_telemetry")->summary.median == Approx(3600 * kH100Bf16 * 0.5));
  // A GRES type name matched to the card's chip.
  const LogEvidence gres = daily("h100", {3600});
  in.telemetry = &gres;
  CHECK(has(audit(in, gpai::test::context(), on("2025-09-01")), "accelerator_matched_to_card"));
  // A chip nobody knows is excluded and said so.
  const LogEvidence odd = daily("mi60", {3600});  // not in the catalogue (MI100 is, since 2026.12)
  in.telemetry = &odd;
  const Audit b = audit(in, gpai::test::context(), on("2025-09-01"));
  CHECK(has(b, "accelerator_unknown"));
  CHECK(has(b, "time_excluded_from_flop"));
  CHECK_FALSE(b.method("logs_telemetry"));
  // A catalogue chip that the card does not list.
  const LogEvidence other = daily("A100-SXM4-80GB", {3600});
  in.telemetry = &other;
  CHECK(has(audit(in, gpai::test::context(), on("2025-09-01")), "accelerator_not_in_card"));
}

TEST_CASE("audit: log span against the claimed training dates", "[audit][findings]") {
  const ModelCard card = exact_h100_card();
  const LogEvidence e = daily("H100-SXM", {3600, 3600, 3600, 3600, 3600});  // 1-5 March
  AuditInputs in;
  in.card = &card;
  in.telemetry = &e;
  in.claim.training_start = Date::parse("2025-03-03");
  in.claim.training_end = Date::parse("2025-03-10");
  CHECK(has(audit(in, gpai::test::context(), on("2025-09-01")), "logs_outside_training_dates"));
  in.claim.training_start = Date::parse("2025-02-20");
  CHECK(has(audit(in, gpai::test::context(), on("2025-09-01")), "logs_cover_part_of_training"));
}

TEST_CASE("audit: telemetry without profiling metrics degrades with a finding", "[audit][vgpu]") {
  LogEvidence e = daily("H100-SXM", {3600});
  e.quality.metrics_logged = {false, false, true};
  AuditInputs in;
  in.telemetry = &e;
  const Audit a = audit(in, gpai::test::context(), on("2025-09-01"));
  CHECK(has(a, "profiling_metrics_missing"));
  CHECK(a.method("logs_telemetry"));
}

TEST_CASE("audit: same seed, same numbers", "[audit][determinism]") {
  const LogEvidence e = daily("H100-SXM", {1e9, 2e9});
  AuditInputs in;
  in.telemetry = &e;
  const Audit a = audit(in, gpai::test::context(5000, 11), on("2025-09-01"));
  const Audit b = audit(in, gpai::test::context(5000, 11), on("2025-09-01"));
  CHECK(a.headline()->summary.median == b.headline()->summary.median);
  CHECK(a.headline()->summary.p05 == b.headline()->summary.p05);
  CHECK(a.projection.curve.back().flop_median == b.projection.curve.back().flop_median);
}

TEST_CASE("audit: hand-computed FLOP from the small fixture logs", "[audit][logs]") {
  const ModelCard card = exact_h100_card();  // H100-SXM, bf16, MFU 0.5 exactly
  AuditInputs in;
  in.card = &card;
  // dcgmi dmon: 2 GPUs x 3 samples x 1 s, unnamed: the card's H100-SXM.
  // 6 s x 989.4e12 FLOP/s x 0.5 = 2.9682e15 FLOP.
  io::IngestOptions dmon;
  dmon.sample_interval_seconds = 1;
  const auto d = gpai::test::ingest_fixtures({"dmon_two_gpus.log"}, dmon);
  in.telemetry = &*d.telemetry;
  const Audit a = audit(in, gpai::test::context(), on("2026-01-01"));
  CHECK(a.method("logs_telemetry")->summary.median == Approx(2.9682e15));
  CHECK(a.method("logs_telemetry")->summary.exact);
  // Tensor-active 0.55 on average over the covered 4 of 6 s, extrapolated to
  // all 6 s, times the 0.45-0.95 MFU per unit: median 0.55 x sqrt(0.45 x 0.95).
  CHECK(a.method("activity_tensor_active")->summary.median ==
        Approx(6 * 989.4e12 * 0.55 * std::sqrt(0.45 * 0.95)).epsilon(0.02));
  // sacct: 104 untyped GPU-hours on H100-SXM, plus 24 typed "h100" hours
  // --accelerator H100-SXM claims (the card would too); the 52 "a100" hours,
  // another chip's name, are excluded.
  // 128 h x 3600 x 989.4e12 x 0.5 = 2.279578e20 FLOP.
  io::IngestOptions sacct;
  sacct.accelerator = "H100-SXM";
  const auto s = gpai::test::ingest_fixtures({"sacct_steps.txt"}, sacct);
  in.telemetry = nullptr;
  in.accounting = &*s.accounting;
  const Audit b = audit(in, gpai::test::context(), on("2026-01-01"));
  CHECK(b.headline()->method == "logs_accounting");
  CHECK(b.headline()->summary.median == Approx(2.279578e20));
  // The logs mapped "h100" before the card was asked, and say on whose word.
  CHECK_FALSE(has(b, "accelerator_matched_to_card"));
  const auto& notes = s.accounting->notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const LogNote& n) {
    return n.id == "accelerator_mapped" && n.message.find("'h100'") != std::string::npos &&
           n.message.find("--accelerator") != std::string::npos;
  }));
  CHECK(has(b, "time_excluded_from_flop"));
  CHECK(has(b, "failed_or_cancelled_jobs"));
}

TEST_CASE("audit: findings about command-line remedies are facts; the report names the option",
          "[audit][findings]") {
  const ModelCard card = exact_h100_card();
  AuditInputs in;
  in.card = &card;
  LogEvidence unnamed = daily("", {7200});
  unnamed.absolute_time = false;
  unnamed.quality.gaps = 3;
  unnamed.quality.gap_seconds_excluded = 1800;
  unnamed.max_gap_seconds = 20;
  in.telemetry = &unnamed;
  const Audit a = audit(in, gpai::test::context(), on("2025-09-01"));
  auto find = [&](const std::string& id) -> const AuditFinding& {
    const auto it = std::find_if(a.findings.begin(), a.findings.end(), [&](const auto& f) { return f.id == id; });
    REQUIRE(it != a.findings.end());
    return *it;
  };
  const AuditFinding& assumed = find("accelerator_assumed_from_card");
  REQUIRE(assumed.note);
  CHECK(assumed.message.empty());  // the core writes no sentence for it
  CHECK(assumed.note->code == AuditNoteCode::accelerator_assumed_from_card);
  CHECK(assumed.note->accelerator == "H100-SXM");
  CHECK(assumed.note->accelerator_seconds == 7200);
  CHECK(report::audit_finding_message(gpai::test::data().messages, assumed) ==
        "the logs name no accelerator for 2 accelerator-hours; the card's only accelerator, H100-SXM, is assumed "
        "(name it with --accelerator)");
  const AuditFinding& gaps = find("sampling_gaps");
  REQUIRE(gaps.note);
  CHECK(gaps.note->count == 3);
  CHECK(gaps.note->seconds == 20);
  CHECK(report::audit_finding_message(gpai::test::data().messages, gaps) ==
        "telemetry: 3 intervals longer than 20 s (2 x the median sample interval unless --max-gap): counted up "
        "to it, 0.5 accelerator-hours not counted");
  CHECK(report::audit_finding_message(gpai::test::data().messages, find("logs_not_dated")).find("without --log-start") != std::string::npos);
  // Undated accounting cannot date the crossing; the explanation says which option would.
  LogEvidence undated_jobs = unnamed;
  undated_jobs.kind = EvidenceKind::accounting;
  in.telemetry = nullptr;
  in.accounting = &undated_jobs;
  const Audit b = audit(in, gpai::test::context(), on("2025-09-01"));
  CHECK(b.projection.logs_undated);
  REQUIRE_FALSE(report::projection_explanation(b.projection).empty());
  CHECK(report::projection_explanation(b.projection).front() ==
        "the logs carry no wall-clock time (give --log-start to date them)");
  CHECK(to_string(ProjectionBasis::planned_run) == "planned_run");
  CHECK(to_string(AuditVerdict::none).empty());
  CHECK(to_string(AuditVerdict::borderline) == "borderline");
}
