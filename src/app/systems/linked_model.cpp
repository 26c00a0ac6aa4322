#include "gpai/app/linked_model.hpp"

#include <filesystem>

#include "gpai/assessment.hpp"
#include "gpai/error.hpp"
#include "gpai/io/card_checks.hpp"
#include "gpai/io/card_reader.hpp"

namespace gpai::app {

std::optional<LinkedModelStatus> assess_linked_model(const SystemCard& card, const std::string& system_card_path,
                                                     const io::DataBundle& data, Date as_of,
                                                     const MonteCarloConfig& mc) {
  if (!card.model.present()) return std::nullopt;
  LinkedModelStatus status;
  try {
    MappedCard mapped;
    if (!card.model.path.empty()) {
      std::filesystem::path p(card.model.path);
      if (p.is_relative() && !system_card_path.empty() && system_card_path != "-")
        p = std::filesystem::path(system_card_path).parent_path() / p;
      mapped = io::load_card(p.lexically_normal().string(), data.catalogue, data.hf_vocabulary);
      status.source = card.model.path;
    } else {
      const std::string source = system_card_path + "#/gpai/model_card";
      mapped = io::read_card(card.model.inline_json, source, io::CardOrigin{"", io::CardText::json, 0}, data.catalogue,
                             data.hf_vocabulary);
      status.source = "inline";
    }
    io::check_card_for_estimate(mapped.card, data.catalogue, data.rules);
    const Assessment a = assess(mapped.card, data.context(mc), as_of);
    status.name = mapped.card.name;
    status.gpai = a.gpai.status;
    status.systemic = a.systemic_risk.status;
  } catch (const InputError& e) {
    throw InputError(SourceLocation{system_card_path, 0, 0, "/gpai/model_card"},
                     "gpai.model_card: the linked model card cannot be used: " + std::string(e.what()));
  }
  return status;
}

}  // namespace gpai::app
