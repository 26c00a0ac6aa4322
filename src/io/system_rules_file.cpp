// The AI-system ruleset's strict loader. Each section reader checks its own
// entries; check_system_references() then resolves every reference between
// sections and to the card contract (kSystemCardFacts).
#include "gpai/io/system_rules_file.hpp"

#include <filesystem>
#include <set>

#include "data_readers.hpp"

namespace fs = std::filesystem;

namespace gpai::io {
namespace {

using data::allow_keys;
using data::closed;
using data::fail;
using data::read_citation;

Texts read_texts(const JsonCursor& c) {
  c.expect_object();
  Texts t;
  for (const auto& [lang, _] : c.value().items()) t[std::string(lang)] = c.require(lang, "a text").as_string();
  if (!t.count("en")) fail(c, "an English text (\"en\") is required");
  for (const auto& [lang, text] : t)
    if (text.empty()) fail(c, "empty text for language \"" + lang + "\"");
  return t;
}

std::string opt_string(const JsonCursor& c, std::string_view key) {
  auto f = c.field(key);
  return f ? f->as_string() : std::string();
}
bool opt_bool(const JsonCursor& c, std::string_view key, bool fallback) {
  auto f = c.field(key);
  return f ? f->as_bool() : fallback;
}

SystemRole read_actor(const JsonCursor& c) {
  return closed<SystemRole>(c, {{"provider", SystemRole::provider},
                                {"deployer", SystemRole::deployer},
                                {"importer", SystemRole::importer},
                                {"distributor", SystemRole::distributor},
                                {"product_manufacturer", SystemRole::product_manufacturer},
                                {"authorised_representative", SystemRole::authorised_representative}});
}

std::string read_fact(const JsonCursor& c) {
  std::string f = c.as_string();
  if (!is_system_card_fact(f)) fail(c, "\"" + f + "\" is not a yes/no field of the system card (kSystemCardFacts)");
  return f;
}

DatedDate read_dated_date(const JsonCursor& e) {
  allow_keys(e, {"from", "value", "source", "note"});
  DatedDate d;
  d.from = e.require("from", "a date").as_date();
  if (!e.value().contains("value")) e.require("value", "a date, or null");
  if (auto v = e.field("value")) d.value = v->as_date();
  d.source = read_citation(e.require("source", "a citation"));
  d.note = opt_string(e, "note");
  return d;
}

std::vector<DatedDate> read_history(const JsonCursor& list) {
  std::vector<DatedDate> out;
  for (std::size_t j = 0, m = list.expect_array(); j < m; ++j) {
    DatedDate d = read_dated_date(list.at(j));
    if (!out.empty() && !(out.back().from < d.from)) fail(list.at(j), "from: dates must strictly increase");
    out.push_back(std::move(d));
  }
  if (out.empty()) fail(list, "at least one dated entry is required");
  return out;
}

void read_dates(const JsonCursor& list, SystemRuleSet& r) {
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"id", "description", "history", "readings"});
    DateRule d;
    d.id = c.require("id", "a date id").as_string();
    d.description = c.require("description", "a description").as_string();
    d.history = read_history(c.require("history", "dated entries"));
    // Where sources disagree on a date, the other readings are kept beside it.
    if (auto rd = c.field("readings")) r.other_readings[d.id] = read_history(*rd);
    if (!r.dates.emplace(d.id, d).second) fail(c, "duplicate date id " + d.id);
  }
}

// Calls read(entry) for each element of a list section, refusing duplicate ids.
template <typename T, typename F>
void read_list(const JsonCursor& list, std::vector<T>& out, F&& read) {
  std::set<std::string> ids;
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    T item = read(c);
    if (!ids.insert(item.id).second) fail(c, "duplicate id \"" + item.id + "\"");
    out.push_back(std::move(item));
  }
}

FactCondition read_condition(const JsonCursor& c) {
  allow_keys(c, {"all", "none"});
  FactCondition f;
  auto list = [&](std::string_view key, std::vector<std::string>& out) {
    if (auto l = c.field(key))
      for (std::size_t i = 0, n = l->expect_array(); i < n; ++i) out.push_back(read_fact(l->at(i)));
  };
  list("all", f.all);
  list("none", f.none);
  if (f.all.empty()) fail(c, "a condition needs at least one fact in \"all\"");
  return f;
}

