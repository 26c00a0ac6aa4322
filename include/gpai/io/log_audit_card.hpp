#pragma once
// Reads a model card for an audit: the card itself (gpai/io/model_card_json.hpp)
// plus the training facts an auditor checks logs against, from the same
// document (the card format ignores fields it does not know, so these are
// forward compatible):
//   /training/start, /training/end            dates "YYYY-MM-DD"
//   /training/energy_kwh                      quantity or range
//   /training/pue                             facility / IT energy, >= 1
//   /training/cost_usd                        quantity or range
//   /training/price_per_accelerator_hour_usd  quantity or range
// Errors: gpai::InputError with the file and JSON pointer.

#include <string>

#include "gpai/audit.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/io/hf_vocabulary.hpp"
#include "gpai/model_card.hpp"

namespace gpai::io {

struct AuditCard {
  ModelCard card;
  AuditClaim claim;
};

// Any card the front door reads (gpai/io/card_reader.hpp); the training facts
// above are read from our own card format only (a Hugging Face card gives
// the claim its reported compute, if any). "-" reads standard input.
AuditCard load_audit_card(const std::string& path, const AcceleratorCatalogue& catalogue,
                          const HfVocabulary& vocabulary);
AuditCard parse_audit_card(std::string_view text, const std::string& source, const AcceleratorCatalogue& catalogue);

}  // namespace gpai::io
