// JSON and text sections for the legal part of an Assessment.
#include "legal_report.hpp"

#include <sstream>

#include "compute_text.hpp"
#include "explanation.hpp"
#include "reason_text.hpp"
#include "status_label.hpp"

namespace gpai::report {
namespace {
using OJson = nlohmann::ordered_json;

OJson date_or_null(const std::optional<Date>& d) { return d ? OJson(d->to_string()) : OJson(nullptr); }
OJson number_or_null(const std::optional<double>& v) { return v ? OJson(*v) : OJson(nullptr); }

OJson findings(const MessageCatalogue& m, const std::vector<Finding>& list) {
  OJson out = OJson::array();
  for (const auto& f : list) {
    out.push_back({{"id", f.id}, {"severity", f.severity}, {"message", finding_message(m, f)}});
  }
  return out;
}

std::string cite_text(const Citation* c) { return c ? c->cite : std::string(); }

std::string obligation_reason(const MessageCatalogue& m, const ObligationResult& o) {
  std::string reason = reason_text(m, o.reason);
  return o.conditional ? message_text(m, "obligation.conditional", {{"reason", reason}}) : reason;
}

std::vector<std::string> texts(const MessageCatalogue& m, const std::vector<Reason>& reasons) {
  std::vector<std::string> out;
  out.reserve(reasons.size());
  for (const auto& r : reasons) out.push_back(reason_text(m, r));
  return out;
}

// The method assumptions behind the figure to notify: the counted phases' headline methods'.
std::vector<std::string> notification_assumptions(const Assessment& a, const MessageCatalogue& msg) {
  std::vector<std::string> out;
  for (const auto& p : a.compute.phases) {
    if (const auto* method = p.headline_method(); method && p.counts_cumulative) {
      for (const auto& as : method_assumptions(msg, method->method, method->basis)) out.push_back(p.name + ": " + as);
    }
  }
  return out;
}

OJson citation(const Citation& c) {
  OJson j{{"cite", c.cite}, {"instrument", c.instrument}};
  if (!c.url.empty()) j["url"] = c.url;
  return j;
}
}  // namespace

void add_legal_json(nlohmann::ordered_json& j, const Assessment& a, const MessageCatalogue& msg, bool with_trace) {
  j["gpai"] = OJson{{"status", to_string(a.gpai.status)}, {"reasons", gpai_reasons(a, msg)}};
  j["annex_xiii"] = OJson::array();
  for (const auto& c : a.annex_xiii) {
    j["annex_xiii"].push_back({{"criterion", c.criterion},
                               {"point", c.point},
                               {"title", c.title},
                               {"status", to_string(c.status)},
                               {"value", criterion_value(c, msg)},
                               {"reference", criterion_reference(c, msg)},
                               {"reference_source", criterion_reference_source(c, msg)},
                               {"article", c.cite ? c.cite->cite : std::string()}});
  }
  j["obligations"] = OJson::array();
  for (const auto& o : a.obligations) {
    OJson oj{{"id", o.id},
             {"article", cite_text(o.cite)},
             {"title", o.title},
             {"applies", o.applies},
             {"conditional", o.conditional},
             {"reason", obligation_reason(msg, o)},
             {"deadline", date_or_null(o.deadline)},
             {"deadline_basis", reason_text(msg, o.deadline_basis)}};
    if (!o.parent.empty()) oj["part_of"] = o.parent;
    if (!o.scope.empty()) oj["scope"] = o.scope;
    j["obligations"].push_back(oj);
  }
  const auto& n = a.notification;
  j["notification"] = OJson{{"required", n.required},
                            {"status", to_string(n.status)},
                            {"deadline", date_or_null(n.deadline)},
                            {"figure", n.required || n.status == NotificationStatus::conditional ? OJson(notification_figure(a, msg)) : OJson(nullptr)},
                            {"assumptions", notification_assumptions(a, msg)},
                            {"reasons", texts(msg, n.reasons)}};
  if (a.incident_reporting) {
    OJson types = OJson::array();
    for (const auto& t : a.incident_reporting->types) {
      types.push_back({{"id", t.id}, {"description", t.description}, {"report_within_days", t.report_within_days},
                       {"source", t.source.cite}});
    }
    j["incident_reporting"] = OJson{{"types", types},
                                    {"update_every_days", a.incident_reporting->update_every_days},
                                    {"final_report_within_days", a.incident_reporting->final_report_within_days},
                                    {"source", a.incident_reporting->source.cite}};
  }
  OJson risks = OJson::array();
  for (const auto& r : a.risk_mappings) {
    OJson measures = OJson::array();
    if (r.measures) {
      for (const auto& m : *r.measures) measures.push_back({{"what", m.what}, {"source", citation(m.source)}});
    }
    risks.push_back({{"category", r.category}, {"category_id", r.category_id}, {"specified", r.specified},
                     {"assessed", to_string(r.assessed)}, {"measures", measures}, {"note", reason_text(msg, r.note)}});
  }
  j["systemic_risks"] = OJson{{"taxonomy", a.taxonomy.empty() ? OJson(nullptr) : OJson(a.taxonomy)}, {"risks", risks}};
  const auto& m = a.modification;
  j["modification"] = OJson{{"present", m.present},
                            {"base_model", m.base_model},
                            {"compute_flop", number_or_null(m.compute_flop)},
                            {"threshold_flop", number_or_null(m.threshold_flop)},
                            {"modifier_is_provider", m.modifier_is_provider},
                            {"result_presumed_systemic", m.result_presumed_systemic},
                            {"reasons", modification_reasons(a, msg)}};
  j["fines"] = OJson{{"max_eur", number_or_null(a.fines.max_eur)},
                     {"reason", reason_text(msg, a.fines.reason)},
                     {"article", message_text(msg, "fines.article")}};
  j["gaps"] = findings(msg, a.gaps);
  j["flags"] = findings(msg, a.flags);
  if (with_trace) {
    j["trace"] = OJson::array();
    for (const auto& t : trace(a, msg)) {
      j["trace"].push_back({{"rule", t.rule}, {"cite", t.cite}, {"inputs", t.inputs}, {"outcome", t.outcome}});
    }
  }
}

std::string legal_memo_text(const Assessment& a, const MessageCatalogue& msg) {
  std::ostringstream out;
  out << "GPAI model: " << gpai_status_label(a.gpai.status) << "\n";
  for (const auto& r : gpai_reasons(a, msg)) out << "  - " << r << "\n";
  if (a.modification.present) {
    out << "\nModification of " << (a.modification.base_model.empty() ? "another model" : a.modification.base_model)
        << ": the modifier " << (a.modification.modifier_is_provider ? "IS" : "is NOT") << " the provider\n";
    for (const auto& r : modification_reasons(a, msg)) out << "  - " << r << "\n";
  }

  auto list_duties = [&](bool conditional, const char* heading) {
    bool any = false;
    for (const auto& o : a.obligations) {
      if ((conditional ? !o.conditional : !o.applies) || !o.parent.empty()) continue;
      if (!any) out << heading;
      any = true;
      out << "  " << cite_text(o.cite) << "  " << o.title << "\n      "
          << (o.deadline ? "by " + o.deadline->to_string() : std::string("deadline: see basis")) << " ("
          << reason_text(msg, o.deadline_basis) << ")";
      if (!o.scope.empty()) out << "; scope: " << o.scope;
      out << "\n";
    }
    return any;
  };
  const bool any = list_duties(false, "\nWhat to do, by when:\n");
  const bool any_conditional =
      list_duties(true, "\nIf the model is a GPAI model (its GPAI status is indeterminate), what to do, by when:\n");
  if (!any && !any_conditional) out << "\nNo GPAI obligations apply on " << a.as_of.to_string() << ".\n";
  bool header = false;
  for (const auto& o : a.obligations) {
    if (o.applies || o.conditional || !o.parent.empty()) continue;
    if (!header) out << "Not applying:\n";
    header = true;
    out << "  " << cite_text(o.cite) << ": " << obligation_reason(msg, o) << "\n";
  }
  if (a.notification.required || a.notification.status == NotificationStatus::conditional) {
    out << "\n" << message_text(msg, "heading.notification") << ": " << status_label(to_string(a.notification.status));
    if (a.notification.deadline) out << ", deadline " << a.notification.deadline->to_string();
    out << "\n";
    for (const auto& r : a.notification.reasons) out << "  - " << reason_text(msg, r) << "\n";
    const std::string figure = notification_figure(a, msg);
    if (!figure.empty()) out << "  figure to notify: " << figure << "\n";
  }
  if (a.incident_reporting) {
    out << "\nSerious incidents (" << a.incident_reporting->source.cite << "): report within ";
    for (std::size_t i = 0; i < a.incident_reporting->types.size(); ++i) {
      const auto& t = a.incident_reporting->types[i];
      out << (i ? ", " : "") << t.report_within_days << " days (" << t.description << ")";
    }
    out << "; updates every " << a.incident_reporting->update_every_days << " days; final report within "
        << a.incident_reporting->final_report_within_days << " days\n";
  }
  if (!a.risk_mappings.empty()) {
    out << "\nSystemic risks (taxonomy " << a.taxonomy << "):\n";
    for (const auto& r : a.risk_mappings) {
      out << "  " << (r.category_id.empty() ? r.category : r.category_id) << (r.specified ? " [specified]" : "")
          << ": assessed " << status_label(to_string(r.assessed));
      if (r.measures && !r.measures->empty()) {
        out << "; drives ";
        for (std::size_t i = 0; i < r.measures->size(); ++i) out << (i ? ", " : "") << (*r.measures)[i].source.cite;
      }
      if (!r.note.empty()) out << " (" << reason_text(msg, r.note) << ")";
      out << "\n";
    }
  }
  out << "\n" << message_text(msg, "heading.annex_xiii") << ":\n";
  for (const auto& c : a.annex_xiii) {
    out << "  (" << c.point << ") " << c.title << ": " << status_label(to_string(c.status)) << " - "
        << criterion_value(c, msg) << " vs " << criterion_reference(c, msg) << "\n";
  }
  if (a.fines.max_eur || !a.fines.reason.empty()) {
    out << "\nFine exposure (" << message_text(msg, "fines.article") << "): "
        << (a.fines.max_eur ? "up to EUR " + format_count(*a.fines.max_eur) + ", " : std::string())
        << reason_text(msg, a.fines.reason) << "\n";
  }
  if (!a.gaps.empty()) {
    out << "\nGaps:\n";
    for (const auto& g : a.gaps) out << "  [" << g.severity << "] " << g.id << ": " << finding_message(msg, g) << "\n";
  }
  if (!a.flags.empty()) {
    out << "\nFlags:\n";
    for (const auto& f : a.flags) out << "  [" << f.severity << "] " << f.id << ": " << finding_message(msg, f) << "\n";
  }
  return out.str();
}

std::string trace_text(const Assessment& a, const MessageCatalogue& msg) {
  std::ostringstream out;
  const std::vector<TraceStep> steps = trace(a, msg);
  out << "Reasoning trace (" << steps.size() << " steps):\n";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& t = steps[i];
    out << "  " << (i + 1) << ". " << t.rule << " [" << t.cite << "]\n";
    if (!t.inputs.empty()) out << "       inputs: " << t.inputs << "\n";
    out << "       -> " << t.outcome << "\n";
  }
  return out.str();
}

}  // namespace gpai::report
