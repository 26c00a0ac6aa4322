#include "gpai/report/provenance_report.hpp"

namespace gpai::report {
namespace {

std::string_view format_title(CardFormat f) {
  switch (f) {
    case CardFormat::gpai_card_v1: return "a gpai-eval model card";
    case CardFormat::hf_readme: return "a Hugging Face README";
    case CardFormat::hf_hub_api: return "Hugging Face Hub API model JSON";
    case CardFormat::system_card_v1: return "a gpai-eval system card";
  }
  return "an unknown format";
}

}  // namespace

nlohmann::ordered_json provenance_json(const Provenance& p) {
  nlohmann::ordered_json j;
  j["format"] = std::string(to_string(p.format));
  j["id"] = p.record_id;
  j["mapped"] = nlohmann::ordered_json::array();
  for (const auto& m : p.mapped) j["mapped"].push_back({{"field", m.field}, {"from", m.from}});
  j["missing"] = nlohmann::ordered_json::array();
  for (const auto& m : p.missing) {
    nlohmann::ordered_json e{{"field", m.field}, {"needed_for", m.needed_for}};
    if (!m.why.empty()) e["why"] = m.why;
    j["missing"].push_back(std::move(e));
  }
  j["undecidable"] = p.undecidable;
  j["flags"] = nlohmann::ordered_json::array();
  for (const auto& f : p.flags) j["flags"].push_back({{"id", f.id}, {"severity", f.severity}, {"message", f.message}});
  j["notes"] = p.notes;
  j["base_model"] = p.lineage.base_models.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(p.lineage.base_models.front());
  j["base_model_relation"] = p.lineage.relation.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(p.lineage.relation);
  return j;
}

std::string provenance_text(const Provenance& p) {
  std::string out = "\nCard read from " + std::string(format_title(p.format)) + " (" +
                    std::string(to_string(p.format)) + "), id " + p.record_id + "\n";
  if (!p.lineage.base_models.empty()) {
    out += "  base model: " + p.lineage.base_models.front() +
           (p.lineage.relation.empty() ? std::string() : " (" + p.lineage.relation + ")") + "\n";
  }
  if (!p.mapped.empty()) {
    out += "  mapped:\n";
    for (const auto& m : p.mapped) out += "    " + m.field + " <- " + m.from + "\n";
  }
  if (!p.missing.empty()) {
    out += "  missing (needed for):\n";
    for (const auto& m : p.missing) {
      out += "    " + m.field + " (" + m.needed_for + ")" + (m.why.empty() ? std::string() : ": " + m.why) + "\n";
    }
  }
  if (!p.undecidable.empty()) {
    out += "  cannot be decided from this card:";
    for (const auto& u : p.undecidable) out += " " + u;
    out += "\n";
  }
  if (!p.flags.empty()) {
    out += "  flags:\n";
    for (const auto& f : p.flags) out += "    [" + f.severity + "] " + f.id + ": " + f.message + "\n";
  }
  if (!p.notes.empty()) {
    out += "  notes:\n";
    for (const auto& n : p.notes) out += "    " + n + "\n";
  }
  return out;
}

}  // namespace gpai::report
