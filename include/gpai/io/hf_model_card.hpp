#pragma once
// Hugging Face adapters: a model repository's README.md (YAML front matter
// plus Markdown body) and the Hub API's model JSON, mapped into gpai::ModelCard.
//
// Hugging Face metadata was not written for the AI Act, so every mapping
// also returns a Provenance: which card fields were filled and from where,
// which fields the source lacks, what can therefore not be decided, and the
// pitfalls met on the way (quantised safetensors counts, MoE sizes only in
// the name or prose, CO2 given in kilograms where the Hub specifies grams).
//
// Policy: never guess a number the source does not state. A count is mapped
// only from a field, the repository name or a recognised sentence of the
// card that states it; what was inferred from a name or from prose carries a
// flag. A card without training tokens or accelerator time gets no compute
// estimate: assess() then reports `insufficient_evidence` and the Provenance
// lists the missing fields.
//
// Thread safety: the functions are pure (no shared state); safe to call from
// many threads with a shared const AcceleratorCatalogue.
// Errors: a README whose front matter is not valid YAML, or a document of the
// wrong shape (not an object, `id` not a string), throws gpai::InputError with
// the source, line (YAML) or JSON pointer. Odd values of individual fields are
// not errors: they are left unmapped and flagged.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/hardware_catalogue.hpp"
#include "gpai/io/hf_vocabulary.hpp"
#include "gpai/model_card.hpp"
#include "gpai/training_compute.hpp"

namespace gpai::io {

enum class CardFormat {
  gpai_card_v1,  // our own card, "gpai-eval/model-card/1"
  hf_readme,     // Hugging Face README.md with YAML front matter
  hf_hub_api,    // Hugging Face Hub API model JSON
};

// "gpai-card-1", "hf-readme", "hf-hub-api": the values of the `format` column.
constexpr std::string_view to_string(CardFormat f) {
  switch (f) {
    case CardFormat::gpai_card_v1: return "gpai-card-1";
    case CardFormat::hf_readme: return "hf-readme";
    case CardFormat::hf_hub_api: return "hf-hub-api";
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

struct MappedCard {
  ModelCard card;
  Provenance provenance;
};

// A README.md: optional YAML front matter between "---" lines, then Markdown.
// `source` names the file in messages; its stem is the fallback model name.
MappedCard map_hf_readme(std::string_view text, const std::string& source,
                         const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary);

// One Hub API model object (GET /api/models/{id}, or an element of a
// /api/models listing). `pointer` is where the object sits in its document
// ("" for a whole document, "/3" for a listing element); mapped fields name
// source locations relative to it.
MappedCard map_hub_api(const nlohmann::json& model, const std::string& source,
                       const std::string& pointer, const AcceleratorCatalogue& catalogue,
                       const HfVocabulary& vocabulary);

// True when `doc` looks like Hub API model JSON: an object with a string
// `id` and at least one of pipeline_tag, safetensors, cardData, config, tags.
bool looks_like_hub_api(const nlohmann::json& doc);

// True when the text starts (after a UTF-8 byte-order mark and blank lines)
// with a YAML front-matter fence "---".
bool looks_like_hf_readme(std::string_view text);

// Adds, for every counted phase of `estimate` that no method could estimate,
// the evidence the card would need (tokens with parameters, an operation
// count, or accelerator time), unless already listed; then fills
// `undecidable` from the missing fields. Used for every card format, after
// assess(), so that a v1 card lacking evidence is reported the same way.
void note_missing_evidence(const ModelCard& card, const ComputeEstimate& estimate,
                           Provenance& provenance);

}  // namespace gpai::io
