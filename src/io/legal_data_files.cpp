#include <algorithm>
#include <set>

#include "data_readers.hpp"

namespace gpai::io::data {

void read_dates(const JsonCursor& list, RuleSet& rules) {
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"id", "description", "history"});
    DateRule r;
    r.id = c.require("id", "a date id").as_string();
    r.description = c.require("description", "a description").as_string();
    const JsonCursor hist = c.require("history", "dated entries");
    for (std::size_t j = 0, m = hist.expect_array(); j < m; ++j) {
      const JsonCursor e = hist.at(j);
      allow_keys(e, {"from", "value", "source", "note"});
      DatedDate d;
      d.from = e.require("from", "a date").as_date();
      if (!r.history.empty() && !(r.history.back().from < d.from)) fail(e, "from: dates must strictly increase");
      if (!e.value().contains("value")) e.require("value", "a date, or null");
      if (auto v = e.field("value")) d.value = v->as_date();
      d.source = read_citation(e.require("source", "a citation"));
      if (auto note = e.field("note")) d.note = note->as_string();
      r.history.push_back(std::move(d));
    }
    if (r.history.empty()) fail(hist, "at least one dated entry is required");
    if (!rules.dates.emplace(r.id, r).second) fail(c, "duplicate date id " + r.id);
  }
}

void read_obligations(const JsonCursor& list, RuleSet& rules) {
  std::set<std::string> ids;
  for (const auto& o : rules.obligations) ids.insert(o.id);
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"id", "title", "applies_to", "exemptions", "deadline", "in_force_from", "modification_scope",
                   "source", "items"});
    Obligation o;
    o.id = c.require("id", "an obligation id").as_string();
    o.title = c.require("title", "a title").as_string();
    o.applies_to = closed<AppliesTo>(c.require("applies_to", "who it applies to"),
                                     {{"gpai", AppliesTo::gpai},
                                      {"systemic_risk", AppliesTo::systemic_risk},
                                      {"non_eu_gpai", AppliesTo::non_eu_gpai}});
    o.deadline = closed<DeadlineKind>(c.require("deadline", "a deadline kind"),
                                      {{"placing_on_market", DeadlineKind::placing_on_market},
                                       {"notification", DeadlineKind::notification},
                                       {"incident", DeadlineKind::incident},
                                       {"continuous", DeadlineKind::continuous}});
    o.in_force_from = c.require("in_force_from", "a date id").as_string();
    if (auto s = c.field("modification_scope")) o.modification_scope = s->as_string();
    o.source = read_citation(c.require("source", "a citation"));
    if (auto ex = c.field("exemptions")) {
      for (std::size_t j = 0, m = ex->expect_array(); j < m; ++j) {
        const JsonCursor e = ex->at(j);
        allow_keys(e, {"when", "description", "source"});
        Exemption x;
        x.when = closed<ExemptionCondition>(e.require("when", "a condition"),
                                            {{"open_source_without_systemic_risk",
                                              ExemptionCondition::open_source_without_systemic_risk}});
        x.description = e.require("description", "a description").as_string();
        x.source = read_citation(e.require("source", "a citation"));
        o.exemptions.push_back(std::move(x));
      }
    }
    if (auto items = c.field("items")) {
      for (std::size_t j = 0, m = items->expect_array(); j < m; ++j) {
        const JsonCursor e = items->at(j);
        allow_keys(e, {"id", "title", "source"});
        ObligationItem it{e.require("id", "an id").as_string(), e.require("title", "a title").as_string(),
                          read_citation(e.require("source", "a citation"))};
        if (!ids.insert(it.id).second) fail(e, "duplicate obligation id " + it.id);
        o.items.push_back(std::move(it));
      }
    }
    if (!ids.insert(o.id).second) fail(c, "duplicate obligation id " + o.id);
    rules.obligations.push_back(std::move(o));
  }
}

void read_annex_xiii(const JsonCursor& section, RuleSet& rules) {
  allow_keys(section, {"criteria", "designation_candidate"});
  const JsonCursor list = section.require("criteria", "the designation criteria");
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"id", "point", "title", "indicator", "reference_parameter", "source"});
    AnnexXiiiCriterion k;
    k.id = c.require("id", "an id").as_string();
    k.point = c.require("point", "a point letter").as_string();
    k.title = c.require("title", "a title").as_string();
    k.indicator = closed<Indicator>(c.require("indicator", "an indicator"),
                                    {{"parameters", Indicator::parameters}, {"tokens", Indicator::tokens},
                                     {"compute", Indicator::compute}, {"modalities", Indicator::modalities},
                                     {"benchmarks", Indicator::benchmarks},
                                     {"business_users", Indicator::business_users},
                                     {"end_users", Indicator::end_users}});
    if (auto r = c.field("reference_parameter")) k.reference_parameter = r->as_string();
    k.source = read_citation(c.require("source", "a citation"));
    rules.annex_xiii.push_back(std::move(k));
  }
  const JsonCursor dc = section.require("designation_candidate", "when the designation criteria make a candidate");
  allow_keys(dc, {"when_any_met", "or_min_met", "explanation", "source"});
  auto& rule = rules.designation_candidate;
  const JsonCursor any = dc.require("when_any_met", "criterion ids");
  rule.when_any_met = any.as_string_list();
  rule.or_min_met = static_cast<int>(dc.require("or_min_met", "a count").as_number(Range::non_negative));
  rule.explanation = dc.require("explanation", "an explanation").as_string();
  rule.source = read_citation(dc.require("source", "a citation"));
}

