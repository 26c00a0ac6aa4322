#pragma once
// assess(card) -> Assessment: compute estimate, Art. 51(2) threshold verdict,
// systemic-risk status, each with its reasons. Pure computation: the caller
// loads the card, rules, catalogue and assumptions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/decision.hpp"
#include "gpai/rules.hpp"
#include "gpai/taxonomy.hpp"
#include "gpai/training_compute.hpp"
#include "gpai/verdicts.hpp"

namespace gpai {

struct ThresholdVerdict {
  std::string_view rule_id;  // rule_id::presumption
  std::optional<double> threshold_flop;  // nullopt: no threshold in force on as_of
  Comparison comparison = Comparison::greater_than;
  ThresholdStatus status = ThresholdStatus::insufficient_evidence;
  double p_above = 0;  // P(cumulative compute > threshold)
  const Citation* citation = nullptr;  // of the entry in force, a view into the rule set
  std::optional<Date> effective_from;
  std::vector<Reason> reasons;
};

struct SystemicRiskVerdict {
  SystemicRiskStatus status = SystemicRiskStatus::insufficient_evidence;
  // What the compute presumption alone gave, before designation, modification
  // and Annex XIII were weighed.
  SystemicRiskStatus presumption = SystemicRiskStatus::insufficient_evidence;
  std::vector<Reason> reasons;
};

struct GpaiVerdict {
  GpaiStatus status = GpaiStatus::indeterminate;
  const Citation* cite = nullptr;  // the indicative criterion's entry in force, if any
  std::vector<Reason> reasons;     // the last decided the status
};

// A card's benchmark result that the frontier table knows (Annex XIII(e)).
struct BenchmarkComparison {
  std::string_view name;  // views: the card's benchmark, the table's model
  double score = 0;
  double max = 100;
  double frontier_score = 0;
  std::string_view frontier_model;
  bool frontier_level = false;
};

struct CriterionResult {  // one Annex XIII point
  std::string_view criterion;  // id, e.g. "annex13_f.business_users": a view into the rule set
  std::string point;           // "a".."g"
  std::string_view title;      // the rule set's
  CriterionStatus status = CriterionStatus::unknown;
  Indicator indicator = Indicator::parameters;  // gives the reports the value's unit
  const Citation* cite = nullptr;               // the criterion's
  Reason value;             // what the card gave
  Reason reference;         // what it was compared against
  Reason reference_source;  // where the reference comes from
  bool estimated = false;   // the compute criterion's value is the estimate
  // Benchmarks (point e): the card's results the table knows, and its agency.
  std::vector<BenchmarkComparison> benchmarks;
  std::optional<bool> tool_use, autonomy;
};

// `id`, `parent` and `scope` are views into the rule set the assessment was
// made with (EstimationContext::rules, like the context itself a view): keep
// the rule data alive while the assessment is used. A batch makes dozens of
// these per card, and copying the ids was its largest source of allocations.
struct ObligationResult {
  // User-provided: emplace_back() value-initialises, which would first zero
  // the whole result (a `rep stos` per obligation, most of decide_obligations'
  // time) before the members' own initialisers run.
  ObligationResult() {}  // NOLINT(modernize-use-equals-default)
  std::string_view id;
  const Citation* cite = nullptr;  // the obligation's article, e.g. "Art. 53(1)(a)"
  std::string_view title;
  bool applies = false;
  // Does not apply yet, but would if the model is a GPAI model: its GPAI
  // status is indeterminate, and the open question decides (unknown is not no).
  // Reports put "applies if the model is a GPAI model" before the reason.
  bool conditional = false;
  Reason reason;
  std::optional<Date> deadline;
  Reason deadline_basis;  // why that date
  std::string_view parent;     // for Annex XI/XII items: the obligation they belong to
  std::string_view scope;      // e.g. limited to the modification
};

struct NotificationVerdict {
  bool required = false;
  NotificationStatus status = NotificationStatus::not_required;
  std::optional<Date> deadline;
  std::vector<Reason> reasons;  // the first is the deadline's basis
};

struct RiskMapping {  // a systemic-risk category and what it drives
  std::string category;  // as the card (or taxonomy) names it
  std::string category_id;
  bool specified = false;
  RiskAssessed assessed = RiskAssessed::not_stated;
  const std::vector<RiskMeasure>* measures = nullptr;  // the taxonomy's, for a known category
  Reason note;
};

struct ModificationVerdict {
  bool present = false;
  std::string base_model;
  std::optional<double> compute_flop;
  std::optional<double> threshold_flop;
  bool modifier_is_provider = false;
  bool result_presumed_systemic = false;
  const Citation* cite = nullptr;  // the compute-fraction rule's entry in force, if any
  std::vector<Reason> reasons;
};

struct FineExposure {
  std::optional<double> max_eur;
  Reason reason;
};

struct Assessment {
  // Every verdict records its reasons as codes and values (gpai/decision.hpp),
  // which the reporters turn into text and the reasoning trace. Ids,
  // citations and titles of rules view the rule set; some reason values view
  // the card, the compute estimate's method bases (MethodBasis) view the
  // card, the rule set and the catalogue: all must outlive the rendering.
  std::string model;
  Date as_of;
  ComputeEstimate compute;
  ThresholdVerdict threshold;
  GpaiVerdict gpai;
  SystemicRiskVerdict systemic_risk;
  std::vector<CriterionResult> annex_xiii;
  std::vector<ObligationResult> obligations;
  NotificationVerdict notification;
  std::vector<RiskMapping> risk_mappings;
  std::string taxonomy;  // id of the taxonomy used
  ModificationVerdict modification;
  FineExposure fines;
  std::optional<IncidentReporting> incident_reporting;  // set for systemic-risk models
  std::vector<Finding> findings;  // compute findings plus claim cross-checks
  std::vector<Finding> gaps;      // what the provider has not done or not stated
  std::vector<Finding> flags;     // overlaps and warnings for the reader (e.g. DSA)
  std::string rules_version;
};

Assessment assess(const ModelCard& card, const EstimationContext& ctx, Date as_of);
// The same, written into `out`, which must be default-constructed (it is
// filled, not cleared): for a caller that keeps the assessment inside a
// larger result, such as a batch row, and would otherwise move it there.
void assess_into(const ModelCard& card, const EstimationContext& ctx, Date as_of, Assessment& out);

// The threshold status of a distribution: above when p05 > T, below when
// p95 <= T (for "greater than"; the comparison is data), borderline otherwise.
ThresholdStatus threshold_status(const DistributionSummary& s, const Parameter& rule, double threshold);

}  // namespace gpai
