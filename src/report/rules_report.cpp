#include "gpai/report/rules_report.hpp"

#include <sstream>

#include "reason_text.hpp"
#include "gpai/quantity.hpp"

namespace gpai::report {
namespace {
using OJson = nlohmann::ordered_json;

std::string applies_to_text(AppliesTo a) {
  switch (a) {
    case AppliesTo::gpai: return "every GPAI provider";
    case AppliesTo::systemic_risk: return "GPAI models with systemic risk";
    case AppliesTo::non_eu_gpai: return "GPAI providers established outside the EU";
  }
  return "?";
}

std::string value_text(const Parameter& p, const DatedValue& e) {
  if (!e.value) return "none";
  const std::string op = p.comparison == Comparison::greater_than ? "> " : ">= ";
  if (p.unit == "flop" || p.unit == "parameters" || p.unit == "tokens" || p.unit == "users" || p.unit == "eur") {
    return op + format_sig(*e.value, 3) + " " + p.unit;
  }
  return format_ratio(*e.value) + " " + p.unit;
}
}  // namespace

OJson rules_json(const RuleSet& rules, const TaxonomyRegistry& taxonomies, Date as_of, const std::string& taxonomy_id) {
  OJson j{{"schema", "gpai-eval/rules/1"}, {"ruleset", rules.ruleset}, {"version", rules.version},
          {"as_of", as_of.to_string()}};
  j["parameters"] = OJson::array();
  for (const auto& [id, p] : rules.parameters) {
    const DatedValue* e = p.in_force(as_of);
    j["parameters"].push_back({{"id", id}, {"description", p.description}, {"unit", p.unit},
                               {"comparison", p.comparison == Comparison::greater_than ? "greater_than" : "greater_or_equal"},
                               {"value", e && e->value ? OJson(*e->value) : OJson(nullptr)},
                               {"from", e ? OJson(e->from.to_string()) : OJson(nullptr)},
                               {"article", e ? OJson(e->source.cite) : OJson(nullptr)},
                               {"note", e ? OJson(e->note) : OJson(nullptr)}});
  }
  j["dates"] = OJson::array();
  for (const auto& [id, d] : rules.dates) {
    const DatedDate* e = d.in_force(as_of);
    j["dates"].push_back({{"id", id}, {"description", d.description},
                          {"value", e && e->value ? OJson(e->value->to_string()) : OJson(nullptr)},
                          {"article", e ? OJson(e->source.cite) : OJson(nullptr)}});
  }
  j["obligations"] = OJson::array();
  for (const auto& o : rules.obligations) {
    const auto from = rules.date_at(o.in_force_from, as_of);
    OJson items = OJson::array();
    for (const auto& it : o.items) items.push_back({{"id", it.id}, {"article", it.source.cite}, {"title", it.title}});
    OJson ex = OJson::array();
    for (const auto& e : o.exemptions) ex.push_back({{"description", e.description}, {"article", e.source.cite}});
    j["obligations"].push_back({{"id", o.id}, {"article", o.source.cite}, {"title", o.title},
                                {"applies_to", applies_to_text(o.applies_to)},
                                {"in_force", from && *from <= as_of},
                                {"applies_from", from ? OJson(from->to_string()) : OJson(nullptr)},
                                {"exemptions", ex}, {"items", items}});
  }
  j["annex_xiii"] = OJson::array();
  for (const auto& c : rules.annex_xiii) {
    j["annex_xiii"].push_back({{"id", c.id}, {"point", c.point}, {"title", c.title}, {"article", c.source.cite},
                               {"reference_parameter", c.reference_parameter}});
  }
  OJson inc = OJson::array();
  for (const auto& t : rules.incidents.types) {
    inc.push_back({{"id", t.id}, {"description", t.description}, {"report_within_days", t.report_within_days}});
  }
  j["incident_reporting"] = {{"types", inc}, {"source", rules.incidents.source.cite}};
  const Taxonomy* tax = taxonomy_id.empty() ? taxonomies.in_force(as_of) : taxonomies.by_id(taxonomy_id);
  if (tax) {
    OJson cats = OJson::array();
    for (const auto& c : tax->categories) cats.push_back({{"id", c.id}, {"name", c.name}, {"specified", c.specified}});
    j["taxonomy"] = {{"id", tax->id}, {"title", tax->title}, {"from", tax->from.to_string()},
                     {"source", tax->source.cite}, {"categories", cats}};
    if (!taxonomy_id.empty()) j["taxonomy"]["chosen"] = true;
  } else {
    j["taxonomy"] = nullptr;
  }
  OJson all = OJson::array();
  for (const auto& t : taxonomies.taxonomies) all.push_back({{"id", t.id}, {"from", t.from.to_string()}});
  j["taxonomies_available"] = all;
  return j;
}

std::string rules_text(const RuleSet& rules, const TaxonomyRegistry& taxonomies, Date as_of,
                       const MessageCatalogue& messages, const std::string& taxonomy_id) {
  std::ostringstream out;
  out << "Rulebook " << rules.ruleset << " " << rules.version << " as of " << as_of.to_string() << "\n\n";
  out << "Thresholds and parameters:\n";
  for (const auto& [id, p] : rules.parameters) {
    const DatedValue* e = p.in_force(as_of);
    out << "  " << id << ": " << (e ? value_text(p, *e) : "none") << (e ? " [" + e->source.cite + ", from " + e->from.to_string() + "]" : "")
        << "\n";
  }
  out << "\nDates:\n";
  for (const auto& [id, d] : rules.dates) {
    const DatedDate* e = d.in_force(as_of);
    out << "  " << id << ": " << (e && e->value ? e->value->to_string() : "none")
        << (e ? " [" + e->source.cite + "]" : "") << "\n";
  }
  out << "\nObligations:\n";
  for (const auto& o : rules.obligations) {
    const auto from = rules.date_at(o.in_force_from, as_of);
    const bool in_force = from && *from <= as_of;
    out << "  " << o.source.cite << "  " << o.title << "\n      for " << applies_to_text(o.applies_to)
        << (in_force ? "; in force" : "; applies from " + (from ? from->to_string() : std::string("?")));
    for (const auto& e : o.exemptions) out << "; exempt when " << e.description << " (" << e.source.cite << ")";
    if (!o.items.empty()) out << "; " << o.items.size() << " documentation items";
    out << "\n";
  }
  out << "\n" << message_text(messages, "heading.annex_xiii") << ":\n";
  for (const auto& c : rules.annex_xiii) out << "  (" << c.point << ") " << c.title << "\n";
  out << "  candidate: " << rules.designation_candidate.explanation << "\n";
  out << "\nSerious-incident reporting (" << rules.incidents.source.cite << "):\n";
  for (const auto& t : rules.incidents.types) out << "  " << t.report_within_days << " days: " << t.description << "\n";
  const Taxonomy* tax = taxonomy_id.empty() ? taxonomies.in_force(as_of) : taxonomies.by_id(taxonomy_id);
  out << "\nSystemic-risk taxonomy" << (taxonomy_id.empty() ? "" : " (chosen with --taxonomy)") << ": "
      << (tax ? tax->id + " (" + tax->title + ")" : std::string("none")) << "\n";
  if (tax) {
    for (const auto& c : tax->categories) out << "  " << c.id << (c.specified ? " [specified]" : "") << ": " << c.name << "\n";
  }
  return out.str();
}

}  // namespace gpai::report
