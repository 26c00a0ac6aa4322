// Which obligations apply (Arts. 52-55, Annexes XI-XII), with deadlines, and
// the Art. 52 notification. What applies to whom is data (obligations.json);
// this file only evaluates its closed vocabulary.
#include <algorithm>
#include <string_view>

#include "legal_steps.hpp"

namespace gpai::legal {

namespace {

bool open_source(const ModelCard& card) {
  return card.license.open_source.value_or(false) && card.license.weights_public.value_or(false);
}

// Why no obligation applies to this model whatever its kind (a reason code),
// or empty when some may: the obligations are those of a GPAI model's provider.
std::string_view excluded_from_obligations(const Assessment& a) {
  if (a.gpai.status == GpaiStatus::not_gpai) return "obligation.not_gpai";
  if (a.modification.present && a.modification.threshold_flop && a.modification.compute_flop &&
      !a.modification.modifier_is_provider) {
    return "obligation.modifier_not_provider";
  }
  return {};
}

// Whether `o` applies, set in the result (which is filled in place).
// `excluded`: excluded_from_obligations(a).
void decide_scope(const Obligation& o, const ModelCard& card, const Assessment& a, std::string_view excluded,
                  ObligationResult& r) {
  auto say = [&](bool applies, std::string_view code) -> Reason& {
    r.applies = applies;
    r.reason = Reason(code);
    return r.reason;
  };
  if (!excluded.empty()) return void(say(false, excluded));
  switch (o.applies_to) {
    case AppliesTo::gpai:
      return void(say(true, "obligation.every_gpai_provider"));
    case AppliesTo::systemic_risk:
      // Art. 52(1) concerns models meeting the Art. 51(1)(a) condition; a model
      // the Commission designated (Art. 52(4)) has nothing to notify.
      if (o.deadline == DeadlineKind::notification && a.systemic_risk.status == SystemicRiskStatus::designated) {
        return void(say(false, "obligation.designated_no_notification"));
      }
      if (has_systemic_risk(a)) {
        return void(say(true, "obligation.systemic_risk").with("status", to_string(a.systemic_risk.status)));
      }
      if (a.systemic_risk.status == SystemicRiskStatus::borderline) {
        return void(say(false, "obligation.borderline").with("p_above", a.threshold.p_above));
      }
      if (a.systemic_risk.status == SystemicRiskStatus::designation_candidate) {
        return void(say(false, "obligation.designation_candidate"));
      }
      return void(say(false, "obligation.systemic_risk_only"));
    case AppliesTo::non_eu_gpai:
      if (!card.provider.established_in_eu) return void(say(false, "obligation.establishment_unknown"));
      if (*card.provider.established_in_eu) return void(say(false, "obligation.established_in_eu"));
      return void(say(true, "obligation.established_outside_eu"));
  }
  say(false, "obligation.unknown_scope");
}

// The Art. 111(3) transition for models already on the market.
struct LegacyDates {
  std::optional<Date> placed_before, comply_by;
  const Citation* cite = nullptr;  // of the comply-by date in force

