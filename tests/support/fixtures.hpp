#pragma once
// Shared fixtures: the shipped data bundle (loaded once) and card builders.
#include <string>

#include "gpai/assessment.hpp"
#include "gpai/io/data_files.hpp"

namespace gpai::test {

inline const io::DataBundle& data() {
  static const io::DataBundle bundle = io::load_data_bundle(GPAI_TEST_DATA_DIR);
  return bundle;
}

inline EstimationContext context(std::size_t samples = 20000, std::uint64_t seed = 7) {
  return data().context(MonteCarloConfig{seed, samples});
}

inline Input exact(double v, std::string pointer = "/test") { return Input{Quantity::exact(v), std::move(pointer)}; }
inline Input range(double lo, double hi, std::string pointer = "/test") {
  return Input{Quantity::interval90(lo, hi), std::move(pointer)};
}

// A dense model with one pre-training phase of `tokens`.
inline ModelCard dense_card(double params, double tokens) {
  ModelCard c;
  c.name = "test";
  c.source = "test.json";
  c.architecture.parameters = exact(params, "/architecture/parameters");
  TrainingPhase p;
  p.name = "pretraining";
  p.kind = "pretraining";
  p.pointer = "/training/phases/0";
  p.tokens = exact(tokens, "/training/phases/0/tokens");
  c.phases.push_back(p);
  return c;
}

// A card with one pre-training phase measured only by hardware time.
inline ModelCard hardware_card(const std::string& accelerator, double accelerator_hours,
                               std::optional<double> utilization) {
  ModelCard c;
  c.name = "test";
  c.source = "test.json";
  TrainingPhase p;
  p.name = "pretraining";
  p.kind = "pretraining";
  p.pointer = "/training/phases/0";
  HardwareUse hw;
  hw.accelerator = accelerator;
  hw.pointer = "/training/phases/0/hardware";
  hw.accelerator_hours = exact(accelerator_hours, "/training/phases/0/hardware/accelerator_hours");
  if (utilization) hw.utilization = exact(*utilization, "/training/phases/0/hardware/utilization");
  p.hardware = hw;
  c.phases.push_back(p);
  return c;
}

}  // namespace gpai::test
