#pragma once
// Hugging Face adapters: a model repository's README.md (YAML front matter
// plus Markdown body) and the Hub API's model JSON, mapped into gpai::ModelCard.
//
// Hugging Face metadata was not written for the AI Act, so every mapping
// also returns a Provenance (gpai/card_provenance.hpp): which card fields were filled and from where,
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

#include "gpai/card_provenance.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/io/hf_vocabulary.hpp"
#include "gpai/model_card.hpp"
#include "gpai/training_compute.hpp"

namespace gpai::io {

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

}  // namespace gpai::io
