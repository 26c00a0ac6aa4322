#pragma once
// Training-compute estimation for a model card: every phase by every method
// its inputs allow, side by side, then cumulative and training totals.
//
// Methods (FLOP, not FLOP/s):
//   architecture_6nd     k * N * D: k = 6 (forward + backward) or 2 (forward-only
//                        generation, from the phase-kind ledger); N = parameters,
//                        active parameters for mixture-of-experts; D = tokens x epochs.
//   architecture_kaplan  k * (N + n_layer * n_ctx * d_model) * D: adds the attention
//                        term of Kaplan et al. (2020) when the shape is given.
//   stated               the phase's own `compute_flop` (an operation count).
//   hardware             accelerator-seconds x dense peak at the precision x MFU.
// Headline policy, per phase: architecture_6nd, else stated, else hardware. An
// operation count is direct evidence of work done; hardware time is capacity
// and needs a utilisation assumption, so it is the fallback and the cross-check.

#include <optional>
#include <string>
#include <vector>

#include "gpai/decision.hpp"
#include "gpai/estimation_assumptions.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/model_card.hpp"
#include "gpai/rules.hpp"
#include "gpai/uncertainty.hpp"

namespace gpai {

struct Finding {
  std::string id;        // stable, e.g. "methods_disagree", "occupancy_not_mfu"
  std::string severity;  // "info" | "warning" | "error"
  std::string message;
  // Or, where the core decided it, the message as a reason the reporters
  // render (message empty).
  Reason reason;
};

// What a method multiplied, as data: views of the card's inputs, the
// catalogue's chip and the estimation assumptions, which must therefore
// outlive the rendering of the estimate. The reporters make the formula,
// the inputs' pointers and the assumptions' texts from it (report/
// compute_text). Plain pointers and numbers: recording it costs no
// allocation, so batch records it too.
struct MethodBasis {
  const TrainingPhase* phase = nullptr;
  // architecture methods: the working parameters (active ones for a
  // mixture of experts), the shape, and the FLOP per parameter per token
  const Input* parameters = nullptr;
  const Architecture* architecture = nullptr;
  double flop_per_parameter_token = 0;
  bool mixture_of_experts = false;
  // hardware: the chip, the precision its peak was taken at, that peak
  const AcceleratorSpec* accelerator = nullptr;
  Precision precision{};
  double peak_flop_per_s = 0;
  const EstimationAssumptions* assumptions = nullptr;
};

struct MethodEstimate {
  std::string method;   // architecture_6nd | architecture_kaplan | stated | hardware
  MethodBasis basis;
  Draws flop;
  DistributionSummary summary;
};

struct PhaseEstimate {
  std::string name;
  std::string kind;
  std::string pointer;
  bool counts_cumulative = false;
  bool counts_training = false;
  bool counts_indicative = false;
  // The compute-ledger entry that classed the phase (its reason and source
  // are printed), a view of the rule set.
  const PhaseKindRule* ledger = nullptr;
  std::vector<MethodEstimate> methods;
  std::optional<std::size_t> headline;  // index into methods

  const MethodEstimate* headline_method() const {
    return headline ? &methods[*headline] : nullptr;
  }
};

struct MethodTotal {
  std::string method;
  DistributionSummary summary;
  std::size_t phases_covered = 0;  // counted phases this method could estimate
  std::size_t phases_counted = 0;  // counted phases in total
};

struct ComputeEstimate {
  std::vector<PhaseEstimate> phases;
  std::optional<Draws> cumulative;  // nullopt: no counted phase had evidence
  std::optional<Draws> training;    // weight-updating phases only
  std::optional<Draws> indicative;  // training the weights carry (the 10^23 criterion)
  DistributionSummary cumulative_summary;
  DistributionSummary training_summary;
  DistributionSummary indicative_summary;
  // P(cumulative > EstimateOptions::threshold_flop), when a threshold was
  // given and there is a cumulative estimate.
  std::optional<Exceedance> cumulative_above;
  bool indicative_includes_base = false;  // a counted phase is weights the model was built on
  std::vector<MethodTotal> methods;
  std::vector<Finding> findings;
  bool complete = true;  // every counted phase had at least one method
};

struct TaxonomyRegistry;
struct FrontierBenchmarks;

struct EstimationContext {
  const AcceleratorCatalogue& catalogue;
  const RuleSet& rules;
  const EstimationAssumptions& assumptions;
  MonteCarloConfig monte_carlo;
  // Needed by the legal assessment (assess()); when null, the systemic-risk
  // taxonomy mapping / benchmark criterion report a gap instead.
  const TaxonomyRegistry* taxonomies = nullptr;
  const FrontierBenchmarks* benchmarks = nullptr;
  std::string taxonomy_id;  // empty: the taxonomy in force on the as-of date
};

// The card must have passed io::check_card_for_estimate (known phase kinds
// and accelerators, a dense peak at the stated precision, active parameters
// for a mixture of experts): otherwise gpai::InternalError. Throws
// gpai::InputError (with the card's file and pointer) for an estimate that
// is not a finite number. Everything else is a value in the result.
struct EstimateOptions {
  // Thresholds the totals are compared with (the presumption threshold for
  // cumulative compute, the indicative GPAI criterion for indicative
  // compute): a sampled total gets draws until no comparison of its p05 or
  // p95 with them can flip (Draws::against).
  std::optional<double> threshold_flop;
  std::optional<double> indicative_threshold_flop;
};

ComputeEstimate estimate_training_compute(const ModelCard& card, const EstimationContext& ctx,
                                          EstimateOptions options = {});

}  // namespace gpai
