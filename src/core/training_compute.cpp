#include "gpai/training_compute.hpp"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <array>

#include "gpai/error.hpp"

namespace gpai {
namespace {

constexpr double kSecondsPerHour = 3600.0;

std::string describe(const Quantity& q) {
  if (q.is_exact()) return format_count(q.median());
  return format_count(q.low()) + "-" + format_count(q.high());
}

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

void add_architecture_methods(const ModelCard& card, const TrainingPhase& phase,
                              const PhaseKindRule& rule, const EstimationContext& ctx, bool explain,
                              PhaseEstimate& out) {
  if (!phase.tokens || rule.flop_per_parameter_token <= 0) return;
  const Input* n = working_parameters(card, phase);
  if (!n) return;
  const double k = rule.flop_per_parameter_token;
  const auto& mc = ctx.monte_carlo;
  Draws tokens = draw(*phase.tokens, mc);
  if (phase.epochs) tokens = tokens * draw(*phase.epochs, mc);
  const bool moe = !phase.parameters && card.architecture.kind == ArchitectureKind::moe;
  std::string d_text, n_text, k_text;
  std::vector<std::string> inputs;
  if (explain) {
    d_text = describe(phase.tokens->value) + " tokens";
    inputs = {n->pointer, phase.tokens->pointer};
    if (phase.epochs) {
      d_text += " x " + describe(phase.epochs->value) + " epochs";
      inputs.push_back(phase.epochs->pointer);
    }
    n_text = describe(n->value) + (moe ? " active parameters" : " parameters");
    char k_buf[32];
    std::snprintf(k_buf, sizeof k_buf, "%g", k);
    k_text = k_buf;
  }

  MethodEstimate six;
  six.method = "architecture_6nd";
  if (explain) {
    six.formula = k_text + " x " + n_text + " x " + d_text;
    six.inputs = inputs;
    if (moe) six.assumptions.push_back("mixture-of-experts: active parameters per token used, not total");
    if (k != 6) six.assumptions.push_back("forward passes only: " + k_text + " FLOP per parameter per token");
  }
  const Draws n_draws = draw(*n, mc);
  six.flop = n_draws * tokens * k;
  add_method(out, std::move(six));

  const auto& a = card.architecture;
  if (a.layers && a.d_model && a.context_length) {
    MethodEstimate kap;
    kap.method = "architecture_kaplan";
    if (explain) {
      kap.formula = k_text + " x (" + n_text + " + " + describe(a.layers->value) + " layers x " +
                    describe(a.context_length->value) + " context x " + describe(a.d_model->value) +
                    " d_model) x " + d_text;
      kap.inputs = inputs;
      kap.inputs.insert(kap.inputs.end(), {a.layers->pointer, a.context_length->pointer, a.d_model->pointer});
      kap.assumptions.push_back(
          "attention term of Kaplan et al. (2020): 2 n_layer n_ctx d_model per token forward");
    }
    const Draws attention = draw(*a.layers, mc) * draw(*a.context_length, mc) * draw(*a.d_model, mc);
    kap.flop = (n_draws + attention) * tokens * k;
    add_method(out, std::move(kap));
  }
}

void add_stated_method(const TrainingPhase& phase, const EstimationContext& ctx, bool explain,
                       PhaseEstimate& out) {
  if (!phase.compute_flop) return;
  MethodEstimate m;
  m.method = "stated";
  if (explain) {
    m.formula = "operation count stated in the card: " + describe(phase.compute_flop->value) + " FLOP";
    m.inputs = {phase.compute_flop->pointer};
  }
  m.flop = draw(*phase.compute_flop, ctx.monte_carlo);
  add_method(out, std::move(m));
}

// The hardware method's formula, inputs and assumptions (explanations only:
// the branches mirror add_hardware_method's).
void explain_hardware_method(const HardwareUse& hw, const AcceleratorSpec& spec, Precision precision,
                             double peak, const EstimationContext& ctx, MethodEstimate& m) {
  std::string time_text;
  if (hw.accelerator_hours) {
    time_text = describe(hw.accelerator_hours->value) + " accelerator-hours";
    m.inputs.push_back(hw.accelerator_hours->pointer);
  } else {
    time_text = describe(hw.count->value) + " x " + describe(hw.hours->value) + " h";
    m.inputs.push_back(hw.count->pointer);
    m.inputs.push_back(hw.hours->pointer);
  }
  if (!hw.precision) {
    m.assumptions.push_back("precision not given: the chip's " + std::string(to_string(precision)) +
                            " dense peak used");
  }
  m.inputs.push_back(hw.pointer + "/accelerator");
  std::string util_text;
  if (!hw.utilization) {
    util_text = "MFU " + describe(ctx.assumptions.default_utilization) + " (assumed)";
    m.assumptions.push_back("utilisation unknown: MFU " + describe(ctx.assumptions.default_utilization) +
                            " assumed (" + ctx.assumptions.default_utilization_source + ")");
  } else {
    m.inputs.push_back(hw.utilization->pointer);
    if (hw.utilization_metric == UtilizationMetric::mfu) {
      util_text = "MFU " + describe(hw.utilization->value);
    } else {
      const auto& conv = ctx.assumptions.metric_conversions.at(hw.utilization_metric);
      const std::string metric(to_string(hw.utilization_metric));
      util_text = metric + " " + describe(hw.utilization->value) + " x " + describe(conv.mfu_per_unit) +
                  " (MFU per unit " + metric + ")";
      m.assumptions.push_back(metric + " is not MFU: " + conv.explanation);
    }
  }
  m.formula = time_text + " x 3600 s/h x " + format_sig(peak, 4) + " FLOP/s (" + spec.id + ", " +
              std::string(to_string(precision)) + ", dense) x " + util_text;
}

void add_hardware_method(const TrainingPhase& phase,
                         const EstimationContext& ctx, bool explain, PhaseEstimate& out,
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
        findings.push_back({"hardware_time_inconsistent", "warning",
                            explain ? "phase '" + phase.name + "': count x hours = " + format_sig(implied, 3) +
                                          " differs from accelerator_hours = " + format_sig(given, 3) +
                                          " by more than 10 %; accelerator_hours used"
                                    : std::string()});
      }
    }
  } else if (hw.count && hw.hours) {
    accel_hours = draw(*hw.count, mc) * draw(*hw.hours, mc);
  } else {
    findings.push_back({"hardware_time_missing", "warning",
                        explain ? "phase '" + phase.name + "': hardware given without accelerator_hours "
                                  "or count and hours; no hardware estimate"
                                : std::string()});
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
      const std::string metric(to_string(hw.utilization_metric));
      mfu = (reading * Draws::sample(conv->second.mfu_per_unit, mc, "assumption/mfu_per_" + metric)).min(1.0);
      findings.push_back({metric == "occupancy" ? "occupancy_not_mfu" : "tensor_active_not_mfu", "warning",
                          explain ? "phase '" + phase.name + "': utilisation given as " + metric +
                                        ", which is not model FLOP utilisation; converted with a factor of " +
                                        describe(conv->second.mfu_per_unit) + " and a wider interval (" +
                                        conv->second.source + ")"
                                  : std::string()});
    }
  }
  if (explain) explain_hardware_method(hw, *spec, precision, *peak, ctx, m);
  m.flop = accel_hours * mfu * (kSecondsPerHour * *peak);
  add_method(out, std::move(m));
}

