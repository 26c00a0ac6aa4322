#pragma once
// A system rule set built by hand with the ids the card format names
// (Annex III points, carve-outs, Art. 5 exceptions, Annex I acts), for the
// system-card reader's tests: the reader checks ids and the exception ->
// practice link, nothing else of the rule data.

#include <string>
#include <vector>

#include "gpai/system_rules.hpp"

namespace gpai::test {

inline SystemRuleSet card_test_rules() {
  SystemRuleSet r;
  r.ruleset = "card-test";
  for (const char* id : {"1a", "1b", "1c", "2", "3a", "3b", "3c", "3d", "4a", "4b", "5a", "5b", "5c", "5d",
                         "6a", "6b", "6c", "6d", "6e", "7a", "7b", "7c", "7d", "8a", "8b"}) {
    AnnexIIIPoint p;
    p.id = id;
    p.area = id[0] - '0';
    r.annex_iii.push_back(p);
  }
  const std::vector<std::pair<std::string, std::string>> carve_outs = {
      {"1a_verification_only", "1a"}, {"5b_financial_fraud", "5b"}, {"7d_travel_document_verification", "7d"},
      {"8b_campaign_logistics", "8b"}};
  for (const auto& [id, point] : carve_outs) {
    AnnexIIICarveOut c;
    c.id = id;
    c.point = point;
    r.carve_outs.push_back(c);
  }
  const std::vector<std::pair<std::string, std::string>> practices = {
      {"art5_1_f.emotion_recognition", "/prohibited/emotion_recognition_work_education"},
      {"art5_1_g.biometric_categorisation", "/prohibited/biometric_categorisation_sensitive"},
      {"art5_1_h.realtime_rbi", "/prohibited/realtime_remote_biometric_id_law_enforcement"}};
  for (const auto& [id, fact] : practices) {
    ProhibitedPractice p;
    p.id = id;
    p.fact = fact;
    r.practices.push_back(p);
  }
  const std::vector<std::pair<std::string, std::string>> exceptions = {
      {"emotion_medical_or_safety", "art5_1_f.emotion_recognition"},
      {"biometric_dataset_labelling", "art5_1_g.biometric_categorisation"},
      {"rbi_victim_search", "art5_1_h.realtime_rbi"},
      {"rbi_imminent_threat", "art5_1_h.realtime_rbi"},
      {"rbi_serious_crime_suspect", "art5_1_h.realtime_rbi"}};
  for (const auto& [id, practice] : exceptions) {
    ProhibitionException e;
    e.id = id;
    e.practice = practice;
    r.prohibition_exceptions.push_back(e);
  }
  for (const char* id : {"machinery", "toys", "lifts", "radio_equipment", "medical_devices", "in_vitro_diagnostics",
                         "civil_aviation", "motor_vehicles"}) {
    AnnexILegislation l;
    l.id = id;
    r.annex_i.push_back(l);
  }
  return r;
}

}  // namespace gpai::test
