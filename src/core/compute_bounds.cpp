#include "gpai/compute_bounds.hpp"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <initializer_list>

namespace gpai {
namespace {

struct Factor {
  const Input* input;
  const char* unit;  // as the product is written: "parameters", "tokens", "h"
};

// Products are summed in log10, so that the check itself cannot overflow;
// log10(0) = -inf makes a product with an exact zero 0, as it is.
double log10_high(const Quantity& q) { return std::log10(q.high()); }

// A log-normal with the 90 % interval [low, high] reaches high x (high/low)^2
// at 8.2 standard deviations: beyond any of 10^8 draws (they stay within ~6).
double log10_tail(const Quantity& q) {
  if (q.is_exact()) return log10_high(q);
  return log10_high(q) + 2 * (log10_high(q) - std::log10(q.low()));  // high/low may overflow
}

std::string describe(const Quantity& q) {
  if (q.is_exact()) return format_count(q.median());
  return format_count(q.low()) + "-" + format_count(q.high());
}

// "6.0e600": a power of ten too large for a double, from its logarithm.
std::string power_text(double log10_value) {
  if (!std::isfinite(log10_value)) return "0";
  const double exponent = std::floor(log10_value);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1fe%.0f", std::pow(10.0, log10_value - exponent), exponent);
  return buf;
}

// A JSON pointer's last token ("tokens"), an option as given ("--tokens"), or
// for a described source (a README line) the quantity's unit.
std::string field_of(const Factor& f) {
  const std::string& pointer = f.input->pointer;
  if (pointer.rfind("--", 0) == 0) return pointer;
  if (pointer.empty() || pointer[0] != '/') return f.unit;
  return pointer.substr(pointer.rfind('/') + 1);
}

// The constant factors of a product: "6 x " before the inputs, or
// " x 3600 s/h x <peak> FLOP/s (<chip>)" after them.
struct Constant {
  double value = 1;
  const char* before = "";
  const AcceleratorSpec* chip = nullptr;  // the hardware method: time x 3600 x peak
  const char* note = "";
  bool per_joule = false;  // the energy method: J x FLOP per joule of `chip`'s TDP
};

class Checker {
 public:
  void check(std::initializer_list<Factor> factors, const Constant& k) {
    if (found_) return;
    // Plain products first: every card of a batch passes through here, and
    // logarithms are needed only to tell how far out of range a product is.
    double high = k.value, tail = k.value;
    for (const Factor& f : factors) {
      const Quantity& q = f.input->value;
      high *= q.high();
      tail *= q.is_exact() ? q.high() : q.high() * (q.high() / q.low()) * (q.high() / q.low());
    }
    if (high <= kMaxPlausibleFlop && tail <= kMaxDrawnFlop) return;  // NaN (0 x inf) falls through
    report(factors, k);
  }
  std::optional<ImplausibleInput> take() { return std::move(found_); }

