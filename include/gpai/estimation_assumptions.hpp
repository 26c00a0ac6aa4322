#pragma once
// Technical (not legal) assumptions of the compute estimate, loaded from
// data/estimation/assumptions.json so that each one is visible and sourced.

#include <map>
#include <string>

#include "gpai/model_card.hpp"
#include "gpai/quantity.hpp"

namespace gpai {

struct MetricConversion {
  // MFU = reading x factor, factor a 90 % interval.
  Quantity mfu_per_unit = Quantity::exact(1);
  std::string explanation;
  std::string source;
};

struct EstimationAssumptions {
  std::string version;
  Quantity default_utilization = Quantity::interval90(0.3, 0.5);  // MFU
  std::string default_utilization_source;
  std::map<UtilizationMetric, MetricConversion> metric_conversions;
  // Two methods for the same phase whose medians differ by more than this
  // factor are flagged.
  double disagreement_factor = 2.0;
  std::string disagreement_source;
  // Architecture FLOP / logged peak capacity outside [low, high] is flagged
  // by the audit: the logs miss time, or include much other work.
  double implied_utilization_low = 0.05;
  double implied_utilization_high = 0.75;
  std::string implied_utilization_source;
};

}  // namespace gpai
