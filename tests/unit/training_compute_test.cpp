// Formulas against hand-worked values, including the eight worked examples of
// the Commission's GPAI guidelines, Annex A.3 (DOMAIN.md section 3).
#include "gpai/training_compute.hpp"

#include <cmath>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/error.hpp"
#include "gpai/io/card_checks.hpp"
#include "compute_text.hpp"

using namespace gpai;
using gpai::test::context;
using gpai::test::dense_card;
using gpai::test::exact;
using gpai::test::hardware_card;

namespace {
double headline(const ModelCard& card) {
  const auto est = estimate_training_compute(card, context());
  REQUIRE(est.cumulative);
  return est.cumulative_summary.median;
}
}  // namespace

TEST_CASE("Annex A.3 worked examples by 6ND (parameters x tokens)", "[compute][guidelines]") {
  // A: 6 x 3.8e9 x 3.3e12 = 7.524e22; stated 7.5e22
  CHECK(headline(dense_card(3.8e9, 3.3e12)) == Approx(7.524e22));
  // C: 6 x 0.6e9 x 36e12 = 1.296e23; stated 1.3e23
  CHECK(headline(dense_card(0.6e9, 36e12)) == Approx(1.296e23));
  // D: 6 x 1.54e9 x 18e12 = 1.6632e23; stated 1.6e23 (1.663e23)
  CHECK(headline(dense_card(1.54e9, 18e12)) == Approx(1.6632e23));
  // E: 6 x 1.7e9 x 36e12 = 3.672e23; stated 3.7e23
  CHECK(headline(dense_card(1.7e9, 36e12)) == Approx(3.672e23));
  // F: 6 x 2.5e9 x 12e12 = 1.8e23; stated 1.8e23
  CHECK(headline(dense_card(2.5e9, 12e12)) == Approx(1.8e23));
}

TEST_CASE("Annex A.3 example G: epochs multiply the tokens", "[compute][guidelines]") {
  // G: 6 x 2.6e9 x (61e9 x 164) = 1.5606e23; the guidelines state 1.5e23 (truncated)
  ModelCard card = dense_card(2.6e9, 61e9);
  card.phases[0].epochs = exact(164, "/training/phases/0/epochs");
  CHECK(headline(card) == Approx(1.560624e23));
}

TEST_CASE("Annex A.3 examples B and H by hardware time, utilisation 0.5 made explicit",
          "[compute][guidelines]") {
  // The Commission assumes U = 0.5 without saying why; the card states it.
  // B: 200,000 A100-40GB hours x 3600 x 300e12 x 0.5 = 1.08e23 (the guidelines
  // use 300 TFLOP/s; our catalogue holds the datasheet's 312e12 dense BF16):
  // 2e5 x 3600 x 312e12 x 0.5 = 1.1232e23 -- both "~1e23".
  CHECK(headline(hardware_card("A100-SXM4-40GB", 200000, 0.5)) == Approx(1.1232e23));
  // H: 370,000 H100 hours x 3600 x 989.4e12 x 0.5 = 6.58940e23; stated 6.5e23
  // (the guidelines use 989e12: 6.5867e23).
  CHECK(headline(hardware_card("H100-SXM", 370000, 0.5)) == Approx(3.7e5 * 3600 * 989.4e12 * 0.5));
}

TEST_CASE("mixture-of-experts uses active parameters", "[compute][moe]") {
  ModelCard card = dense_card(671e9, 14.8e12);
  card.architecture.kind = ArchitectureKind::moe;
  SECTION("with active parameters: 6 x 37e9 x 14.8e12 = 3.2856e24, not 5.96e25") {
    card.architecture.active_parameters = exact(37e9, "/architecture/active_parameters");
    CHECK(headline(card) == Approx(3.2856e24));
    const auto est = estimate_training_compute(card, context());
    const auto& m = est.phases[0].methods[0];
    CHECK(report::method_formula(test::data().messages, m.method, m.basis).find("active parameters") !=
          std::string::npos);
  }
  SECTION("without them the card check refuses it, naming the field; the core never sees it") {
    try {
      io::check_card_for_estimate(card, test::data().catalogue, test::data().rules);
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      CHECK(e.where().json_pointer == "/architecture/active_parameters");
      CHECK(std::string(e.what()).find("active_parameters") != std::string::npos);
    }
    CHECK_THROWS_AS(estimate_training_compute(card, context()), InternalError);
  }
  SECTION("a mixture of experts with every expert active equals the dense model") {
    card.architecture.active_parameters = exact(671e9, "/architecture/active_parameters");
    CHECK(headline(card) == headline(dense_card(671e9, 14.8e12)));
  }
}

