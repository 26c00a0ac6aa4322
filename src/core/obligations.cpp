// Which obligations apply (Arts. 52-55, Annexes XI-XII), with deadlines, and
// the Art. 52 notification. What applies to whom is data (obligations.json);
// this file only evaluates its closed vocabulary.
#include <algorithm>
#include <string_view>
#include <type_traits>

#include "legal_steps.hpp"

namespace gpai::legal {

namespace {

bool open_source(const ModelCard& card) {
  return card.license.open_source.value_or(false) && card.license.weights_public.value_or(false);
}

// Why no obligation applies to this model whatever its kind, or nullptr when
// some may: the obligations are those of a GPAI model's provider.
const char* excluded_from_obligations(const Assessment& a) {
  if (a.gpai.status == GpaiStatus::not_gpai) return "not a GPAI model";
  if (a.modification.present && a.modification.threshold_flop && a.modification.compute_flop &&
      !a.modification.modifier_is_provider) {
    return "the modifier is not the provider: the modification does not exceed the cut-off";
  }
  return nullptr;
}

// Whether `o` applies, set in the result (which is filled in place: a returned
// applicability and reason were a string built and moved per obligation).
// `excluded`: excluded_from_obligations(a).
void decide_scope(const Obligation& o, const ModelCard& card, const Assessment& a, const char* excluded,
                  ObligationResult& r) {
  // Reasons are texts: built only when explaining (a callable or a literal).
  auto say = [&](bool applies, auto&& reason) {
    r.applies = applies;
    if (a.explained) {
      if constexpr (std::is_invocable_v<decltype(reason)>) r.reason = reason();
      else r.reason = reason;
    }
  };
  if (excluded) return say(false, excluded);
  switch (o.applies_to) {
    case AppliesTo::gpai:
      return say(true, "applies to every GPAI provider");
    case AppliesTo::systemic_risk:
      // Art. 52(1) concerns models meeting the Art. 51(1)(a) condition; a model
      // the Commission designated (Art. 52(4)) has nothing to notify.
      if (o.deadline == DeadlineKind::notification && a.systemic_risk.status == SystemicRiskStatus::designated) {
        return say(false, "designated by the Commission (Art. 51(1)(b), 52(4)): no notification under Art. 52(1)");
      }
      if (has_systemic_risk(a)) {
        return say(true, [&] { return "the model has systemic risk (" + std::string(to_string(a.systemic_risk.status)) + ")"; });
      }
      if (a.systemic_risk.status == SystemicRiskStatus::borderline) {
        return say(false, [&] {
          return "would apply if cumulative compute is above the threshold (borderline, P(above) = " +
                 format_ratio(a.threshold.p_above) + ")";
        });
      }
      if (a.systemic_risk.status == SystemicRiskStatus::designation_candidate) {
        return say(false, "would apply from a Commission designation (the model is a designation candidate)");
      }
      return say(false, "only for GPAI models with systemic risk");
    case AppliesTo::non_eu_gpai:
      if (!card.provider.established_in_eu) {
        return say(false, "provider establishment not stated (provider.established_in_eu)");
      }
      if (*card.provider.established_in_eu) return say(false, "the provider is established in the EU");
      return say(true, "the provider is established outside the EU");
  }
  return say(false, "?");
}

// The deadline, and with explanations its basis.
// The Art. 111(3) transition for models already on the market.
struct LegacyDates {
  std::optional<Date> placed_before, comply_by;
};

void set_deadline(const Obligation& o, std::optional<Date> applies_from, const LegacyDates& legacy,
                  const ModelCard& card, const Assessment& a, ObligationResult& r) {
  const bool explain = a.explained;
  const auto& legacy_before = legacy.placed_before;
  const auto& legacy_by = legacy.comply_by;
  switch (o.deadline) {
    case DeadlineKind::notification:
      r.deadline = a.notification.deadline;
      if (explain && !a.notification.reasons.empty()) r.deadline_basis = a.notification.reasons.front();
      return;
    case DeadlineKind::incident:
      if (explain) r.deadline_basis = "per serious incident: report windows of the Code of Practice (incident_reporting)";
      return;
    case DeadlineKind::placing_on_market:
    case DeadlineKind::continuous:
      break;
  }
  if (card.placed_on_market && legacy_before && legacy_by && *card.placed_on_market < *legacy_before) {
    r.deadline = *legacy_by;
    if (explain) {
      r.deadline_basis = "placed on the market before " + legacy_before->to_string() + ": comply by " +
                         legacy_by->to_string() + " (Art. 111(3))";
    }
  } else if (card.placed_on_market) {
    r.deadline = applies_from ? std::max(*card.placed_on_market, *applies_from) : *card.placed_on_market;
    if (explain) r.deadline_basis = "before placing on the market";
  } else if (explain) {
    r.deadline_basis = "before placing on the market (no placed_on_market date in the card)";
  }
  if (explain && o.deadline == DeadlineKind::continuous) r.deadline_basis += ", then kept up to date";
}

// The Art. 101 fine exposure of a GPAI provider.
void assess_fine(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  const bool explain = a.explained;
  if (explain) a.fines.article = "Art. 101(1)";
  if (a.gpai.status != GpaiStatus::gpai) {
    if (explain) a.fines.reason = "not assessed: the model is not (or not clearly) a GPAI model";
    return;
  }
  // Without explanations only the figure is kept, and it needs a stated turnover.
  if (!explain && !card.provider.annual_turnover_eur) return;
  const auto fines_from = ctx.rules.date_at("art101.fines_apply_from", a.as_of);
  const auto share = ctx.rules.value_at("art101.fine_turnover_share", a.as_of);
  const auto minimum = ctx.rules.value_at("art101.fine_minimum_eur", a.as_of);
  if (!fines_from || *fines_from > a.as_of || !share || !minimum) {
    if (explain) {
      a.fines.reason = "the Commission's power to fine GPAI providers applies from " +
                       (fines_from ? fines_from->to_string() : std::string("a later date")) + " (Art. 113(b))";
    }
  } else if (!card.provider.annual_turnover_eur) {
    if (explain) {
      a.fines.reason = "up to " + format_ratio(*share * 100) + " % of worldwide annual turnover or EUR " +
                       format_count(*minimum) + ", whichever is higher; give provider.annual_turnover_eur for a figure";
    }
  } else {
    const double turnover = card.provider.annual_turnover_eur->value.median();
    a.fines.max_eur = std::max(*share * turnover, *minimum);
    if (explain) {
      a.fines.reason = "the higher of " + format_ratio(*share * 100) + " % of EUR " + format_count(turnover) +
                       " and EUR " + format_count(*minimum);
    }
  }
}

// Art. 52(1) binds the provider of a GPAI model: with the GPAI status
// undecided, the duty is shown as what it would be, and not as required.
void make_conditional_on_gpai_status(Assessment& a, bool explain) {
  NotificationVerdict& n = a.notification;
  if (a.gpai.status != GpaiStatus::indeterminate) return;
  n.required = false;
  n.status = NotificationStatus::conditional;
  // Last, so that the first reason stays the deadline's basis.
  if (explain) n.reasons.emplace_back("required if the model is a GPAI model (GPAI status indeterminate)");
}

}  // namespace

void decide_notification(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  NotificationVerdict& n = a.notification;
  n.figure = a.notification_text;
  const bool explain = a.explained;
  // Reasons are texts: built only when explaining (a callable or a literal).
  auto reason = [&](auto&& text) {
    if (!explain) return;
    if constexpr (std::is_invocable_v<decltype(text)>) n.reasons.push_back(text());
    else n.reasons.emplace_back(text);
  };
  for (const auto& p : a.compute.phases) {
    if (!explain) break;
    if (const auto* m = p.headline_method(); m && p.counts_cumulative) {
      for (const auto& as : m->assumptions) n.assumptions.push_back(p.name + ": " + as);
    }
  }
  if (a.systemic_risk.status == SystemicRiskStatus::designated) {
    n.status = NotificationStatus::not_required;
    reason("designated by the Commission: no notification under Art. 52(1)");
    return;
  }
  const bool presumed = a.systemic_risk.status == SystemicRiskStatus::presumed;
  // Only a presumed model's deadline, and the texts, read the rules.
  const auto days =
      presumed || explain ? ctx.rules.value_at("art52_1.notification_days", a.as_of) : std::nullopt;
  if (a.systemic_risk.status == SystemicRiskStatus::borderline) {
    n.status = NotificationStatus::conditional;
    reason([&] {
      return "required within " + format_ratio(days.value_or(14)) +
             " days if the threshold is met or known to be met; the estimate straddles it";
    });
    return;
  }
  if (!presumed || !days) {
    n.status = NotificationStatus::not_required;
    reason(days ? "the Art. 51(2) presumption does not apply" : "no notification rule in force");
    return;
  }
  n.required = true;
  const auto legacy_before = ctx.rules.date_at("art111_3.placed_before", a.as_of);
  const auto legacy_by = ctx.rules.date_at("art111_3.comply_by", a.as_of);
  if (card.placed_on_market && legacy_before && legacy_by && *card.placed_on_market < *legacy_before) {
    // The guidelines' two-week transitional window (section 5.3) is for models
    // to be placed after 2 August 2025; a model already on the market takes the
    // Art. 111(3) transition like its other obligations.
    n.deadline = *legacy_by;
    reason([&] {
      return "placed on the market before " + legacy_before->to_string() + ": comply by " +
             legacy_by->to_string() + " (Art. 111(3))";
    });
  } else if (card.threshold_met_on) {
    const auto applies_from = ctx.rules.date_at("chapter_v.applies_from", a.as_of);
    const auto transitional = ctx.rules.date_at("art52_1.transitional_deadline", a.as_of);
    if (applies_from && transitional && *card.threshold_met_on < *applies_from) {
      n.deadline = *transitional;
      reason([&] {
        return "threshold met before " + applies_from->to_string() +
               " (training or plans ongoing when Chapter V applied): notify by " + transitional->to_string() +
               " (Commission GPAI guidelines, section 5.3)";
      });
    } else {
      n.deadline = card.threshold_met_on->plus_days(static_cast<long>(*days));
      reason([&] {
        return "within " + format_ratio(*days) + " days of the threshold being met or known to be met (" +
               card.threshold_met_on->to_string() + ", Art. 52(1))";
      });
    }
  } else {
    n.status = NotificationStatus::date_unknown;
    reason([&] {
      return "within " + format_ratio(*days) +
             " days of the threshold being met or known to be met (Art. 52(1)); a planned run "
             "counts: give training.threshold_met_on for the deadline";
    });
    make_conditional_on_gpai_status(a, explain);
    return;
  }
  n.status = *n.deadline < a.as_of ? NotificationStatus::overdue : NotificationStatus::due;
  if (n.status == NotificationStatus::overdue) reason("the deadline has passed (overdue unless already notified)");
  make_conditional_on_gpai_status(a, explain);
  if (explain) {
    a.trace.push_back({"art52_1.notification", "Art. 52(1)", n.figure, std::string(to_string(n.status)) + " by " + n.deadline->to_string()});
  }
}

void decide_obligations(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  const bool explain = a.explained;
  std::size_t count = a.obligations.size();
  for (const auto& o : ctx.rules.obligations) count += 1 + o.items.size();
  a.obligations.reserve(count);
  const char* excluded = excluded_from_obligations(a);
  if (excluded && !explain) {
    // Nothing applies, so without explanations each result is its ids alone:
    // no application dates to read, no scope to decide (most batch cards).
    for (const auto& o : ctx.rules.obligations) {
      a.obligations.emplace_back().id = o.id;
      for (const auto& item : o.items) {
        ObligationResult& ir = a.obligations.emplace_back();
        ir.id = item.id;
        ir.parent = o.id;
      }
    }
    return;
  }
  // Only deadlines read the transition dates, and most batch cards have no
  // applying obligation: read on the first deadline.
  std::optional<LegacyDates> legacy;
  // Obligations share a handful of application dates (all of Chapter V's one).
  std::optional<std::string_view> dated_id;
  std::optional<Date> dated;
  for (const auto& o : ctx.rules.obligations) {
    if (dated_id != o.in_force_from) {
      dated_id = o.in_force_from;
      dated = ctx.rules.date_at(o.in_force_from, a.as_of);
    }
    const std::size_t at = a.obligations.size();
    ObligationResult& r = a.obligations.emplace_back();
    r.id = o.id;
    if (explain) {
      r.article = o.source.cite;
      r.title = o.title;
    }
    const auto from = dated;
    if (!from || *from > a.as_of) {
      if (explain) {
        r.reason = "not yet applicable on " + a.as_of.to_string() +
                   (from ? " (applies from " + from->to_string() + ")" : " (no application date in force)");
      }
    } else {
      decide_scope(o, card, a, excluded, r);
      if (r.applies) {
        for (const auto& ex : o.exemptions) {
          if (ex.when == ExemptionCondition::open_source_without_systemic_risk && open_source(card) &&
              !has_systemic_risk(a)) {
            r.applies = false;
            if (explain) r.reason = "exempt: " + ex.description + " (" + ex.source.cite + ")";
          }
        }
      }
      if (r.applies && a.modification.present && a.modification.modifier_is_provider &&
          !a.modification.result_presumed_systemic && !o.modification_scope.empty()) {
        r.scope = o.modification_scope;
      }
      if (r.applies && a.gpai.status == GpaiStatus::indeterminate) {
        // Shown, not dropped: what the provider must do if the open question
        // makes the model a GPAI model.
        r.applies = false;
        r.conditional = true;
        if (explain) r.reason = "applies if the model is a GPAI model (GPAI status indeterminate): " + r.reason;
      }
      if (r.applies || r.conditional) {
        if (!legacy) {
          legacy = LegacyDates{ctx.rules.date_at("art111_3.placed_before", a.as_of),
                               ctx.rules.date_at("art111_3.comply_by", a.as_of)};
        }
        set_deadline(o, from, *legacy, card, a, r);
      }
    }
    if (explain) a.trace.push_back({o.id, r.article, r.reason, r.applies ? "applies" : "does not apply"});
    // Annex XI/XII items share their obligation's applicability and deadline.
    for (const auto& item : o.items) {
      ObligationResult& ir = a.obligations.emplace_back();
      const ObligationResult& head = a.obligations[at];  // by index: emplacing may move elements
      ir.id = item.id;
      ir.applies = head.applies;
      ir.conditional = head.conditional;
      ir.deadline = head.deadline;
      ir.parent = o.id;
      ir.scope = head.scope;
      if (explain) {
        ir.article = item.source.cite;
        ir.title = item.title;
        ir.reason = head.reason;
        ir.deadline_basis = head.deadline_basis;
      }
    }
  }
}

void assess_fines_and_flags(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  if (has_systemic_risk(a) && !ctx.rules.incidents.types.empty()) a.incident_reporting = ctx.rules.incidents;
  assess_fine(card, ctx, a);

  const Parameter* vlop =
      card.reach.vlop_monthly_eu_users ? ctx.rules.parameter("recital118.vlop_monthly_users") : nullptr;
  const DatedValue* v = vlop ? vlop->in_force(a.as_of) : nullptr;
  if (v && v->value && card.reach.vlop_monthly_eu_users &&
      vlop->exceeded_by(card.reach.vlop_monthly_eu_users->value.median(), *v->value)) {
    a.flags.push_back({"dsa_overlap", "info",
                       "integrated in a platform with " + format_count(card.reach.vlop_monthly_eu_users->value.median()) +
                           " monthly EU users (a very large online platform from " + format_count(*v->value) +
                           "): its systemic-risk assessment falls under the DSA (Arts. 34-35), which recital 118 "
                           "presumes to cover the model unless new risks arise (" + v->source.cite + ")"});
  }
  if (a.gpai.status == GpaiStatus::gpai && !card.provider.established_in_eu) {
    a.gaps.push_back({"establishment_unknown", "warning",
                      "provider.established_in_eu is not stated: whether an authorised representative is needed "
                      "(Art. 54(1)) cannot be decided"});
  }
  if (a.threshold.status == ThresholdStatus::borderline) {
    a.gaps.push_back({"borderline_compute", "warning",
                      "the compute interval straddles the threshold: narrow the inputs (utilisation, tokens, "
                      "hardware time) or treat the model as presumed"});
  }
  if (a.systemic_risk.status == SystemicRiskStatus::designation_candidate) {
    a.flags.push_back({"designation_candidate", "warning",
                       "Annex XIII indicators point towards a possible Commission designation (Art. 52(4))"});
  }
}

}  // namespace gpai::legal
