#pragma once
// Classifies one AI system under the AI Act on a date: AI system (Art. 3(1)),
// scope (Art. 2), prohibited (Art. 5), high-risk (Art. 6 with Annexes I and
// III), transparency (Art. 50), roles (Art. 25) and each actor's obligations
// with the date each applies from. The core decides and records reasons; it
// reads no files and writes no text (report/system_report.hpp words it).
//
// Unknown is not no: a step whose deciding fact is unknown is unknown, and
// when that decides the status the status is `indeterminate`, with an open
// question per unknown fact that would change it and the status each answer
// gives. Facts that cannot change the outcome are not asked.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/decision.hpp"
#include "gpai/system_card.hpp"
#include "gpai/system_rules.hpp"
#include "gpai/verdicts.hpp"

namespace gpai {

enum class SystemStatus : unsigned char {
  not_ai_system,
  out_of_scope,
  prohibited,
  high_risk,
  limited_risk,  // Art. 50 duties only
  minimal_risk,  // no specific duties beyond Art. 4
  indeterminate
};

constexpr std::string_view to_string(SystemStatus s) {
  switch (s) {
    case SystemStatus::not_ai_system: return "not_ai_system";
    case SystemStatus::out_of_scope: return "out_of_scope";
    case SystemStatus::prohibited: return "prohibited";
    case SystemStatus::high_risk: return "high_risk";
    case SystemStatus::limited_risk: return "limited_risk";
    case SystemStatus::minimal_risk: return "minimal_risk";
    case SystemStatus::indeterminate: return "indeterminate";
  }
  return "indeterminate";
}

enum class HighRiskRoute : unsigned char { annex_i, annex_iii };

constexpr std::string_view to_string(HighRiskRoute r) {
  return r == HighRiskRoute::annex_i ? "annex_i" : "annex_iii";
}

// The GPAI model a system is built on, as `assess` found it (the application
// layer loads and assesses the linked model card).
struct LinkedModelStatus {
  std::string name;
  std::string source;  // the card's path, or "inline"
  GpaiStatus gpai = GpaiStatus::indeterminate;
  SystemicRiskStatus systemic = SystemicRiskStatus::insufficient_evidence;
};

struct PracticeFinding {
  const ProhibitedPractice* practice = nullptr;
  Fact performed;  // the card's answer
  const ProhibitionException* exception = nullptr;  // the exception that holds, if any
  Fact prohibited;  // true: prohibited on the date; unknown: an answer is missing
  bool in_force = true;  // false: the prohibition does not yet apply on the date
  Reason reason;
};

struct AnnexIIIFinding {
  const AnnexIIIPoint* point = nullptr;
  const AnnexIIICarveOut* carve_out = nullptr;  // non-null: carved out, not listed
  bool via_exception = false;  // listed because a 5(1) exception holds (e.g. permitted 5(1)(h) use)
};

struct TransparencyFinding {
  const TransparencyDuty* duty = nullptr;
  Fact applies;
  std::optional<Date> applies_from;
  Reason reason;
};

struct RoleFinding {
  SystemRole role = SystemRole::provider;
  const RoleShift* shift = nullptr;  // non-null: provider by Art. 25(1), not stated
  Fact holds;  // unknown: the shift depends on an unknown fact
};

struct ObligationFinding {
  const SystemObligation* obligation = nullptr;
  std::optional<Date> applies_from;  // nullopt: no date (e.g. legacy system without change)
  bool in_force = false;             // applies on the as-of date
  bool conditional = false;          // applies only if an open question is answered so
  bool date_disputed = false;        // sources disagree; the earliest reading is used
  bool legacy = false;               // Art. 111(2) moved or removed the date
  Fact organisation_role;            // the card's organisation holds the actor's role
  Reason reason;
};

// What one answer to an open question leads to.
struct OpenQuestion {
  std::string field;  // JSON pointer into the system card
  // What the question decides: "classification" (the status), "obligations"
  // (who must do what), "roles".
  std::string_view decides;
  SystemStatus if_yes = SystemStatus::indeterminate;
  SystemStatus if_no = SystemStatus::indeterminate;
};

struct SystemClassification {
  Date as_of;
  SystemStatus status = SystemStatus::indeterminate;

  Fact ai_system;
  Fact in_scope;    // after Art. 2 (open source only once Art. 5, 6 and 50 are known)
  Fact prohibited;
  Fact high_risk;
  Fact annex_i_route;
  Fact annex_iii_route;  // after carve-outs and Art. 6(3)
  Fact art6_3_exception;  // Annex III system exempted under Art. 6(3)
  Fact transparency_duties;  // any Art. 50 duty
  bool deployer_duties_excluded = false;  // Art. 2(10)
  bool open_source_excluded = false;      // Art. 2(12)
  Fact gpai_system;                       // Art. 3(66)
  std::optional<LinkedModelStatus> model;

  std::vector<PracticeFinding> practices;  // every practice the card says or may perform
  std::vector<AnnexIIIFinding> annex_iii;  // listed and carved-out points
  const AnnexILegislation* annex_i_legislation = nullptr;
  std::optional<AnnexISection> annex_i_section;
  std::vector<TransparencyFinding> transparency;
  std::vector<RoleFinding> roles;  // effective roles (stated and by Art. 25)
  std::vector<ObligationFinding> obligations;
  std::vector<OpenQuestion> open_questions;  // in the guide's order
  std::vector<Reason> reasons;  // the path, in decision order

  std::optional<HighRiskRoute> high_risk_basis() const {
    if (annex_i_route == true) return HighRiskRoute::annex_i;
    if (annex_iii_route == true) return HighRiskRoute::annex_iii;
    return std::nullopt;
  }
};

// The card, the rule data and the linked model must outlive the result
// (findings and reasons point into them).
SystemClassification classify_system(const SystemCard& card, const SystemRuleSet& rules, Date as_of,
                                     const LinkedModelStatus* model = nullptr);

}  // namespace gpai