TEST_CASE("Kaplan per-token count adds the attention term", "[compute]") {
  // 6 x (1e9 + 24 x 2048 x 2048) x 1e12 = 6 x 1.100663296e9 x 1e12 = 6.603979776e21
  ModelCard card = dense_card(1e9, 1e12);
  card.architecture.layers = exact(24, "/architecture/layers");
  card.architecture.context_length = exact(2048, "/architecture/context_length");
  card.architecture.d_model = exact(2048, "/architecture/d_model");
  const auto est = estimate_training_compute(card, context());
  REQUIRE(est.phases[0].methods.size() == 2);
  CHECK(est.phases[0].methods[0].method == "architecture_6nd");
  CHECK(est.phases[0].methods[0].summary.median == Approx(6e21));
  CHECK(est.phases[0].methods[1].method == "architecture_kaplan");
  CHECK(est.phases[0].methods[1].summary.median == Approx(6.603979776e21));
  // 6ND stays the headline (the Commission's method); Kaplan is shown beside it.
  CHECK(est.cumulative_summary.median == Approx(6e21));
}

TEST_CASE("multi-phase sums, ledger exclusions and the two compute notions", "[compute][ledger]") {
  ModelCard card = dense_card(7e9, 2e12);  // 8.4e22
  TrainingPhase ft;
  ft.name = "sft";
  ft.kind = "fine_tuning";
  ft.pointer = "/training/phases/1";
  ft.tokens = exact(1e10, "/training/phases/1/tokens");  // 6 x 7e9 x 1e10 = 4.2e20
  card.phases.push_back(ft);
  TrainingPhase synth;
  synth.name = "synthetic";
  synth.kind = "synthetic_data";
  synth.pointer = "/training/phases/2";
  synth.parameters = exact(70e9, "/training/phases/2/parameters");
  synth.tokens = exact(1e11, "/training/phases/2/tokens");  // forward only: 2 x 70e9 x 1e11 = 1.4e22
  card.phases.push_back(synth);
  TrainingPhase eval;
  eval.name = "evals";
  eval.kind = "evaluation";
  eval.pointer = "/training/phases/3";
  eval.compute_flop = exact(5e22, "/training/phases/3/compute_flop");  // excluded
  card.phases.push_back(eval);

  const auto est = estimate_training_compute(card, context());
  CHECK(est.training_summary.median == Approx(8.4e22 + 4.2e20));
  CHECK(est.cumulative_summary.median == Approx(8.4e22 + 4.2e20 + 1.4e22));
  CHECK_FALSE(est.phases[3].counts_cumulative);
  CHECK(report::ledger_reason(est.phases[3]).find("excluded") != std::string::npos);
  CHECK(est.complete);
}