void read_section(const JsonCursor& root, std::string_view key, SystemRuleSet& r) {
  const JsonCursor s = root.require(key, "a section");
  if (key == "dates") return read_dates(s, r);
  if (key == "steps") {
    for (std::size_t i = 0, n = s.expect_array(); i < n; ++i) {
      const JsonCursor c = s.at(i);
      allow_keys(c, {"id", "title", "source"});
      const std::string id = c.require("id", "a step id").as_string();
      SystemRuleSet::Step step{read_texts(c.require("title", "titles")), read_citation(c.require("source", "a citation"))};
      if (!r.steps.emplace(id, std::move(step)).second) fail(c, "duplicate step id " + id);
    }
    return;
  }
  if (key == "definition") {
    for (std::size_t i = 0, n = s.expect_array(); i < n; ++i) {
      const JsonCursor c = s.at(i);
      allow_keys(c, {"fact", "required", "title", "source"});
      r.definition.push_back({read_fact(c.require("fact", "a card field")), c.require("required", "true or false").as_bool(),
                              read_texts(c.require("title", "titles")), read_citation(c.require("source", "a citation"))});
    }
    return;
  }
  if (key == "exclusions") {
    return read_list(s, r.exclusions, [](const JsonCursor& c) {
      allow_keys(c, {"id", "fact", "effect", "title", "source"});
      return ScopeExclusion{c.require("id", "an id").as_string(), read_fact(c.require("fact", "a card field")),
                            closed<ExclusionEffect>(c.require("effect", "an effect"),
                                                    {{"out_of_scope", ExclusionEffect::out_of_scope},
                                                     {"deployer_duties_only", ExclusionEffect::deployer_duties_only},
                                                     {"open_source", ExclusionEffect::open_source}}),
                            read_texts(c.require("title", "titles")), read_citation(c.require("source", "a citation"))};
    });
  }
  if (key == "practices") {
    return read_list(s, r.practices, [](const JsonCursor& c) {
      allow_keys(c, {"id", "fact", "exceptions", "authorisation_fact", "excepted_annex_iii_point", "in_force_from",
                     "title", "source"});
      ProhibitedPractice p;
      p.id = c.require("id", "an id").as_string();
      p.fact = read_fact(c.require("fact", "a card field"));
      if (auto x = c.field("exceptions")) p.exceptions = x->as_string_list();
      if (auto a = c.field("authorisation_fact")) p.authorisation_fact = read_fact(*a);
      p.excepted_annex_iii_point = opt_string(c, "excepted_annex_iii_point");
      p.in_force_from = c.require("in_force_from", "a date id").as_string();
      p.title = read_texts(c.require("title", "titles"));
      p.source = read_citation(c.require("source", "a citation"));
      return p;
    });
  }
  if (key == "prohibition_exceptions") {
    return read_list(s, r.prohibition_exceptions, [](const JsonCursor& c) {
      allow_keys(c, {"id", "practice", "title", "source"});
      return ProhibitionException{c.require("id", "an id").as_string(), c.require("practice", "a practice id").as_string(),
                                  read_texts(c.require("title", "titles")), read_citation(c.require("source", "a citation"))};
    });
  }
  if (key == "annex_iii_areas") {
    for (std::size_t i = 0, n = s.expect_array(); i < n; ++i) {
      const JsonCursor c = s.at(i);
      allow_keys(c, {"area", "title", "source"});
      const double area = c.require("area", "an area number 1..8").as_number(Range::positive);
      if (area != static_cast<int>(area) || area > 8) fail(c, "area: expected a whole number 1..8");
      r.annex_iii_areas.push_back({static_cast<int>(area), read_texts(c.require("title", "titles")),
                                   read_citation(c.require("source", "a citation"))});
    }
    return;
  }
  if (key == "annex_iii") {
    return read_list(s, r.annex_iii, [](const JsonCursor& c) {
      allow_keys(c, {"id", "area", "title", "fria_any_deployer", "fria_excluded", "right_to_explanation",
                     "registration", "source"});
      AnnexIIIPoint p;
      p.id = c.require("id", "a point id").as_string();
      const double area = c.require("area", "an area number 1..8").as_number(Range::positive);
      if (area != static_cast<int>(area) || area > 8) fail(c, "area: expected a whole number 1..8");
      p.area = static_cast<int>(area);
      p.title = read_texts(c.require("title", "titles"));
      p.fria_any_deployer = opt_bool(c, "fria_any_deployer", false);
      p.fria_excluded = opt_bool(c, "fria_excluded", false);
      p.right_to_explanation = opt_bool(c, "right_to_explanation", true);
      if (auto g = c.field("registration"))
        p.registration = closed<Registration>(*g, {{"eu_database", Registration::eu_database},
                                                   {"eu_database_non_public", Registration::eu_database_non_public},
                                                   {"national", Registration::national}});
      p.source = read_citation(c.require("source", "a citation"));
      return p;
    });
  }
  if (key == "carve_outs") {
    return read_list(s, r.carve_outs, [](const JsonCursor& c) {
      allow_keys(c, {"id", "point", "title", "source"});
      return AnnexIIICarveOut{c.require("id", "an id").as_string(), c.require("point", "a point id").as_string(),
                              read_texts(c.require("title", "titles")), read_citation(c.require("source", "a citation"))};
    });
  }
  if (key == "art6_3") {
    return read_list(s, r.art6_3, [](const JsonCursor& c) {
      allow_keys(c, {"id", "fact", "title", "source"});
      return Art63Condition{c.require("id", "an id").as_string(), read_fact(c.require("fact", "a card field")),
                            read_texts(c.require("title", "titles")), read_citation(c.require("source", "a citation"))};
    });
  }
  if (key == "profiling_override") {
    r.profiling_override = read_citation(s);
    return;
  }
  if (key == "annex_i") {
    return read_list(s, r.annex_i, [](const JsonCursor& c) {
      allow_keys(c, {"id", "title", "history"});
      AnnexILegislation l;
      l.id = c.require("id", "an id").as_string();
      l.title = read_texts(c.require("title", "titles"));
      const JsonCursor h = c.require("history", "dated sections");
      for (std::size_t j = 0, m = h.expect_array(); j < m; ++j) {
        const JsonCursor e = h.at(j);
        allow_keys(e, {"from", "section", "source", "note"});
        DatedSection d;
        d.from = e.require("from", "a date").as_date();
        if (!l.history.empty() && !(l.history.back().from < d.from)) fail(e, "from: dates must strictly increase");
        d.section = closed<AnnexISection>(e.require("section", "\"A\" or \"B\""),
                                          {{"A", AnnexISection::a}, {"B", AnnexISection::b}});
        d.source = read_citation(e.require("source", "a citation"));
        d.note = opt_string(e, "note");
        l.history.push_back(std::move(d));
      }
      if (l.history.empty()) fail(h, "at least one dated entry is required");
      return l;
    });
  }
  if (key == "transparency") {
    return read_list(s, r.transparency, [](const JsonCursor& c) {
      allow_keys(c, {"id", "actor", "when", "in_force_from", "legacy_placed_before", "legacy_in_force_from", "title",
                     "source"});
      TransparencyDuty d;
      d.id = c.require("id", "an id").as_string();
      d.actor = read_actor(c.require("actor", "an actor"));
      d.when = read_condition(c.require("when", "a condition"));
      d.in_force_from = c.require("in_force_from", "a date id").as_string();
      d.legacy_placed_before = opt_string(c, "legacy_placed_before");
      d.legacy_in_force_from = opt_string(c, "legacy_in_force_from");
      if (d.legacy_placed_before.empty() != d.legacy_in_force_from.empty())
        fail(c, "legacy_placed_before and legacy_in_force_from go together");
      d.title = read_texts(c.require("title", "titles"));
      d.source = read_citation(c.require("source", "a citation"));
      return d;
    });
  }
  if (key == "role_shifts") {
    return read_list(s, r.role_shifts, [](const JsonCursor& c) {
      allow_keys(c, {"id", "fact", "makes_high_risk", "title", "source"});
      return RoleShift{c.require("id", "an id").as_string(), read_fact(c.require("fact", "a card field")),
                       c.require("makes_high_risk", "true or false").as_bool(), read_texts(c.require("title", "titles")),
                       read_citation(c.require("source", "a citation"))};
    });
  }
  if (key == "obligations") {
    return read_list(s, r.obligations, [](const JsonCursor& c) {
      allow_keys(c, {"id", "actor", "scope", "duty", "in_force_from", "in_force_from_annex_i", "fine_tier", "text",
                     "source"});
      SystemObligation o;
      o.id = c.require("id", "an id").as_string();
      o.actor = read_actor(c.require("actor", "an actor"));
      o.scope = closed<ObligationScope>(
          c.require("scope", "a scope"),
          {{"ai_system", ObligationScope::ai_system},
           {"prohibited", ObligationScope::prohibited},
           {"permitted_biometric_use", ObligationScope::permitted_biometric_use},
           {"high_risk", ObligationScope::high_risk},
           {"high_risk_non_eu", ObligationScope::high_risk_non_eu},
           {"high_risk_public_deployer", ObligationScope::high_risk_public_deployer},
           {"fria", ObligationScope::fria},
           {"right_to_explanation", ObligationScope::right_to_explanation},
           {"art6_3_exempt", ObligationScope::art6_3_exempt},
           {"annex_i_section_b", ObligationScope::annex_i_section_b},
           {"transparency", ObligationScope::transparency},
           {"gpai_system", ObligationScope::gpai_system}});
      o.duty = opt_string(c, "duty");
      if ((o.scope == ObligationScope::transparency) == o.duty.empty())
        fail(c, "duty: names the transparency duty, and only for scope \"transparency\"");
      o.in_force_from = c.require("in_force_from", "a date id").as_string();
      o.in_force_from_annex_i = opt_string(c, "in_force_from_annex_i");
      o.fine_tier = opt_string(c, "fine_tier");
      o.text = read_texts(c.require("text", "texts"));
      o.source = read_citation(c.require("source", "a citation"));
      return o;
    });
  }
  if (key == "fine_tiers") {
    return read_list(s, r.fine_tiers, [](const JsonCursor& c) {
      allow_keys(c, {"id", "title", "source"});
      return FineTier{c.require("id", "an id").as_string(), read_texts(c.require("title", "titles")),
                      read_citation(c.require("source", "a citation"))};
    });
  }
  if (key == "questions") {
    std::set<std::string> fields;
    for (std::size_t i = 0, n = s.expect_array(); i < n; ++i) {
      const JsonCursor c = s.at(i);
      allow_keys(c, {"field", "question", "explanation", "source"});
      const JsonCursor f = c.require("field", "a card field");
      FactQuestion q{f.as_string(), read_texts(c.require("question", "questions")),
                     read_texts(c.require("explanation", "explanations")), read_citation(c.require("source", "a citation"))};
      static const std::set<std::string, std::less<>> lists = {"/organisation/roles", "/annex_iii", "/annex_i/legislation",
                                                               "/prohibited/exceptions", "/dates/placed_on_market"};
      if (!is_system_card_fact(q.field) && !lists.count(q.field)) fail(f, "\"" + q.field + "\" is not a system-card field");
      if (!fields.insert(q.field).second) fail(f, "a second question for " + q.field);
      r.questions.push_back(std::move(q));
    }
    return;
  }
}

