// GPAI status (Art. 3(63), Commission guidelines paras 17-20) and the
// downstream-modification test (guidelines paras 59-61).
#include <algorithm>
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

std::string flop_text(double flop) { return format_sig(flop, 2) + " FLOP"; }

bool has_systemic_risk(const Assessment& a) {
  return a.systemic_risk.status == SystemicRiskStatus::presumed || a.systemic_risk.status == SystemicRiskStatus::designated;
}

void decide_modification(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  if (!card.modification) return;
  const Modification& m = *card.modification;
  ModificationVerdict& v = a.modification;
  const bool explain = a.explained;
  v.present = true;
  v.base_model = m.base_model;
  if (m.compute_flop) {
    v.compute_flop = m.compute_flop->value.median();
    if (explain)
      v.reasons.push_back("modification compute " + flop_text(*v.compute_flop) + " as stated (" +
                          m.compute_flop->pointer + ")");
  } else if (a.compute.training) {
    v.compute_flop = a.compute.training_summary.median;
    if (explain)
      v.reasons.push_back("modification compute " + flop_text(*v.compute_flop) +
                          ": the card's weight-updating phases (training compute)");
  }
  const Parameter* fraction = ctx.rules.parameter("modification.compute_fraction");
  const DatedValue* f = fraction ? fraction->in_force(a.as_of) : nullptr;
  if (!f || !f->value) {
    if (explain) v.reasons.push_back("no modification threshold in force on " + a.as_of.to_string());
    return;
  }
  std::string basis;  // for the texts: built only when explaining
  if (m.base_training_compute_flop) {
    v.threshold_flop = m.base_training_compute_flop->value.median() * *f->value;
    if (explain) {
      basis = "one third of the original's training compute " +
              flop_text(m.base_training_compute_flop->value.median());
    }
  } else {
    const bool systemic = m.base_has_systemic_risk.value_or(false);
    const char* id =
        systemic ? "modification.unknown_base_systemic_flop" : "modification.unknown_base_other_flop";
    v.threshold_flop = ctx.rules.value_at(id, a.as_of);
    if (explain) {
      basis =
          std::string("original's training compute unknown: the cut-off for ") +
          (systemic ? "a systemic-risk original" : "an original without systemic risk") +
          (m.base_has_systemic_risk ? "" : " (base_has_systemic_risk not stated: the lower cut-off is used)");
    }
  }
  if (!v.threshold_flop) return;
  if (explain)
    v.reasons.push_back("cut-off " + flop_text(*v.threshold_flop) + ": " + basis + " (" + f->source.cite +
                        ")");
  if (!v.compute_flop) {
    if (explain)
      v.reasons.push_back(
          "the modification's compute is unknown: whether the modifier becomes the provider cannot be "
          "decided");
    a.gaps.push_back({"modification_compute_unknown", "warning",
                      "give modification.compute_flop or the modification's training phases"});
    return;
  }
  v.modifier_is_provider = fraction->exceeded_by(*v.compute_flop, *v.threshold_flop);
  v.result_presumed_systemic = v.modifier_is_provider && m.base_has_systemic_risk.value_or(false);
  if (explain)
    v.reasons.push_back(
        v.modifier_is_provider
            ? "the modification exceeds the cut-off: the modifier is the provider of the modified model"
            : "the modification does not exceed the cut-off: the modifier is not the provider of a new GPAI "
              "model");
  if (v.result_presumed_systemic) {
    if (explain)
      v.reasons.push_back(
          "modifying a systemic-risk model past the cut-off: the modified model is presumed to "
          "have systemic risk, with notification and the full Art. 55 duties");
  }
  if (explain)
    a.trace.push_back({"modification.compute_fraction", f->source.cite,
                       "modification " + (v.compute_flop ? flop_text(*v.compute_flop) : std::string("?")) +
                           ", cut-off " + flop_text(*v.threshold_flop),
                       v.modifier_is_provider ? "modifier is provider" : "modifier is not provider"});
}

