#pragma once
// The AI-system chapters of the AI Act as dated, cited data
// (data/rules/eu_ai_act_systems/, loaded strictly by
// gpai::io::load_system_rule_set). This header defines only the shape; which
// practice, Annex III point, exception or duty exists, what it says, whom it
// binds and from when is all in the data.
//
// Facts are named by JSON pointers into the system card (gpai/system_card.hpp),
// so a rule that reads a fact and the open question that asks for it name the
// same field. Texts are by language ("en", "nl", ...): questions, titles and
// obligation texts are printed in the language asked for.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/rules.hpp"
#include "gpai/system_card.hpp"

namespace gpai {

// Language code -> text. The loader requires "en"; a test requires every
// language that has a message catalogue.
using Texts = std::map<std::string, std::string, std::less<>>;

// Text in `language`, English when that language has none.
const std::string& text_in(const Texts& texts, std::string_view language);

// True when every `all` fact is true and no `none` fact is true; read in
// three-valued logic, so an unknown fact leaves it unknown unless another
// fact already decides it.
struct FactCondition {
  std::vector<std::string> all;   // JSON pointers into the system card
  std::vector<std::string> none;  // exceptions: any true defeats the condition
};

// Art. 3(1): one element of the definition.
struct DefinitionElement {
  std::string fact;        // "/definition/infers_outputs"
  bool required = true;    // adaptiveness "may" be exhibited: recorded, never required
  Texts title;
  Citation source;
};

// Art. 2: what an exclusion takes out of the Act.
enum class ExclusionEffect : unsigned char {
  out_of_scope,          // 2(3), 2(4), 2(6), 2(8): the system is outside the Act
  deployer_duties_only,  // 2(10): the deployer's duties fall away, the provider's stay
  open_source            // 2(12): outside unless prohibited, high-risk or under Art. 50
};

struct ScopeExclusion {
  std::string id;    // "art2_3.military"
  std::string fact;  // "/exclusions/military_defence_national_security"
  ExclusionEffect effect = ExclusionEffect::out_of_scope;
  Texts title;
  Citation source;
};

// Art. 5(1): one prohibited practice, with the exceptions the Act gives it.
struct ProhibitedPractice {
  std::string id;    // "art5_1_c.social_scoring"
  std::string fact;  // "/prohibited/social_scoring"
  std::vector<std::string> exceptions;  // ids of ProhibitionException valid for this practice
  // The exceptions hold only with this fact true (5(1)(h): authorisation
  // under Art. 5(2)-(3)); empty when none is needed.
  std::string authorisation_fact;
  // Annex III point the system falls under when an exception holds (5(1)(h):
  // "1a"; 5(1)(f) medical or safety: "1c"); empty when none.
  std::string excepted_annex_iii_point;
  std::string in_force_from;  // a date rule id
  Texts title;
  Citation source;
};

struct ProhibitionException {
  std::string id;  // "rbi_victim_search" (the card's spelling)
  std::string practice;  // the ProhibitedPractice id it belongs to
  Texts title;
  Citation source;
};

// Where an Annex III system is registered (Art. 49).
enum class Registration : unsigned char {
  eu_database,             // 49(1), 49(3)
  eu_database_non_public,  // 49(4): areas 1, 6, 7
  national                 // 49(5): point 2
};

struct AnnexIIIPoint {
  std::string id;  // "4a"
  int area = 0;    // 1..8
  Texts title;
  bool fria_any_deployer = false;  // 27(1): any deployer of 5(b) and 5(c)
  bool fria_excluded = false;      // 27(1): never for point 2
  bool right_to_explanation = true;  // Art. 86: not point 2
  Registration registration = Registration::eu_database;
  Citation source;
};

struct AnnexIIICarveOut {
  std::string id;     // "5b_financial_fraud" (the card's spelling)
  std::string point;  // "5b"
  Texts title;
  Citation source;
};

struct AnnexArea {  // Annex III area: the interactive mode asks by area first
  int area = 0;
  Texts title;
  Citation source;
};

// Art. 6(3)(a)-(d).
struct Art63Condition {
  std::string id;    // "art6_3_a.narrow_procedural_task"
  std::string fact;  // "/art6_3/narrow_procedural_task"
  Texts title;
  Citation source;
};

// Annex I Union harmonisation legislation. The section may change by
// amendment (machinery to Section B), so it is dated.
enum class AnnexISection : unsigned char { a, b };

struct DatedSection {
  Date from;
  AnnexISection section = AnnexISection::a;
  Citation source;
  std::string note;
};

struct AnnexILegislation {
  std::string id;  // "medical_devices" (the card's spelling)
  Texts title;
  std::vector<DatedSection> history;  // strictly increasing `from`
  const DatedSection* in_force(Date date) const;
};

// Art. 50: one transparency duty, with its own exceptions and actor.
struct TransparencyDuty {
  std::string id;  // "art50_1.interaction"
  SystemRole actor = SystemRole::provider;
  FactCondition when;
  std::string in_force_from;  // a date rule id
  // For systems placed on the market before `legacy_placed_before` (a date
  // rule id), the duty applies from `legacy_in_force_from` (new Art. 111(4)
  // for 50(2)); both empty when no such transition exists.
  std::string legacy_placed_before;
  std::string legacy_in_force_from;
  Texts title;
  Citation source;
};

// Art. 25(1)(a)-(c): a deployer, importer, distributor or third party
// becomes provider of a high-risk system.
struct RoleShift {
  std::string id;    // "art25_1_a.own_name"
  std::string fact;  // "/role_changes/own_name_on_high_risk"
  // (c) makes a system high-risk by a new purpose; (a), (b) need one already.
  bool makes_high_risk = false;
  Texts title;
  Citation source;
};

// Which classification an obligation follows. A closed vocabulary: the
// classifier knows what each means; the data says which duties, texts,
// actors and dates hang on it.
enum class ObligationScope : unsigned char {
  ai_system,                // every in-scope AI system (Art. 4)
  prohibited,               // a prohibited practice: stop (Art. 5)
  permitted_biometric_use,  // a 5(1)(h) use under its exception (5(2)-(7))
  high_risk,                // high-risk (either route), Section B excluded
  high_risk_non_eu,         // high-risk, provider not established in the Union (Art. 22)
  high_risk_public_deployer,  // high-risk, deployer a public body (26(8), 49(3))
  fria,                     // Art. 27
  right_to_explanation,     // Art. 86: Annex III, not point 2
  art6_3_exempt,            // Annex III, exempted under 6(3): 6(4), 49(2)
  annex_i_section_b,        // Art. 2(2): only via the sectoral act
  transparency,             // an Art. 50 duty (`duty` names it)
  gpai_system               // a GPAI system: safeguards against prohibited use (guidelines)
};

// The fine tier a breach falls under (Art. 99).
struct FineTier {
  std::string id;  // "art99_3"
  Texts title;     // "up to EUR 35 m or 7 % of worldwide annual turnover"
  Citation source;
};

struct SystemObligation {
  std::string id;  // "art26_6.keep_logs"
  SystemRole actor = SystemRole::provider;
  ObligationScope scope = ObligationScope::high_risk;
  std::string duty;  // scope transparency: the TransparencyDuty id
  std::string in_force_from;  // a date rule id
  // For high-risk duties: the date rule id when the system is high-risk only
  // under Annex I (Art. 6(1)); empty: the same as in_force_from.
  std::string in_force_from_annex_i;
  std::string fine_tier;  // a FineTier id; empty: national rules only
  Texts text;
  Citation source;
};

// The question that settles one fact, asked in the guide's order.
struct FactQuestion {
  std::string field;  // JSON pointer into the system card
  Texts question;
  Texts explanation;  // one plain line
  Citation source;
};

// Ids of the date rules the classifier looks up by name, in one place.
namespace system_rule_id {
inline constexpr std::string_view annex_iii_applies = "chapter_iii.annex_iii.applies_from";
inline constexpr std::string_view annex_i_applies = "chapter_iii.annex_i.applies_from";
inline constexpr std::string_view legacy_public_comply_by = "art111_2.public_authority_comply_by";
inline constexpr std::string_view profiling_fact = "/profiling";
inline constexpr std::string_view open_source_fact = "/exclusions/free_open_source";
// Citations of the steps themselves (SystemRuleSet::steps), cited by the
// reasons a step gives when no single rule entry decided.
inline constexpr std::string_view step_definition = "art3_1.ai_system";
inline constexpr std::string_view step_scope = "art2.scope";
inline constexpr std::string_view step_prohibited = "art5.prohibited";
inline constexpr std::string_view step_annex_i = "art6_1.annex_i";
inline constexpr std::string_view step_annex_iii = "art6_2.annex_iii";
inline constexpr std::string_view step_art6_3 = "art6_3.exception";
inline constexpr std::string_view step_transparency = "art50.transparency";
inline constexpr std::string_view step_open_source = "art2_12.open_source";
inline constexpr std::string_view step_roles = "art25.roles";
inline constexpr std::string_view step_gpai_system = "art3_66.gpai_system";
inline constexpr std::string_view step_legacy = "art111_2.legacy";
}  // namespace system_rule_id

struct SystemRuleSet {
  std::string ruleset;  // "eu-ai-act-systems"
  std::string version;
  Date formalised_from;

