// Issue 12: 1e300 parameters x 1e300 tokens printed "inf FLOP" and
// "Systemic risk: PRESUMED"; hardware time of 1e300 gave NaN and not_gpai.
// Every input is finite alone: the products must be bounded by the adapters,
// and a non-finite estimate refused by the core.
#include "gpai/compute_bounds.hpp"

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/error.hpp"
#include "gpai/io/hf_model_card.hpp"
#include "gpai/training_compute.hpp"

using namespace gpai;
using gpai::test::context;
using gpai::test::data;
using gpai::test::dense_card;
using gpai::test::exact;
using gpai::test::hardware_card;
using gpai::test::range;

TEST_CASE("realistic cards are within the compute bounds", "[compute][bounds]") {
  const auto& catalogue = data().catalogue;
  CHECK_FALSE(find_implausible_compute_input(dense_card(405e9, 15.6e12), catalogue));
  CHECK_FALSE(find_implausible_compute_input(hardware_card("H100-SXM", 30.84e6, 0.4), catalogue));
  ModelCard wide = dense_card(7e9, 2e12);
  wide.phases[0].tokens = range(1e9, 1e15, "/training/phases/0/tokens");  // wide, but drawable
  CHECK_FALSE(find_implausible_compute_input(wide, catalogue));
  ModelCard zero = dense_card(7e9, 0);  // an exact zero makes the product zero
  zero.architecture.parameters = range(1e-200, 1e30, "/architecture/parameters");
  CHECK(find_implausible_compute_input(zero, catalogue));  // but the draws of N alone would overflow
}

TEST_CASE("a product above the bound names the largest input and the product", "[compute][bounds]") {
  const auto& catalogue = data().catalogue;
  const auto big = find_implausible_compute_input(dense_card(1e300, 1e300), catalogue);
  REQUIRE(big);
  CHECK(big->pointer == "/architecture/parameters");
  CHECK(big->field == "parameters");
  CHECK(big->expected.find("6 x parameters x tokens stays at or below 1e40 FLOP") != std::string::npos);
  CHECK(big->found.find("= 6.0e600 FLOP") != std::string::npos);
  CHECK(big->found.find("/training/phases/0/tokens") != std::string::npos);

  const auto tokens = find_implausible_compute_input(dense_card(7e9, 1e35), catalogue);
  REQUIRE(tokens);
  CHECK(tokens->pointer == "/training/phases/0/tokens");

  ModelCard epochs = dense_card(7e9, 1e12);
  epochs.phases[0].epochs = exact(1e30, "/training/phases/0/epochs");
  REQUIRE(find_implausible_compute_input(epochs, catalogue));
  CHECK(find_implausible_compute_input(epochs, catalogue)->pointer == "/training/phases/0/epochs");

  ModelCard stated = dense_card(7e9, 1e12);
  stated.phases[0].compute_flop = exact(1e300, "/training/phases/0/compute_flop");
  REQUIRE(find_implausible_compute_input(stated, catalogue));
  CHECK(find_implausible_compute_input(stated, catalogue)->expected.rfind("at most 1e40 FLOP", 0) == 0);

  ModelCard reported = dense_card(7e9, 1e12);
  reported.reported_compute_flop = exact(1e300, "/training/reported_compute_flop");
  CHECK(find_implausible_compute_input(reported, catalogue)->pointer == "/training/reported_compute_flop");

  const auto hours = find_implausible_compute_input(hardware_card("H100-SXM", 1e300, 0.4), catalogue);
  REQUIRE(hours);
  CHECK(hours->pointer == "/training/phases/0/hardware/accelerator_hours");

  ModelCard count = hardware_card("H100-SXM", 1e6, 0.4);
  count.phases[0].hardware->count = exact(1e300, "/training/phases/0/hardware/count");
  count.phases[0].hardware->hours = exact(1e300, "/training/phases/0/hardware/hours");
  REQUIRE(find_implausible_compute_input(count, catalogue));
  CHECK(find_implausible_compute_input(count, catalogue)->pointer == "/training/phases/0/hardware/count");

  ModelCard kaplan = dense_card(7e9, 1e12);
  kaplan.architecture.layers = exact(1e20, "/architecture/layers");
  kaplan.architecture.context_length = exact(4096, "/architecture/context_length");
  kaplan.architecture.d_model = exact(4096, "/architecture/d_model");
  REQUIRE(find_implausible_compute_input(kaplan, catalogue));
  CHECK(find_implausible_compute_input(kaplan, catalogue)->pointer == "/architecture/layers");
}

TEST_CASE("an interval too wide to draw from names the interval", "[compute][bounds]") {
  ModelCard card = dense_card(7e9, 1e12);
  card.phases[0].tokens = range(1e-300, 1e15, "/training/phases/0/tokens");
  const auto wide = find_implausible_compute_input(card, data().catalogue);
  REQUIRE(wide);
  CHECK(wide->pointer == "/training/phases/0/tokens");
  CHECK(wide->expected.find("90 % interval narrow enough") != std::string::npos);
}

TEST_CASE("the core refuses a non-finite estimate instead of giving a verdict", "[compute][bounds]") {
  // Cards built in code skip the adapters: the core is the last line.
  try {
    (void)assess(dense_card(1e300, 1e300), context(), Date::parse("2026-01-01").value());
    FAIL("an infinite estimate was assessed");
  } catch (const InputError& e) {
    CHECK(e.where().file == "test.json");
    CHECK(e.where().json_pointer == "/training/phases/0");
    CHECK(e.detail().find("architecture_6nd estimate is not a finite number of FLOP") != std::string::npos);
  }
  CHECK_THROWS_AS(estimate_training_compute(hardware_card("H100-SXM", 1e300, std::nullopt), context()),
                  InputError);
}

TEST_CASE("a README whose prose implies an overflowing estimate is an input error", "[compute][bounds][hf]") {
  // Before: 1e300 parameters x 1e292 tokens gave "gpai", "presumed" and a null FLOP figure.
  std::string params = "1";
  for (int i = 0; i < 100; ++i) params += ",000";
  const std::string text = "---\nlicense: mit\npipeline_tag: text-generation\n---\n# X\n\nIt has " + params +
                           " parameters.\nWe pretrained the model on a corpus of 1" + std::string(280, '0') +
                           " trillion tokens.\n";
  try {
    (void)io::map_hf_readme(text, "org/x/README.md", data().catalogue, data().hf_vocabulary);
    FAIL("the overflowing README was mapped");
  } catch (const InputError& e) {
    CHECK(e.where().file == "org/x/README.md");
    CHECK(e.detail().rfind("parameters: expected a value for which 6 x parameters x tokens", 0) == 0);
    CHECK(e.detail().find("README line 7") != std::string::npos);
  }
}
