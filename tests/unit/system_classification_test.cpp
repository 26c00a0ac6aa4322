// Legal cases of the AI-system classifier on the shipped systems ruleset:
// each step's paths, exceptions and unknowns, and the dates of the law.
#include <nlohmann/json.hpp>
#include <string>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/io/system_card_reader.hpp"
#include "gpai/system_classification.hpp"

namespace {

using nlohmann::json;
using gpai::SystemStatus;

// A fully answered card of a minimal-risk system: every case changes only
// what it is about, so anything left unknown is unknown on purpose.
json base_card() {
  return json::parse(R"({
    "schema": "gpai-eval/system-card/1", "name": "case", "intended_purpose": "test",
    "organisation": {"name": "Org", "roles": ["provider", "deployer"], "public_body": false, "established_in_eu": true},
    "definition": {"machine_based": true, "autonomy": true, "adaptiveness": false, "infers_outputs": true, "influences_environment": true},
    "exclusions": {"military_defence_national_security": false, "scientific_research_only": false,
                   "pre_market_research_testing": false, "personal_non_professional": false,
                   "free_open_source": false, "third_country_authority_cooperation": false},
    "prohibited": {"subliminal_manipulation": false, "exploits_vulnerabilities": false, "social_scoring": false,
                   "crime_prediction_profiling": false, "untargeted_face_scraping": false,
                   "emotion_recognition_work_education": false, "biometric_categorisation_sensitive": false,
                   "realtime_remote_biometric_id_law_enforcement": false, "intimate_imagery_or_csam": false,
                   "exceptions": []},
    "annex_i": {"safety_component_or_product": false},
    "annex_iii": [],
    "profiling": false,
    "transparency": {"interacts_with_persons": false, "generates_synthetic_content": false,
                     "emotion_or_biometric_categorisation": false, "deep_fake": false, "public_interest_text": false,
                     "law_enforcement_authorised": false},
    "role_changes": {"own_name_on_high_risk": false, "substantial_modification": false, "repurposed_to_high_risk": false},
    "gpai": {"general_purpose_system": false},
    "dates": {"placed_on_market": "2028-01-01"}
  })");
}

struct Classified {
  gpai::SystemCard card;
  gpai::SystemClassification result;
};

Classified classify(const json& card, const char* as_of = "2026-12-05") {
  Classified c{gpai::io::read_system_card(card, "case.json", gpai::test::data().systems), {}};
  c.result = gpai::classify_system(c.card, gpai::test::data().systems, *gpai::Date::parse(as_of));
  return c;
}

bool asks(const gpai::SystemClassification& r, const std::string& field) {
  for (const auto& q : r.open_questions)
    if (q.field == field) return true;
  return false;
}

const gpai::ObligationFinding* obligation(const gpai::SystemClassification& r, const std::string& id) {
  for (const auto& o : r.obligations)
    if (o.obligation->id == id) return &o;
  return nullptr;
}

}  // namespace

TEST_CASE("systems: a fully answered system without specific duties is minimal risk, Art. 4 applies", "[systems]") {
  const auto c = classify(base_card());
  CHECK(c.result.status == SystemStatus::minimal_risk);
  CHECK(c.result.open_questions.empty());
  REQUIRE(obligation(c.result, "art4.ai_literacy.deployer"));
  CHECK(obligation(c.result, "art4.ai_literacy.deployer")->in_force);
}

TEST_CASE("systems: Art. 3(1) inference decides; adaptiveness is not required", "[systems]") {
  json card = base_card();
  card["definition"]["infers_outputs"] = false;
  CHECK(classify(card).result.status == SystemStatus::not_ai_system);
  card["definition"]["infers_outputs"] = nullptr;
  const auto c = classify(card);
  CHECK(c.result.status == SystemStatus::indeterminate);
  REQUIRE(asks(c.result, "/definition/infers_outputs"));
  CHECK(c.result.open_questions.front().if_no == SystemStatus::not_ai_system);
  CHECK(c.result.open_questions.front().if_yes == SystemStatus::minimal_risk);
  card = base_card();
  card["definition"]["adaptiveness"] = false;
  CHECK(classify(card).result.ai_system == true);
}

