#pragma once
// Reads model cards in our JSON format, version 1 ("gpai-eval/model-card/1";
// documented in docs/model-card.md, schema in data/schema/model-card-1.json).
// Unknown fields are ignored (forward compatible); a wrong type or impossible
// value throws gpai::InputError naming the file, JSON pointer and field.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gpai/hardware_catalogue.hpp"
#include "gpai/model_card.hpp"

namespace gpai::io {

inline constexpr std::string_view kModelCardSchema = "gpai-eval/model-card/1";

// From an already-parsed document. `source` names it in messages.
ModelCard read_model_card(const nlohmann::json& doc, const std::string& source,
                          const AcceleratorCatalogue& catalogue);
// From JSON text (strict parse: syntax errors with line and column).
ModelCard parse_model_card(std::string_view text, const std::string& source,
                           const AcceleratorCatalogue& catalogue);
// From a file ("-" reads standard input).
ModelCard load_model_card(const std::string& path, const AcceleratorCatalogue& catalogue);

}  // namespace gpai::io