void read_designations(const JsonCursor& list, RuleSet& rules) {
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"model", "decided", "source"});
    rules.designations.push_back({c.require("model", "a model name").as_string(),
                                  c.require("decided", "a date").as_date(),
                                  read_citation(c.require("source", "a citation"))});
  }
}

void read_incidents(const JsonCursor& section, RuleSet& rules) {
  allow_keys(section, {"types", "update_every_days", "final_report_within_days", "source"});
  auto& inc = rules.incidents;
  inc.update_every_days = static_cast<int>(section.require("update_every_days", "days").as_number(Range::positive));
  inc.final_report_within_days =
      static_cast<int>(section.require("final_report_within_days", "days").as_number(Range::positive));
  inc.source = read_citation(section.require("source", "a citation"));
  const JsonCursor list = section.require("types", "incident types");
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"id", "description", "report_within_days", "source"});
    inc.types.push_back({c.require("id", "an id").as_string(), c.require("description", "a description").as_string(),
                         static_cast<int>(c.require("report_within_days", "days").as_number(Range::positive)),
                         read_citation(c.require("source", "a citation"))});
  }
}

void check_references(const RuleSet& rules, const std::string& manifest) {
  auto bad = [&](const std::string& what) { throw RuleDataError(SourceLocation{manifest, 0, 0, ""}, what); };
  for (const auto& o : rules.obligations) {
    if (!rules.date_rule(o.in_force_from)) bad("obligation " + o.id + " refers to unknown date " + o.in_force_from);
  }
  for (const auto& c : rules.annex_xiii) {
    if (!c.reference_parameter.empty() && !rules.parameter(c.reference_parameter)) {
      bad("designation criterion " + c.id + " refers to unknown parameter " + c.reference_parameter);
    }
  }
  for (const auto& id : rules.designation_candidate.when_any_met) {
    if (std::none_of(rules.annex_xiii.begin(), rules.annex_xiii.end(), [&](const auto& c) { return c.id == id; })) {
      bad("designation_candidate refers to unknown criterion " + id);
    }
  }
}

Taxonomy read_taxonomy(const JsonCursor& root) {
  allow_keys(root, {"schema", "id", "title", "from", "source", "note", "categories"});
  expect_schema(root, "gpai-taxonomy/1");
  Taxonomy t;
  t.id = root.require("id", "an id").as_string();
  t.title = root.require("title", "a title").as_string();
  t.from = root.require("from", "a date").as_date();
  t.source = read_citation(root.require("source", "a citation"));
  const JsonCursor list = root.require("categories", "risk categories");
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"id", "name", "specified", "aliases", "measures"});
    RiskCategory k;
    k.id = c.require("id", "an id").as_string();
    k.name = c.require("name", "a name").as_string();
    k.specified = c.require("specified", "true or false").as_bool();
    if (auto a = c.field("aliases")) k.aliases = a->as_string_list();
    const JsonCursor measures = c.require("measures", "the measures this category drives");
    for (std::size_t j = 0, m = measures.expect_array(); j < m; ++j) {
      const JsonCursor e = measures.at(j);
      allow_keys(e, {"what", "source"});
      k.measures.push_back({e.require("what", "a measure").as_string(), read_citation(e.require("source", "a citation"))});
    }
    t.categories.push_back(std::move(k));
  }
  return t;
}

FrontierBenchmarks read_frontier_benchmarks(const JsonCursor& root) {
  allow_keys(root, {"schema", "version", "as_of", "within_share", "method_source", "note", "results"});
  expect_schema(root, "gpai-frontier-benchmarks/1");
  FrontierBenchmarks b;
  b.version = root.require("version", "a version").as_string();
  b.as_of = root.require("as_of", "a date").as_date();
  b.within_share = root.require("within_share", "a share in (0, 1]").as_number(Range::unit_interval);
  b.method_source = root.require("method_source", "a source").as_string();
  const JsonCursor list = root.require("results", "frontier results");
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    const JsonCursor c = list.at(i);
    allow_keys(c, {"benchmark", "aliases", "score", "max", "model", "source"});
    FrontierResult r;
    r.benchmark = c.require("benchmark", "a name").as_string();
    if (auto a = c.field("aliases")) r.aliases = a->as_string_list();
    r.max = c.require("max", "the scale maximum").as_number(Range::positive);
    r.score = c.require("score", "the best published score").as_number(Range::non_negative);
    r.model = c.require("model", "the model that achieved it").as_string();
    r.source = c.require("source", "where it was published").as_string();
    b.results.push_back(std::move(r));
  }
  return b;
}

}  // namespace gpai::io::data