 private:
  void report(std::initializer_list<Factor> factors, const Constant& k) {
    double high = std::log10(k.value), tail = high;
    const Factor* largest = nullptr;
    const Factor* widest = nullptr;
    for (const Factor& f : factors) {
      const Quantity& q = f.input->value;
      high += log10_high(q);
      if (q.high() > 0) tail += log10_tail(q);
      if (!largest || log10_high(q) > log10_high(largest->input->value)) largest = &f;
      if (!q.is_exact() && (!widest || log10_tail(q) - log10_high(q) > log10_tail(widest->input->value) -
                                                                         log10_high(widest->input->value))) {
        widest = &f;
      }
    }
    std::string names = k.before, values = k.before;
    for (const Factor& f : factors) {
      const bool first = &f == factors.begin();
      names += (first ? "" : " x ") + std::string(f.unit);
      values += (first ? "" : " x ") + describe(f.input->value) + " " + f.unit;
    }
    std::string from;
    for (const Factor& f : factors) from += (from.empty() ? " (from " : ", ") + f.input->pointer;
    from += ")";
    std::string after = k.note;
    if (k.chip && k.per_joule) {
      after = " x 3.6e6 J/kWh x " + format_sig(k.value / 3.6e6, 3) + " FLOP/J (" + k.chip->id +
              ": the catalogue's highest dense peak per watt of TDP)";
    } else if (k.chip) {
      after = " x 3600 s/h x " + format_sig(k.value / 3600, 3) + " FLOP/s (" + k.chip->id + "'s highest dense peak)";
    }
    names += after;
    values += after;
    const std::string bound = format_sig(kMaxPlausibleFlop, 1) + " FLOP (the largest training runs are near 1e27 FLOP)";
    if (high > std::log10(kMaxPlausibleFlop) && factors.size() == 1 && k.value == 1) {  // a stated figure
      found_ = ImplausibleInput{largest->input->pointer, field_of(*largest), "at most " + bound,
                                values + from};
    } else if (high > std::log10(kMaxPlausibleFlop)) {
      found_ = ImplausibleInput{largest->input->pointer, field_of(*largest),
                                "a value for which " + names + " stays at or below " + bound,
                                values + " = " + power_text(high) + " FLOP" + from};
    } else if (widest && tail > std::log10(kMaxDrawnFlop)) {
      const Quantity& q = widest->input->value;
      found_ = ImplausibleInput{widest->input->pointer, field_of(*widest),
                                "a 90 % interval narrow enough that Monte Carlo draws of " + names +
                                    " stay finite",
                                "low " + format_sig(q.low(), 3) + ", high " + format_sig(q.high(), 3) +
                                    " (draws of the product would reach " + power_text(tail) + " FLOP)" + from};
    }
  }
  std::optional<ImplausibleInput> found_;
};

const Input* working_parameters(const ModelCard& card, const TrainingPhase& phase) {
  if (phase.parameters) return &*phase.parameters;
  const Architecture& a = card.architecture;
  if (a.kind == ArchitectureKind::moe && a.active_parameters) return &*a.active_parameters;
  return a.parameters ? &*a.parameters : nullptr;
}

double highest_dense_peak(const AcceleratorSpec& spec) {
  double peak = 0;
  for (const auto& [precision, flop_per_s] : spec.peak_flop_per_s_dense) peak = std::max(peak, flop_per_s);
  return peak;
}

void check_phase(const ModelCard& card, const TrainingPhase& phase, const AcceleratorCatalogue& catalogue,
                 Checker& c) {
  const Architecture& a = card.architecture;
  const Constant six{6, "6 x "};
  if (const Input* n = working_parameters(card, phase); n && phase.tokens) {
    const bool active = a.active_parameters && n == &*a.active_parameters;
    const Factor params{n, active ? "active parameters" : "parameters"};
    const Factor tokens{&*phase.tokens, "tokens"};
    if (phase.epochs) c.check({params, tokens, {&*phase.epochs, "epochs"}}, six);
    else c.check({params, tokens}, six);
    if (a.layers && a.context_length && a.d_model) {
      const Factor l{&*a.layers, "layers"}, ctx{&*a.context_length, "context"}, d{&*a.d_model, "d_model"};
      const Constant kaplan{6, "6 x ", nullptr, " (the attention term of the Kaplan count)"};
      if (phase.epochs) c.check({l, ctx, d, tokens, {&*phase.epochs, "epochs"}}, kaplan);
      else c.check({l, ctx, d, tokens}, kaplan);
    }
  }
  if (phase.compute_flop) c.check({{&*phase.compute_flop, "FLOP"}}, {});
  if (!phase.hardware) return;
  const HardwareUse& hw = *phase.hardware;
  const AcceleratorSpec* spec = catalogue.find(hw.accelerator);
  const double peak = spec ? highest_dense_peak(*spec) : 0;
  if (peak <= 0) return;  // the estimate refuses an unknown chip itself
  const Constant capacity{3600 * peak, "", spec};
  if (hw.accelerator_hours) c.check({{&*hw.accelerator_hours, "accelerator-hours"}}, capacity);
  if (hw.count && hw.hours) c.check({{&*hw.count, "accelerators"}, {&*hw.hours, "h"}}, capacity);
}

// The catalogue's chip with the most FLOP/s, or per watt of TDP: the bound
// for an estimate whose chip the card may not name (energy, cost).
const AcceleratorSpec* best_chip(const AcceleratorCatalogue& catalogue, bool per_watt) {
  const AcceleratorSpec* best = nullptr;
  double best_value = 0;
  for (const AcceleratorSpec& spec : catalogue.specs()) {
    if (per_watt && !(spec.tdp_w && *spec.tdp_w > 0)) continue;
    const double value = highest_dense_peak(spec) / (per_watt ? *spec.tdp_w : 1.0);
    if (value > best_value) best = &spec, best_value = value;
  }
  return best;
}

}  // namespace

std::optional<ImplausibleInput> find_implausible_compute_input(const ModelCard& card,
                                                               const AcceleratorCatalogue& catalogue) {
  Checker c;
  for (const TrainingPhase& phase : card.phases) check_phase(card, phase, catalogue, c);
  // Stated totals are compared with the estimate and quoted: the same bound.
  if (card.reported_compute_flop) c.check({{&*card.reported_compute_flop, "FLOP"}}, {});
  if (card.modification) {
    const Modification& m = *card.modification;
    if (m.base_training_compute_flop) c.check({{&*m.base_training_compute_flop, "FLOP"}}, {});
    if (m.compute_flop) c.check({{&*m.compute_flop, "FLOP"}}, {});
  }
  return c.take();
}

std::optional<ImplausibleInput> find_implausible_audit_input(const AuditClaim& claim,
                                                             const AcceleratorCatalogue& catalogue) {
  Checker c;
  if (claim.energy_kwh) {
    if (const AcceleratorSpec* chip = best_chip(catalogue, true)) {
      // PUE >= 1 and utilisation <= 1 only lower the figure.
      c.check({{&*claim.energy_kwh, "kWh"}}, {3.6e6 * highest_dense_peak(*chip) / *chip->tdp_w, "", chip, "", true});
    }
  }
  if (claim.cost_usd && claim.price_per_accelerator_hour_usd) {
    if (const AcceleratorSpec* chip = best_chip(catalogue, false)) {
      const Quantity& price = claim.price_per_accelerator_hour_usd->value;
      const Input per_usd{price.is_exact() ? Quantity::exact(1 / price.low())
                                           : Quantity::interval90(1 / price.high(), 1 / price.low()),
                          claim.price_per_accelerator_hour_usd->pointer};
      c.check({{&*claim.cost_usd, "USD"}, {&per_usd, "accelerator-hours per USD"}},
              {3600 * highest_dense_peak(*chip), "", chip});
    }
  }
  return c.take();
}

}  // namespace gpai
