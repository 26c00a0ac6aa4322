#include "gpai/log_evidence.hpp"

#include <algorithm>

namespace gpai {

std::string_view to_string(ActivityMetric m) {
  switch (m) {
    case ActivityMetric::tensor_active: return "tensor_active";
    case ActivityMetric::sm_active: return "sm_active";
    case ActivityMetric::occupancy: return "occupancy";
  }
  return "?";
}

std::optional<UtilizationMetric> mfu_conversion_key(ActivityMetric m) {
  switch (m) {
    case ActivityMetric::tensor_active: return UtilizationMetric::tensor_active;
    case ActivityMetric::occupancy: return UtilizationMetric::occupancy;
    case ActivityMetric::sm_active: return std::nullopt;
  }
  return std::nullopt;
}

std::string_view to_string(EvidenceKind k) {
  return k == EvidenceKind::accounting ? "accounting" : "telemetry";
}

std::optional<double> ActivitySeconds::mean() const {
  if (covered_seconds <= 0) return std::nullopt;
  return weighted_seconds / covered_seconds;
}

void UsageTotals::add(const UsageTotals& o) {
  accelerator_seconds += o.accelerator_seconds;
  for (std::size_t i = 0; i < kActivityMetricCount; ++i) {
    activity[i].covered_seconds += o.activity[i].covered_seconds;
    activity[i].weighted_seconds += o.activity[i].weighted_seconds;
  }
  power_joules += o.power_joules;
  power_covered_seconds += o.power_covered_seconds;
  counter_joules += o.counter_joules;
  counter_covered_seconds += o.counter_covered_seconds;
}

std::optional<double> UsageTotals::energy_joules() const {
  // The counter is the device's own integral, so it wins over sampled power.
  if (counter_covered_seconds > 0) return counter_joules * accelerator_seconds / counter_covered_seconds;
  if (power_covered_seconds > 0) return power_joules * accelerator_seconds / power_covered_seconds;
  return std::nullopt;
}

void DataQuality::add_rejected(RejectedRow row) {
  ++rows_rejected;
  if (rejected.size() < rejected_list_cap) rejected.push_back(std::move(row));
}

UsageTotals LogEvidence::total() const {
  UsageTotals t;
  for (const auto& a : accelerators) t.add(a.total);
  return t;
}

std::optional<double> LogEvidence::first_time_s() const {
  std::optional<double> out;
  for (const auto& a : accelerators) {
    if (a.total.accelerator_seconds <= 0) continue;
    out = out ? std::min(*out, a.first_time_s) : a.first_time_s;
  }
  return out;
}

std::optional<double> LogEvidence::last_time_s() const {
  std::optional<double> out;
  for (const auto& a : accelerators) {
    if (a.total.accelerator_seconds <= 0) continue;
    out = out ? std::max(*out, a.last_time_s) : a.last_time_s;
  }
  return out;
}

}  // namespace gpai