  LegacyDates(const RuleSet& rules, Date as_of) {
    placed_before = rules.date_at("art111_3.placed_before", as_of);
    const DateRule* by = rules.date_rule("art111_3.comply_by");
    if (const DatedDate* e = by ? by->in_force(as_of) : nullptr) {
      comply_by = e->value;
      cite = &e->source;
    }
  }
  bool apply_to(const ModelCard& card) const {
    return card.placed_on_market && placed_before && comply_by && *card.placed_on_market < *placed_before;
  }
  Reason reason(std::string_view code) const {
    Reason r(code, cite);
    r.with("placed_before", *placed_before).with("comply_by", *comply_by);
    return r;
  }
};

void set_deadline(const Obligation& o, std::optional<Date> applies_from, const LegacyDates& legacy,
                  const ModelCard& card, const Assessment& a, ObligationResult& r) {
  switch (o.deadline) {
    case DeadlineKind::notification:
      r.deadline = a.notification.deadline;
      if (!a.notification.reasons.empty()) r.deadline_basis = a.notification.reasons.front();
      return;
    case DeadlineKind::incident:
      r.deadline_basis = Reason("deadline.incident");
      return;
    case DeadlineKind::placing_on_market:
    case DeadlineKind::continuous:
      break;
  }
  const bool continuous = o.deadline == DeadlineKind::continuous;
  if (legacy.apply_to(card)) {
    r.deadline = *legacy.comply_by;
    r.deadline_basis = legacy.reason(continuous ? "deadline.legacy_continuous" : "deadline.legacy");
  } else if (card.placed_on_market) {
    r.deadline = applies_from ? std::max(*card.placed_on_market, *applies_from) : *card.placed_on_market;
    r.deadline_basis = Reason(continuous ? "deadline.before_placing_continuous" : "deadline.before_placing");
  } else {
    r.deadline_basis = Reason(continuous ? "deadline.no_placing_date_continuous" : "deadline.no_placing_date");
  }
}

// The Art. 101 fine exposure of a GPAI provider.
void assess_fine(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  Reason& why = a.fines.reason;
  if (a.gpai.status != GpaiStatus::gpai) {
    why = Reason("fines.not_gpai");
    return;
  }
  const auto fines_from = ctx.rules.date_at("art101.fines_apply_from", a.as_of);
  const auto share = ctx.rules.value_at("art101.fine_turnover_share", a.as_of);
  const auto minimum = ctx.rules.value_at("art101.fine_minimum_eur", a.as_of);
  if (!fines_from || *fines_from > a.as_of || !share || !minimum) {
    why = fines_from ? Reason("fines.not_yet").with("from", *fines_from) : Reason("fines.not_yet_no_date");
  } else if (!card.provider.annual_turnover_eur) {
    why = Reason("fines.no_turnover").with("share_percent", *share * 100).with("minimum", *minimum);
  } else {
    const double turnover = card.provider.annual_turnover_eur->value.median();
    a.fines.max_eur = std::max(*share * turnover, *minimum);
    why = Reason("fines.figure").with("share_percent", *share * 100).with("turnover", turnover).with("minimum", *minimum);
  }
}

// Art. 52(1) binds the provider of a GPAI model: with the GPAI status
// undecided, the duty is shown as what it would be, and not as required.
void make_conditional_on_gpai_status(Assessment& a) {
  NotificationVerdict& n = a.notification;
  if (a.gpai.status != GpaiStatus::indeterminate) return;
  n.required = false;
  n.status = NotificationStatus::conditional;
  // Last, so that the first reason stays the deadline's basis.
  n.reasons.emplace_back("notification.conditional_on_gpai_status");
}

}  // namespace

void decide_notification(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  NotificationVerdict& n = a.notification;
  auto reason = [&](std::string_view code, const Citation* cite = nullptr) -> Reason& {
    return n.reasons.emplace_back(code, cite);
  };
  if (a.systemic_risk.status == SystemicRiskStatus::designated) {
    n.status = NotificationStatus::not_required;
    reason("notification.designated");
    return;
  }
  const bool presumed = a.systemic_risk.status == SystemicRiskStatus::presumed;
  const auto days = ctx.rules.value_at("art52_1.notification_days", a.as_of);
  if (a.systemic_risk.status == SystemicRiskStatus::borderline) {
    n.status = NotificationStatus::conditional;
    if (days) reason("notification.borderline").with("days", *days);
    else reason("notification.borderline_no_rule");  // the catalogue states the period the law sets
    return;
  }
  if (!presumed || !days) {
    n.status = NotificationStatus::not_required;
    reason(days ? "notification.not_presumed" : "notification.no_rule");
    return;
  }
  n.required = true;
  const LegacyDates legacy(ctx.rules, a.as_of);
  if (legacy.apply_to(card)) {
    // The guidelines' two-week transitional window (section 5.3) is for models
    // to be placed after 2 August 2025; a model already on the market takes the
    // Art. 111(3) transition like its other obligations.
    n.deadline = *legacy.comply_by;
    n.reasons.push_back(legacy.reason("notification.legacy"));
  } else if (card.threshold_met_on) {
    const auto applies_from = ctx.rules.date_at("chapter_v.applies_from", a.as_of);
    const DateRule* rule = ctx.rules.date_rule("art52_1.transitional_deadline");
    const DatedDate* transitional = rule ? rule->in_force(a.as_of) : nullptr;
    if (applies_from && transitional && transitional->value && *card.threshold_met_on < *applies_from) {
      n.deadline = *transitional->value;
      reason("notification.transitional", &transitional->source)
          .with("applies_from", *applies_from)
          .with("deadline", *n.deadline);
    } else {
      n.deadline = card.threshold_met_on->plus_days(static_cast<long>(*days));
      reason("notification.within_days").with("days", *days).with("met_on", *card.threshold_met_on);
    }
  } else {
    n.status = NotificationStatus::date_unknown;
    reason("notification.date_unknown").with("days", *days);
    make_conditional_on_gpai_status(a);
    return;
  }
  n.status = *n.deadline < a.as_of ? NotificationStatus::overdue : NotificationStatus::due;
  if (n.status == NotificationStatus::overdue) reason("notification.overdue");
  make_conditional_on_gpai_status(a);
}

void decide_obligations(const ModelCard& card, const EstimationContext& ctx, Assessment& a) {
  std::size_t count = a.obligations.size();
  for (const auto& o : ctx.rules.obligations) count += 1 + o.items.size();
  a.obligations.reserve(count);
  const std::string_view excluded = excluded_from_obligations(a);
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
    r.cite = &o.source;
    r.title = o.title;
    const auto from = dated;
    if (!from || *from > a.as_of) {
      r.reason = from ? Reason("obligation.not_yet_applicable").with("as_of", a.as_of).with("from", *from)
                      : Reason("obligation.no_application_date").with("as_of", a.as_of);
    } else {
      decide_scope(o, card, a, excluded, r);
      if (r.applies) {
        for (const auto& ex : o.exemptions) {
          if (ex.when == ExemptionCondition::open_source_without_systemic_risk && open_source(card) &&
              !has_systemic_risk(a)) {
            r.applies = false;
            r.reason = Reason("obligation.exempt", &ex.source).with("description", ex.description);
          }
        }
      }
      if (r.applies && a.modification.present && a.modification.modifier_is_provider &&
          !a.modification.result_presumed_systemic && !o.modification_scope.empty()) {
        r.scope = o.modification_scope;
      }
      if (r.applies && a.gpai.status == GpaiStatus::indeterminate) {
        // Shown, not dropped: what the provider must do if the open question
        // makes the model a GPAI model (the reporter says so before the reason).
        r.applies = false;
        r.conditional = true;
      }
      if (r.applies || r.conditional) {
        if (!legacy) legacy.emplace(ctx.rules, a.as_of);
        set_deadline(o, from, *legacy, card, a, r);
      }
    }
    // Annex XI/XII items share their obligation's applicability and deadline.
    for (const auto& item : o.items) {
      ObligationResult& ir = a.obligations.emplace_back();
      const ObligationResult& head = a.obligations[at];  // by index: emplacing may move elements
      ir.id = item.id;
      ir.cite = &item.source;
      ir.title = item.title;
      ir.applies = head.applies;
      ir.conditional = head.conditional;
      ir.deadline = head.deadline;
      ir.parent = o.id;
      ir.scope = head.scope;
      ir.reason = head.reason;
      ir.deadline_basis = head.deadline_basis;
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
    a.flags.push_back({"dsa_overlap", "info", {},
                       Reason("flag.dsa_overlap", &v->source)
                           .with("users", card.reach.vlop_monthly_eu_users->value.median())
                           .with("threshold", *v->value)});
  }
  if (a.gpai.status == GpaiStatus::gpai && !card.provider.established_in_eu) {
    a.gaps.push_back({"establishment_unknown", "warning", {}, Reason("gap.establishment_unknown")});
  }
  if (a.threshold.status == ThresholdStatus::borderline) {
    a.gaps.push_back({"borderline_compute", "warning", {}, Reason("gap.borderline_compute")});
  }
  if (a.systemic_risk.status == SystemicRiskStatus::designation_candidate) {
    a.flags.push_back({"designation_candidate", "warning", {}, Reason("flag.designation_candidate")});
  }
}

}  // namespace gpai::legal
