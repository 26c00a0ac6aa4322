// classify's JSON document and text report.
#include "gpai/report/system_report.hpp"

#include <set>
#include <sstream>

#include "reason_text.hpp"

namespace gpai::report {
namespace {
using OJson = nlohmann::ordered_json;

OJson fact_json(Fact f) { return f ? OJson(*f) : OJson(nullptr); }
OJson date_json(const std::optional<Date>& d) { return d ? OJson(d->to_string()) : OJson(nullptr); }

std::string label(const MessageCatalogue& m, std::string_view key) {
  return message_text(m, "system.label." + std::string(key));
}
std::string fact_label(const MessageCatalogue& m, Fact f) { return label(m, !f ? "unknown" : *f ? "yes" : "no"); }
std::string status_label(const MessageCatalogue& m, SystemStatus s) {
  return message_text(m, "system.status." + std::string(to_string(s)));
}

OJson citation_json(const Citation* c) {
  if (!c) return nullptr;
  return OJson{{"cite", c->cite}, {"url", c->url}, {"confidence", to_string(c->confidence)}};
}

// The card's answer to a field, as JSON (lists for the list fields).
OJson answer_json(const SystemCard& card, std::string_view field) {
  auto list = [](const std::optional<std::vector<std::string>>& l) { return l ? OJson(*l) : OJson(nullptr); };
  if (field == "/annex_iii") return list(card.annex_iii);
  if (field == "/prohibited/exceptions") return list(card.prohibited_exceptions);
  if (field == "/annex_i/legislation") return card.annex_i_legislation ? OJson(*card.annex_i_legislation) : OJson(nullptr);
  if (field == "/dates/placed_on_market") return date_json(card.dates.placed_on_market);
  if (field == "/organisation/roles") {
    if (!card.roles) return nullptr;
    OJson a = OJson::array();
    for (SystemRole r : *card.roles) a.push_back(to_string(r));
    return a;
  }
  return fact_json(card.fact(field));
}

OJson reason_json(const SystemReportInput& in, const Reason& r) {
  return OJson{{"rule", r.code},
               {"citation", citation_json(r.cite)},
               {"inputs", reason_inputs(in.card, r)},
               {"outcome", reason_text(in.messages, r)}};
}

std::string language_of(const RunInfo& run) { return run.language.empty() ? "en" : run.language; }

OJson obligation_json(const SystemReportInput& in, const ObligationFinding& f, const std::string& lang) {
  const SystemObligation& o = *f.obligation;
  OJson j{{"id", o.id},
          {"article", o.source.cite},
          {"actor", to_string(o.actor)},
          {"applies_from", date_json(f.applies_from)},
          {"in_force", f.in_force},
          {"text", text_in(o.text, lang)},
          {"organisation_holds_role", fact_json(f.organisation_role)},
          {"conditional", f.conditional},
          {"date_disputed", f.date_disputed},
          {"legacy_system", f.legacy},
          {"citation", citation_json(&o.source)}};
  const FineTier* tier = o.fine_tier.empty() ? nullptr : in.rules.fine_tier(o.fine_tier);
  j["fine_tier"] = tier ? OJson{{"id", tier->id}, {"text", text_in(tier->title, lang)}, {"citation", citation_json(&tier->source)}}
                        : OJson(nullptr);
  j["reason"] = reason_text(in.messages, f.reason);
  return j;
}

OJson question_json(const SystemReportInput& in, const OpenQuestion& q, const std::string& lang) {
  const FactQuestion* fq = in.rules.question(q.field);
  OJson j{{"field", q.field}};
  j["question"] = fq ? OJson(text_in(fq->question, lang)) : OJson(q.field);
  j["explanation"] = fq ? OJson(text_in(fq->explanation, lang)) : OJson(nullptr);
  j["article"] = fq ? OJson(fq->source.cite) : OJson(nullptr);
  j["decides"] = q.decides;
  if (q.decides == "classification") {
    j["if_yes"] = to_string(q.if_yes);
    j["if_no"] = to_string(q.if_no);
  }
  return j;
}

// Every citation the result rests on that was not checked against the
// legal text, once each, in the order met.
std::vector<const Citation*> unverified_sources(const SystemReportInput& in) {
  std::vector<const Citation*> out;
  std::set<std::string> seen;
  auto add = [&](const Citation* c) {
    if (c && c->confidence != Confidence::primary && seen.insert(c->cite).second) out.push_back(c);
  };
  for (const auto& r : in.result.reasons) add(r.cite);
  for (const auto& o : in.result.obligations) {
    add(o.reason.cite);
    if (!o.obligation->fine_tier.empty())
      if (const FineTier* t = in.rules.fine_tier(o.obligation->fine_tier)) add(&t->source);
  }
  return out;
}

}  // namespace

OJson reason_inputs(const SystemCard& card, const Reason& r) {
  OJson inputs = OJson::object();
  for (std::uint8_t i = 0; i < r.count; ++i) {
    const Arg& a = r.args()[i];
    if (a.name == "field") {
      const std::string_view* field = std::get_if<std::string_view>(&a.value);
      if (field) inputs[std::string(*field)] = answer_json(card, *field);
    } else if (const auto* d = std::get_if<Date>(&a.value)) {
      inputs[std::string(a.name)] = d->to_string();
    } else if (const auto* t = std::get_if<std::string_view>(&a.value)) {
      inputs[std::string(a.name)] = std::string(*t);
    } else if (const auto* x = std::get_if<double>(&a.value)) {
      inputs[std::string(a.name)] = *x;
    }
  }
  return inputs;
}

OJson system_json(const SystemReportInput& in, const RunInfo& run) {
  const SystemClassification& c = in.result;
  const std::string lang = language_of(run);
  OJson j;
  j["schema"] = "gpai-eval/system-classification/1";
  j["system"] = OJson{{"name", in.card.name},
                      {"source", in.source},
                      {"intended_purpose", in.card.intended_purpose},
                      {"organisation", in.card.organisation_name}};
  j["as_of"] = c.as_of.to_string();
  OJson cl;
  cl["status"] = to_string(c.status);
  cl["label"] = status_label(in.messages, c.status);
  cl["ai_system"] = fact_json(c.ai_system);
  cl["in_scope"] = fact_json(c.in_scope);
  cl["prohibited"] = fact_json(c.prohibited);
  OJson practices = OJson::array();
  for (const auto& p : c.practices)
    if (p.prohibited == true) practices.push_back(p.practice->id);
  cl["prohibited_practices"] = practices;
  cl["high_risk"] = fact_json(c.high_risk);
  const auto basis = c.high_risk_basis();
  cl["high_risk_basis"] = basis ? OJson(to_string(*basis)) : OJson(nullptr);
  OJson routes = OJson::array();
  if (c.annex_i_route == true) routes.push_back("annex_i");
  if (c.annex_iii_route == true) routes.push_back("annex_iii");
  cl["high_risk_routes"] = routes;
  OJson points = OJson::array(), carved = OJson::array();
  for (const auto& f : c.annex_iii) {
    if (f.carve_out) carved.push_back(OJson{{"point", f.point->id}, {"carve_out", f.carve_out->id}});
    else points.push_back(f.point->id);
  }
  cl["annex_iii_points"] = points;
  cl["annex_iii_carved_out"] = carved;
  cl["art6_3_exception"] = fact_json(c.art6_3_exception);
  if (c.annex_i_legislation) {
    cl["annex_i"] = OJson{{"legislation", c.annex_i_legislation->id},
                          {"section", !c.annex_i_section ? OJson(nullptr)
                                                         : OJson(*c.annex_i_section == AnnexISection::a ? "A" : "B")}};
  } else {
    cl["annex_i"] = nullptr;
  }
  OJson transparency = OJson::array();
  for (const auto& t : c.transparency) {
    if (t.applies == false) continue;
    transparency.push_back(OJson{{"id", t.duty->id},
                                 {"actor", to_string(t.duty->actor)},
                                 {"applies", fact_json(t.applies)},
                                 {"applies_from", date_json(t.applies_from)},
                                 {"article", t.duty->source.cite}});
  }
  cl["transparency"] = transparency;
  cl["open_source_excluded"] = c.open_source_excluded;
  cl["deployer_duties_excluded"] = c.deployer_duties_excluded;
  j["classification"] = cl;

  OJson roles = OJson::array(), role_findings = OJson::array();
  std::set<std::string_view> listed;
  for (const auto& r : c.roles) {
    if (r.holds == true && listed.insert(to_string(r.role)).second) roles.push_back(to_string(r.role));
    role_findings.push_back(OJson{{"role", to_string(r.role)},
                                  {"basis", r.shift ? OJson(r.shift->id) : OJson("stated")},
                                  {"holds", fact_json(r.holds)}});
  }
  j["roles"] = roles;
  j["role_findings"] = role_findings;
  j["gpai_system"] = fact_json(c.gpai_system);
  j["model"] = c.model ? OJson{{"name", c.model->name},
                               {"source", c.model->source},
                               {"gpai_status", to_string(c.model->gpai)},
                               {"systemic_risk_status", to_string(c.model->systemic)}}
                       : OJson(nullptr);
  OJson obligations = OJson::array();
  for (const auto& o : c.obligations) obligations.push_back(obligation_json(in, o, lang));
  j["obligations"] = obligations;
  OJson questions = OJson::array();
  for (const auto& q : c.open_questions) questions.push_back(question_json(in, q, lang));
  j["open_questions"] = questions;
  OJson reasons = OJson::array();
  for (const auto& r : c.reasons) reasons.push_back(reason_json(in, r));
  j["reasons"] = reasons;
  OJson unverified = OJson::array();
  for (const Citation* u : unverified_sources(in)) unverified.push_back(citation_json(u));
  j["unverified_sources"] = unverified;
  j["run"] = OJson{{"tool_version", run.tool_version},
                   {"data_dir", run.data_dir},
                   {"ruleset", in.rules.ruleset + " " + in.rules.version},
                   {"language", lang}};
  return j;
}

std::string system_text(const SystemReportInput& in, const RunInfo& run) {
  const SystemClassification& c = in.result;
  const MessageCatalogue& m = in.messages;
  const std::string lang = language_of(run);
  std::ostringstream o;
  o << label(m, "system") << ": " << in.card.name << " (" << in.source << ")\n";
  if (!in.card.organisation_name.empty()) o << label(m, "organisation") << ": " << in.card.organisation_name << "\n";
  if (!in.card.intended_purpose.empty()) o << label(m, "purpose") << ": " << in.card.intended_purpose << "\n";
  o << label(m, "as_of") << ": " << c.as_of.to_string() << " (" << in.rules.ruleset << " " << in.rules.version << ")\n\n";

  o << label(m, "status") << ": " << to_string(c.status) << " - " << status_label(m, c.status) << "\n";
  o << "  " << label(m, "ai_system") << ": " << fact_label(m, c.ai_system) << "; " << label(m, "in_scope") << ": "
    << fact_label(m, c.in_scope) << "; " << label(m, "prohibited") << ": " << fact_label(m, c.prohibited) << "; "
    << label(m, "high_risk") << ": " << fact_label(m, c.high_risk);
  if (auto b = c.high_risk_basis()) o << " (" << to_string(*b) << ")";
  o << "\n";
  std::string points;
  for (const auto& f : c.annex_iii)
    if (!f.carve_out) points += (points.empty() ? "" : ", ") + f.point->id;
  o << "  " << label(m, "points") << ": " << (points.empty() ? label(m, "none") : points) << "; "
    << label(m, "art6_3") << ": " << fact_label(m, c.art6_3_exception) << "\n";
  std::string duties;
  for (const auto& t : c.transparency)
    if (t.applies != false)
      duties += (duties.empty() ? "" : ", ") + t.duty->source.cite + (t.applies == true ? "" : " (?)");
  o << "  " << label(m, "transparency") << ": " << (duties.empty() ? label(m, "none") : duties) << "\n";
  o << "  " << label(m, "gpai_system") << ": " << fact_label(m, c.gpai_system);
  if (c.model)
    o << "; " << label(m, "model") << ": " << c.model->name << " (" << to_string(c.model->gpai) << ", "
      << to_string(c.model->systemic) << ")";
  o << "\n";
  std::string roles;
  for (const auto& r : c.roles)
    roles += (roles.empty() ? "" : ", ") + std::string(to_string(r.role)) + (r.holds == true ? "" : " (?)") +
             (r.shift ? " [" + r.shift->source.cite + "]" : "");
  o << label(m, "roles") << ": " << (roles.empty() ? label(m, in.card.roles ? "none" : "unknown") : roles) << "\n";

  if (!c.obligations.empty()) {
    o << "\n" << label(m, "obligations") << " (" << c.obligations.size() << "):\n";
    for (const auto& f : c.obligations) {
      const SystemObligation& ob = *f.obligation;
      o << "  [" << to_string(ob.actor) << (f.organisation_role == false ? ", " + label(m, "not_this_organisation") : "")
        << "] " << ob.source.cite << ": " << text_in(ob.text, lang) << "\n      ";
      if (f.applies_from) {
        o << label(m, "from") << " " << f.applies_from->to_string() << " ("
          << label(m, f.in_force ? "in_force" : "not_yet") << ")";
      } else {
        o << label(m, "no_date");
      }
      if (f.conditional) o << "; " << label(m, "conditional");
      if (f.date_disputed) o << "; " << label(m, "disputed");
      if (f.legacy) o << "; " << label(m, "legacy");
      if (!ob.fine_tier.empty())
        if (const FineTier* t = in.rules.fine_tier(ob.fine_tier))
          o << "; " << label(m, "fine") << ": " << text_in(t->title, lang) << " (" << t->source.cite << ")";
      o << "\n";
    }
  }
  if (!c.open_questions.empty()) {
    o << "\n" << label(m, "questions") << " (" << c.open_questions.size() << "):\n";
    int n = 0;
    for (const auto& q : c.open_questions) {
      const FactQuestion* fq = in.rules.question(q.field);
      o << "  " << ++n << ". " << (fq ? text_in(fq->question, lang) : q.field) << " [" << q.field;
      if (fq) o << "; " << fq->source.cite;
      o << "]\n";
      if (q.decides == "classification")
        o << "     " << label(m, "if_yes") << ": " << to_string(q.if_yes) << "; " << label(m, "if_no") << ": "
          << to_string(q.if_no) << "\n";
      else
        o << "     " << label(m, "decides") << ": " << q.decides << "\n";
    }
  }
  o << "\n" << label(m, "reasons") << ":\n";
  for (const auto& r : c.reasons) o << "  - " << reason_text(m, r) << "\n";
  const auto unverified = unverified_sources(in);
  if (!unverified.empty()) {
    o << "\n" << label(m, "unverified") << ":\n";
    for (const Citation* u : unverified)
      o << "  - " << u->cite << " ("
        << label(m, u->confidence == Confidence::secondary_agree ? "secondary" : "unverified") << ")\n";
  }
  return o.str();
}

}  // namespace gpai::report