TEST_CASE("hardware estimate: default utilisation range, precision and metric warnings", "[compute][hardware]") {
  SECTION("unknown utilisation: MFU 0.3-0.5 assumed and said") {
    // The method's basis views the card: it must outlive the wording.
    const ModelCard card = hardware_card("H100-SXM", 1e6, std::nullopt);
    const auto est = estimate_training_compute(card, context(100000));
    const auto& m = est.phases[0].methods[0];
    CHECK(m.method == "hardware");
    const auto assumptions = report::method_assumptions(test::data().messages, m.method, m.basis);
    const double capacity = 1e6 * 3600 * 989.4e12;
    CHECK(m.summary.p05 == Approx(capacity * 0.3).epsilon(0.02));
    CHECK(m.summary.p95 == Approx(capacity * 0.5).epsilon(0.02));
    bool said = false;
    for (const auto& a : assumptions) said |= a.find("utilisation unknown") != std::string::npos;
    CHECK(said);
    bool precision_said = false;
    for (const auto& a : assumptions) precision_said |= a.find("precision not given") != std::string::npos;
    CHECK(precision_said);
    CHECK(report::method_formula(test::data().messages, m.method, m.basis).find("dense") != std::string::npos);
  }
  SECTION("occupancy is not MFU: warned and widened") {
    ModelCard card = hardware_card("H100-SXM", 1e6, 0.95);
    card.phases[0].hardware->utilization_metric = UtilizationMetric::occupancy;
    const auto est = estimate_training_compute(card, context(100000));
    const auto& s = est.phases[0].methods[0].summary;
    CHECK(s.p95 / s.p05 > 3.0);  // 0.15-0.55 per unit: much wider than a stated MFU
    bool warned = false;
    for (const auto& f : est.findings) warned |= f.id == "occupancy_not_mfu";
    CHECK(warned);
  }
  SECTION("fp8 uses the fp8 dense peak") {
    ModelCard card = hardware_card("H800-SXM", 2.788e6, 0.4);
    card.phases[0].hardware->precision = Precision::fp8;
    const auto* spec = test::data().catalogue.find("H800-SXM");
    REQUIRE(spec);
    CHECK(headline(card) == Approx(2.788e6 * 3600 * *spec->peak_flop_per_s(Precision::fp8) * 0.4));
  }
  SECTION("a precision the chip lacks is an input error at the precision field") {
    ModelCard card = hardware_card("V100-SXM2", 1000, 0.4);
    card.phases[0].hardware->precision = Precision::fp8;
    try {
      io::check_card_for_estimate(card, test::data().catalogue, test::data().rules);
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      CHECK(e.where().json_pointer == "/training/phases/0/hardware/precision");
      CHECK(e.detail().find("a precision V100-SXM2 has a dense peak for (") != std::string::npos);
    }
    CHECK_THROWS_AS(estimate_training_compute(card, context()), InternalError);
  }
}

TEST_CASE("methods more than 2x apart are flagged", "[compute]") {
  ModelCard card = dense_card(1e9, 1e12);  // 6e21
  card.phases[0].compute_flop = exact(2e22, "/training/phases/0/compute_flop");
  const auto est = estimate_training_compute(card, context());
  bool flagged = false;
  for (const auto& f : est.findings) flagged |= f.id == "methods_disagree";
  CHECK(flagged);
  card.phases[0].compute_flop = exact(1.1e22, "/training/phases/0/compute_flop");
  const auto close = estimate_training_compute(card, context());
  for (const auto& f : close.findings) CHECK(f.id != "methods_disagree");
}

TEST_CASE("a counted phase without evidence makes the total incomplete", "[compute]") {
  ModelCard card = dense_card(1e9, 1e12);
  TrainingPhase ft;
  ft.name = "rl";
  ft.kind = "reinforcement_learning";
  ft.pointer = "/training/phases/1";
  card.phases.push_back(ft);
  const auto est = estimate_training_compute(card, context());
  CHECK_FALSE(est.complete);
  CHECK(est.cumulative_summary.median == Approx(6e21));
}

TEST_CASE("more tokens never gives less compute", "[compute][property]") {
  const double params = GENERATE(take(20, random(1e8, 1e12)));
  const double tokens = GENERATE(take(5, random(1e9, 1e13)));
  CHECK(headline(dense_card(params, tokens * 1.01)) >= headline(dense_card(params, tokens)));
}

