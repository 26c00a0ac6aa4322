#pragma once
// The auditor's recomputation: training compute by every method the evidence
// allows (the card's architecture and hardware plan, accelerator time from
// job accounting and telemetry, activity-weighted telemetry, energy, cost),
// side by side with their intervals; cross-checks as findings; and the
// projection of the date the compute threshold is or will be crossed, with
// the Art. 52(1) notification deadline. Pure computation: the caller reads
// the card and the logs (gpai/io/telemetry.hpp, gpai/io/log_audit_card.hpp).
//
// Legal numbers come from the RuleSet: the threshold from
// "art51_2.compute_presumption", the notification window from
// "art52_1.notification_days". Technical conversions (MFU per unit of a
// counter, the default MFU range, the disagreement factor) come from
// EstimationAssumptions. Policies are documented in docs/audit.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/log_evidence.hpp"
#include "gpai/model_card.hpp"
#include "gpai/training_compute.hpp"

namespace gpai {

// Training facts the audit reads beyond the card's compute fields
// (JSON pointers under /training/, see docs/audit.md).
struct AuditClaim {
  std::optional<Input> compute_flop;  // /training/reported_compute_flop
  std::optional<Date> training_start;  // /training/start
  std::optional<Date> training_end;    // /training/end
  std::optional<Input> energy_kwh;     // /training/energy_kwh
  std::optional<Input> pue;            // /training/pue: energy_kwh is facility energy
  std::optional<Input> cost_usd;       // /training/cost_usd
  std::optional<Input> price_per_accelerator_hour_usd;  // /training/price_per_accelerator_hour_usd
};

struct AuditInputs {
  const ModelCard* card = nullptr;  // null: audit the logs alone
  AuditClaim claim;
  const LogEvidence* telemetry = nullptr;
  const LogEvidence* accounting = nullptr;
};

struct AuditOptions {
  Date as_of;
  // Two estimates further apart than this factor disagree. Default: the
  // assumptions' method_disagreement_factor.
  std::optional<double> tolerance_factor;
  // Implied utilisation (architecture FLOP / logged peak capacity) outside
  // these bounds is flagged. Default: the assumptions' implied_utilization_bounds.
  std::optional<double> implied_utilisation_high;
  std::optional<double> implied_utilisation_low;
  std::optional<Input> price_per_accelerator_hour_usd;  // wins over the card's
};

// A method's figure against the compute threshold; none without a threshold.
enum class AuditVerdict { none, above, below, borderline };
// "above", "below", "borderline"; "" for none.
std::string_view to_string(AuditVerdict v);

// What the dated projection is based on.
enum class ProjectionBasis { none, logs_telemetry, logs_accounting, planned_run };
// "none", "logs_telemetry", "logs_accounting", "planned_run".
std::string_view to_string(ProjectionBasis b);

// The facts of a finding whose wording names a command-line option (the core
// knows no CLI): src/report/ words it (report::audit_finding_message).
enum class AuditNoteCode {
  accelerator_assumed_from_card,  // accelerator, accelerator_seconds
  accelerator_unspecified,        // accelerator_seconds
  cost_without_price,             // no values
  sampling_gaps,  // evidence, count, seconds (the longest a sample covers), accelerator_seconds (not counted)
  logs_not_dated,                 // evidence
};

struct AuditNote {
  AuditNoteCode code = AuditNoteCode::cost_without_price;
  EvidenceKind evidence = EvidenceKind::telemetry;
  std::string accelerator;
  double accelerator_seconds = 0;
  std::size_t count = 0;
  double seconds = 0;
};

// A finding of the audit: either a message, or (where the wording names a
// command-line option) a note the reporter words; id and severity always.
struct AuditFinding {
  std::string id;
  std::string severity;  // "info" | "warning" | "error"
  std::string message;   // empty when `note` or `reason` is set
  std::optional<AuditNote> note;
  // A finding of the card's compute estimate, as it recorded it (its values
  // view the card, which must outlive the rendering).
  Reason reason;
};

// One counted phase's share of a card method: what it multiplied, worded
// by the reporter (the phase's name and the basis view the card).
struct CardMethodPart {
  std::string_view phase;
  std::string_view method;  // the estimate's method name
  MethodBasis basis;
};

struct AuditMethod {
  // architecture_6nd | architecture_kaplan | stated | hardware_card |
  // logs_accounting | logs_telemetry | activity_tensor_active |
  // activity_occupancy | energy | cost
  std::string method;
  std::string source;       // card | accounting | telemetry | card+telemetry ...
  std::string formula;      // how the figure was obtained, in words; empty for a card method
  // A card method's phases (formula and assumptions are worded from them,
  // before `assumptions`); empty for the other methods.
  std::vector<CardMethodPart> card_parts;
  std::string utilisation;  // the utilisation basis, naming its metric
  std::string peak;         // the peak basis: chip, precision, dense
  std::vector<std::string> assumptions;
  Draws flop;
  DistributionSummary summary;
  AuditVerdict status = AuditVerdict::none;
  double p_above = 0;
};

// A measured activity counter, shown whether or not it can be converted.
struct ActivityReading {
  ActivityMetric metric = ActivityMetric::occupancy;
  double mean = 0;             // time-weighted mean reading over covered time
  double covered_seconds = 0;
  double accelerator_seconds = 0;  // all telemetry time, for the coverage share
  std::optional<Quantity> mfu_per_unit;  // nullopt: no documented conversion
};

struct ProjectionPoint {
  Date date;                    // end of the window
  double accelerator_hours = 0;  // cumulative
  double flop_median = 0;        // cumulative, at the median utilisation
};

struct Projection {
  ProjectionBasis basis = ProjectionBasis::none;
  // The logs carry no wall-clock time, so they could not date the crossing
  // (reports say so first, naming the option that anchors them).
  bool logs_undated = false;
  std::vector<std::string> explanation;
  bool crossed = false;    // crossed within the evidence (not a projection)
  bool projected = false;  // the date lies beyond the evidence: extrapolated
  std::optional<Date> threshold_crossing_date;  // median path
  std::optional<Date> earliest_crossing_date;   // 95th-percentile path
  std::optional<Date> latest_crossing_date;     // 5th-percentile path
  std::optional<Date> notification_deadline;    // crossing + the Art. 52(1) days
  std::optional<Date> notification_deadline_if_known_now;  // projected crossings
  std::optional<double> notification_days;
  Citation threshold_source;
  Citation notification_source;
  std::vector<ProjectionPoint> curve;  // at most ~400 points
};

struct Audit {
  std::string model;
  Date as_of;
  std::optional<double> claim_flop;
  std::string claim_pointer;
  std::optional<double> threshold_flop;
  Citation threshold_source;
  std::vector<AuditMethod> methods;
  std::optional<std::size_t> recomputed;  // index into methods (the headline)
  std::string recomputed_policy;
  std::vector<ActivityReading> readings;
  std::optional<double> implied_utilisation;  // architecture FLOP / logged peak capacity
  std::vector<AuditFinding> findings;
  Projection projection;
  double tolerance_factor = 2;

  const AuditMethod* headline() const { return recomputed ? &methods[*recomputed] : nullptr; }
  const AuditMethod* method(const std::string& name) const;
};

// The card, if any, must have passed io::check_card_for_estimate. Throws
// gpai::InputError for an estimate that is not a finite number (as
// estimate_training_compute does). Everything else is a value or a finding.
Audit audit(const AuditInputs& in, const EstimationContext& ctx, const AuditOptions& options);

}  // namespace gpai
