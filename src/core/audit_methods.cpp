// The audit's estimation methods on log evidence, energy and cost, and the
// resolution of logged accelerator names to priced chips.
#include <algorithm>
#include <cmath>

#include "audit_internal.hpp"
#include "gpai/error.hpp"

namespace gpai::audit_detail {
namespace {

constexpr double kSecondsPerHour = 3600.0;
constexpr double kJoulesPerKwh = 3.6e6;

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

AuditMethod finish(AuditMethod m) {
  m.summary = m.flop.summary();
  return m;
}

// 1/x of a quantity: an interval [lo, hi] becomes [1/hi, 1/lo].
Quantity reciprocal(const Quantity& q) {
  if (q.is_exact()) return Quantity::exact(1.0 / q.median());
  return Quantity::interval90(1.0 / q.high(), 1.0 / q.low());
}

std::string hours_text(double seconds) { return format_count(seconds / kSecondsPerHour) + " accelerator-hours"; }

}  // namespace

std::string describe(const Quantity& q) {
  if (q.is_exact()) return format_count(q.median());
  return format_count(q.low()) + "-" + format_count(q.high());
}

Date date_of(double unix_seconds) {
  return Date::from_days(static_cast<long>(std::floor(unix_seconds / 86400.0)));
}

Resolver::Resolver(const ModelCard* card, const EstimationContext& context, std::vector<AuditFinding>& findings)
    : ctx(context), card_(card), findings_(findings) {}

const HardwareUse* Resolver::card_entry(const std::string& id) const {
  if (!card_) return nullptr;
  for (const auto& p : card_->phases) {
    if (p.hardware && p.hardware->accelerator == id) return &*p.hardware;
  }
  return nullptr;
}

std::vector<std::string> Resolver::card_accelerators() const {
  std::vector<std::string> ids;
  if (!card_) return ids;
  for (const auto& p : card_->phases) {
    if (p.hardware) add_unique(ids, p.hardware->accelerator);
  }
  return ids;
}

const AcceleratorSpec* Resolver::resolve(const AcceleratorUsage& u) {
  if (auto it = resolved_.find(u.accelerator); it != resolved_.end()) return it->second;
  const AcceleratorSpec* spec = nullptr;
  const std::string hours = hours_text(u.total.accelerator_seconds);
  const auto ids = card_accelerators();
  if (u.in_catalogue) {
    spec = ctx.catalogue.find(u.accelerator);
  } else if (u.accelerator.empty()) {
    if (ids.size() == 1) {
      spec = ctx.catalogue.find(ids[0]);
      AuditNote note{AuditNoteCode::accelerator_assumed_from_card};
      note.accelerator = ids[0];
      note.accelerator_seconds = u.total.accelerator_seconds;
      findings_.push_back({"accelerator_assumed_from_card", "info", "", note});
    } else {
      AuditNote note{AuditNoteCode::accelerator_unspecified};
      note.accelerator_seconds = u.total.accelerator_seconds;
      findings_.push_back({"accelerator_unspecified", "warning", "", note});
    }
  } else {
    // A short logged name ("h100" in gres/gpu:h100=4) matched to the one card
    // accelerator whose names contain it.
    const std::string n = normalise_accelerator_name(u.accelerator);
    std::vector<const AcceleratorSpec*> hits;
    for (const auto& id : ids) {
      const AcceleratorSpec* s = ctx.catalogue.find(id);
      if (!s || n.empty()) continue;
      bool hit = normalise_accelerator_name(s->id).find(n) != std::string::npos ||
                 normalise_accelerator_name(s->name).find(n) != std::string::npos;
      for (const auto& a : s->aliases) hit |= normalise_accelerator_name(a).find(n) != std::string::npos;
      if (hit) hits.push_back(s);
    }
    if (hits.size() == 1) {
      spec = hits[0];
      findings_.push_back({"accelerator_matched_to_card", "info",
                           "logged accelerator '" + u.accelerator + "' (" + hours + ") is not a catalogue name; "
                           "matched to the card's " + spec->id});
    } else {
      std::string close = join(ctx.catalogue.close_matches(u.accelerator, 3), ", ");
      findings_.push_back({"accelerator_unknown", "warning",
                           "logged accelerator '" + u.accelerator + "' (" + hours + ") is not in the catalogue" +
                               (close.empty() ? std::string() : " (close: " + close + ")") +
                               ": excluded from FLOP estimates"});
    }
  }
  resolved_[u.accelerator] = spec;
  return spec;
}

const TypeBasis* Resolver::basis(const AcceleratorUsage& u) {
  const AcceleratorSpec* spec = resolve(u);
  return spec ? basis(*spec) : nullptr;
}

const TypeBasis* Resolver::basis(const AcceleratorSpec& spec) {
  if (auto it = bases_.find(spec.id); it != bases_.end()) return &it->second;
  TypeBasis b;
  b.spec = &spec;
  const HardwareUse* hw = card_entry(spec.id);
  b.precision = hw && hw->precision ? *hw->precision : spec.default_precision;
  auto peak = spec.peak_flop_per_s(b.precision);
  if (!peak) {
    b.assumptions.push_back(spec.id + " has no dense " + std::string(to_string(b.precision)) +
                            " peak: its default precision is used");
    b.precision = spec.default_precision;
    peak = spec.peak_flop_per_s(b.precision);
  } else if (!(hw && hw->precision)) {
    b.assumptions.push_back("precision not given in the card: " + spec.id + "'s " +
                            std::string(to_string(b.precision)) + " dense peak used");
  }
  b.peak_flop_per_s = peak.value_or(0);
  b.peak_text = spec.id + " " + std::string(to_string(b.precision)) + " dense " + format_sig(b.peak_flop_per_s, 3) +
                " FLOP/s";
  const auto& mc = ctx.monte_carlo;
  if (hw && hw->utilization) {
    b.mfu_from_card = true;
    b.mfu_key = hw->utilization->pointer + "|" + std::string(to_string(hw->utilization_metric));
    const Draws reading = Draws::sample(hw->utilization->value, mc, hw->utilization->pointer);
    const std::string metric(to_string(hw->utilization_metric));
    if (hw->utilization_metric == UtilizationMetric::mfu) {
      b.mfu = reading;
      b.utilisation_text = "MFU " + describe(hw->utilization->value) + " (card, " + hw->utilization->pointer + ")";
    } else {
      const auto conv = ctx.assumptions.metric_conversions.find(hw->utilization_metric);
      if (conv == ctx.assumptions.metric_conversions.end()) {
        throw InternalError("no MFU conversion for utilisation metric " + metric);
      }
      b.mfu = (reading * Draws::sample(conv->second.mfu_per_unit, mc, "assumption/mfu_per_" + metric)).min(1.0);
      b.utilisation_text = metric + " " + describe(hw->utilization->value) + " (card) x " +
                           describe(conv->second.mfu_per_unit) + " MFU per unit";
      b.assumptions.push_back(metric + " is not MFU: " + conv->second.explanation);
    }
  } else {
    const auto& du = ctx.assumptions.default_utilization;
    b.mfu = Draws::sample(du, mc, "assumption/default_utilization");
    b.mfu_key = "assumption/default_utilization";
    b.utilisation_text = "MFU " + describe(du) + " (assumed)";
    b.assumptions.push_back("utilisation not given for " + spec.id + ": MFU " + describe(du) + " assumed (" +
                            ctx.assumptions.default_utilization_source + ")");
  }
  auto cached = mfu_summaries_.find(b.mfu_key);
  if (cached == mfu_summaries_.end()) cached = mfu_summaries_.emplace(b.mfu_key, b.mfu.summary()).first;
  b.mfu_summary = cached->second;
  return &bases_.emplace(spec.id, std::move(b)).first->second;
}

const AcceleratorSpec* Resolver::reference_spec(const LogEvidence* e) {
  for (const auto& id : card_accelerators()) {
    if (const auto* s = ctx.catalogue.find(id)) return s;
  }
  if (!e) return nullptr;
  const AcceleratorUsage* best = nullptr;
  for (const auto& u : e->accelerators) {
    if (resolve(u) && (!best || u.total.accelerator_seconds > best->total.accelerator_seconds)) best = &u;
  }
  return best ? resolve(*best) : nullptr;
}

double Resolver::seconds_excluded(const LogEvidence& e) {
  double s = 0;
  for (const auto& u : e.accelerators) {
    if (!resolve(u)) s += u.total.accelerator_seconds;
  }
  return s;
}

double capacity_flop(const LogEvidence& e, Resolver& r) {
  double c = 0;
  for (const auto& u : e.accelerators) {
    if (const TypeBasis* b = r.basis(u)) c += u.total.accelerator_seconds * b->peak_flop_per_s;
  }
  return c;
}

std::optional<AuditMethod> logs_method(const LogEvidence& e, Resolver& r) {
  AuditMethod m;
  const bool accounting = e.kind == EvidenceKind::accounting;
  m.method = accounting ? "logs_accounting" : "logs_telemetry";
  m.source = std::string(to_string(e.kind));
  std::optional<Draws> total;
  std::vector<std::string> parts, utils, peaks;
  for (const auto& u : e.accelerators) {
    const TypeBasis* b = r.basis(u);
    if (!b || u.total.accelerator_seconds <= 0) continue;
    const Draws f = b->mfu * (u.total.accelerator_seconds * b->peak_flop_per_s);
    total = total ? *total + f : f;
    parts.push_back(hours_text(u.total.accelerator_seconds) + " x " + b->peak_text + " x " + b->utilisation_text);
    add_unique(utils, b->utilisation_text);
    add_unique(peaks, b->peak_text);
    for (const auto& a : b->assumptions) add_unique(m.assumptions, a);
  }
  if (!total) return std::nullopt;
  m.formula = "accelerator time from " + m.source + " x dense peak x utilisation: " + join(parts, " + ");
  m.utilisation = join(utils, "; ");
  m.peak = join(peaks, "; ");
  if (accounting) {
    m.assumptions.push_back("job accounting: every allocated GPU counts for the whole job (Elapsed x GPUs), "
                            "progress assumed uniform within a job");
  } else {
    m.assumptions.push_back("each sample covers the time to the next sample of its GPU, up to " +
                            format_count(e.max_gap_seconds) + " s (docs/audit.md)");
  }
  m.assumptions.push_back("hardware time is capacity: it includes activation recomputation, restarts, "
                          "evaluation and idle time, which the guidelines exclude");
  m.flop = *total;
  return finish(std::move(m));
}

std::optional<AuditMethod> activity_method(const LogEvidence& e, ActivityMetric metric, Resolver& r,
                                           std::vector<AuditFinding>& findings) {
  const auto key = mfu_conversion_key(metric);
  if (!key) return std::nullopt;
  const auto conv = r.ctx.assumptions.metric_conversions.find(*key);
  if (conv == r.ctx.assumptions.metric_conversions.end()) return std::nullopt;
  const std::string name(to_string(metric));
  const Draws factor = Draws::sample(conv->second.mfu_per_unit, r.ctx.monte_carlo, "assumption/mfu_per_" + name);
  AuditMethod m;
  m.method = "activity_" + name;
  m.source = "telemetry";
  std::optional<Draws> total;
  std::vector<std::string> parts, peaks;
  double covered = 0, seconds = 0;
  for (const auto& u : e.accelerators) {
    const TypeBasis* b = r.basis(u);
    const auto mean = u.total.of(metric).mean();
    if (!b || !mean || u.total.accelerator_seconds <= 0) continue;
    covered += u.total.of(metric).covered_seconds;
    seconds += u.total.accelerator_seconds;
    // MFU = reading x factor, never above 1; the mean reading over the
    // covered time stands for all of this type's time.
    const Draws mfu = (factor * *mean).min(1.0);
    const Draws f = mfu * (u.total.accelerator_seconds * b->peak_flop_per_s);
    total = total ? *total + f : f;
    parts.push_back(hours_text(u.total.accelerator_seconds) + " x " + b->peak_text + " x " + name + " " +
                    format_count(*mean) + " x " + describe(conv->second.mfu_per_unit));
    add_unique(peaks, b->peak_text);
  }
  if (!total) return std::nullopt;
  m.formula = "accelerator time x dense peak x measured " + name + " x MFU per unit of " + name + ": " +
              join(parts, " + ");
  m.utilisation = name + " (measured) x " + describe(conv->second.mfu_per_unit) + " MFU per unit";
  m.peak = join(peaks, "; ");
  m.assumptions.push_back(name + " is not MFU: " + conv->second.explanation + " (" + conv->second.source + ")");
  if (covered < seconds * 0.999) {
    m.assumptions.push_back(name + " was measured over " + format_count(100 * covered / seconds) +
                            " % of the accelerator time; its mean stands for the rest");
  }
  m.flop = *total;
  findings.push_back({metric == ActivityMetric::occupancy ? "occupancy_not_mfu" : "tensor_active_not_mfu", "warning",
                      name + " is not model FLOP utilisation: the activity-weighted estimate converts it with " +
                          describe(conv->second.mfu_per_unit) + " MFU per unit and a wide interval (" +
                          conv->second.source + ")"});
  return finish(std::move(m));
}

std::optional<AuditMethod> energy_method(const AuditClaim& claim, const LogEvidence* telemetry, Resolver& r,
                                         std::vector<AuditFinding>& findings) {
  const auto& mc = r.ctx.monte_carlo;
  AuditMethod m;
  m.method = "energy";
  m.assumptions.push_back("accelerators drew their rated TDP on average; real draw is usually lower, so "
                          "this under-states accelerator time");
  if (claim.energy_kwh) {
    const AcceleratorSpec* spec = r.reference_spec(telemetry);
    if (!spec || !spec->tdp_w) {
      findings.push_back({"energy_without_power_figure", "info",
                          "training.energy_kwh is given but no accelerator with a rated power (TDP) is known: "
                          "no energy estimate"});
      return std::nullopt;
    }
    const TypeBasis* b = r.basis(*spec);
    Draws joules = Draws::sample(claim.energy_kwh->value, mc, claim.energy_kwh->pointer) * kJoulesPerKwh;
    std::string formula = describe(claim.energy_kwh->value) + " kWh (" + claim.energy_kwh->pointer + ")";
    if (claim.pue) {
      joules = joules * Draws::sample(reciprocal(claim.pue->value), mc, claim.pue->pointer);
      formula += " / PUE " + describe(claim.pue->value);
      m.assumptions.push_back("IT energy after PUE still includes CPUs, network and storage, counted here as "
                              "accelerator energy");
    } else {
      m.assumptions.push_back("energy_kwh taken as accelerator energy (no training.pue given)");
    }
    m.source = "card";
    m.flop = joules * b->mfu * (b->peak_flop_per_s / *spec->tdp_w);
    m.formula = formula + " x 3.6e6 J/kWh / " + format_count(*spec->tdp_w) + " W (" + spec->id + " TDP) x " +
                b->peak_text + " x " + b->utilisation_text;
    m.utilisation = b->utilisation_text;
    m.peak = b->peak_text;
    for (const auto& a : b->assumptions) add_unique(m.assumptions, a);
    return finish(std::move(m));
  }
  if (!telemetry) return std::nullopt;
  std::optional<Draws> total;
  std::vector<std::string> parts, utils, peaks;
  for (const auto& u : telemetry->accelerators) {
    const auto joules = u.total.energy_joules();
    const TypeBasis* b = r.basis(u);
    if (!joules || !b || !b->spec->tdp_w) continue;
    const Draws f = b->mfu * (*joules / *b->spec->tdp_w * b->peak_flop_per_s);
    total = total ? *total + f : f;
    parts.push_back(format_count(*joules / kJoulesPerKwh) + " kWh / " + format_count(*b->spec->tdp_w) + " W x " +
                    b->peak_text + " x " + b->utilisation_text);
    add_unique(utils, b->utilisation_text);
    add_unique(peaks, b->peak_text);
    for (const auto& a : b->assumptions) add_unique(m.assumptions, a);
  }
  if (!total) return std::nullopt;
  m.source = "telemetry";
  m.formula = "logged energy (energy counters, else integrated power) / TDP x dense peak x utilisation: " +
              join(parts, " + ");
  m.utilisation = join(utils, "; ");
  m.peak = join(peaks, "; ");
  m.flop = *total;
  return finish(std::move(m));
}

std::optional<AuditMethod> cost_method(const AuditClaim& claim, const std::optional<Input>& price_option,
                                       const LogEvidence* evidence, Resolver& r, std::vector<AuditFinding>& findings) {
  if (!claim.cost_usd) return std::nullopt;
  const std::optional<Input>& price = price_option ? price_option : claim.price_per_accelerator_hour_usd;
  if (!price) {
    findings.push_back({"cost_without_price", "info", "", AuditNote{AuditNoteCode::cost_without_price}});
    return std::nullopt;
  }
  const AcceleratorSpec* spec = r.reference_spec(evidence);
  if (!spec) return std::nullopt;
  const TypeBasis* b = r.basis(*spec);
  const auto& mc = r.ctx.monte_carlo;
  AuditMethod m;
  m.method = "cost";
  m.source = "card";
  const Draws hours = Draws::sample(claim.cost_usd->value, mc, claim.cost_usd->pointer) *
                      Draws::sample(reciprocal(price->value), mc, price->pointer);
  m.flop = hours * b->mfu * (kSecondsPerHour * b->peak_flop_per_s);
  m.formula = describe(claim.cost_usd->value) + " USD / " + describe(price->value) + " USD per accelerator-hour x " +
              "3600 s/h x " + b->peak_text + " x " + b->utilisation_text;
  m.utilisation = b->utilisation_text;
  m.peak = b->peak_text;
  m.assumptions = b->assumptions;
  m.assumptions.push_back("the whole cost bought " + spec->id + " time at the stated price (no storage, "
                          "staff or data costs)");
  return finish(std::move(m));
}

std::vector<AuditMethod> card_methods(const ComputeEstimate& est) {
  std::vector<AuditMethod> out;
  for (const char* name : {"architecture_6nd", "architecture_kaplan", "stated", "hardware"}) {
    AuditMethod m;
    m.method = std::string(name) == "hardware" ? "hardware_card" : name;
    m.source = "card";
    std::optional<Draws> total;
    for (const auto& p : est.phases) {
      if (!p.counts_cumulative) continue;
      for (const auto& pm : p.methods) {
        if (pm.method != name) continue;
        total = total ? *total + pm.flop : pm.flop;
        // Views of the card (the phase's name, the basis), not of `est`.
        m.card_parts.push_back({pm.basis.phase->name, name, pm.basis});
      }
    }
    if (!total) continue;
    m.flop = *total;
    out.push_back(finish(std::move(m)));
  }
  return out;
}

}  // namespace gpai::audit_detail
