#pragma once
// The card readers over a JsonView, so that batch reads records straight from
// simdjson's DOM. The public nlohmann overloads (gpai/io/model_card_json.hpp,
// gpai/io/hf_model_card.hpp, gpai/io/system_card_reader.hpp) forward here. Private to gpai_io.

#include <string>

#include "gpai/io/hf_model_card.hpp"
#include "gpai/io/model_card_json.hpp"
#include "gpai/io/system_card_reader.hpp"
#include "json_view.hpp"

namespace gpai::io {

ModelCard read_model_card(JsonView doc, const std::string& source, const AcceleratorCatalogue& catalogue);
MappedCard map_hub_api(JsonView model, const std::string& source, const std::string& pointer,
                       const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary);
bool looks_like_hub_api(JsonView doc);
// Batch: a record is a system card (gpai/io/system_card_reader.hpp).
SystemCard read_system_card(JsonView doc, const std::string& source, const SystemRuleSet& rules,
                            std::string_view pointer = "");
bool is_system_card(JsonView doc);

}  // namespace gpai::io
