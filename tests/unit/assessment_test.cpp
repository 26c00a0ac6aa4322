#include "gpai/assessment.hpp"

#include <cmath>

#include "catch.hpp"
#include "explanation.hpp"
#include "fixtures.hpp"

using namespace gpai;
using gpai::test::context;
using gpai::test::dense_card;
using gpai::test::exact;
using gpai::test::range;

namespace {
const Date kAsOf = *Date::parse("2026-01-15");

// 6 x N x D = 1e25 exactly in floating point: N = 1e12 / 6 is not exact, so
// build it from a stated operation count instead.
ModelCard stated_card(double flop) {
  ModelCard c = dense_card(1e9, 1e9);
  c.phases[0].tokens.reset();
  c.phases[0].compute_flop = exact(flop, "/training/phases/0/compute_flop");
  return c;
}
}  // namespace

TEST_CASE("exactly 1e25 FLOP is not above the Art. 51(2) threshold", "[assessment][threshold]") {
  const auto at = assess(stated_card(1e25), context(), kAsOf);
  CHECK(at.compute.cumulative_summary.median == 1e25);
  CHECK(to_string(at.threshold.status) == "below");
  CHECK(at.threshold.p_above == 0.0);
  CHECK(to_string(at.systemic_risk.status) == "not_presumed");
  REQUIRE(at.threshold.citation);
  CHECK(at.threshold.citation->cite == "Art. 51(2)");

  const auto above = assess(stated_card(std::nextafter(1e25, 2e25)), context(), kAsOf);
  CHECK(to_string(above.threshold.status) == "above");
  CHECK(above.threshold.p_above == 1.0);
  CHECK(to_string(above.systemic_risk.status) == "presumed");
}

TEST_CASE("exact inputs give p05 = median = p95 and a notification figure", "[assessment]") {
  const auto card = dense_card(405e9, 15.6e12);  // the figure's formula views it
  const auto a = assess(card, context(), kAsOf);
  const auto& s = a.compute.cumulative_summary;
  CHECK(s.median == Approx(3.7908e25));
  CHECK(s.p05 == s.median);
  CHECK(s.p95 == s.median);
  CHECK(to_string(a.threshold.status) == "above");
  CHECK(gpai::report::notification_figure(a, gpai::test::data().messages).rfind("3.8e25 FLOP (architecture_6nd", 0) == 0);
}

TEST_CASE("an interval straddling the threshold is borderline with P(above)", "[assessment]") {
  ModelCard c = dense_card(70e9, 1);
  c.phases[0].tokens = range(15e12, 40e12, "/training/phases/0/tokens");  // 6.3e24 .. 1.68e25
  const auto a = assess(c, context(100000), kAsOf);
  CHECK(to_string(a.threshold.status) == "borderline");
  CHECK(to_string(a.systemic_risk.status) == "borderline");
  CHECK(a.threshold.p_above > 0.05);
  CHECK(a.threshold.p_above < 0.95);
  CHECK(a.compute.cumulative_summary.p05 == Approx(6.3e24).epsilon(0.02));
}

TEST_CASE("status boundaries: p05 > T is above, p95 <= T is below", "[assessment]") {
  Parameter rule;
  rule.comparison = Comparison::greater_than;
  CHECK(to_string(threshold_status({2e25, 1.1e25, 3e25, false}, rule, 1e25)) == "above");
  CHECK(to_string(threshold_status({2e25, 1e25, 3e25, false}, rule, 1e25)) == "borderline");
  CHECK(to_string(threshold_status({5e24, 1e24, 1e25, false}, rule, 1e25)) == "below");
  CHECK(to_string(threshold_status({5e24, 1e24, 1.0000001e25, false}, rule, 1e25)) == "borderline");
}

TEST_CASE("before Chapter V applied there is no threshold in force", "[assessment][as_of]") {
  const auto a = assess(dense_card(405e9, 15.6e12), context(), *Date::parse("2025-08-01"));
  CHECK(to_string(a.threshold.status) == "not_in_force");
  CHECK(to_string(a.systemic_risk.status) == "not_presumed");
  const auto b = assess(dense_card(405e9, 15.6e12), context(), *Date::parse("2025-08-02"));
  CHECK(to_string(b.threshold.status) == "above");
}

TEST_CASE("a reported figure is compared, never trusted", "[assessment][claim]") {
  ModelCard c = dense_card(405e9, 15.6e12);  // 3.79e25
  c.reported_compute_flop = exact(9e24, "/training/reported_compute_flop");
  const auto a = assess(c, context(), kAsOf);
  CHECK(to_string(a.threshold.status) == "above");  // the estimate decides, not the claim
  bool disagree = false, below_but_above = false;
  for (const auto& f : a.findings) {
    disagree |= f.id == "claim_disagrees";
    below_but_above |= f.id == "claim_below_threshold_estimate_reaches_above";
  }
  CHECK(disagree);
  CHECK(below_but_above);
}

TEST_CASE("no evidence at all is insufficient evidence, not a guess", "[assessment]") {
  ModelCard c = dense_card(1e9, 1);
  c.phases[0].tokens.reset();
  const auto a = assess(c, context(), kAsOf);
  CHECK(to_string(a.threshold.status) == "insufficient_evidence");
  CHECK(to_string(a.systemic_risk.status) == "insufficient_evidence");
  CHECK(gpai::report::notification_figure(a, gpai::test::data().messages).empty());
}

TEST_CASE("same seed, same result; p05 <= median <= p95", "[assessment][property]") {
  const double lo = GENERATE(take(10, random(1e11, 1e13)));
  ModelCard c = dense_card(70e9, 1);
  c.phases[0].tokens = range(lo, lo * 3, "/training/phases/0/tokens");
  const auto a = assess(c, context(5000, 11), kAsOf);
  const auto b = assess(c, context(5000, 11), kAsOf);
  CHECK(a.compute.cumulative_summary.median == b.compute.cumulative_summary.median);
  CHECK(a.compute.cumulative_summary.p05 <= a.compute.cumulative_summary.median);
  CHECK(a.compute.cumulative_summary.median <= a.compute.cumulative_summary.p95);
}