constexpr std::string_view kSections[] = {
    "dates",      "steps",     "definition", "exclusions",         "practices",   "prohibition_exceptions",
    "annex_iii_areas", "annex_iii", "carve_outs", "art6_3", "profiling_override", "annex_i",
    "transparency", "role_shifts", "obligations", "fine_tiers",     "questions"};

void check_references(const SystemRuleSet& r, const std::string& where) {
  auto bad = [&](const std::string& message) { throw RuleDataError(SourceLocation{where, 0, 0, ""}, message); };
  auto date = [&](const std::string& id, const std::string& user) {
    if (!id.empty() && !r.date_rule(id)) bad(user + ": unknown date rule \"" + id + "\"");
  };
  for (const auto& p : r.practices) {
    date(p.in_force_from, p.id);
    for (const auto& x : p.exceptions) {
      auto it = std::find_if(r.prohibition_exceptions.begin(), r.prohibition_exceptions.end(),
                             [&](const ProhibitionException& e) { return e.id == x; });
      if (it == r.prohibition_exceptions.end()) bad(p.id + ": unknown exception \"" + x + "\"");
      if (it->practice != p.id) bad(p.id + ": exception \"" + x + "\" belongs to " + it->practice);
    }
    if (!p.excepted_annex_iii_point.empty() && !r.point(p.excepted_annex_iii_point))
      bad(p.id + ": unknown point id \"" + p.excepted_annex_iii_point + "\"");
  }
  for (const auto& x : r.prohibition_exceptions)
    if (!r.practice(x.practice)) bad(x.id + ": unknown practice \"" + x.practice + "\"");
  for (const auto& c : r.carve_outs)
    if (!r.point(c.point)) bad(c.id + ": unknown point id \"" + c.point + "\"");
  for (const auto& t : r.transparency) {
    date(t.in_force_from, t.id);
    date(t.legacy_placed_before, t.id);
    date(t.legacy_in_force_from, t.id);
  }
  for (const auto& o : r.obligations) {
    date(o.in_force_from, o.id);
    date(o.in_force_from_annex_i, o.id);
    if (!o.fine_tier.empty() && !r.fine_tier(o.fine_tier)) bad(o.id + ": unknown fine tier \"" + o.fine_tier + "\"");
    if (!o.duty.empty() && !r.duty(o.duty)) bad(o.id + ": unknown transparency duty \"" + o.duty + "\"");
  }
  for (std::string_view id : {system_rule_id::annex_iii_applies, system_rule_id::annex_i_applies,
                              system_rule_id::legacy_public_comply_by})
    date(std::string(id), "the classifier");
  for (std::string_view id :
       {system_rule_id::step_definition, system_rule_id::step_scope, system_rule_id::step_prohibited,
        system_rule_id::step_annex_i, system_rule_id::step_annex_iii, system_rule_id::step_art6_3,
        system_rule_id::step_transparency, system_rule_id::step_open_source, system_rule_id::step_roles,
        system_rule_id::step_gpai_system, system_rule_id::step_legacy})
    if (!r.step_source(id)) bad("the classifier: no step \"" + std::string(id) + "\" in \"steps\"");
  if (r.profiling_override.cite.empty()) bad("no \"profiling_override\" citation");
}

}  // namespace

