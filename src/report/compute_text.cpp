#include "compute_text.hpp"

#include <cstdio>

#include "gpai/error.hpp"
#include "gpai/quantity.hpp"
#include "reason_text.hpp"

namespace gpai::report {
namespace {

// A card value as given: one number, or an interval's two ends.
std::string quantity_text(const Quantity& q) {
  if (q.is_exact()) return format_count(q.median());
  return format_count(q.low()) + "-" + format_count(q.high());
}

std::string k_text(double k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", k);
  return buf;
}

bool architecture(std::string_view method) {
  return method == "architecture_6nd" || method == "architecture_kaplan";
}

const TrainingPhase& phase_of(std::string_view method, const MethodBasis& b) {
  if (!b.phase) throw InternalError("compute method " + std::string(method) + " recorded no phase");
  return *b.phase;
}

std::string architecture_formula(const MessageCatalogue& m, std::string_view method, const MethodBasis& b) {
  const TrainingPhase& phase = phase_of(method, b);
  if (!b.parameters || !phase.tokens) throw InternalError("architecture method without parameters or tokens");
  std::string d = message_text(m, "compute.tokens", {{"tokens", quantity_text(phase.tokens->value)}});
  if (phase.epochs) d += message_text(m, "compute.epochs", {{"epochs", quantity_text(phase.epochs->value)}});
  const std::string n =
      message_text(m, b.mixture_of_experts ? "compute.active_parameters" : "compute.parameters",
                   {{"parameters", quantity_text(b.parameters->value)}});
  const std::string k = k_text(b.flop_per_parameter_token);
  if (method == "architecture_6nd") {
    return message_text(m, "compute.formula.architecture_6nd", {{"k", k}, {"n", n}, {"d", d}});
  }
  const Architecture* a = b.architecture;
  if (!a || !a->layers || !a->context_length || !a->d_model) {
    throw InternalError("architecture_kaplan recorded no shape");
  }
  return message_text(m, "compute.formula.architecture_kaplan",
                      {{"k", k},
                       {"n", n},
                       {"layers", quantity_text(a->layers->value)},
                       {"context", quantity_text(a->context_length->value)},
                       {"d_model", quantity_text(a->d_model->value)},
                       {"d", d}});
}

// The hardware method's branches mirror core's add_hardware_method.
std::string hardware_formula(const MessageCatalogue& m, const MethodBasis& b) {
  const TrainingPhase& phase = phase_of("hardware", b);
  if (!phase.hardware || !b.accelerator || !b.assumptions) throw InternalError("hardware method without its basis");
  const HardwareUse& hw = *phase.hardware;
  const std::string time =
      hw.accelerator_hours
          ? message_text(m, "compute.time.accelerator_hours", {{"hours", quantity_text(hw.accelerator_hours->value)}})
          : message_text(m, "compute.time.count_hours",
                         {{"count", quantity_text(hw.count->value)}, {"hours", quantity_text(hw.hours->value)}});
  std::string util;
  if (!hw.utilization) {
    util = message_text(m, "compute.utilisation.assumed", {{"mfu", quantity_text(b.assumptions->default_utilization)}});
  } else if (hw.utilization_metric == UtilizationMetric::mfu) {
    util = message_text(m, "compute.utilisation.mfu", {{"mfu", quantity_text(hw.utilization->value)}});
  } else {
    const auto& conv = b.assumptions->metric_conversions.at(hw.utilization_metric);
    util = message_text(m, "compute.utilisation.converted",
                        {{"metric", to_string(hw.utilization_metric)},
                         {"reading", quantity_text(hw.utilization->value)},
                         {"factor", quantity_text(conv.mfu_per_unit)}});
  }
  return message_text(m, "compute.formula.hardware",
                      {{"time", time},
                       {"peak", format_sig(b.peak_flop_per_s, 4)},
                       {"accelerator", b.accelerator->id},
                       {"precision", to_string(b.precision)},
                       {"utilisation", util}});
}

}  // namespace

std::string method_formula(const MessageCatalogue& m, std::string_view method, const MethodBasis& b) {
  if (architecture(method)) return architecture_formula(m, method, b);
  if (method == "stated") {
    const TrainingPhase& phase = phase_of(method, b);
    if (!phase.compute_flop) throw InternalError("stated method without compute_flop");
    return message_text(m, "compute.formula.stated", {{"flop", quantity_text(phase.compute_flop->value)}});
  }
  if (method == "hardware") return hardware_formula(m, b);
  throw InternalError("no formula for compute method " + std::string(method));
}

std::vector<std::string> method_inputs(std::string_view method, const MethodBasis& b) {
  const TrainingPhase& phase = phase_of(method, b);
  std::vector<std::string> out;
  if (architecture(method)) {
    out = {b.parameters->pointer, phase.tokens->pointer};
    if (phase.epochs) out.push_back(phase.epochs->pointer);
    if (method == "architecture_kaplan") {
      const Architecture& a = *b.architecture;
      out.insert(out.end(), {a.layers->pointer, a.context_length->pointer, a.d_model->pointer});
    }
  } else if (method == "stated") {
    out.push_back(phase.compute_flop->pointer);
  } else if (method == "hardware") {
    const HardwareUse& hw = *phase.hardware;
    if (hw.accelerator_hours) {
      out.push_back(hw.accelerator_hours->pointer);
    } else {
      out.push_back(hw.count->pointer);
      out.push_back(hw.hours->pointer);
    }
    out.push_back(hw.pointer + "/accelerator");
    if (hw.utilization) out.push_back(hw.utilization->pointer);
  }
  return out;
}

std::vector<std::string> method_assumptions(const MessageCatalogue& m, std::string_view method, const MethodBasis& b) {
  std::vector<std::string> out;
  if (method == "architecture_6nd") {
    if (b.mixture_of_experts) out.push_back(message_text(m, "compute.assumption.mixture_of_experts"));
    if (b.flop_per_parameter_token != 6) {
      out.push_back(message_text(m, "compute.assumption.forward_only", {{"k", k_text(b.flop_per_parameter_token)}}));
    }
  } else if (method == "architecture_kaplan") {
    out.push_back(message_text(m, "compute.assumption.kaplan_attention"));
  } else if (method == "hardware") {
    const HardwareUse& hw = *phase_of(method, b).hardware;
    if (!hw.precision) {
      out.push_back(message_text(m, "compute.assumption.precision_default", {{"precision", to_string(b.precision)}}));
    }
    if (!hw.utilization) {
      out.push_back(message_text(m, "compute.assumption.utilisation_default",
                                 {{"mfu", quantity_text(b.assumptions->default_utilization)},
                                  {"source", b.assumptions->default_utilization_source}}));
    } else if (hw.utilization_metric != UtilizationMetric::mfu) {
      out.push_back(message_text(m, "compute.assumption.metric_not_mfu",
                                 {{"metric", to_string(hw.utilization_metric)},
                                  {"explanation", b.assumptions->metric_conversions.at(hw.utilization_metric).explanation}}));
    }
  }
  return out;
}

std::string ledger_reason(const PhaseEstimate& p) { return p.ledger ? p.ledger->reason : std::string(); }
std::string ledger_source(const PhaseEstimate& p) { return p.ledger ? p.ledger->source.cite : std::string(); }

}  // namespace gpai::report