TEST_CASE("totals: closed form for one ranged phase, sampled for a sum of ranged phases", "[compute][propagation]") {
  SECTION("exact inputs: exact, p05 = median = p95") {
    const auto est = estimate_training_compute(dense_card(1e12, 1e13 / 6), context());
    CHECK(est.cumulative_summary.propagation == Propagation::exact);
    CHECK(est.cumulative_summary.p05 == est.cumulative_summary.median);
    CHECK(est.cumulative_summary.p95 == est.cumulative_summary.median);
  }
  SECTION("one phase with a token range: a log-normal, its interval the input's times 6N") {
    ModelCard card = dense_card(7e10, 1);
    card.phases[0].tokens = test::range(15e12, 16e12, "/training/phases/0/tokens");
    const auto est = estimate_training_compute(card, context());
    CHECK(est.cumulative_summary.propagation == Propagation::closed_form);
    CHECK(est.cumulative_summary.samples == 0);
    CHECK(est.cumulative_summary.p05 == Approx(6 * 7e10 * 15e12).epsilon(1e-12));
    CHECK(est.cumulative_summary.p95 == Approx(6 * 7e10 * 16e12).epsilon(1e-12));
  }
  SECTION("two phases with different ranges: sampled, with standard errors, training shares it") {
    ModelCard card = dense_card(7e10, 1);
    card.phases[0].tokens = test::range(1e12, 4e12, "/training/phases/0/tokens");
    TrainingPhase ft;
    ft.name = "sft";
    ft.kind = "fine_tuning";
    ft.pointer = "/training/phases/1";
    ft.tokens = test::range(1e11, 8e11, "/training/phases/1/tokens");
    card.phases.push_back(ft);
    EstimateOptions options;
    options.threshold_flop = 1e25;
    const auto est = estimate_training_compute(card, context(100000), options);
    const auto& s = est.cumulative_summary;
    CHECK(s.propagation == Propagation::monte_carlo);
    CHECK(s.samples >= 1024);
    CHECK(s.samples < 100000);  // the targets were met before the maximum
    CHECK(s.p05_se > 0);
    CHECK(s.p05_se <= 0.0025 * s.p05);
    CHECK(s.median_se <= 0.0025 * s.median);
    CHECK(s.p95_se <= 0.0025 * s.p95);
    CHECK(est.training_summary.median == s.median);
    CHECK(est.training_summary.samples == s.samples);
    REQUIRE(est.cumulative_above);
    CHECK(est.cumulative_above->p_above == 0.0);  // 10^25 is far above: no draw reaches it
    // A threshold at the 95th percentile: the count grows so that the verdict cannot flip.
    EstimateOptions near;
    near.threshold_flop = s.p95;
    const auto refined = estimate_training_compute(card, context(100000), near);
    CHECK(refined.cumulative_summary.samples > s.samples);
    CHECK(refined.cumulative_above->p_above == Approx(0.05).margin(0.01));
  }
}

TEST_CASE("the card check finds what the estimate cannot price, in the estimate's order", "[compute][check]") {
  const auto& d = test::data();
  auto where = [&](const ModelCard& card) {
    try {
      io::check_card_for_estimate(card, d.catalogue, d.rules);
    } catch (const InputError& e) {
      return e.where().json_pointer + ": " + e.detail();
    }
    return std::string("ok");
  };
  ModelCard card = hardware_card("H100-SXM", 1000, 0.4);
  CHECK(where(card) == "ok");
  card.phases[0].hardware->accelerator = "Z9000";
  CHECK(where(card) == "/training/phases/0/hardware/accelerator: accelerator: 'Z9000' is not in the catalogue");
  card.phases[0].kind = "pre_training";  // the kind is met first
  CHECK(where(card) == "/training/phases/0/kind: kind: unknown phase kind 'pre_training'");
  // A precision is priced only when the hardware time is known.
  ModelCard untimed = hardware_card("V100-SXM2", 1000, 0.4);
  untimed.phases[0].hardware->precision = Precision::fp8;
  untimed.phases[0].hardware->accelerator_hours.reset();
  CHECK(where(untimed) == "ok");
  // Active parameters matter only where 6ND runs: a phase with tokens and no parameters of its own.
  ModelCard moe = dense_card(671e9, 14.8e12);
  moe.architecture.kind = ArchitectureKind::moe;
  moe.phases[0].parameters = exact(37e9, "/training/phases/0/parameters");
  CHECK(where(moe) == "ok");
  moe.phases[0].parameters.reset();
  CHECK(where(moe).rfind("/architecture/active_parameters: active_parameters", 0) == 0);
  moe.phases[0].tokens.reset();
  CHECK(where(moe) == "ok");
}
