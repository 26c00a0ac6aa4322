// Provenance entries, and the evidence a card lacks for its compute estimate.
#include "gpai/card_provenance.hpp"

#include <algorithm>

namespace gpai {

void Provenance::add_missing(std::string field, std::string needed_for, std::string why) {
  for (const auto& m : missing) {
    if (m.field == field) return;
  }
  missing.push_back({std::move(field), std::move(needed_for), std::move(why)});
}

void Provenance::flag(std::string id, std::string severity, std::string message) {
  flags.push_back({std::move(id), std::move(severity), std::move(message)});
}

void note_missing_evidence(const ModelCard& card, const ComputeEstimate& estimate,
                           Provenance& provenance) {
  const bool any_counted = std::any_of(estimate.phases.begin(), estimate.phases.end(),
                                       [](const PhaseEstimate& pe) { return pe.counts_cumulative; });
  if (card.phases.empty()) {
    provenance.add_missing("/training/phases", "threshold", "the card describes no training phase");
  } else if (!any_counted) {
    // Every phase is of a kind the compute ledger leaves out (evaluation, ...):
    // the threshold cannot be evaluated and the row must say what is missing.
    provenance.add_missing("/training/phases", "threshold",
                           "no phase of a kind that counts towards cumulative compute (see `gpai-eval rules`)");
  }
  for (const auto& pe : estimate.phases) {
    if (!pe.counts_cumulative || pe.headline) continue;
    const auto it = std::find_if(card.phases.begin(), card.phases.end(),
                                 [&](const TrainingPhase& p) { return p.pointer == pe.pointer; });
    if (it == card.phases.end()) continue;
    const bool has_params = it->parameters || card.architecture.parameters;
    const bool moe = card.architecture.kind == ArchitectureKind::moe;
    if (it->hardware && !it->hardware->accelerator_hours && !(it->hardware->count && it->hardware->hours)) {
      provenance.add_missing(it->hardware->pointer + "/accelerator_hours", "threshold",
                             "phase '" + it->name + "' names accelerators but not their time");
    } else if (it->tokens && moe && !card.architecture.active_parameters && !it->parameters) {
      provenance.add_missing("/architecture/active_parameters", "threshold",
                             "mixture-of-experts: 6ND needs the parameters active per token");
    } else if (it->tokens && !has_params) {
      provenance.add_missing("/architecture/parameters", "threshold",
                             "phase '" + it->name + "' gives tokens but the card gives no parameters");
    } else if (!it->tokens) {
      provenance.add_missing(it->pointer + "/tokens", "threshold",
                             "phase '" + it->name + "': no tokens, operation count or accelerator time");
    }
  }
  for (const auto& m : provenance.missing) {
    if (std::find(provenance.undecidable.begin(), provenance.undecidable.end(), m.needed_for) ==
        provenance.undecidable.end()) {
      provenance.undecidable.push_back(m.needed_for);
    }
  }
}

}  // namespace gpai
