#pragma once
// One AI system as its card states it (`gpai-eval/system-card/1`,
// docs/system-card.md). Plain data read by gpai::io::read_system_card; the
// classifier (gpai/system_classification.hpp) decides from it.
//
// Unknown is not no: every yes/no fact is kept by its JSON pointer in the
// card and a pointer that is absent (or null in the card) is unknown. Lists
// are nullopt when the card does not state them and empty when it says "none".

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"

namespace gpai {

// A yes/no fact: nullopt is unknown.
using Fact = std::optional<bool>;

// The operator roles of Art. 3(3)-(8) a card may state (organisation.roles).
enum class SystemRole : unsigned char {
  provider,
  deployer,
  importer,
  distributor,
  product_manufacturer,
  authorised_representative
};
inline constexpr SystemRole kSystemRoles[] = {SystemRole::provider,    SystemRole::deployer,
                                              SystemRole::importer,    SystemRole::distributor,
                                              SystemRole::product_manufacturer, SystemRole::authorised_representative};

// The card's spelling, also the JSON output's.
constexpr std::string_view to_string(SystemRole r) {
  switch (r) {
    case SystemRole::provider: return "provider";
    case SystemRole::deployer: return "deployer";
    case SystemRole::importer: return "importer";
    case SystemRole::distributor: return "distributor";
    case SystemRole::product_manufacturer: return "product_manufacturer";
    case SystemRole::authorised_representative: return "authorised_representative";
  }
  return "provider";
}

struct SystemDates {
  std::optional<Date> placed_on_market;
  std::optional<Date> put_into_service;
  std::optional<Date> significant_change;  // a significant change in design (Art. 111(2))
};

// The GPAI model a system is built on (card `gpai`). The card names it by a
// path (relative to the system card's directory) or carries it inline; the
// application layer loads and assesses it, the classifier sees only the result.
struct LinkedModelRef {
  std::string path;         // as written in the card; empty when inline or absent
  std::string inline_json;  // the inline model card, serialised; empty when none
  bool present() const { return !path.empty() || !inline_json.empty(); }
};

struct SystemCard {
  std::string name;
  std::string intended_purpose;
  std::string organisation_name;
  std::optional<std::vector<SystemRole>> roles;  // nullopt: not stated

  // Every yes/no answer the card gives, by JSON pointer into the card:
  // "/definition/infers_outputs", "/organisation/public_body",
  // "/prohibited/rbi_authorised", "/profiling", "/gpai/general_purpose_system".
  // A pointer that is absent is unknown.
  std::map<std::string, bool, std::less<>> facts;

  std::optional<std::vector<std::string>> prohibited_exceptions;  // /prohibited/exceptions: exception ids
  std::optional<std::string> annex_i_legislation;  // /annex_i/legislation: an id of the rule data
  std::optional<std::vector<std::string>> annex_iii;  // point ids "4a"; empty: none applies
  std::optional<std::vector<std::string>> annex_iii_carve_outs;  // carve-out ids "5b_financial_fraud"

  SystemDates dates;
  LinkedModelRef model;

  Fact fact(std::string_view pointer) const {
    auto it = facts.find(pointer);
    if (it == facts.end()) return std::nullopt;
    return it->second;
  }
  bool has_role(SystemRole r) const {
    if (!roles) return false;
    for (SystemRole x : *roles)
      if (x == r) return true;
    return false;
  }
};

}  // namespace gpai
