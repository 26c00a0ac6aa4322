#pragma once
// The GPAI model a system card links (`gpai.model_card`): read through the
// model-card front door and assessed like `assess` would, so a system's
// report shows the model's GPAI and systemic-risk status (Art. 3(66)).
#include <optional>
#include <string>

#include "gpai/date.hpp"
#include "gpai/io/data_files.hpp"
#include "gpai/system_card.hpp"
#include "gpai/system_classification.hpp"
#include "gpai/uncertainty.hpp"

namespace gpai::app {

// nullopt when the card links no model. A path is read relative to the
// system card's directory (`system_card_path`; "-" or "" = the working
// directory). A model card that cannot be read or assessed is an InputError
// naming the system card, /gpai/model_card and the model card's own error.
std::optional<LinkedModelStatus> assess_linked_model(const SystemCard& card, const std::string& system_card_path,
                                                     const io::DataBundle& data, Date as_of,
                                                     const MonteCarloConfig& mc);

}  // namespace gpai::app
