// system_card_json(): the card written back, for `classify --interactive -o`.
#include "gpai/io/system_card_reader.hpp"

namespace gpai::io {

nlohmann::ordered_json system_card_json(const SystemCard& card) {
  using OJson = nlohmann::ordered_json;
  OJson j;
  j["schema"] = std::string(kSystemCardSchema);
  j["name"] = card.name;
  if (!card.intended_purpose.empty()) j["intended_purpose"] = card.intended_purpose;
  OJson org = OJson::object();
  if (!card.organisation_name.empty()) org["name"] = card.organisation_name;
  if (card.roles) {
    OJson roles = OJson::array();
    for (SystemRole r : *card.roles) roles.push_back(std::string(to_string(r)));
    org["roles"] = roles;
  }
  j["organisation"] = org;
  OJson dates = OJson::object();
  if (card.dates.placed_on_market) dates["placed_on_market"] = card.dates.placed_on_market->to_string();
  if (card.dates.put_into_service) dates["put_into_service"] = card.dates.put_into_service->to_string();
  if (card.dates.significant_change) dates["significant_change"] = card.dates.significant_change->to_string();
  if (!dates.empty()) j["dates"] = dates;
  // Facts in the contract's order, grouped by their first pointer token.
  for (std::string_view pointer : kSystemCardFacts) {
    const Fact v = card.fact(pointer);
    if (!v) continue;
    const std::size_t slash = pointer.find('/', 1);
    if (slash == std::string_view::npos) {
      j[std::string(pointer.substr(1))] = *v;
    } else {
      j[std::string(pointer.substr(1, slash - 1))][std::string(pointer.substr(slash + 1))] = *v;
    }
  }
  if (card.prohibited_exceptions) j["prohibited"]["exceptions"] = *card.prohibited_exceptions;
  if (card.annex_i_legislation) j["annex_i"]["legislation"] = *card.annex_i_legislation;
  if (card.annex_iii) j["annex_iii"] = *card.annex_iii;
  if (card.annex_iii_carve_outs) j["annex_iii_carve_outs"] = *card.annex_iii_carve_outs;
  if (!card.model.path.empty()) j["gpai"]["model_card"] = card.model.path;
  if (!card.model.inline_json.empty()) j["gpai"]["model_card"] = OJson::parse(card.model.inline_json);
  if (card.register_entry) {
    const RegisterEntry& r = *card.register_entry;
    OJson reg = OJson::object();
    auto put = [&](const char* k, const std::string& v) {
      if (!v.empty()) reg[k] = v;
    };
    put("id", r.id), put("url", r.url), put("description", r.description), put("process", r.process);
    put("supplier", r.supplier), put("status", r.status), put("risk_classification", r.risk_classification);
    j["register"] = reg;
  }
  return j;
}

}  // namespace gpai::io