SystemRuleSet load_system_rule_set(const std::string& dir) {
  const std::string manifest = (fs::path(dir) / "ruleset.json").string();
  try {
    const Json doc = parse_json_strict(read_text_file(manifest), manifest);
    const JsonCursor root(doc, manifest);
    allow_keys(root, {"schema", "ruleset", "version", "last_reviewed", "formalised_from", "description", "files"});
    data::expect_schema(root, "gpai-ruleset/1");
    SystemRuleSet rules;
    rules.ruleset = root.require("ruleset", "a ruleset id").as_string();
    rules.version = root.require("version", "a version").as_string();
    rules.formalised_from = root.require("formalised_from", "a date").as_date();
    root.require("last_reviewed", "a date").as_date();
    std::set<std::string> listed, sections_seen;
    const JsonCursor files = root.require("files", "the rule files of this ruleset");
    for (std::size_t i = 0, n = files.expect_array(); i < n; ++i) {
      const std::string name = files.at(i).as_string();
      listed.insert(name);
      const std::string path = (fs::path(dir) / name).string();
      if (!fs::is_regular_file(path)) fail(files.at(i), "listed rule file does not exist: " + path);
      const Json file_doc = parse_json_strict(read_text_file(path), path);
      const JsonCursor file_root(file_doc, path);
      file_root.expect_object();
      data::expect_schema(file_root, "gpai-rules/1");
      for (const auto& [key, _] : file_root.value().items()) {
        if (key == "schema" || key == "ruleset" || key == "description") continue;
        if (std::find(std::begin(kSections), std::end(kSections), key) == std::end(kSections))
          throw RuleDataError(SourceLocation{path, 0, 0, "/" + pointer_token(key)}, "unknown section \"" + std::string(key) + "\"");
        if (!sections_seen.insert(std::string(key)).second)
          throw RuleDataError(SourceLocation{path, 0, 0, "/" + pointer_token(key)},
                              "section \"" + std::string(key) + "\" is already given by another file");
        read_section(file_root, key, rules);
      }
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      if (entry.path().extension() == ".json" && name != "ruleset.json" && !listed.count(name))
        throw RuleDataError(SourceLocation{entry.path().string(), 0, 0, ""}, "rule file is not listed in ruleset.json");
    }
    check_references(rules, manifest);
    return rules;
  } catch (const InputError& e) {
    throw RuleDataError(e.where(), e.detail());
  }
}

}  // namespace gpai::io
