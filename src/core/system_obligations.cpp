// Who the operators are (stated roles, Art. 25(1) shifts, GPAI system) and
// what each must do from when: the obligations of the rule data whose scope
// the classification meets, dated by route, by the Art. 111(2) transition and,
// where sources disagree on a date, by the earliest reading.
#include <algorithm>

#include "system_steps.hpp"

namespace gpai::systems {
namespace {

bool high_risk_scope(ObligationScope s) {
  switch (s) {
    case ObligationScope::high_risk:
    case ObligationScope::high_risk_non_eu:
    case ObligationScope::high_risk_public_deployer:
    case ObligationScope::fria:
    case ObligationScope::right_to_explanation:
    case ObligationScope::annex_i_section_b:
      return true;
    default:
      return false;
  }
}

bool only_section_b(const SystemClassification& c) {
  return c.annex_i_route == true && c.annex_iii_route == false && c.annex_i_section == AnnexISection::b;
}

// Whether the classification meets the obligation's scope.
Fact scope_met(const Evaluation& e, const SystemObligation& o) {
  const SystemClassification& c = e.out;
  const Fact public_body = e.card.fact("/organisation/public_body");
  switch (o.scope) {
    case ObligationScope::ai_system:
      return fact_and(c.ai_system, fact_and(c.in_scope, fact_not(c.prohibited)));
    case ObligationScope::prohibited:
      return c.prohibited;
    case ObligationScope::permitted_biometric_use:
      return std::any_of(c.practices.begin(), c.practices.end(), [](const PracticeFinding& f) {
        return f.exception && !f.practice->authorisation_fact.empty();
      });
    case ObligationScope::high_risk:
      if (only_section_b(c)) return false;
      return c.high_risk;
    case ObligationScope::high_risk_non_eu:
      if (only_section_b(c)) return false;
      return fact_and(c.high_risk, fact_not(e.card.fact("/organisation/established_in_eu")));
    case ObligationScope::high_risk_public_deployer:
      if (only_section_b(c)) return false;
      return fact_and(c.high_risk, public_body);
    case ObligationScope::fria: {
      if (c.annex_iii_route != true) return c.annex_iii_route;
      bool any_deployer = false, all_excluded = true;
      for (const auto& f : c.annex_iii) {
        if (f.carve_out) continue;
        any_deployer = any_deployer || f.point->fria_any_deployer;
        all_excluded = all_excluded && f.point->fria_excluded;
      }
      if (all_excluded) return false;
      return any_deployer ? Fact(true) : public_body;
    }
    case ObligationScope::right_to_explanation: {
      if (c.annex_iii_route != true) return c.annex_iii_route;
      return std::any_of(c.annex_iii.begin(), c.annex_iii.end(),
                         [](const AnnexIIIFinding& f) { return !f.carve_out && f.point->right_to_explanation; });
    }
    case ObligationScope::art6_3_exempt:
      return c.art6_3_exception;
    case ObligationScope::annex_i_section_b:
      return fact_and(c.annex_i_route, Fact(c.annex_i_section == AnnexISection::b));
    case ObligationScope::transparency:
      for (const auto& t : c.transparency)
        if (t.duty->id == o.duty) return t.applies;
      return false;
    case ObligationScope::gpai_system:
      return c.gpai_system;
  }
  return false;
}

// The date a date rule gives on the as-of date; where the data keeps other
// readings of it, the earliest (the stricter) and `disputed`.
std::optional<Date> date_reading(const Evaluation& e, std::string_view id, bool& disputed) {
  std::optional<Date> d = e.rules.date_at(id, e.as_of);
  auto it = e.rules.other_readings.find(id);
  if (it == e.rules.other_readings.end()) return d;
  const DatedDate* alt = nullptr;
  for (const auto& r : it->second)
    if (!(e.as_of < r.from)) alt = &r;
  if (alt && alt->value && (!d || *alt->value != *d)) {
    disputed = true;
    if (!d || *alt->value < *d) d = alt->value;
  }
  return d;
}

Fact holds_role(const SystemClassification& c, SystemRole r, bool roles_known) {
  for (const auto& f : c.roles)
    if (f.role == r && f.holds == true) return true;
  for (const auto& f : c.roles)
    if (f.role == r && !f.holds) return std::nullopt;
  return roles_known ? Fact(false) : std::nullopt;
}

// Art. 111(2): a high-risk system placed before the cut-off is bound only
// after a significant change in design; public-authority systems by a date.
void apply_legacy(Evaluation& e, ObligationFinding& f, Date route_date) {
  const auto& dates = e.card.dates;
  const std::optional<Date> placed = dates.placed_on_market ? dates.placed_on_market : dates.put_into_service;
  if (!placed) {
    e.unknown("/dates/placed_on_market", Step::obligations);
    return;
  }
  const std::optional<Date> cutoff_rule = e.rules.date_at("art111_2.placed_before", e.as_of);
  const Date cutoff = cutoff_rule ? *cutoff_rule : route_date;
  if (!(*placed < cutoff)) return;
  f.legacy = true;
  if (dates.significant_change && !(*dates.significant_change < cutoff)) {
    f.applies_from = std::max(route_date, *dates.significant_change);
    return;
  }
  const Fact public_body = e.card.fact("/organisation/public_body");
  if (public_body == true) {
    f.applies_from = e.rules.date_at(system_rule_id::legacy_public_comply_by, e.as_of);
  } else {
    f.applies_from = std::nullopt;  // only once its design changes significantly
    if (!public_body) e.unknown("/organisation/public_body", Step::obligations);
  }
}

}  // namespace

void decide_roles(Evaluation& e) {
  SystemClassification& c = e.out;
  if (e.card.roles) {
    for (SystemRole r : *e.card.roles) c.roles.push_back({r, nullptr, true});
  } else {
    e.unknown("/organisation/roles", Step::obligations);
  }
  if (!e.card.has_role(SystemRole::provider)) {
    for (const auto& s : e.rules.role_shifts) {
      const Fact v = e.card.fact(s.fact);
      if (v == false) continue;
      const Fact holds = s.makes_high_risk ? v : fact_and(v, c.high_risk);
      if (holds == false) continue;
      if (!v) e.unknown(s.fact, Step::obligations);
      c.roles.push_back({SystemRole::provider, &s, holds});
      c.reasons.push_back(Reason(holds == true ? "system.roles.shift" : "system.roles.shift_unknown", &s.source)
                              .with("field", s.fact));
    }
  }
  const Fact general = e.card.fact("/gpai/general_purpose_system");
  if (c.model) {
    const Fact on_gpai_model = c.model->gpai == GpaiStatus::gpai       ? Fact(true)
                               : c.model->gpai == GpaiStatus::not_gpai ? Fact(false)
                                                                       : std::nullopt;
    c.gpai_system = fact_and(general, on_gpai_model);
    c.reasons.push_back(Reason("system.gpai.model", e.step(system_rule_id::step_gpai_system))
                            .with("model", c.model->name)
                            .with("gpai", to_string(c.model->gpai))
                            .with("systemic", to_string(c.model->systemic)));
  } else {
    c.gpai_system = general;
  }
  if (c.gpai_system == true)
    c.reasons.push_back(Reason("system.gpai.system", e.step(system_rule_id::step_gpai_system)));
  else if (!c.gpai_system && !general)
    e.unknown("/gpai/general_purpose_system", Step::obligations);
}

void decide_obligations(Evaluation& e) {
  SystemClassification& c = e.out;
  if (c.ai_system == false || c.in_scope == false) return;
  const bool roles_known = e.card.roles.has_value();
  for (const auto& o : e.rules.obligations) {
    const Fact met = scope_met(e, o);
    if (met == false) continue;
    if (o.actor == SystemRole::deployer && c.deployer_duties_excluded) continue;
    ObligationFinding f;
    f.obligation = &o;
    f.organisation_role = holds_role(c, o.actor, roles_known);
    // Provider and deployer duties are always shown (the other party's are
    // what a buyer checks); other actors' only when the organisation is one.
    if (o.actor != SystemRole::provider && o.actor != SystemRole::deployer && f.organisation_role == false) continue;
    f.conditional = !met || !c.ai_system || !c.in_scope;

    std::string_view date_id = o.in_force_from;
    const bool annex_i_only = c.annex_i_route == true && c.annex_iii_route != true;
    if (high_risk_scope(o.scope) && annex_i_only && !o.in_force_from_annex_i.empty()) date_id = o.in_force_from_annex_i;
    if (o.scope == ObligationScope::transparency) {
      for (const auto& t : c.transparency)
        if (t.duty->id == o.duty) f.applies_from = t.applies_from;
    } else {
      f.applies_from = date_reading(e, date_id, f.date_disputed);
    }
    if (high_risk_scope(o.scope) && f.applies_from) apply_legacy(e, f, *f.applies_from);
    f.in_force = f.applies_from && !(e.as_of < *f.applies_from);

    f.reason = Reason(f.conditional ? "system.obligation.conditional" : "system.obligation.applies", &o.source)
                   .with("actor", to_string(o.actor));
    if (f.legacy) {
      // Cite the transition's entry, so a reworded (unverified) cut-off shows as such.
      const DateRule* cutoff = e.rules.date_rule("art111_2.placed_before");
      const DatedDate* entry = cutoff ? cutoff->in_force(e.as_of) : nullptr;
      f.reason = Reason("system.obligation.legacy", entry ? &entry->source : e.step(system_rule_id::step_legacy))
                     .with("actor", to_string(o.actor));
    }
    if (f.applies_from) f.reason.with("from", *f.applies_from);
    c.obligations.push_back(f);
  }
}

}  // namespace gpai::systems
