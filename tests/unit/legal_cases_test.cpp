// Hand-worked legal cases as data (OpenFisca style): tests/rules/cases/*.json.
// Each file holds one model card, an as-of date and the verdict worked out by
// hand from the AI Act and the Commission's guidelines; only the keys present
// in "expected" are checked. See tests/rules/cases/README.md for the format.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "explanation.hpp"
#include "fixtures.hpp"
#include "gpai/assessment.hpp"
#include "gpai/io/model_card_json.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMinimumCases = 25;
constexpr std::size_t kSamples = 20000;
constexpr std::uint64_t kSeed = 20250802;

const fs::path kCasesDir = fs::path(GPAI_TEST_DIR) / "rules" / "cases";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> case_files() {
  std::vector<fs::path> out;
  if (!fs::is_directory(kCasesDir)) return out;
  for (const auto& e : fs::directory_iterator(kCasesDir)) {
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const gpai::ObligationResult* find_obligation(const gpai::Assessment& a, const std::string& id) {
  for (const auto& o : a.obligations) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const gpai::CriterionResult* find_criterion(const gpai::Assessment& a, const std::string& id) {
  for (const auto& c : a.annex_xiii) {
    if (c.criterion == id) return &c;
  }
  return nullptr;
}

bool has_finding(const std::vector<gpai::Finding>& list, const std::string& id) {
  return std::any_of(list.begin(), list.end(), [&](const gpai::Finding& f) { return f.id == id; });
}

std::string ids_of(const std::vector<gpai::Finding>& list) {
  std::string out;
  for (const auto& f : list) out += (out.empty() ? "" : ", ") + f.id;
  return out.empty() ? "(none)" : out;
}

std::string quoted(const std::string& s) {
  std::string out(1, '"');
  out += s;
  out += '"';
  return out;
}

std::string date_text(const std::optional<gpai::Date>& d) { return d ? d->to_string() : "null"; }

bool same_number(double got, double want) {
  return std::fabs(got - want) <= 1e-9 * std::max(std::fabs(got), std::fabs(want));
}

// Checks one expected key; appends a message per mismatch.
void check_key(const std::string& key, const json& want, const gpai::Assessment& a,
               std::vector<std::string>& errors) {
  auto mismatch = [&](const std::string& what, const std::string& expected, const std::string& got) {
    errors.push_back(what + ": expected " + expected + ", got " + got);
  };
  auto check_string = [&](const std::string& got) {
    if (!want.is_string()) return errors.push_back(key + ": expected value must be a string");
    const std::string expected = want.get<std::string>();
    if (got != expected) mismatch(key, quoted(expected), quoted(got));
  };
  auto check_date = [&](const std::string& what, const json& w, const std::optional<gpai::Date>& got) {
    if (w.is_null()) {
      if (got) mismatch(what, "no date", got->to_string());
    } else if (!w.is_string()) {
      errors.push_back(what + ": expected value must be \"YYYY-MM-DD\" or null");
    } else if (!got || got->to_string() != w.get<std::string>()) {
      mismatch(what, w.get<std::string>(), date_text(got));
    }
  };
  auto id_list = [&]() {
    std::vector<std::string> ids;
    if (!want.is_array()) {
      errors.push_back(key + ": expected value must be an array of ids");
      return ids;
    }
    for (const auto& v : want) ids.push_back(v.get<std::string>());
    return ids;
  };

  if (key == "gpai.status") return check_string(std::string(to_string(a.gpai.status)));
  if (key == "systemic_risk.status") return check_string(std::string(to_string(a.systemic_risk.status)));
  if (key == "threshold.status") return check_string(std::string(to_string(a.threshold.status)));
  if (key == "notification.status") return check_string(std::string(to_string(a.notification.status)));
  if (key == "taxonomy") return check_string(a.taxonomy);
  if (key == "notification.required") {
    if (a.notification.required != want.get<bool>())
      mismatch(key, want.dump(), a.notification.required ? "true" : "false");
    return;
  }
  if (key == "notification.deadline") return check_date(key, want, a.notification.deadline);
  if (key == "obligations.applies" || key == "obligations.not_applies") {
    const bool should = key == "obligations.applies";
    for (const auto& id : id_list()) {
      const auto* o = find_obligation(a, id);
      if (!o) {
        errors.push_back(key + ": no obligation '" + id + "' in the assessment");
      } else if (o->applies != should) {
        mismatch("obligation " + id, should ? "applies" : "does not apply",
                 std::string(o->applies ? "applies" : "does not apply") + " (" + std::string(o->reason.code) + ")");
      }
    }
    return;
  }
  if (key == "obligations.conditional") {
    // Would apply if the model is a GPAI model (GPAI status indeterminate).
    for (const auto& id : id_list()) {
      const auto* o = find_obligation(a, id);
      if (!o) {
        errors.push_back(key + ": no obligation '" + id + "' in the assessment");
      } else if (!o->conditional || o->applies) {
        mismatch("obligation " + id, "conditional", std::string(o->applies ? "applies" : "does not apply") +
                                                        (o->conditional ? ", conditional" : "") + " (" + std::string(o->reason.code) + ")");
      }
    }
    return;
  }
  if (key == "obligations.limited_to_modification" || key == "obligations.not_limited") {
    const bool limited = key == "obligations.limited_to_modification";
    for (const auto& id : id_list()) {
      const auto* o = find_obligation(a, id);
      if (!o) {
        errors.push_back(key + ": no obligation '" + id + "' in the assessment");
      } else if (o->scope.empty() == limited) {
        mismatch("obligation " + id + " scope", limited ? "limited to the modification" : "not limited",
                 o->scope.empty() ? std::string("not limited") : quoted(std::string(o->scope)));
      }
    }
    return;
  }
  if (key == "obligations.deadline") {
    if (!want.is_object()) return errors.push_back(key + ": expected value must be an object id -> date");
    for (const auto& [id, date] : want.items()) {
      const auto* o = find_obligation(a, id);
      if (!o) {
        errors.push_back(key + ": no obligation '" + id + "' in the assessment");
        continue;
      }
      check_date("deadline of " + id + " (" + std::string(o->deadline_basis.code) + ")", date, o->deadline);
    }
    return;
  }
  if (key == "annex_xiii") {
    if (!want.is_object()) return errors.push_back(key + ": expected value must be an object criterion -> status");
    for (const auto& [id, status] : want.items()) {
      const auto* c = find_criterion(a, id);
      if (!c) {
        errors.push_back("annex_xiii: no criterion '" + id + "' in the assessment");
      } else if (to_string(c->status) != status.get<std::string>()) {
        mismatch("Annex XIII " + id, status.get<std::string>(),
                 std::string(to_string(c->status)) + " (value " + gpai::report::criterion_value(*c, gpai::test::data().messages) + ", reference " +
                     gpai::report::criterion_reference(*c, gpai::test::data().messages) + ")");
      }
    }
    return;
  }
  if (key == "gaps.include" || key == "gaps.exclude" || key == "flags.include" || key == "flags.exclude") {
    const auto& list = key.rfind("gaps", 0) == 0 ? a.gaps : a.flags;
    const bool include = key.find("include") != std::string::npos;
    for (const auto& id : id_list()) {
      if (has_finding(list, id) != include) {
        mismatch(key, std::string(include ? "" : "no ") + "'" + id + "'", "[" + ids_of(list) + "]");
      }
    }
    return;
  }
  if (key == "modification.modifier_is_provider") {
    if (!a.modification.present) return errors.push_back(key + ": the assessment has no modification");
    if (a.modification.modifier_is_provider != want.get<bool>())
      mismatch(key, want.dump(), a.modification.modifier_is_provider ? "true" : "false");
    return;
  }
  if (key == "modification.threshold_flop") {
    if (!a.modification.threshold_flop) return mismatch(key, want.dump(), "none");
    if (std::fabs(*a.modification.threshold_flop - want.get<double>()) > 1e-6 * want.get<double>())
      mismatch(key, want.dump(), gpai::format_sig(*a.modification.threshold_flop, 6));
    return;
  }
  if (key == "fines.max_eur") {
    if (want.is_null()) {
      if (a.fines.max_eur) mismatch(key, "no figure", gpai::format_sig(*a.fines.max_eur, 6));
    } else if (!a.fines.max_eur) {
      mismatch(key, want.dump(), "no figure (" + std::string(a.fines.reason.code) + ")");
    } else if (!same_number(*a.fines.max_eur, want.get<double>())) {
      mismatch(key, want.dump(), gpai::format_sig(*a.fines.max_eur, 6));
    }
    return;
  }
  errors.push_back("unknown expected key '" + key + "' (a typo would otherwise check nothing)");
}

std::string describe(const gpai::Assessment& a) {
  std::ostringstream s;
  s << "gpai " << to_string(a.gpai.status) << "; threshold " << to_string(a.threshold.status) << "; systemic_risk "
    << to_string(a.systemic_risk.status) << "; notification " << to_string(a.notification.status) << " "
    << date_text(a.notification.deadline) << "\n  gpai reasons:";
  const auto& messages = gpai::test::data().messages;
  for (const auto& r : gpai::report::gpai_reasons(a, messages)) s << " [" << r << "]";
  s << "\n  systemic-risk reasons:";
  for (const auto& r : gpai::report::systemic_risk_reasons(a, messages)) s << " [" << r << "]";
  s << "\n  gaps: " << ids_of(a.gaps) << "; flags: " << ids_of(a.flags);
  return s.str();
}

}  // namespace

TEST_CASE("hand-worked legal cases in tests/rules/cases", "[legal][rules]") {
  const auto files = case_files();
  INFO("case folder: " << kCasesDir.string());
  REQUIRE(files.size() >= kMinimumCases);

  std::set<std::string> names;
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    DYNAMIC_SECTION(file) {
      const json doc = json::parse(read_file(path));
      const std::string name = doc.value("name", file);
      INFO("case " << file << ": " << name);
      CHECK(names.insert(name).second);
      REQUIRE(doc.contains("card"));
      REQUIRE(doc.contains("expected"));
      REQUIRE(doc.contains("as_of"));
      CHECK_FALSE(doc.value("description", std::string()).empty());
      REQUIRE(doc.at("expected").is_object());
      REQUIRE_FALSE(doc.at("expected").empty());

      const auto as_of = gpai::Date::parse(doc.at("as_of").get<std::string>());
      REQUIRE(as_of);
      const auto& data = gpai::test::data();
      const gpai::ModelCard card = gpai::io::parse_model_card(doc.at("card").dump(), file, data.catalogue);
      const auto ctx = data.context(gpai::MonteCarloConfig{kSeed, kSamples}, doc.value("taxonomy", std::string()));
      const gpai::Assessment a = gpai::assess(card, ctx, *as_of);

      std::vector<std::string> errors;
      for (const auto& [key, want] : doc.at("expected").items()) check_key(key, want, a, errors);
      std::string report;
      for (const auto& e : errors) report += "\n  - " + e;
      INFO("assessment: " << describe(a));
      if (!errors.empty()) FAIL(file << " (" << name << "): " << errors.size() << " mismatch(es):" << report);
      SUCCEED(file);
    }
  }
}