TEST_CASE("systems: scope exclusions; open source stays in scope when high-risk or under Art. 50", "[systems]") {
  json card = base_card();
  card["exclusions"]["military_defence_national_security"] = true;
  CHECK(classify(card).result.status == SystemStatus::out_of_scope);
  card = base_card();
  card["exclusions"]["free_open_source"] = true;
  CHECK(classify(card).result.status == SystemStatus::out_of_scope);
  card["transparency"]["interacts_with_persons"] = true;
  card["transparency"]["obvious_to_persons"] = false;
  CHECK(classify(card).result.status == SystemStatus::limited_risk);
  card = base_card();
  card["exclusions"].erase("free_open_source");
  const auto c = classify(card);
  CHECK(c.result.status == SystemStatus::indeterminate);  // an open-source release would take it out
  CHECK(asks(c.result, "/exclusions/free_open_source"));
  card = base_card();
  card["exclusions"]["personal_non_professional"] = true;
  const auto personal = classify(card);
  CHECK(personal.result.deployer_duties_excluded);
  CHECK_FALSE(obligation(personal.result, "art4.ai_literacy.deployer"));
  CHECK(obligation(personal.result, "art4.ai_literacy.provider"));
}

TEST_CASE("systems: every Art. 5 practice without exception is prohibited", "[systems]") {
  for (const char* p : {"subliminal_manipulation", "exploits_vulnerabilities", "social_scoring",
                        "crime_prediction_profiling", "untargeted_face_scraping", "emotion_recognition_work_education",
                        "biometric_categorisation_sensitive", "realtime_remote_biometric_id_law_enforcement"}) {
    json card = base_card();
    card["prohibited"][p] = true;
    CAPTURE(p);
    const auto c = classify(card);
    CHECK(c.result.status == SystemStatus::prohibited);
    CHECK(obligation(c.result, "art5.stop.deployer"));
  }
}

TEST_CASE("systems: the new intimate-imagery prohibition applies from 2 December 2026, never backdated", "[systems]") {
  json card = base_card();
  card["prohibited"]["intimate_imagery_or_csam"] = true;
  CHECK(classify(card, "2026-12-02").result.status == SystemStatus::prohibited);
  CHECK(classify(card, "2026-12-01").result.status == SystemStatus::minimal_risk);
  CHECK(classify(card, "2026-01-01").result.status == SystemStatus::minimal_risk);
}

TEST_CASE("systems: Art. 5 exceptions are per practice; 5(1)(h) needs authorisation and stays high-risk", "[systems]") {
  json card = base_card();
  card["prohibited"]["emotion_recognition_work_education"] = true;
  card["prohibited"]["exceptions"] = {"emotion_medical_or_safety"};
  auto c = classify(card);
  CHECK(c.result.status == SystemStatus::high_risk);  // emotion recognition, Annex III 1(c)
  card["prohibited"]["exceptions"] = nullptr;
  c = classify(card);
  CHECK(c.result.status == SystemStatus::indeterminate);
  CHECK(asks(c.result, "/prohibited/exceptions"));

  card = base_card();
  card["prohibited"]["realtime_remote_biometric_id_law_enforcement"] = true;
  card["prohibited"]["exceptions"] = {"rbi_victim_search"};
  card["prohibited"]["rbi_authorised"] = false;
  CHECK(classify(card).result.status == SystemStatus::prohibited);
  card["prohibited"]["rbi_authorised"] = nullptr;
  c = classify(card);
  CHECK(c.result.status == SystemStatus::indeterminate);
  CHECK(asks(c.result, "/prohibited/rbi_authorised"));
  card["prohibited"]["rbi_authorised"] = true;
  card["exclusions"]["free_open_source"] = true;  // open source never frees a permitted biometric use
  c = classify(card);
  CHECK(c.result.status == SystemStatus::high_risk);
  REQUIRE(c.result.annex_iii.size() == 1);
  CHECK(c.result.annex_iii[0].point->id == "1a");
  CHECK(obligation(c.result, "art5_2.rbi_conditions"));

  card = base_card();
  card["prohibited"]["social_scoring"] = true;  // an exception of another practice does not help
  card["prohibited"]["exceptions"] = {"emotion_medical_or_safety"};
  CHECK_THROWS_AS(classify(card), gpai::InputError);  // claimed for a practice answered no
}

