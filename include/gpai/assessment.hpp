#pragma once
// assess(card) -> Assessment: compute estimate, Art. 51(2) threshold verdict,
// systemic-risk status, each with its reasons. Pure computation: the caller
// loads the card, rules, catalogue and assumptions.

#include <optional>
#include <string>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/rules.hpp"
#include "gpai/training_compute.hpp"

namespace gpai {

struct ThresholdVerdict {
  std::string rule_id;
  std::optional<double> threshold_flop;  // nullopt: no threshold in force on as_of
  Comparison comparison = Comparison::greater_than;
  // above | below | borderline | not_in_force | insufficient_evidence
  std::string status;
  double p_above = 0;  // P(cumulative compute > threshold)
  Citation citation;
  std::optional<Date> effective_from;
  std::vector<std::string> reasons;
};

struct SystemicRiskVerdict {
  // presumed | not_presumed | borderline | insufficient_evidence
  std::string status;
  std::vector<std::string> reasons;
};

struct Assessment {
  std::string model;
  Date as_of;
  ComputeEstimate compute;
  ThresholdVerdict threshold;
  SystemicRiskVerdict systemic_risk;
  std::string notification_text;  // e.g. "3.8e25 FLOP (architecture_6nd: ...)"
  std::vector<Finding> findings;  // compute findings plus claim cross-checks
  std::string rules_version;
};

Assessment assess(const ModelCard& card, const EstimationContext& ctx, Date as_of);

// The threshold status of a distribution: above when p05 > T, below when
// p95 <= T (for "greater than"; the comparison is data), borderline otherwise.
std::string threshold_status(const DistributionSummary& s, const Parameter& rule, double threshold);

}  // namespace gpai
