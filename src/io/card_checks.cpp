#include "gpai/io/card_checks.hpp"

#include <string>

#include "gpai/error.hpp"

namespace gpai::io {
namespace {

SourceLocation at(const ModelCard& card, std::string pointer) {
  SourceLocation loc;
  loc.file = card.source;
  loc.json_pointer = std::move(pointer);
  return loc;
}

// The 6ND method takes a mixture of experts' active parameters unless the
// phase states its own; it runs only for phases with tokens and a per-token cost.
void check_parameters(const ModelCard& card, const TrainingPhase& phase, const PhaseKindRule& rule) {
  if (!phase.tokens || rule.flop_per_parameter_token <= 0 || phase.parameters) return;
  if (card.architecture.kind == ArchitectureKind::moe && !card.architecture.active_parameters) {
    throw InputError::missing(at(card, "/architecture/active_parameters"), "active_parameters",
                              "the parameters active per token, required for a mixture-of-experts model: "
                              "6ND with total parameters over-counts compute by the ratio of total to active "
                              "parameters (often 10-20x)");
  }
}

// The precision is priced only when the hardware time is known.
void check_hardware(const ModelCard& card, const HardwareUse& hw, const AcceleratorCatalogue& catalogue) {
  const AcceleratorSpec* spec = catalogue.find(hw.accelerator);
  if (!spec) {
    throw InputError(at(card, hw.pointer + "/accelerator"),
                     "accelerator: '" + hw.accelerator + "' is not in the catalogue");
  }
  if (!hw.accelerator_hours && !(hw.count && hw.hours)) return;
  const Precision precision = hw.precision.value_or(spec->default_precision);
  if (spec->peak_flop_per_s(precision)) return;
  std::string have;
  for (const auto& [p, v] : spec->peak_flop_per_s_dense) have += (have.empty() ? "" : ", ") + std::string(to_string(p));
  throw InputError::wrong_value(at(card, hw.pointer + "/precision"), "precision",
                                "a precision " + spec->id + " has a dense peak for (" + have + ")",
                                "'" + std::string(to_string(precision)) + "'");
}

}  // namespace

void check_card_for_estimate(const ModelCard& card, const AcceleratorCatalogue& catalogue, const RuleSet& rules) {
  for (const auto& phase : card.phases) {
    const PhaseKindRule* rule = rules.phase_kind(phase.kind);
    if (!rule) throw InputError(at(card, phase.pointer + "/kind"), "kind: unknown phase kind '" + phase.kind + "'");
    check_parameters(card, phase, *rule);
    if (phase.hardware) check_hardware(card, *phase.hardware, catalogue);
  }
}

}  // namespace gpai::io
