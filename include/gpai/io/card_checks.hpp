#pragma once
// What the compute estimate needs of a card beyond what its reader checks:
// phase kinds the rule set knows, accelerators the catalogue holds with a
// dense peak at the precision the card names, and the active parameters of a
// mixture of experts whose phases count tokens. Readers check a format's
// syntax and ranges; this checks any read card (our JSON, a Hugging Face
// mapping, an audit card, the estimate command's flags) against the data,
// so the core can rely on it. Non-finite results stay the core's to refuse:
// they are known only once computed.
//
// Throws gpai::InputError at the card's file and JSON pointer, for the first
// problem in the order the estimate meets them (phase by phase: kind,
// parameters, accelerator, precision).

#include "gpai/hardware_catalogue.hpp"
#include "gpai/model_card.hpp"
#include "gpai/rules.hpp"

namespace gpai::io {

void check_card_for_estimate(const ModelCard& card, const AcceleratorCatalogue& catalogue, const RuleSet& rules);

}  // namespace gpai::io
