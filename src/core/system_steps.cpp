// The first three questions: is it an AI system (Art. 3(1)), is it in scope
// (Art. 2), is it a prohibited practice (Art. 5).
#include <algorithm>

#include "system_steps.hpp"

namespace gpai::systems {

Fact evaluate(const FactCondition& condition, const SystemCard& card, std::vector<std::string>* missing) {
  Fact all = true;
  for (const auto& f : condition.all) {
    Fact v = card.fact(f);
    if (!v && missing) missing->push_back(f);
    all = fact_and(all, v);
  }
  Fact any_exception = false;
  for (const auto& f : condition.none) {
    Fact v = card.fact(f);
    if (!v && missing) missing->push_back(f);
    any_exception = fact_or(any_exception, v);
  }
  Fact result = fact_and(all, fact_not(any_exception));
  // A decided condition needs none of its unknowns.
  if (result && missing) missing->clear();
  return result;
}

void decide_ai_system(Evaluation& e) {
  Fact ai = true;
  for (const auto& el : e.rules.definition) {
    const Fact v = e.card.fact(el.fact);
    if (!el.required) {
      // "may exhibit adaptiveness": recorded, never a reason to reject.
      if (v != true) e.out.reasons.push_back(Reason("system.definition.optional", &el.source).with("field", el.fact));
      continue;
    }
    if (v == false) e.out.reasons.push_back(Reason("system.definition.element_absent", &el.source).with("field", el.fact));
    ai = fact_and(ai, v);
  }
  if (!ai) {
    for (const auto& el : e.rules.definition)
      if (el.required && !e.card.fact(el.fact)) {
        e.unknown(el.fact, Step::definition);
        e.out.reasons.push_back(Reason("system.definition.unknown", &el.source).with("field", el.fact));
      }
  } else if (*ai) {
    e.out.reasons.push_back(Reason("system.definition.ai_system", e.step(system_rule_id::step_definition)));
  }
  e.out.ai_system = ai;
}

void decide_scope(Evaluation& e) {
  Fact excluded = false;
  for (const auto& ex : e.rules.exclusions) {
    const Fact v = e.card.fact(ex.fact);
    switch (ex.effect) {
      case ExclusionEffect::out_of_scope:
        if (v == true) e.out.reasons.push_back(Reason("system.scope.excluded", &ex.source).with("field", ex.fact));
        excluded = fact_or(excluded, v);
        break;
      case ExclusionEffect::deployer_duties_only:
        if (v == true) {
          e.out.deployer_duties_excluded = true;
          e.out.reasons.push_back(Reason("system.scope.deployer_excluded", &ex.source).with("field", ex.fact));
        } else if (!v) {
          e.unknown(ex.fact, Step::obligations);
        }
        break;
      case ExclusionEffect::open_source:  // needs Art. 5, 6 and 50 first: decide_open_source
        break;
    }
  }
  if (!excluded) {
    for (const auto& ex : e.rules.exclusions)
      if (ex.effect == ExclusionEffect::out_of_scope && !e.card.fact(ex.fact)) {
        e.unknown(ex.fact, Step::scope);
        e.out.reasons.push_back(Reason("system.scope.unknown", &ex.source).with("field", ex.fact));
      }
  } else if (!*excluded) {
    e.out.reasons.push_back(Reason("system.scope.in_scope", e.step(system_rule_id::step_scope)));
  }
  e.out.in_scope = fact_not(excluded);
}

namespace {

// The exception the card claims for `p`, if any: true with the exception,
// false when the card lists none of its exceptions, unknown when the card
// does not say.
Fact claimed_exception(const SystemCard& card, const SystemRuleSet& rules, const ProhibitedPractice& p,
                       const ProhibitionException** which) {
  if (p.exceptions.empty()) return false;
  if (!card.prohibited_exceptions) return std::nullopt;
  for (const auto& id : *card.prohibited_exceptions) {
    if (std::find(p.exceptions.begin(), p.exceptions.end(), id) == p.exceptions.end()) continue;
    for (const auto& x : rules.prohibition_exceptions)
      if (x.id == id) *which = &x;
    return true;
  }
  return false;
}

}  // namespace

void decide_prohibited(Evaluation& e) {
  Fact any = false;
  for (const auto& p : e.rules.practices) {
    const Fact performed = e.card.fact(p.fact);
    if (performed == false) continue;
    PracticeFinding f;
    f.practice = &p;
    f.performed = performed;
    const std::optional<Date> from = e.rules.date_at(p.in_force_from, e.as_of);
    f.in_force = from && !(e.as_of < *from);

    Fact excepted = claimed_exception(e.card, e.rules, p, &f.exception);
    if (!p.authorisation_fact.empty()) excepted = fact_and(excepted, e.card.fact(p.authorisation_fact));
    if (excepted != true) f.exception = nullptr;
    const Fact prohibited = fact_and(performed, fact_not(excepted));
    f.prohibited = f.in_force ? prohibited : Fact(false);

    if (!f.in_force) {
      f.reason = from ? Reason("system.prohibited.not_yet", &p.source).with("field", p.fact).with("from", *from)
                      : Reason("system.prohibited.not_in_law", &p.source).with("field", p.fact);
    } else if (prohibited == true) {
      f.reason = Reason("system.prohibited.practice", &p.source).with("field", p.fact);
    } else if (excepted == true) {
      f.reason = Reason("system.prohibited.excepted", f.exception ? &f.exception->source : &p.source)
                     .with("field", p.fact)
                     .with("exception", f.exception ? std::string_view(f.exception->id) : std::string_view());
    } else {
      f.reason = Reason("system.prohibited.unknown", &p.source).with("field", p.fact);
      if (!performed) {
        e.unknown(p.fact, Step::prohibited);
      } else {
        // Performed: only the exception (and for 5(1)(h) its authorisation) is open.
        const ProhibitionException* unused = nullptr;
        if (!claimed_exception(e.card, e.rules, p, &unused)) e.unknown("/prohibited/exceptions", Step::prohibited);
        if (!p.authorisation_fact.empty() && !e.card.fact(p.authorisation_fact))
          e.unknown(p.authorisation_fact, Step::prohibited);
      }
    }
    e.out.reasons.push_back(f.reason);
    if (f.in_force) any = fact_or(any, prohibited);
    e.out.practices.push_back(f);
  }
  if (any == false) e.out.reasons.push_back(Reason("system.prohibited.none", e.step(system_rule_id::step_prohibited)));
  e.out.prohibited = any;
}

}  // namespace gpai::systems
