#pragma once
// Where a card's fields came from. Every card reader (our JSON card, the
// Hugging Face README and Hub API adapters) returns a Provenance beside the
// ModelCard: which card fields were filled and from where, which the source
// lacks, what can therefore not be decided, and the pitfalls met on the way.
// Plain data, no I/O: reporters print it, the batch tallies it.

#include <string>
#include <string_view>
#include <vector>

#include "gpai/model_card.hpp"
#include "gpai/training_compute.hpp"

namespace gpai {

// The card formats the readers detect (gpai/io/card_reader.hpp).
enum class CardFormat {
  gpai_card_v1,  // our own card, "gpai-eval/model-card/1"
  hf_readme,     // Hugging Face README.md with YAML front matter
  hf_hub_api,    // Hugging Face Hub API model JSON
  // An AI-system card, "gpai-eval/system-card/1" (gpai/io/system_card_reader.hpp):
  // not a model card; batch recognises it with io::is_system_card.
  system_card_v1,
};

// "gpai-card-1", "hf-readme", "hf-hub-api", "system-card-1": the values of the `format` column.
constexpr std::string_view to_string(CardFormat f) {
  switch (f) {
    case CardFormat::gpai_card_v1: return "gpai-card-1";
    case CardFormat::hf_readme: return "hf-readme";
    case CardFormat::hf_hub_api: return "hf-hub-api";
    case CardFormat::system_card_v1: return "system-card-1";
  }
  return "unknown";
}

// One card field filled from the source. `field` is a JSON pointer into our
// card format ("/architecture/parameters"); `from` names the source location
// ("/safetensors/parameters/BF16", "front matter /license",
// "README line 212: Total seen tokens: **366B**", "repository name").
struct FieldSource {
  std::string field;
  std::string from;
};

// A card field the source does not give, and which verdict needs it
// ("threshold", "systemic_risk", "gpai", "open_source_exemption",
// "authorised_representative", "deadlines", "annex_xiii_reach"), with the
// reason when there is more to say than "absent".
struct MissingField {
  std::string field;
  std::string needed_for;
  std::string why;
};

// Model lineage from `base_model` / `base_model_relation` or the Hub's
// "base_model:<relation>:<id>" tags.
struct Lineage {
  std::vector<std::string> base_models;
  std::string relation;  // finetune | adapter | quantized | merge | "" (unknown)
  std::string from;
};

struct Provenance {
  CardFormat format = CardFormat::gpai_card_v1;
  std::string record_id;  // Hub repository id or the card's name
  std::vector<FieldSource> mapped;
  std::vector<MissingField> missing;
  // Verdict ids the missing fields leave open, each once, in first-seen order.
  std::vector<std::string> undecidable;
  // Pitfalls met: ids such as "safetensors_quantised", "moe_active_from_name",
  // "co2_unit_suspect" with a message; severity "info" or "warning".
  std::vector<Finding> flags;
  // Facts kept for the reader but not mapped to a card field (CO2, datasets,
  // Hub downloads), as "key: value" text.
  std::vector<std::string> notes;
  Lineage lineage;

  void add_missing(std::string field, std::string needed_for, std::string why = {});
  void flag(std::string id, std::string severity, std::string message);
};

// A card as read, with where its fields came from.
struct MappedCard {
  ModelCard card;
  Provenance provenance;
};

// Adds, for every counted phase of `estimate` that no method could estimate,
// the evidence the card would need (tokens with parameters, an operation
// count, or accelerator time), unless already listed; then fills
// `undecidable` from the missing fields. Used for every card format, after
// assess(), so that a v1 card lacking evidence is reported the same way.
void note_missing_evidence(const ModelCard& card, const ComputeEstimate& estimate,
                           Provenance& provenance);

}  // namespace gpai
