#pragma once
// A model card, version 1 ("gpai-eval/model-card/1"), as validated values.
// Adapters (io/model_card_json.hpp, later Hugging Face formats) fill it; the
// core only reads it. Each input keeps the JSON pointer it came from so that
// every estimate can say which inputs it used.

#include <optional>
#include <string>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/quantity.hpp"

namespace gpai {

// A quantity together with the JSON pointer it was read from.
struct Input {
  Quantity value = Quantity::exact(0);
  std::string pointer;
};

enum class UtilizationMetric { mfu, tensor_active, occupancy };
std::string_view to_string(UtilizationMetric m);

struct HardwareUse {
  std::string accelerator;  // canonical catalogue id (resolved by the adapter)
  std::string accelerator_as_given;
  std::optional<Input> count;
  std::optional<Input> hours;              // wall-clock hours per accelerator
  std::optional<Input> accelerator_hours;  // total, alternative to count x hours
  std::optional<Input> utilization;        // in (0, 1]
  UtilizationMetric utilization_metric = UtilizationMetric::mfu;
  std::optional<Precision> precision;
  std::string pointer;
};

struct TrainingPhase {
  std::string name;
  std::string kind;  // a phase kind of the rule set's compute ledger
  std::optional<Input> tokens;
  std::optional<Input> epochs;
  std::optional<Input> compute_flop;  // an operation count stated for the phase
  std::optional<Input> parameters;    // overrides the card's (e.g. a generator model)
  std::optional<HardwareUse> hardware;
  std::string pointer;
};

enum class ArchitectureKind { dense, moe };

struct Architecture {
  ArchitectureKind kind = ArchitectureKind::dense;
  std::optional<Input> parameters;
  std::optional<Input> active_parameters;
  std::optional<Input> layers;
  std::optional<Input> d_model;
  std::optional<Input> context_length;
};

struct Provider {
  std::string name;
  std::optional<bool> established_in_eu;
  std::optional<Input> annual_turnover_eur;  // worldwide, preceding financial year
};

struct Benchmark {
  std::string name;
  double score = 0;
  double max = 100;
  std::string pointer;
};

struct Capabilities {
  std::vector<Benchmark> benchmarks;
  std::optional<bool> tool_use;
  std::optional<bool> autonomy;
  std::vector<std::string> narrow_tasks;  // non-empty: competent only at these
};

struct Reach {
  std::optional<Input> eu_business_users;
  std::optional<Input> eu_end_users;
  std::optional<Input> vlop_monthly_eu_users;  // platform the model is integrated in
};

struct SystemicRiskEntry {
  std::string category;
  std::optional<bool> assessed;
  std::vector<std::string> evaluations;
  std::vector<std::string> mitigations;
  std::optional<bool> acceptable;
  std::string pointer;
};

// The card describes a modification of someone else's model.
struct Modification {
  std::string base_model;
  std::optional<Input> base_training_compute_flop;
  std::optional<bool> base_has_systemic_risk;
  std::optional<Input> compute_flop;  // the modification's own training compute
};

struct License {
  std::string name;
  std::optional<bool> open_source;
  std::optional<bool> weights_public;
};

struct Modalities {
  std::vector<std::string> input;
  std::vector<std::string> output;
};

struct ModelCard {
  std::string source;  // file the card came from, for messages
  std::string name;
  Provider provider;
  std::optional<Date> placed_on_market;
  std::string stage;  // "research", "development", "market" or empty
  std::optional<bool> designated;  // designated by the Commission (Art. 51(1)(b))
  License license;
  Architecture architecture;
  Modalities modalities;
  std::vector<TrainingPhase> phases;
  std::optional<Input> reported_compute_flop;
  std::optional<Date> threshold_met_on;  // when the compute threshold was met or known to be
  Capabilities capabilities;
  Reach reach;
  std::vector<SystemicRiskEntry> systemic_risks;
  std::optional<Modification> modification;
};

}  // namespace gpai
