#pragma once
// The law as dated, cited data. Values come from data/rules/; this header only
// defines their shape and how a value in force on a date is found (the step
// function of OpenFisca: an entry applies from its `from` date until the next
// entry; a null value means "no such rule"; an "expected" entry is announced
// but not applied).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gpai/date.hpp"

namespace gpai {

struct Citation {
  std::string instrument;  // e.g. "reg_2024_1689", "commission_gpai_guidelines_2025"
  std::string article;     // e.g. "51(2)", "Annex XIII(f)", "para 17"
  std::string cite;        // as printed: "Art. 51(2)", "Commission GPAI guidelines, para 17"
  std::string url;
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
  bool counts_training = false;    // updates the model's weights (10^23 criterion, 1/3 test)
  // FLOP per parameter per token for the architecture method: 6 for a
  // forward+backward pass, 2 for forward-only generation; 0 = not applicable.
  double flop_per_parameter_token = 0;
  std::string description;
  std::string reason;  // why it is counted or excluded, shown in reports
  Citation source;
};

struct RuleSet {
  std::string ruleset;  // "eu-ai-act-gpai"
  std::string version;
  Date formalised_from;
  std::map<std::string, Parameter> parameters;
  std::map<std::string, PhaseKindRule> phase_kinds;

  const Parameter* parameter(const std::string& id) const;
  const PhaseKindRule* phase_kind(const std::string& id) const;
};

}  // namespace gpai
