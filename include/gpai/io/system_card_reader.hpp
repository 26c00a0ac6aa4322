#pragma once
// Reads AI-system cards, `gpai-eval/system-card/1` (docs/system-card.md,
// schema in data/schema/system-card-1.json).
//
// Stricter than the model-card reader: an unknown key is an error naming it
// (a misspelt answer would otherwise be read as "unknown" without a word),
// and every id (Annex III point, carve-out, exception, Annex I act) is
// checked against the rule data. Answers that contradict each other (an
// exception claimed for a practice answered false) are refused, not
// resolved. Every error is a gpai::InputError (exit 2) naming the file, the
// JSON pointer, the field and what was expected.
//
// true/false are answers; null and absent are "unknown" and are not stored
// (SystemCard::facts holds answers only). Lists: null or absent is unknown,
// [] is "none".

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gpai/system_card.hpp"
#include "gpai/system_rules.hpp"

namespace gpai::io {

inline constexpr std::string_view kSystemCardSchema = "gpai-eval/system-card/1";
// Any version: such a card is a system card even when this program cannot read it.
inline constexpr std::string_view kSystemCardSchemaFamily = "gpai-eval/system-card/";

// From an already-parsed document. `source` names it in messages; `pointer`
// is where the card sits in it ("" for a whole document, "/3" for an element
// of a listing) and prefixes every pointer in messages.
SystemCard read_system_card(const nlohmann::json& doc, const std::string& source,
                            const SystemRuleSet& rules, std::string_view pointer = "");
// From JSON text (strict parse: syntax errors with line and column; duplicate
// keys and nesting deeper than 256 levels refused).
SystemCard parse_system_card(std::string_view text, const std::string& source, const SystemRuleSet& rules);
// From a file ("-" reads standard input).
SystemCard load_system_card(const std::string& path, const SystemRuleSet& rules);

// Whether a document is a system card: an object whose "schema" is a string
// starting "gpai-eval/system-card/" (any version, so that a later version is
// refused by this reader with its own message, not read as a model card).
// is_system_card_text parses: false for text that is not JSON. (One name
// for both would make a std::string argument ambiguous.)
bool is_system_card(const nlohmann::json& doc);
// The card as system-card/1 JSON: what read_system_card reads back to the
// same card (unknown facts are left out; an inline model card is embedded).
nlohmann::ordered_json system_card_json(const SystemCard& card);
bool is_system_card_text(std::string_view text);

}  // namespace gpai::io