void decide_gpai_status(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  GpaiVerdict& g = a.gpai;
  const Parameter* rule = ctx.rules.parameter("gpai.indicative_training_compute");
  const DatedValue* entry = rule ? rule->in_force(a.as_of) : nullptr;
  std::string cite;  // for the texts: built only when explaining
  if (a.explained) cite = entry ? entry->source.cite : "Art. 3(63)";
  // The reason is built only when explaining: it is a callable returning the text.
  auto decide = [&](GpaiStatus status, auto&& reason) {
    g.status = status;
    if (!a.explained) return;
    g.reasons.push_back(reason());
    a.trace.push_back({"gpai.status", cite, "", std::string(to_string(g.status)) + ": " + g.reasons.back()});
  };

  // Art. 3(63) excludes research, development and prototyping models only
  // "before they are placed on the market".
  const bool on_market = card.placed_on_market && *card.placed_on_market <= a.as_of;
  if (card.stage == "research"sv && !on_market) {
    return decide(GpaiStatus::not_gpai, [&] {
      return std::string(
          "used only for research, development or prototyping and not placed on the "
          "market: excluded from the definition (Art. 3(63))");
    });
  }
  if (card.designated.value_or(false)) {
    return decide(GpaiStatus::gpai, [&] {
      return std::string("designated by the Commission as a GPAI model with systemic risk");
    });
  }
  if (a.modification.present && !a.modification.modifier_is_provider && a.modification.threshold_flop &&
      a.modification.compute_flop && a.explained) {
    g.reasons.push_back(
        "the modification does not make the modifier a provider: the GPAI status is the "
        "original model's (" +
        (a.modification.base_model.empty() ? std::string("base model") : a.modification.base_model) + ")");
  }
  if (!card.capabilities.narrow_tasks.empty()) {
    std::string tasks;
    for (const auto& t : card.capabilities.narrow_tasks) tasks += (tasks.empty() ? "" : ", ") + t;
    return decide(GpaiStatus::not_gpai, [&] {
      return std::string("competently performs only a narrow set of tasks (" + tasks +
                         "): the indicative criterion is rebutted (Commission GPAI guidelines, para 20)");
    });
  }
  if (a.modification.present && a.modification.modifier_is_provider) {
    // The one-third test (and its 10^23/3 fallback) is about modifications of
    // GPAI models: the modified model is a GPAI model whatever the
    // modification's own compute; the 10^23 criterion is not re-applied to it.
    return decide(GpaiStatus::gpai, [&] {
      return std::string(
          "modification of a GPAI model (" +
          (a.modification.base_model.empty() ? std::string("base model") : a.modification.base_model) +
          ") beyond the cut-off: the modified model is a GPAI model and the modifier its provider "
          "(Commission GPAI guidelines, paras 60-61)");
    });
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
    return decide(GpaiStatus::indeterminate, [&] {
      return std::string("no indicative compute criterion is in force on " + a.as_of.to_string());
    });
  }
  const double t = *entry->value;
  // Unknown outputs are not "no generative outputs": where they would decide
  // the status, the status is indeterminate and the card is asked for them.
  auto ask_modalities = [&] {
    a.gaps.push_back({"modalities_unknown", "warning",
                      "the card states no output modalities (modalities.output): whether the model generates "
                      "text, audio, images or video decides its GPAI status"});
  };
  if (!a.compute.indicative) {
    if (const auto generality_params = generative || !modalities_known ? generality_passed() : std::nullopt) {
      if (!modalities_known) ask_modalities();
      return decide(GpaiStatus::indeterminate, [&] {
        return std::string("training compute unknown; at least " + format_count(*generality_params) +
                           (modalities_known ? " parameters and generative outputs point to generality"
                                             : " parameters point to generality if the model generates language "
                                               "or media (output modalities not stated)") +
                           " (recital 98)");
      });
    }
    return decide(GpaiStatus::indeterminate, [&] {
      return std::string("training compute unknown: the indicative criterion (" + flop_text(t) + ", " + cite +
                         ") cannot be checked");
    });
  }
  const auto& s = a.compute.indicative_summary;
  const std::string compute_text =
      a.explained ? "training compute " + flop_text(s.median) +
                        (a.compute.indicative_includes_base ? " (with the weights it was built on)" : "") +
                        (s.exact ? "" : " (90 % " + flop_text(s.p05) + " - " + flop_text(s.p95) + ")")
                  : std::string();
  if (rule->exceeded_by(s.p05, t)) {
    if (generative) {
      return decide(GpaiStatus::gpai, [&] {
        return std::string(compute_text + " is above " + flop_text(t) +
                           " and the model generates text, audio, images or video (" + cite + ")");
      });
    }
    if (!modalities_known) {
      ask_modalities();
      return decide(GpaiStatus::indeterminate, [&] {
        return std::string(compute_text + " is above " + flop_text(t) +
                           ", but the card states no output modalities (" + cite + ")");
      });
    }
    return decide(GpaiStatus::not_gpai, [&] {
      return std::string(compute_text + " is above " + flop_text(t) +
                         ", but the model generates neither language nor images or video from text; "
                         "rebuttable by evidence of significant generality (" +
                         cite + ")");
    });
  }
  if (!rule->exceeded_by(s.p95, t)) {
    if ((generative || !modalities_known) && generality_passed()) {
      if (!modalities_known) ask_modalities();
      return decide(GpaiStatus::indeterminate, [&] {
        return std::string(compute_text + " is not above " + flop_text(t) + " (" + cite + "), but " +
                           format_count(params->value.median()) +
                           (modalities_known ? " parameters and generative outputs may show significant generality"
                                             : " parameters may show significant generality if the model generates "
                                               "language or media (output modalities not stated)") +
                           " (recital 98; guidelines para 20)");
      });
    }
    return decide(GpaiStatus::not_gpai, [&] {
      return std::string(compute_text + " is not above " + flop_text(t) + " (" + cite +
                         "); rebuttable by evidence of significant generality");
    });
  }
  return decide(GpaiStatus::indeterminate,
                [&] { return std::string(compute_text + " straddles " + flop_text(t) + " (" + cite + ")"); });
}

}  // namespace gpai::legal