void check_disagreement(const PhaseEstimate& phase, double factor, bool explain, std::vector<Finding>& findings) {
  const MethodEstimate* head = phase.headline_method();
  if (!head || head->summary.median <= 0) return;
  for (const auto& m : phase.methods) {
    if (&m == head || m.summary.median <= 0) continue;
    const double ratio = m.summary.median / head->summary.median;
    if (ratio > factor || ratio < 1.0 / factor) {
      findings.push_back(
          {"methods_disagree", "warning",
           explain ? "phase '" + phase.name + "': " + m.method + " (" + format_sig(m.summary.median, 2) +
                         " FLOP) and " + head->method + " (" + format_sig(head->summary.median, 2) +
                         " FLOP) differ by a factor of " + format_ratio(ratio >= 1 ? ratio : 1 / ratio) +
                         " (more than " + format_ratio(factor) + ")"
                   : std::string()});
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
    if (options.explain) {
      pe.ledger_reason = rule->reason;
      pe.ledger_source = rule->source;
    }

    add_architecture_methods(card, phase, *rule, ctx, options.explain, pe);
    add_stated_method(phase, ctx, options.explain, pe);
    add_hardware_method(phase, ctx, options.explain, pe, est.findings);
    pe.headline = pick_headline(pe);
    check_disagreement(pe, ctx.assumptions.disagreement_factor, options.explain, est.findings);

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
        est.findings.push_back({"phase_without_evidence", "warning",
                                options.explain ? "phase '" + pe.name + "' (" + pe.kind +
                                                      ") counts towards cumulative compute but gives no tokens, "
                                                      "compute_flop or hardware time: it is missing from the total"
                                                : std::string()});
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
