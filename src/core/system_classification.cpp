// classify_system(): the steps in the guide's order, the status they give
// together, and the open questions: the unknown facts that can still change
// the outcome, each with the status a yes and a no would give.
#include "gpai/system_classification.hpp"

#include <algorithm>
#include <set>

#include "system_steps.hpp"

namespace gpai {
namespace systems {

void decide_status(Evaluation& e) {
  const SystemClassification& c = e.out;
  const Fact excluded = fact_not(c.in_scope);
  SystemStatus s;
  if (c.ai_system == false) s = SystemStatus::not_ai_system;
  else if (excluded == true) s = SystemStatus::out_of_scope;
  else if (!c.ai_system || !excluded) s = SystemStatus::indeterminate;
  else if (c.prohibited == true) s = SystemStatus::prohibited;
  else if (!c.prohibited) s = SystemStatus::indeterminate;
  else if (c.high_risk == true) s = SystemStatus::high_risk;
  else if (!c.high_risk) s = SystemStatus::indeterminate;
  else if (c.transparency_duties == true) s = SystemStatus::limited_risk;
  else if (!c.transparency_duties) s = SystemStatus::indeterminate;
  else s = SystemStatus::minimal_risk;
  e.out.status = s;
}

namespace {

void run_steps(Evaluation& e) {
  decide_ai_system(e);
  decide_scope(e);
  decide_prohibited(e);
  decide_high_risk(e);
  decide_transparency(e);
  decide_open_source(e);
  decide_roles(e);
  decide_status(e);
  decide_obligations(e);
}

// What an unknown met in `step` can still change, given what the earlier
// steps decided: the status, only who must do what, or nothing.
std::string_view what_it_decides(Step step, const SystemClassification& c) {
  const bool live_scope = c.ai_system != false;
  const bool live_prohibited = live_scope && c.in_scope != false;
  const bool live_high_risk = live_prohibited && c.prohibited != true;
  const bool obligations = c.status != SystemStatus::not_ai_system && c.status != SystemStatus::out_of_scope;
  switch (step) {
    case Step::definition: return "classification";
    case Step::scope: return live_scope ? "classification" : "";
    case Step::prohibited: return live_prohibited ? "classification" : "";
    case Step::high_risk:
      // One route decided it is high-risk: the other decides only the dates.
      if (!live_high_risk) return "";
      return c.high_risk == true ? "obligations" : "classification";
    case Step::transparency:
      if (!live_high_risk) return "";
      return c.high_risk == true ? "obligations" : "classification";
    case Step::open_source:
      return live_high_risk && c.high_risk != true && c.transparency_duties != true ? "classification" : "";
    case Step::obligations: return obligations ? "obligations" : "";
  }
  return "";
}

// The card with one unknown answered.
SystemCard answered(const SystemCard& card, const SystemRuleSet& rules, const std::string& field, bool yes) {
  SystemCard c = card;
  if (field == "/annex_iii") {
    c.annex_iii = std::vector<std::string>();
    if (yes && !rules.annex_iii.empty()) c.annex_iii->push_back(rules.annex_iii.front().id);
  } else if (field == "/prohibited/exceptions") {
    c.prohibited_exceptions = std::vector<std::string>();
    if (yes)
      for (const auto& x : rules.prohibition_exceptions) c.prohibited_exceptions->push_back(x.id);
  } else {
    c.facts[field] = yes;
  }
  return c;
}

SystemStatus status_of(const SystemCard& card, const SystemRuleSet& rules, Date as_of, const LinkedModelStatus* model) {
  SystemClassification out;
  out.as_of = as_of;
  if (model) out.model = *model;
  Evaluation e{card, rules, as_of, out, {}};
  run_steps(e);
  return out.status;
}

void ask_open_questions(const Evaluation& e, const LinkedModelStatus* model) {
  SystemClassification& c = e.out;
  std::set<std::string> seen;
  std::vector<OpenQuestion> questions;
  for (const auto& u : e.unknowns) {
    const std::string_view decides = what_it_decides(u.step, c);
    if (decides.empty() || !seen.insert(u.field).second) continue;
    OpenQuestion q{u.field, decides, c.status, c.status};
    const bool counterfactual = decides == "classification" && u.field != "/dates/placed_on_market" &&
                                u.field != "/organisation/roles" && u.field != "/annex_i/legislation";
    if (counterfactual) {
      q.if_yes = status_of(answered(e.card, e.rules, u.field, true), e.rules, e.as_of, model);
      q.if_no = status_of(answered(e.card, e.rules, u.field, false), e.rules, e.as_of, model);
    }
    questions.push_back(std::move(q));
  }
  // In the order the guide asks them (the rule data's question order).
  auto rank = [&](const OpenQuestion& q) {
    for (std::size_t i = 0; i < e.rules.questions.size(); ++i)
      if (e.rules.questions[i].field == q.field) return i;
    return e.rules.questions.size();
  };
  std::stable_sort(questions.begin(), questions.end(),
                   [&](const OpenQuestion& a, const OpenQuestion& b) { return rank(a) < rank(b); });
  c.open_questions = std::move(questions);
}

}  // namespace
}  // namespace systems

SystemClassification classify_system(const SystemCard& card, const SystemRuleSet& rules, Date as_of,
                                     const LinkedModelStatus* model) {
  SystemClassification out;
  out.as_of = as_of;
  if (model) out.model = *model;
  systems::Evaluation e{card, rules, as_of, out, {}};
  systems::run_steps(e);
  systems::ask_open_questions(e, model);
  return out;
}

}  // namespace gpai
