#pragma once
// Private pieces of the audit: how a logged accelerator type becomes a peak
// and a utilisation (the "basis"), the methods built on it, and the projection.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gpai/audit.hpp"

namespace gpai::audit_detail {

// One chip as the audit prices it: peak at a precision, utilisation draws.
struct TypeBasis {
  const AcceleratorSpec* spec = nullptr;
  Precision precision = Precision::bf16;
  double peak_flop_per_s = 0;
  Draws mfu;
  std::string mfu_key;  // the Monte Carlo stream behind `mfu`: equal keys, equal draws
  DistributionSummary mfu_summary;  // computed once: percentiles of 10^6 draws are not free
  bool mfu_from_card = false;
  std::string utilisation_text;  // "MFU 0.3-0.5 (assumed)"
  std::string peak_text;         // "H100-SXM bf16 dense 9.89e14 FLOP/s"
  std::vector<std::string> assumptions;
};

// Resolves logged accelerator names against the catalogue and the card, and
// builds each chip's basis once. Findings about unresolved or assumed types
// are recorded once per type.
class Resolver {
 public:
  Resolver(const ModelCard* card, const EstimationContext& ctx, std::vector<AuditFinding>& findings);

  // nullptr when the type cannot be priced (unknown, or unnamed and the card
  // does not say which chip).
  const TypeBasis* basis(const AcceleratorUsage& usage);
  const TypeBasis* basis(const AcceleratorSpec& spec);
  // The chip energy and cost estimates are priced on: the card's first
  // accelerator, else the logged type with the most time.
  const AcceleratorSpec* reference_spec(const LogEvidence* evidence);
  // Canonical ids of the card's accelerators.
  std::vector<std::string> card_accelerators() const;
  double seconds_excluded(const LogEvidence& e);

  const EstimationContext& ctx;

 private:
  const AcceleratorSpec* resolve(const AcceleratorUsage& usage);
  const HardwareUse* card_entry(const std::string& id) const;

  const ModelCard* card_;
  std::vector<AuditFinding>& findings_;
  std::map<std::string, TypeBasis> bases_;            // by spec id
  std::map<std::string, DistributionSummary> mfu_summaries_;  // by mfu_key
  std::map<std::string, const AcceleratorSpec*> resolved_;  // logged id -> spec (or null)
};

// Methods on log evidence; nullopt when the evidence does not allow them.
std::optional<AuditMethod> logs_method(const LogEvidence& e, Resolver& r);
std::optional<AuditMethod> activity_method(const LogEvidence& e, ActivityMetric metric, Resolver& r,
                                           std::vector<AuditFinding>& findings);
std::optional<AuditMethod> energy_method(const AuditClaim& claim, const LogEvidence* telemetry, Resolver& r,
                                         std::vector<AuditFinding>& findings);
std::optional<AuditMethod> cost_method(const AuditClaim& claim, const std::optional<Input>& price,
                                       const LogEvidence* evidence, Resolver& r, std::vector<AuditFinding>& findings);
// The card's own methods, summed over counted phases (as assess does).
std::vector<AuditMethod> card_methods(const ComputeEstimate& est);

// Peak capacity of the evidence: sum over priced types of seconds x peak.
double capacity_flop(const LogEvidence& e, Resolver& r);

// `logs`: the evidence to date the compute by (null: a planned run, if any).
void project(const AuditInputs& in, const LogEvidence* logs, Resolver& r, const RuleSet& rules, Date as_of,
             double threshold_flop, Projection& out);

void quality_findings(const LogEvidence& e, std::vector<AuditFinding>& out);

std::string describe(const Quantity& q);
Date date_of(double unix_seconds);

}  // namespace gpai::audit_detail
