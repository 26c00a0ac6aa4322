// GPAI status (Art. 3(63), Commission guidelines paras 17-20) and the
// downstream-modification test (guidelines paras 59-61).
#include <algorithm>
#include <optional>
#include <string_view>

#include "legal_steps.hpp"

namespace gpai::legal {

using namespace std::string_view_literals;
namespace {

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Guidelines para 17: generates language (text incl. code, audio incl.
// speech), or text-to-image, or text-to-video.
bool generates_language_or_media(const Modalities& m) {
  for (const char* lang : {"text", "code", "audio", "speech"}) {
    if (contains(m.output, lang)) return true;
  }
  const bool text_in = contains(m.input, "text") || m.input.empty();
  return text_in && (contains(m.output, "image") || contains(m.output, "video"));
}

}  // namespace

bool has_systemic_risk(const Assessment& a) {
  return a.systemic_risk.status == SystemicRiskStatus::presumed ||
         a.systemic_risk.status == SystemicRiskStatus::designated;
}

void decide_modification(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  if (!card.modification) return;
  const Modification& m = *card.modification;
  ModificationVerdict& v = a.modification;
  v.present = true;
  v.base_model = m.base_model;
  if (m.compute_flop) {
    v.compute_flop = m.compute_flop->value.median();
    v.reasons.emplace_back("modification.compute_stated")
        .with("compute", *v.compute_flop)
        .with("pointer", std::string_view(m.compute_flop->pointer));
  } else if (a.compute.training) {
    v.compute_flop = a.compute.training_summary.median;
    v.reasons.emplace_back("modification.compute_from_phases").with("compute", *v.compute_flop);
  }
  const Parameter* fraction = ctx.rules.parameter("modification.compute_fraction");
  const DatedValue* f = fraction ? fraction->in_force(a.as_of) : nullptr;
  if (!f || !f->value) {
    v.reasons.emplace_back("modification.no_threshold").with("as_of", a.as_of);
    return;
  }
  v.cite = &f->source;
  Reason cutoff;
  if (m.base_training_compute_flop) {
    v.threshold_flop = m.base_training_compute_flop->value.median() * *f->value;
    cutoff = Reason("modification.cutoff_fraction_of_base", &f->source);
    cutoff.with("base", m.base_training_compute_flop->value.median());
  } else {
    const bool systemic = m.base_has_systemic_risk.value_or(false);
    v.threshold_flop = ctx.rules.value_at(
        systemic ? "modification.unknown_base_systemic_flop" : "modification.unknown_base_other_flop", a.as_of);
    cutoff = Reason(systemic                     ? "modification.cutoff_unknown_base_systemic"
                    : m.base_has_systemic_risk ? "modification.cutoff_unknown_base_other"
                                               : "modification.cutoff_unknown_base_not_stated",
                    &f->source);
  }
  if (!v.threshold_flop) return;
  v.reasons.push_back(cutoff.with("cutoff", *v.threshold_flop));
  if (!v.compute_flop) {
    v.reasons.emplace_back("modification.compute_unknown");
    a.gaps.push_back({"modification_compute_unknown", "warning", {}, Reason("gap.modification_compute_unknown")});
    return;
  }
  v.modifier_is_provider = fraction->exceeded_by(*v.compute_flop, *v.threshold_flop);
  v.result_presumed_systemic = v.modifier_is_provider && m.base_has_systemic_risk.value_or(false);
  v.reasons.emplace_back(v.modifier_is_provider ? "modification.modifier_is_provider"
                                                : "modification.modifier_not_provider");
  if (v.result_presumed_systemic) v.reasons.emplace_back("modification.result_presumed_systemic");
}

void decide_gpai_status(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  GpaiVerdict& g = a.gpai;
  const Parameter* rule = ctx.rules.parameter(rule_id::indicative);
  const DatedValue* entry = rule ? rule->in_force(a.as_of) : nullptr;
  g.cite = entry ? &entry->source : nullptr;  // the reporter's default citation otherwise
  // The deciding reason is the last one (the trace shows it with the status).
  auto decide = [&](GpaiStatus status, std::string_view code) -> Reason& {
    g.status = status;
    return g.reasons.emplace_back(code, g.cite);
  };

  // Art. 3(63) excludes research, development and prototyping models only
  // "before they are placed on the market".
  const bool on_market = card.placed_on_market && *card.placed_on_market <= a.as_of;
  if (card.stage == "research"sv && !on_market) return void(decide(GpaiStatus::not_gpai, "gpai.research"));
  if (card.designated.value_or(false)) return void(decide(GpaiStatus::gpai, "gpai.designated"));
  if (a.modification.present && !a.modification.modifier_is_provider && a.modification.threshold_flop &&
      a.modification.compute_flop) {
    g.reasons.emplace_back("gpai.status_of_original");  // {base}: the reporter names the original
  }
  if (!card.capabilities.narrow_tasks.empty()) {
    return void(decide(GpaiStatus::not_gpai, "gpai.narrow_tasks").with("tasks", &card.capabilities.narrow_tasks));
  }
  if (a.modification.present && a.modification.modifier_is_provider) {
    // The one-third test (and its 10^23/3 fallback) is about modifications of
    // GPAI models: the modified model is a GPAI model whatever the
    // modification's own compute; the 10^23 criterion is not re-applied to it.
    return void(decide(GpaiStatus::gpai, "gpai.modified_beyond_cutoff"));
  }
  const bool generative = generates_language_or_media(card.modalities);
  const bool modalities_known = !card.modalities.output.empty();
  const auto& params = card.architecture.parameters;
  // Recital 98's parameter count when the card's count passes it, else
  // nullopt; it only decides for generative models, so it is looked up there.
  auto generality_passed = [&]() -> std::optional<double> {
    const Parameter* generality = ctx.rules.parameter("recital98.generality_parameters");
    const DatedValue* e = generality ? generality->in_force(a.as_of) : nullptr;
    if (!params || !e || !e->value || !generality->exceeded_by(params->value.median(), *e->value)) {
      return std::nullopt;
    }
    return e->value;
  };

  if (!entry || !entry->value) {
    return void(decide(GpaiStatus::indeterminate, "gpai.no_criterion").with("as_of", a.as_of));
  }
  const double t = *entry->value;
  // Unknown outputs are not "no generative outputs": where they would decide
  // the status, the status is indeterminate and the card is asked for them.
  auto ask_modalities = [&] {
    a.gaps.push_back({"modalities_unknown", "warning", {}, Reason("gap.modalities_unknown")});
  };
  if (!a.compute.indicative) {
    if (const auto generality_params = generative || !modalities_known ? generality_passed() : std::nullopt) {
      if (!modalities_known) ask_modalities();
      return void(decide(GpaiStatus::indeterminate, modalities_known ? "gpai.no_compute_generality"
                                                                     : "gpai.no_compute_generality_if_generative")
                      .with("parameters", *generality_params));
    }
    return void(decide(GpaiStatus::indeterminate, "gpai.no_compute").with("criterion", t));
  }
  // The texts state the compute as the estimate's indicative interval (with
  // or without the weights it was built on): the reporter reads it there.
  const auto& s = a.compute.indicative_summary;
  auto compared = [&](GpaiStatus status, std::string_view code) -> Reason& {
    return decide(status, code).with("compute", s.median).with("criterion", t);
  };
  if (rule->exceeded_by(s.p05, t)) {
    if (generative) return void(compared(GpaiStatus::gpai, "gpai.above_generative"));
    if (!modalities_known) {
      ask_modalities();
      return void(compared(GpaiStatus::indeterminate, "gpai.above_modalities_unknown"));
    }
    return void(compared(GpaiStatus::not_gpai, "gpai.above_not_generative"));
  }
  if (!rule->exceeded_by(s.p95, t)) {
    if ((generative || !modalities_known) && generality_passed()) {
      if (!modalities_known) ask_modalities();
      return void(compared(GpaiStatus::indeterminate, modalities_known ? "gpai.below_generality"
                                                                       : "gpai.below_generality_if_generative")
                      .with("parameters", params->value.median()));
    }
    return void(compared(GpaiStatus::not_gpai, "gpai.below"));
  }
  compared(GpaiStatus::indeterminate, "gpai.straddles");
}

}  // namespace gpai::legal
