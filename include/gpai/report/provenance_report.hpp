#pragma once
// Where a card's fields came from (gpai/card_provenance.hpp), for the
// single-card reports of a card mapped from a Hugging Face format: which
// fields were mapped and from where, which are missing and what they leave
// undecided, and the pitfalls met. Batch rows print the same facts as columns.

#include <nlohmann/json.hpp>
#include <string>

#include "gpai/card_provenance.hpp"

namespace gpai::report {

// {format, id, mapped[], missing[], undecidable[], flags[], notes[],
// base_model, base_model_relation}: the keys of a batch row, as one object.
nlohmann::ordered_json provenance_json(const Provenance& p);
// A "Card read from ..." section, ending with a newline.
std::string provenance_text(const Provenance& p);

}  // namespace gpai::report
