#pragma once
// The law as dated, cited data. Values come from data/rules/; this header only
// defines their shape and how a value in force on a date is found (the step
// function of OpenFisca: an entry applies from its `from` date until the next
// entry; a null value means "no such rule"; an "expected" entry is announced
// but not applied).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"

namespace gpai {

// How well a rule entry's source was checked (data key `confidence`):
// "primary" (the legal text was read; the default), "secondary_agree" (several
// independent secondary sources agree, e.g. on an amending act whose Official
// Journal text was not read: S+) and "unverified" (one source, or sources that
// disagree). Reports show the last two as such.
enum class Confidence : unsigned char { primary, secondary_agree, unverified };

constexpr std::string_view to_string(Confidence c) {
  switch (c) {
    case Confidence::primary: return "primary";
    case Confidence::secondary_agree: return "secondary_agree";
    case Confidence::unverified: return "unverified";
  }
  return "unverified";
}

struct Citation {
  std::string instrument;  // e.g. "reg_2024_1689", "commission_gpai_guidelines_2025"
  std::string article;     // e.g. "51(2)", "Annex XIII(f)", "para 17"
  std::string cite;        // as printed: "Art. 51(2)", "Commission GPAI guidelines, para 17"
  std::string url;
  Confidence confidence = Confidence::primary;
};

enum class Comparison { greater_than, greater_or_equal };

struct DatedValue {
  Date from;
  std::optional<double> value;  // nullopt: the rule does not exist from this date
  bool expected = false;        // announced, not in force
  Citation source;
  std::string note;
};

struct Parameter {
  std::string id;  // e.g. "art51_2.compute_presumption"
  std::string description;
  std::string unit;  // "flop", "users", "ratio", ...
  Comparison comparison = Comparison::greater_than;
  std::vector<DatedValue> history;  // strictly increasing `from`

  // The entry in force on `date` (expected entries skipped); nullptr before
  // the first entry.
  const DatedValue* in_force(Date date) const;
  // True when `x` is past the threshold in the direction the law states.
  bool exceeded_by(double x, double threshold) const {
    return comparison == Comparison::greater_than ? x > threshold : x >= threshold;
  }
};

// How one kind of training phase counts (Commission GPAI guidelines, Annex A.1).
struct PhaseKindRule {
  std::string id;  // "pretraining", "public_synthetic_data", ...
  bool counts_cumulative = false;  // towards cumulative training compute (Art. 51(2))
  bool counts_training = false;    // updates this model's weights (the 1/3 modification test)
  // Training the weights carry: own updates plus the weights the model was
  // initialised or merged from (the 10^23 indicative criterion of GPAI status).
  bool counts_indicative = false;
  // FLOP per parameter per token for the architecture method: 6 for a
  // forward+backward pass, 2 for forward-only generation; 0 = not applicable.
  double flop_per_parameter_token = 0;
  std::string description;
  std::string reason;  // why it is counted or excluded, shown in reports
  Citation source;
};

// A legal date that may itself change (e.g. an application date moved by an
// amending act): dated entries whose value is a date.
struct DatedDate {
  Date from;
  std::optional<Date> value;
  Citation source;
  std::string note;
};

struct DateRule {
  std::string id;  // e.g. "chapter_v.applies_from"
  std::string description;
  std::vector<DatedDate> history;
  const DatedDate* in_force(Date date) const;
};

// Closed vocabularies, checked when the rule files are loaded.
enum class AppliesTo { gpai, systemic_risk, non_eu_gpai };
enum class ExemptionCondition { open_source_without_systemic_risk };
enum class DeadlineKind { placing_on_market, notification, incident, continuous };

struct Exemption {
  ExemptionCondition when;
  std::string description;
  Citation source;
};

struct ObligationItem {  // a documentation item (Annex XI / XII point)
  std::string id;
  std::string title;
  Citation source;
};

struct Obligation {
  std::string id;  // "art53_1_a.technical_documentation"
  std::string title;
  AppliesTo applies_to = AppliesTo::gpai;
  std::vector<Exemption> exemptions;
  DeadlineKind deadline = DeadlineKind::placing_on_market;
  std::string in_force_from;  // id of a DateRule
  std::string modification_scope;  // what a modifier's duty covers; empty = not limited
  Citation source;
  std::vector<ObligationItem> items;
};

// Annex XIII designation criteria, with the indicator each one reads and the
// parameter holding the reference value it is compared against.
enum class Indicator { parameters, tokens, compute, modalities, benchmarks, business_users, end_users };

struct AnnexXiiiCriterion {
  std::string id;  // "annex13_f.business_users"
  std::string point;  // "a".."g"
  std::string title;
  Indicator indicator = Indicator::parameters;
  std::string reference_parameter;  // id in parameters; empty for modalities/benchmarks
  Citation source;
};

struct DesignationCandidateRule {
  std::vector<std::string> when_any_met;  // criterion ids
  int or_min_met = 0;                     // or at least this many criteria met
  std::string explanation;
  Citation source;
};

struct Designation {  // a Commission designation decision (Art. 52(4))
  std::string model;
  Date decided;
  Citation source;
};

struct IncidentRule {
  std::string id;  // "incident.critical_infrastructure"
  std::string description;
  int report_within_days = 0;
  Citation source;
};

struct IncidentReporting {
  std::vector<IncidentRule> types;
  int update_every_days = 0;
  int final_report_within_days = 0;
  Citation source;
};

// Ids of the rules the engine looks up by name, in one place.
namespace rule_id {
inline constexpr std::string_view presumption = "art51_2.compute_presumption";  // Art. 51(2)
inline constexpr std::string_view indicative = "gpai.indicative_training_compute";
}  // namespace rule_id

struct RuleSet {
  std::string ruleset;  // "eu-ai-act-gpai"
  std::string version;
  Date formalised_from;
  // std::less<>: looked up by string_view, so a lookup by literal id allocates nothing.
  std::map<std::string, Parameter, std::less<>> parameters;
  std::map<std::string, DateRule, std::less<>> dates;
  std::map<std::string, PhaseKindRule, std::less<>> phase_kinds;
  std::vector<Obligation> obligations;  // in file order: the order reports print
  std::vector<AnnexXiiiCriterion> annex_xiii;
  DesignationCandidateRule designation_candidate;
  std::vector<Designation> designations;
  IncidentReporting incidents;

  const Parameter* parameter(std::string_view id) const;
  const DateRule* date_rule(std::string_view id) const;
  const PhaseKindRule* phase_kind(std::string_view id) const;
  // Value of a parameter / date in force on `as_of`, nullopt when none.
  std::optional<double> value_at(std::string_view id, Date as_of) const;
  std::optional<Date> date_at(std::string_view id, Date as_of) const;
};

}  // namespace gpai
