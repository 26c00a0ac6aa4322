// Every percentile the assessment reports for the shipped example cards, by
// the default propagation (closed form, else adaptive Latin hypercube), against
// brute-force Monte Carlo: 10^6 independent draws per distribution in the
// default suite, 10^7 in the "[reference]" check (hidden: run it with
// `build/tests/gpai_unit_tests "[reference]"`, as bench/run_ranged_bench.sh does).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/assessment.hpp"
#include "gpai/io/model_card_json.hpp"

namespace fs = std::filesystem;

namespace {

struct Tally {
  int compared = 0, closed = 0, sampled = 0;
  double worst = 0;  // largest relative difference seen
};

void compare(const std::string& what, const gpai::DistributionSummary& fast, const gpai::DistributionSummary& ref,
             double tolerance, Tally& tally) {
  CAPTURE(what, fast.p05, fast.median, fast.p95, ref.p05, ref.median, ref.p95);
  CHECK(fast.exact == ref.exact);
  if (fast.exact) {  // exact stays exact, to the bit
    CHECK(fast.median == ref.median);
    CHECK(fast.p05 == fast.median);
    CHECK(fast.p95 == fast.median);
    return;
  }
  ++tally.compared;
  (fast.propagation == gpai::Propagation::monte_carlo ? tally.sampled : tally.closed) += 1;
  for (auto [f, r] : {std::pair{fast.p05, ref.p05}, {fast.median, ref.median}, {fast.p95, ref.p95}}) {
    const double rel = std::fabs(f / r - 1);
    tally.worst = std::max(tally.worst, rel);
    CHECK(rel <= tolerance);
  }
}

void check_examples(std::size_t reference_samples, double tolerance) {
  const auto& data = gpai::test::data();
  gpai::MonteCarloConfig brute{99, reference_samples};
  brute.brute_force = true;
  const auto fast_ctx = data.context(gpai::MonteCarloConfig{});
  const auto ref_ctx = data.context(brute);
  const auto as_of = *gpai::Date::parse("2026-01-01");
  Tally tally;
  int cards = 0;
  for (const auto& e : fs::directory_iterator(fs::path(GPAI_TEST_DATA_DIR) / "examples")) {
    if (e.path().extension() != ".json") continue;
    ++cards;
    const std::string name = e.path().filename().string();
    const auto card = gpai::io::load_model_card(e.path().string(), data.catalogue);
    const auto fast = gpai::assess(card, fast_ctx, as_of);
    const auto ref = gpai::assess(card, ref_ctx, as_of);
    const auto& f = fast.compute;
    const auto& r = ref.compute;
    REQUIRE(f.cumulative.has_value() == r.cumulative.has_value());
    if (f.cumulative) {
      compare(name + " cumulative", f.cumulative_summary, r.cumulative_summary, tolerance, tally);
      compare(name + " training", f.training_summary, r.training_summary, tolerance, tally);
      compare(name + " indicative", f.indicative_summary, r.indicative_summary, tolerance, tally);
      CHECK(fast.threshold.p_above == Approx(ref.threshold.p_above).margin(0.01));
      CHECK(fast.threshold.status == ref.threshold.status);
      CHECK(fast.gpai.status == ref.gpai.status);
    }
    REQUIRE(f.methods.size() == r.methods.size());
    for (std::size_t i = 0; i < f.methods.size(); ++i) {
      compare(name + " total " + f.methods[i].method, f.methods[i].summary, r.methods[i].summary, tolerance, tally);
    }
    REQUIRE(f.phases.size() == r.phases.size());
    for (std::size_t p = 0; p < f.phases.size(); ++p) {
      REQUIRE(f.phases[p].methods.size() == r.phases[p].methods.size());
      for (std::size_t m = 0; m < f.phases[p].methods.size(); ++m) {
        compare(name + " phase " + std::to_string(p) + " " + f.phases[p].methods[m].method,
                f.phases[p].methods[m].summary, r.phases[p].methods[m].summary, tolerance, tally);
      }
    }
  }
  CHECK(cards >= 10);
  CHECK(tally.sampled > 0);  // the examples exercise both paths
  CHECK(tally.closed > 0);
  WARN("examples vs " << reference_samples << " brute-force draws: " << tally.compared << " ranged distributions ("
                      << tally.closed << " closed form, " << tally.sampled << " sampled), largest difference "
                      << tally.worst * 100 << " %");
}

}  // namespace

TEST_CASE("example cards: every percentile within 1 % of 10^6 brute-force draws", "[propagation][examples]") {
  check_examples(1000000, 0.01);
}

TEST_CASE("example cards: every percentile within 1 % of 10^7 brute-force draws", "[.][reference]") {
  check_examples(10000000, 0.01);
}
