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

// The yes/no fields of `gpai-eval/system-card/1`, by JSON pointer: the card
// contract (a field is a question about the system, not law, so the list lives
// here; the rule data names these pointers and its loader checks them).
inline constexpr std::string_view kSystemCardFacts[] = {
    "/organisation/public_body",
    "/organisation/established_in_eu",
    "/definition/machine_based",
    "/definition/autonomy",
    "/definition/adaptiveness",
    "/definition/infers_outputs",
    "/definition/influences_environment",
    "/exclusions/military_defence_national_security",
    "/exclusions/scientific_research_only",
    "/exclusions/pre_market_research_testing",
    "/exclusions/personal_non_professional",
    "/exclusions/free_open_source",
    "/exclusions/third_country_authority_cooperation",
    "/prohibited/subliminal_manipulation",
    "/prohibited/exploits_vulnerabilities",
    "/prohibited/social_scoring",
    "/prohibited/crime_prediction_profiling",
    "/prohibited/untargeted_face_scraping",
    "/prohibited/emotion_recognition_work_education",
    "/prohibited/biometric_categorisation_sensitive",
    "/prohibited/realtime_remote_biometric_id_law_enforcement",
    "/prohibited/intimate_imagery_or_csam",
    "/prohibited/rbi_authorised",
    "/annex_i/safety_component_or_product",
    "/annex_i/third_party_conformity_assessment",
    "/art6_3/narrow_procedural_task",
    "/art6_3/improves_completed_human_activity",
    "/art6_3/detects_patterns_with_human_review",
    "/art6_3/preparatory_task",
    "/profiling",
    "/transparency/interacts_with_persons",
    "/transparency/obvious_to_persons",
    "/transparency/generates_synthetic_content",
    "/transparency/standard_editing_only",
    "/transparency/emotion_or_biometric_categorisation",
    "/transparency/deep_fake",
    "/transparency/public_interest_text",
    "/transparency/editorial_responsibility",
    "/transparency/law_enforcement_authorised",
    "/role_changes/own_name_on_high_risk",
    "/role_changes/substantial_modification",
    "/role_changes/repurposed_to_high_risk",
    "/gpai/general_purpose_system",
};

constexpr bool is_system_card_fact(std::string_view pointer) {
  for (std::string_view f : kSystemCardFacts)
    if (f == pointer) return true;
  return false;
}

// Fields that are lists or values rather than yes/no facts, also asked as
// open questions: "/organisation/roles", "/annex_iii", "/annex_i/legislation",
// "/prohibited/exceptions", "/dates/placed_on_market".

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

// The inventory fields of the Dutch government's guide to inventorying AI
// systems (card `register`): the algorithm-register entry and what an
// inventory records beside it. Informational: kept with the card and
// printed, never read by the classifier (the risk classification here is
// the organisation's own, not ours).
struct RegisterEntry {
  std::string id;           // algorithm-register id
  std::string url;          // algorithm-register page
  std::string description;  // "omschrijving"
  std::string process;      // the overarching process ("proces")
  std::string supplier;     // "leverancier"
  std::string status;       // e.g. "in gebruik", "in ontwikkeling", "buiten gebruik"
  std::string risk_classification;  // the organisation's own entry
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
  std::optional<RegisterEntry> register_entry;  // card `register`; nullopt when absent

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
