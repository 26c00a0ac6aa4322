#pragma once
// The accelerator catalogue as a table (`gpai-eval hardware`) and as JSON with
// every field, marking entries that a user catalogue file added or replaced.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpai/hardware_catalogue.hpp"

namespace gpai::report {

struct HardwareListing {
  std::string catalogue_file;       // the shipped data/hardware/accelerators.json
  std::string user_catalogue_file;  // --catalogue FILE; empty when none
  std::string filter;               // empty: the whole catalogue
};

// `shown` points into `catalogue`, in catalogue order.
nlohmann::ordered_json hardware_json(const AcceleratorCatalogue& catalogue,
                                     const std::vector<const AcceleratorSpec*>& shown,
                                     const HardwareListing& listing);
std::string hardware_text(const AcceleratorCatalogue& catalogue,
                          const std::vector<const AcceleratorSpec*>& shown, const HardwareListing& listing);

}  // namespace gpai::report
