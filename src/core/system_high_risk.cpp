// High-risk (Art. 6 with Annexes I and III, the 6(3) exceptions and the
// profiling override), transparency (Art. 50) and the open-source exclusion
// (Art. 2(12)), which needs the other three.
#include <algorithm>

#include "system_steps.hpp"

namespace gpai::systems {
namespace {

Fact decide_annex_i(Evaluation& e) {
  const Fact product = e.card.fact("/annex_i/safety_component_or_product");
  const Fact third_party = e.card.fact("/annex_i/third_party_conformity_assessment");
  if (e.card.annex_i_legislation) {
    e.out.annex_i_legislation = e.rules.legislation(*e.card.annex_i_legislation);
    if (e.out.annex_i_legislation) {
      if (const DatedSection* s = e.out.annex_i_legislation->in_force(e.as_of)) e.out.annex_i_section = s->section;
    }
  }
  const Citation* cite = e.step(system_rule_id::step_annex_i);
  const Fact route = fact_and(product, third_party);
  if (product == false) {
    e.out.reasons.push_back(Reason("system.annex_i.not_product", cite));
  } else if (product == true && third_party == false) {
    e.out.reasons.push_back(Reason("system.annex_i.no_third_party", cite));
  } else if (route == true) {
    e.out.reasons.push_back(Reason("system.annex_i.high_risk", cite));
    if (!e.card.annex_i_legislation) e.unknown("/annex_i/legislation", Step::obligations);
  } else {
    e.out.reasons.push_back(Reason("system.annex_i.unknown", cite));
    if (!product) e.unknown("/annex_i/safety_component_or_product", Step::high_risk);
    if (!third_party) e.unknown("/annex_i/third_party_conformity_assessment", Step::high_risk);
  }
  return route;
}

const AnnexIIICarveOut* carve_out_for(const SystemCard& card, const SystemRuleSet& rules, std::string_view point) {
  if (!card.annex_iii_carve_outs) return nullptr;
  for (const auto& id : *card.annex_iii_carve_outs)
    for (const auto& c : rules.carve_outs)
      if (c.id == id && c.point == point) return &c;
  return nullptr;
}

// The points the intended purpose matches, after carve-outs: unknown when the
// card does not say.
Fact listed_points(Evaluation& e, bool& forced) {
  Fact listed = false;
  if (e.card.annex_iii) {
    for (const auto& id : *e.card.annex_iii) {
      const AnnexIIIPoint* p = e.rules.point(id);
      if (!p) continue;  // the reader refuses unknown points
      AnnexIIIFinding f{p, carve_out_for(e.card, e.rules, id), false};
      if (f.carve_out) {
        e.out.reasons.push_back(Reason("system.annex_iii.carved_out", &f.carve_out->source).with("point", p->id));
      } else {
        listed = true;
        e.out.reasons.push_back(Reason("system.annex_iii.point", &p->source).with("point", p->id));
      }
      e.out.annex_iii.push_back(f);
    }
  } else {
    listed = std::nullopt;
  }
  // A use allowed only by an exception to Art. 5 stays high-risk (5(1)(h)
  // permitted use: point 1a), whatever Art. 6(3) would say.
  for (const auto& pf : e.out.practices) {
    if (!pf.exception || pf.practice->excepted_annex_iii_point.empty()) continue;
    const AnnexIIIPoint* p = e.rules.point(pf.practice->excepted_annex_iii_point);
    if (!p) continue;
    forced = true;
    auto same = [&](const AnnexIIIFinding& f) { return f.point == p && !f.carve_out; };
    if (std::none_of(e.out.annex_iii.begin(), e.out.annex_iii.end(), same)) {
      e.out.annex_iii.push_back({p, nullptr, true});
      e.out.reasons.push_back(Reason("system.annex_iii.via_exception", &p->source)
                                  .with("point", p->id)
                                  .with("field", pf.practice->fact));
    }
  }
  if (forced) return true;
  return listed;
}

Fact decide_annex_iii(Evaluation& e) {
  bool forced = false;
  const Fact listed = listed_points(e, forced);
  const Citation* cite = e.step(system_rule_id::step_annex_iii);
  if (forced) {
    e.out.art6_3_exception = false;
    return true;
  }
  if (listed == false) {
    e.out.art6_3_exception = false;
    e.out.reasons.push_back(Reason("system.annex_iii.none", cite));
    return false;
  }
  if (!listed) {
    e.unknown("/annex_iii", Step::high_risk);
    e.out.reasons.push_back(Reason("system.annex_iii.unknown", cite));
    return std::nullopt;
  }
  // Listed: Art. 6(3) may exempt it, unless it profiles natural persons.
  const Fact profiling = e.card.fact(system_rule_id::profiling_fact);
  if (profiling == true) {
    e.out.art6_3_exception = false;
    e.out.reasons.push_back(Reason("system.art6_3.profiling_override", &e.rules.profiling_override));
    return true;
  }
  Fact exception = false;
  const Art63Condition* holding = nullptr;
  for (const auto& c : e.rules.art6_3) {
    const Fact v = e.card.fact(c.fact);
    if (v == true && !holding) holding = &c;
    exception = fact_or(exception, v);
  }
  if (exception == false) {
    e.out.art6_3_exception = false;
    e.out.reasons.push_back(Reason("system.art6_3.none", e.step(system_rule_id::step_art6_3)));
    return true;
  }
  if (exception == true && profiling == false) {
    e.out.art6_3_exception = true;
    e.out.reasons.push_back(Reason("system.art6_3.exempt", &holding->source).with("field", holding->fact));
    return false;
  }
  // Open: either which 6(3) condition holds, or (one holds) whether it profiles.
  e.out.art6_3_exception = std::nullopt;
  if (exception != true)
    for (const auto& c : e.rules.art6_3)
      if (!e.card.fact(c.fact)) e.unknown(c.fact, Step::high_risk);
  if (!profiling) e.unknown(system_rule_id::profiling_fact, Step::high_risk);
  e.out.reasons.push_back(Reason("system.art6_3.unknown", e.step(system_rule_id::step_art6_3)));
  return std::nullopt;
}

}  // namespace

void decide_high_risk(Evaluation& e) {
  e.out.annex_i_route = decide_annex_i(e);
  e.out.annex_iii_route = decide_annex_iii(e);
  e.out.high_risk = fact_or(e.out.annex_i_route, e.out.annex_iii_route);
}

void decide_transparency(Evaluation& e) {
  Fact any = false;
  const std::optional<Date> placed = e.card.dates.placed_on_market ? e.card.dates.placed_on_market
                                                                    : e.card.dates.put_into_service;
  for (const auto& d : e.rules.transparency) {
    TransparencyFinding f;
    f.duty = &d;
    std::vector<std::string> missing;
    f.applies = evaluate(d.when, e.card, &missing);
    f.applies_from = e.rules.date_at(d.in_force_from, e.as_of);
    bool legacy = false;
    if (!d.legacy_placed_before.empty() && f.applies != false) {
      const std::optional<Date> cutoff = e.rules.date_at(d.legacy_placed_before, e.as_of);
      if (!placed) {
        if (f.applies == true) e.unknown("/dates/placed_on_market", Step::obligations);
      } else if (cutoff && *placed < *cutoff) {
        if (auto later = e.rules.date_at(d.legacy_in_force_from, e.as_of)) {
          f.applies_from = later;
          legacy = true;
        }
      }
    }
    if (f.applies == true) {
      f.reason = Reason(legacy ? "system.art50.applies_legacy" : "system.art50.applies", &d.source).with("duty", d.id);
      if (f.applies_from) f.reason.with("from", *f.applies_from);
    } else if (f.applies == false) {
      f.reason = Reason("system.art50.not_applicable", &d.source).with("duty", d.id);
    } else {
      f.reason = Reason("system.art50.unknown", &d.source).with("duty", d.id);
      for (const auto& m : missing) e.unknown(m, Step::transparency);
    }
    e.out.reasons.push_back(f.reason);
    any = fact_or(any, f.applies);
    e.out.transparency.push_back(f);
  }
  e.out.transparency_duties = any;
}

void decide_open_source(Evaluation& e) {
  const Fact open = e.card.fact(system_rule_id::open_source_fact);
  // Art. 2(12) does not reach prohibited, high-risk or Art. 50 systems.
  const Fact stays = fact_or(e.out.prohibited, fact_or(e.out.high_risk, e.out.transparency_duties));
  const Citation* cite = e.step(system_rule_id::step_open_source);
  if (open == true && stays == false) {
    e.out.open_source_excluded = true;
    e.out.in_scope = fact_and(e.out.in_scope, false);
    e.out.reasons.push_back(Reason("system.open_source.excluded", cite));
  } else if (open == true && stays == true) {
    e.out.reasons.push_back(Reason("system.open_source.not_excluded", cite));
  } else if (!open && stays != true) {
    // An open-source release would take it out of the Act: in scope is open.
    e.out.in_scope = fact_and(e.out.in_scope, std::nullopt);
    e.unknown(system_rule_id::open_source_fact, Step::open_source);
  }
}

}  // namespace gpai::systems
