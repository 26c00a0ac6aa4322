#include "gpai/training_compute.hpp"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <array>

#include "gpai/error.hpp"

namespace gpai {
namespace {

constexpr double kSecondsPerHour = 3600.0;

Draws draw(const Input& in, const MonteCarloConfig& mc) {
  return Draws::sample(in.value, mc, in.pointer);
}

SourceLocation at(const ModelCard& card, std::string pointer) {
  SourceLocation loc;
  loc.file = card.source;
  loc.json_pointer = std::move(pointer);
  return loc;
}

// Appends a finished method: moved once, summarised in place.
void add_method(PhaseEstimate& out, MethodEstimate&& m) {
  MethodEstimate& added = out.methods.emplace_back(std::move(m));
  added.summary = added.flop.summary();
}

// Parameters that do the per-token work of this phase, or null.
const Input* working_parameters(const ModelCard& card, const TrainingPhase& phase) {
  if (phase.parameters) return &*phase.parameters;
  const auto& arch = card.architecture;
  if (arch.kind == ArchitectureKind::moe) {
    if (!arch.active_parameters) {
      throw InternalError("unchecked card: a mixture of experts without active parameters "
                          "(io::check_card_for_estimate refuses it)");
    }
    return &*arch.active_parameters;
  }
  return arch.parameters ? &*arch.parameters : nullptr;
}

// The method's name as a view of static storage, for reasons.
std::string_view method_name(const std::string& method) {
  for (std::string_view known : {"architecture_6nd", "architecture_kaplan", "stated", "hardware"}) {
    if (method == known) return known;
  }
  throw InternalError("unknown compute method " + method);
}

void add_architecture_methods(const ModelCard& card, const TrainingPhase& phase,
                              const PhaseKindRule& rule, const EstimationContext& ctx, PhaseEstimate& out) {
  if (!phase.tokens || rule.flop_per_parameter_token <= 0) return;
  const Input* n = working_parameters(card, phase);
  if (!n) return;
  const double k = rule.flop_per_parameter_token;
  const auto& mc = ctx.monte_carlo;
  Draws tokens = draw(*phase.tokens, mc);
  if (phase.epochs) tokens = tokens * draw(*phase.epochs, mc);
  MethodBasis basis;
  basis.phase = &phase;
  basis.parameters = n;
  basis.flop_per_parameter_token = k;
  basis.mixture_of_experts = !phase.parameters && card.architecture.kind == ArchitectureKind::moe;

  MethodEstimate six;
  six.method = "architecture_6nd";
  six.basis = basis;
  const Draws n_draws = draw(*n, mc);
  six.flop = n_draws * tokens * k;
  add_method(out, std::move(six));

  const auto& a = card.architecture;
  if (a.layers && a.d_model && a.context_length) {
    MethodEstimate kap;
    kap.method = "architecture_kaplan";
    kap.basis = basis;
    kap.basis.architecture = &a;
    const Draws attention = draw(*a.layers, mc) * draw(*a.context_length, mc) * draw(*a.d_model, mc);
    kap.flop = (n_draws + attention) * tokens * k;
    add_method(out, std::move(kap));
  }
}

void add_stated_method(const TrainingPhase& phase, const EstimationContext& ctx, PhaseEstimate& out) {
  if (!phase.compute_flop) return;
  MethodEstimate m;
  m.method = "stated";
  m.basis.phase = &phase;
  m.flop = draw(*phase.compute_flop, ctx.monte_carlo);
  add_method(out, std::move(m));
}

void add_hardware_method(const TrainingPhase& phase, const EstimationContext& ctx, PhaseEstimate& out,
                         std::vector<Finding>& findings) {
  if (!phase.hardware) return;
  const HardwareUse& hw = *phase.hardware;
  const auto& mc = ctx.monte_carlo;
  const AcceleratorSpec* spec = ctx.catalogue.find(hw.accelerator);
  if (!spec) {
    throw InternalError("unchecked card: accelerator '" + hw.accelerator + "' is not in the catalogue");
  }
  MethodEstimate m;
  m.method = "hardware";

  Draws accel_hours;
  if (hw.accelerator_hours) {
    accel_hours = draw(*hw.accelerator_hours, mc);
    if (hw.count && hw.hours) {
      const double implied = hw.count->value.median() * hw.hours->value.median();
      const double given = hw.accelerator_hours->value.median();
      if (given > 0 && std::fabs(implied / given - 1.0) > 0.1) {
        Finding& f = findings.emplace_back(Finding{"hardware_time_inconsistent", "warning", {}, {}});
        f.reason = Reason("finding.hardware_time_inconsistent")
                       .with("phase", std::string_view(phase.name))
                       .with("implied", implied)
                       .with("given", given);
      }
    }
  } else if (hw.count && hw.hours) {
    accel_hours = draw(*hw.count, mc) * draw(*hw.hours, mc);
  } else {
    Finding& f = findings.emplace_back(Finding{"hardware_time_missing", "warning", {}, {}});
    f.reason = Reason("finding.hardware_time_missing").with("phase", std::string_view(phase.name));
    return;
  }

  const Precision precision = hw.precision.value_or(spec->default_precision);
  const auto peak = spec->peak_flop_per_s(precision);
  if (!peak) {
    throw InternalError("unchecked card: " + spec->id + " has no dense " + std::string(to_string(precision)) +
                        " peak");
  }

  Draws mfu;
  if (!hw.utilization) {
    mfu = Draws::sample(ctx.assumptions.default_utilization, mc, "assumption/default_utilization");
  } else {
    const Draws reading = draw(*hw.utilization, mc);
    if (hw.utilization_metric == UtilizationMetric::mfu) {
      mfu = reading;
    } else {
      const auto conv = ctx.assumptions.metric_conversions.find(hw.utilization_metric);
      if (conv == ctx.assumptions.metric_conversions.end()) {
        throw InternalError("no conversion for utilisation metric " +
                            std::string(to_string(hw.utilization_metric)));
      }
      const std::string_view metric = to_string(hw.utilization_metric);
      mfu = (reading * Draws::sample(conv->second.mfu_per_unit, mc, "assumption/mfu_per_" + std::string(metric)))
                .min(1.0);
      const Quantity& factor = conv->second.mfu_per_unit;
      Finding& f = findings.emplace_back(
          Finding{hw.utilization_metric == UtilizationMetric::occupancy ? "occupancy_not_mfu" : "tensor_active_not_mfu",
                  "warning", {}, {}});
      // An exact factor prints as one number, an interval as its two ends.
      f.reason = Reason(factor.is_exact() ? "finding.utilisation_not_mfu" : "finding.utilisation_not_mfu_interval")
                     .with("phase", std::string_view(phase.name))
                     .with("metric", metric)
                     .with("source", std::string_view(conv->second.source));
      if (factor.is_exact()) {
        f.reason.with("factor", factor.median());
      } else {
        f.reason.with("factor_low", factor.low()).with("factor_high", factor.high());
      }
    }
  }
  m.basis.phase = &phase;
  m.basis.accelerator = spec;
  m.basis.precision = precision;
  m.basis.peak_flop_per_s = *peak;
  m.basis.assumptions = &ctx.assumptions;
  m.flop = accel_hours * mfu * (kSecondsPerHour * *peak);
  add_method(out, std::move(m));
}

void check_disagreement(const TrainingPhase& phase, const PhaseEstimate& pe, double factor,
                        std::vector<Finding>& findings) {
  const MethodEstimate* head = pe.headline_method();
  if (!head || head->summary.median <= 0) return;
  for (const auto& m : pe.methods) {
    if (&m == head || m.summary.median <= 0) continue;
    const double ratio = m.summary.median / head->summary.median;
    if (ratio > factor || ratio < 1.0 / factor) {
      Finding& f = findings.emplace_back(Finding{"methods_disagree", "warning", {}, {}});
      f.reason = Reason("finding.methods_disagree")
                     .with("phase", std::string_view(phase.name))
                     .with("method", method_name(m.method))
                     .with("median", m.summary.median)
                     .with("headline", method_name(head->method))
                     .with("headline_median", head->summary.median)
                     .with("ratio", ratio >= 1 ? ratio : 1 / ratio)
                     .with("factor", factor);
    }
  }
}

std::optional<std::size_t> pick_headline(const PhaseEstimate& phase) {
  for (const char* preferred : {"architecture_6nd", "stated", "hardware"}) {
    for (std::size_t i = 0; i < phase.methods.size(); ++i) {
      if (phase.methods[i].method == preferred) return i;
    }
  }
  return std::nullopt;
}

void accumulate(std::optional<Draws>& total, const Draws& d) {
  total = total ? std::move(*total) + d : d;
}

bool finite(const DistributionSummary& s) {
  return std::isfinite(s.median) && std::isfinite(s.p05) && std::isfinite(s.p95);
}

// Adapters bound every product they can foresee (compute_bounds.hpp); a
// non-finite estimate that still gets here is refused, never compared with
// a threshold: inf compares "above" and NaN "below", both a wrong verdict.
void refuse_non_finite(const ModelCard& card, const ComputeEstimate& est) {
  for (const auto& pe : est.phases) {
    for (const auto& m : pe.methods) {
      if (finite(m.summary)) continue;
      throw InputError(at(card, pe.pointer),
                       "phase '" + pe.name + "': the " + m.method + " estimate is not a finite number of FLOP (" +
                           format_sig(m.summary.median, 2) + "): its inputs are too large, or their intervals "
                           "too wide, for a training-compute figure");
    }
  }
  for (const auto* total : {&est.cumulative_summary, &est.training_summary, &est.indicative_summary}) {
    if (!finite(*total)) {
      throw InputError(at(card, "/training/phases"),
                       "phases: the total over the phases is not a finite number of FLOP (" +
                           format_sig(total->median, 2) + "): the phases' inputs are too large");
    }
  }
}

// Summaries of the totals, each refined against the threshold it is
// compared with. Totals that are the same sum share it (and its summary: a
// sampled total is evaluated once).
void summarise_totals(ComputeEstimate& est, const std::optional<Draws>& base, bool training_is_cumulative,
                      const EstimateOptions& options) {
  est.indicative_includes_base = base.has_value();
  if (training_is_cumulative && est.cumulative) est.training = est.cumulative;
  const bool indicative_is_training = !base && est.training;
  const bool indicative_is_cumulative = indicative_is_training && training_is_cumulative;
  if (est.cumulative) {
    std::array<Exceedance, 2> at{};
    std::size_t n = 0;
    if (options.threshold_flop) at[n++].threshold = *options.threshold_flop;
    if (indicative_is_cumulative && options.indicative_threshold_flop) at[n++].threshold = *options.indicative_threshold_flop;
    est.cumulative_summary = est.cumulative->against(std::span<Exceedance>(at.data(), n));
    if (options.threshold_flop) est.cumulative_above = at[0];
  }
  if (training_is_cumulative) {
    est.training_summary = est.cumulative_summary;
  } else if (est.training) {
    Exceedance at;
    const bool refine = indicative_is_training && options.indicative_threshold_flop;
    if (refine) at.threshold = *options.indicative_threshold_flop;
    est.training_summary = est.training->against(std::span<Exceedance>(&at, refine ? 1 : 0));
  }
  if (base) {
    est.indicative = est.training ? *est.training + *base : *base;
    Exceedance at;
    const bool refine = options.indicative_threshold_flop.has_value();
    if (refine) at.threshold = *options.indicative_threshold_flop;
    est.indicative_summary = est.indicative->against(std::span<Exceedance>(&at, refine ? 1 : 0));
  } else if (est.training) {
    est.indicative = est.training;
    est.indicative_summary = est.training_summary;
  }
}

}  // namespace

std::string_view to_string(UtilizationMetric m) {
  switch (m) {
    case UtilizationMetric::mfu: return "mfu";
    case UtilizationMetric::tensor_active: return "tensor_active";
    case UtilizationMetric::occupancy: return "occupancy";
  }
  return "?";
}

ComputeEstimate estimate_training_compute(const ModelCard& card, const EstimationContext& ctx,
                                          EstimateOptions options) {
  ComputeEstimate est;
  // Totals per method, in the order reports list them.
  constexpr std::array<std::string_view, 4> kMethods = {"architecture_6nd", "architecture_kaplan", "stated",
                                                        "hardware"};
  std::array<std::pair<std::optional<Draws>, std::size_t>, kMethods.size()> per_method;
  std::optional<Draws> base;  // initialisation or merged weights (the indicative criterion)
  std::size_t counted = 0;
  bool training_is_cumulative = true;  // every counted estimate updates weights

  est.phases.reserve(card.phases.size());
  for (const auto& phase : card.phases) {
    const PhaseKindRule* rule = ctx.rules.phase_kind(phase.kind);
    if (!rule) {
      throw InternalError("unchecked card: unknown phase kind '" + phase.kind + "'");
    }
    // Built in place: a PhaseEstimate is large to move.
    PhaseEstimate& pe = est.phases.emplace_back();
    pe.name = phase.name;
    pe.kind = phase.kind;
    pe.pointer = phase.pointer;
    pe.counts_cumulative = rule->counts_cumulative;
    pe.counts_training = rule->counts_training;
    pe.counts_indicative = rule->counts_indicative;
    pe.ledger = rule;

    add_architecture_methods(card, phase, *rule, ctx, pe);
    add_stated_method(phase, ctx, pe);
    add_hardware_method(phase, ctx, pe, est.findings);
    pe.headline = pick_headline(pe);
    check_disagreement(phase, pe, ctx.assumptions.disagreement_factor, est.findings);

    if (pe.counts_cumulative) {
      ++counted;
      if (const MethodEstimate* head = pe.headline_method()) {
        accumulate(est.cumulative, head->flop);
        if (pe.counts_training) accumulate(est.training, head->flop);
        else training_is_cumulative = false;
        // Weights the model was built on: added to its own training below.
        if (pe.counts_indicative && !pe.counts_training) accumulate(base, head->flop);
      } else {
        est.complete = false;
        Finding& f = est.findings.emplace_back(Finding{"phase_without_evidence", "warning", {}, {}});
        f.reason = Reason("finding.phase_without_evidence")
                       .with("phase", std::string_view(phase.name))
                       .with("kind", std::string_view(phase.kind));
      }
      for (const auto& m : pe.methods) {
        const auto at = std::find(kMethods.begin(), kMethods.end(), m.method);
        if (at == kMethods.end()) throw InternalError("no total for method " + m.method);
        auto& slot = per_method[static_cast<std::size_t>(at - kMethods.begin())];
        accumulate(slot.first, m.flop);
        ++slot.second;
      }
    }
  }

  summarise_totals(est, base, training_is_cumulative, options);
  for (std::size_t i = 0; i < kMethods.size(); ++i) {
    const auto& [total, phases] = per_method[i];
    if (total) est.methods.push_back({std::string(kMethods[i]), total->summary(), phases, counted});
  }
  refuse_non_finite(card, est);
  return est;
}

}  // namespace gpai