TEST_CASE("systems: each Annex III area makes an intended purpose high-risk; carve-outs do not", "[systems]") {
  for (const char* point : {"1a", "1b", "1c", "2", "3a", "3b", "3c", "3d", "4a", "4b", "5a", "5b", "5c", "5d", "6a",
                            "6b", "6c", "6d", "6e", "7a", "7b", "7c", "7d", "8a", "8b"}) {
    json card = base_card();
    card["annex_iii"] = {point};
    card["art6_3"] = {{"narrow_procedural_task", false}, {"improves_completed_human_activity", false},
                      {"detects_patterns_with_human_review", false}, {"preparatory_task", false}};
    CAPTURE(point);
    const auto c = classify(card);
    CHECK(c.result.status == SystemStatus::high_risk);
    CHECK(c.result.high_risk_basis() == gpai::HighRiskRoute::annex_iii);
  }
  json card = base_card();
  card["annex_iii"] = {"5b"};
  card["annex_iii_carve_outs"] = {"5b_financial_fraud"};
  CHECK(classify(card).result.status == SystemStatus::minimal_risk);
  card["annex_iii"] = nullptr;
  card.erase("annex_iii_carve_outs");
  const auto c = classify(card);
  CHECK(c.result.status == SystemStatus::indeterminate);
  CHECK(asks(c.result, "/annex_iii"));
}

TEST_CASE("systems: Art. 6(3) exempts unless the system profiles; the exempted provider documents and registers",
          "[systems]") {
  json card = base_card();
  card["annex_iii"] = {"4a"};
  card["art6_3"] = {{"preparatory_task", true}};
  card["profiling"] = false;
  auto c = classify(card);
  CHECK(c.result.status == SystemStatus::minimal_risk);
  CHECK(c.result.art6_3_exception == true);
  CHECK(obligation(c.result, "art6_4.document_assessment"));
  const auto* reg = obligation(c.result, "art49_2.register_exempted");
  REQUIRE(reg);
  CHECK(reg->date_disputed);  // two readings of Art. 49's date: the earlier applies
  CHECK(reg->applies_from == gpai::Date::parse("2026-08-02"));
  card["profiling"] = true;
  c = classify(card);
  CHECK(c.result.status == SystemStatus::high_risk);
  CHECK(c.result.art6_3_exception == false);
  card["profiling"] = nullptr;
  c = classify(card);
  CHECK(c.result.status == SystemStatus::indeterminate);
  REQUIRE(asks(c.result, "/profiling"));
}

TEST_CASE("systems: Annex I needs both a product and third-party assessment; Section B gets no Chapter III list",
          "[systems]") {
  json card = base_card();
  card["annex_i"] = {{"legislation", "medical_devices"}, {"safety_component_or_product", true},
                     {"third_party_conformity_assessment", false}};
  CHECK(classify(card).result.status == SystemStatus::minimal_risk);
  card["annex_i"]["third_party_conformity_assessment"] = true;
  auto c = classify(card, "2027-01-01");
  CHECK(c.result.status == SystemStatus::high_risk);
  CHECK(c.result.high_risk_basis() == gpai::HighRiskRoute::annex_i);
  REQUIRE(obligation(c.result, "art9.risk_management"));
  CHECK(obligation(c.result, "art9.risk_management")->applies_from == gpai::Date::parse("2028-08-02"));
  CHECK(classify(card, "2026-01-01").result.obligations.size() > 0);
  REQUIRE(obligation(classify(card, "2026-01-01").result, "art9.risk_management"));
  CHECK(obligation(classify(card, "2026-01-01").result, "art9.risk_management")->applies_from ==
        gpai::Date::parse("2027-08-02"));
  card["annex_i"]["legislation"] = "machinery";
  c = classify(card, "2027-01-01");
  CHECK(c.result.annex_i_section == gpai::AnnexISection::b);
  CHECK_FALSE(obligation(c.result, "art9.risk_management"));
  CHECK(obligation(c.result, "art2_2.section_b"));
  CHECK(classify(card, "2026-01-01").result.annex_i_section == gpai::AnnexISection::a);
}

TEST_CASE("systems: the Annex III dates are the law of each day", "[systems]") {
  json card = base_card();
  card["annex_iii"] = {"4a"};
  card["profiling"] = true;
  const auto before = classify(card, "2026-01-01");
  const auto after = classify(card, "2027-01-01");
  CHECK(obligation(before.result, "art26_6.keep_logs")->applies_from == gpai::Date::parse("2026-08-02"));
  CHECK(obligation(after.result, "art26_6.keep_logs")->applies_from == gpai::Date::parse("2027-12-02"));
}