  // Date rules share the shape of the GPAI ruleset's. An entry may carry
  // `readings`: where sources disagree on a date (Art. 49), every reading is
  // kept and the classifier applies the earliest (stricter) and says so.
  std::map<std::string, DateRule, std::less<>> dates;
  std::map<std::string, std::vector<DatedDate>, std::less<>> other_readings;  // date id -> alternatives

  std::vector<DefinitionElement> definition;
  std::vector<ScopeExclusion> exclusions;
  std::vector<ProhibitedPractice> practices;
  std::vector<ProhibitionException> prohibition_exceptions;
  std::vector<AnnexIIIPoint> annex_iii;
  std::vector<AnnexArea> annex_iii_areas;
  std::vector<AnnexIIICarveOut> carve_outs;
  std::vector<Art63Condition> art6_3;
  Citation profiling_override;  // Art. 6(3), last subparagraph
  std::vector<AnnexILegislation> annex_i;
  std::vector<TransparencyDuty> transparency;
  std::vector<RoleShift> role_shifts;
  std::vector<SystemObligation> obligations;  // in file order: the order reports print
  std::vector<FineTier> fine_tiers;
  std::vector<FactQuestion> questions;  // in the guide's order
  // The citation of each decision step (ids in system_rule_id::step_*),
  // with its title: what reports cite when a step, not one entry, decides.
  struct Step {
    Texts title;
    Citation source;
  };
  std::map<std::string, Step, std::less<>> steps;

  const DateRule* date_rule(std::string_view id) const;
  std::optional<Date> date_at(std::string_view id, Date as_of) const;
  const AnnexIIIPoint* point(std::string_view id) const;
  const AnnexILegislation* legislation(std::string_view id) const;
  const ProhibitedPractice* practice(std::string_view id) const;
  const TransparencyDuty* duty(std::string_view id) const;
  const FineTier* fine_tier(std::string_view id) const;
  const FactQuestion* question(std::string_view field) const;
  const Citation* step_source(std::string_view id) const;
};

}  // namespace gpai