TEST_CASE("systems: each Art. 50 paragraph with its exceptions and actor", "[systems]") {
  struct Case {
    const char* fact;
    const char* exception;
    const char* duty;
  };
  for (const Case& k : {Case{"interacts_with_persons", "obvious_to_persons", "art50_1.interaction"},
                        Case{"generates_synthetic_content", "standard_editing_only", "art50_2.synthetic_content_marking"},
                        Case{"emotion_or_biometric_categorisation", "law_enforcement_authorised",
                             "art50_3.emotion_biometric_notice"},
                        Case{"deep_fake", "law_enforcement_authorised", "art50_4.deep_fake_disclosure"},
                        Case{"public_interest_text", "editorial_responsibility", "art50_4.public_interest_text"}}) {
    CAPTURE(k.duty);
    json card = base_card();
    card["transparency"][k.fact] = true;
    card["transparency"][k.exception] = false;
    auto c = classify(card);
    CHECK(c.result.status == SystemStatus::limited_risk);
    CHECK(obligation(c.result, std::string(k.duty) + ".duty"));
    card["transparency"][k.exception] = true;
    CHECK(classify(card).result.status == SystemStatus::minimal_risk);
    card["transparency"][k.exception] = nullptr;
    c = classify(card);
    CHECK(c.result.status == SystemStatus::indeterminate);
    CHECK(asks(c.result, std::string("/transparency/") + k.exception));
  }
}

TEST_CASE("systems: Art. 50(2) for generative systems already on the market applies from 2 December 2026",
          "[systems]") {
  json card = base_card();
  card["transparency"]["generates_synthetic_content"] = true;
  card["transparency"]["standard_editing_only"] = false;
  card["dates"]["placed_on_market"] = "2025-05-01";
  auto c = classify(card);
  CHECK(obligation(c.result, "art50_2.synthetic_content_marking.duty")->applies_from == gpai::Date::parse("2026-12-02"));
  card["dates"]["placed_on_market"] = "2026-09-01";
  c = classify(card);
  CHECK(obligation(c.result, "art50_2.synthetic_content_marking.duty")->applies_from == gpai::Date::parse("2026-08-02"));
}

TEST_CASE("systems: Art. 25(1) shifts make a deployer provider of a high-risk system only", "[systems]") {
  json card = base_card();
  card["organisation"]["roles"] = {"deployer"};
  card["role_changes"]["own_name_on_high_risk"] = true;
  auto c = classify(card);  // not high-risk: (a) does not apply
  for (const auto& r : c.result.roles) CHECK(r.role != gpai::SystemRole::provider);
  card["annex_iii"] = {"4a"};
  card["profiling"] = true;
  c = classify(card);
  bool provider = false;
  for (const auto& r : c.result.roles) provider = provider || (r.role == gpai::SystemRole::provider && r.holds == true);
  CHECK(provider);
  CHECK(obligation(c.result, "art9.risk_management")->organisation_role == true);
}

TEST_CASE("systems: FRIA for public bodies and for any deployer of 5(b) and 5(c), never point 2", "[systems]") {
  json card = base_card();
  card["annex_iii"] = {"4a"};
  card["profiling"] = true;
  CHECK_FALSE(obligation(classify(card).result, "art27.fria"));
  card["organisation"]["public_body"] = true;
  CHECK(obligation(classify(card).result, "art27.fria"));
  CHECK(obligation(classify(card).result, "art26_8.public_registration"));
  card["organisation"]["public_body"] = false;
  card["annex_iii"] = {"5b"};
  CHECK(obligation(classify(card).result, "art27.fria"));
  card["organisation"]["public_body"] = true;
  card["annex_iii"] = {"2"};
  CHECK_FALSE(obligation(classify(card).result, "art27.fria"));
  CHECK_FALSE(obligation(classify(card).result, "art86.right_to_explanation"));
}

TEST_CASE("systems: a legacy public-authority system complies by 2 August 2030", "[systems]") {
  json card = base_card();
  card["annex_iii"] = {"5a"};
  card["profiling"] = true;
  card["organisation"]["public_body"] = true;
  card["dates"]["placed_on_market"] = "2025-03-01";
  auto c = classify(card);
  const auto* o = obligation(c.result, "art9.risk_management");
  REQUIRE(o);
  CHECK(o->legacy);
  CHECK(o->applies_from == gpai::Date::parse("2030-08-02"));
  card["organisation"]["public_body"] = false;
  c = classify(card);
  CHECK_FALSE(obligation(c.result, "art9.risk_management")->applies_from);  // only after a significant change
}
