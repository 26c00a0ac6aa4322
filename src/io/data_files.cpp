#include "gpai/io/data_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "data_readers.hpp"
#include "gpai/io/system_rules_file.hpp"

namespace gpai::io {
namespace fs = std::filesystem;

namespace data {
void allow_keys(const JsonCursor& c, std::initializer_list<std::string_view> allowed) {
  c.expect_object();
  for (const auto& [key, _] : c.value().items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw RuleDataError(SourceLocation{c.file(), 0, 0, c.pointer() + "/" + pointer_token(key)},
                          "unknown key \"" + std::string(key) + "\" (allowed: " + list + ")");
    }
  }
}

void fail(const JsonCursor& c, const std::string& message) { throw RuleDataError(c.location(), message); }

void expect_schema(const JsonCursor& root, const std::string& schema) {
  const auto s = root.require("schema", "\"" + schema + "\"");
  if (s.as_string() != schema) s.fail("\"" + schema + "\"");
}

Citation read_citation(const JsonCursor& c) {
  allow_keys(c, {"instrument", "article", "cite", "url", "confidence"});
  Citation cit;
  cit.instrument = c.require("instrument", "the instrument cited").as_string();
  cit.article = c.require("article", "article, paragraph and point").as_string();
  cit.cite = c.require("cite", "the citation as printed").as_string();
  if (auto u = c.field("url")) cit.url = u->as_string();
  if (auto k = c.field("confidence")) {
    const std::string v = k->as_string();
    if (v == "primary") cit.confidence = Confidence::primary;
    else if (v == "secondary_agree") cit.confidence = Confidence::secondary_agree;
    else if (v == "unverified") cit.confidence = Confidence::unverified;
    else fail(*k, "confidence: unknown value \"" + v + "\" (allowed: primary, secondary_agree, unverified)");
  }
  return cit;
}
}  // namespace data

namespace {

// Runs `body`, turning input errors in our own data into RuleDataError.
template <typename F>
auto as_rule_data(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const InputError& e) {
    throw RuleDataError(e.where(), e.detail());
  }
}

using data::allow_keys;
using data::expect_schema;
using data::read_citation;
const auto data_fail = [](const JsonCursor& c, const std::string& message) { data::fail(c, message); };

Json load_json(const std::string& path) { return parse_json_strict(read_text_file(path), path); }


Parameter read_parameter(const JsonCursor& c) {
  allow_keys(c, {"id", "description", "unit", "comparison", "history"});
  Parameter p;
  p.id = c.require("id", "a parameter id").as_string();
  p.description = c.require("description", "a description").as_string();
  p.unit = c.require("unit", "a unit such as \"flop\"").as_string();
  if (auto cmp = c.field("comparison")) {
    const auto s = cmp->as_string();
    if (s == "greater_than") p.comparison = Comparison::greater_than;
    else if (s == "greater_or_equal") p.comparison = Comparison::greater_or_equal;
    else cmp->fail("\"greater_than\" or \"greater_or_equal\"");
  }
  const JsonCursor hist = c.require("history", "an array of dated entries");
  const std::size_t n = hist.expect_array();
  if (n == 0) data_fail(hist, "history: at least one dated entry is required");
  for (std::size_t i = 0; i < n; ++i) {
    const JsonCursor e = hist.at(i);
    allow_keys(e, {"from", "value", "status", "source", "note"});
    DatedValue dv;
    dv.from = e.require("from", "a date \"YYYY-MM-DD\"").as_date();
    if (!p.history.empty() && !(p.history.back().from < dv.from)) {
      data_fail(e.require("from", ""), "from: dates must strictly increase (after " +
                                           p.history.back().from.to_string() + ")");
    }
    if (!e.value().contains("value")) e.require("value", "a number, or null for \"no such rule\"");
    if (auto v = e.field("value")) dv.value = v->as_number(Range::non_negative);
    if (auto st = e.field("status")) {
      const auto s = st->as_string();
      if (s == "expected") dv.expected = true;
      else if (s != "in_force") st->fail("\"in_force\" or \"expected\"");
    }
    dv.source = read_citation(e.require("source", "a citation"));
    if (auto note = e.field("note")) dv.note = note->as_string();
    p.history.push_back(std::move(dv));
  }
  return p;
}

PhaseKindRule read_phase_kind(const JsonCursor& c) {
  allow_keys(c, {"id", "counts_cumulative", "counts_training", "counts_indicative", "flop_per_parameter_token",
                 "description", "reason", "source"});
  PhaseKindRule r;
  r.id = c.require("id", "a phase kind id").as_string();
  r.counts_cumulative = c.require("counts_cumulative", "true or false").as_bool();
  r.counts_training = c.require("counts_training", "true or false").as_bool();
  if (r.counts_training && !r.counts_cumulative) {
    data_fail(c, "a weight-updating phase must also count towards cumulative compute");
  }
  r.counts_indicative = c.require("counts_indicative", "true or false").as_bool();
  if (r.counts_training && !r.counts_indicative) {
    data_fail(c, "a weight-updating phase must also count towards the indicative criterion");
  }
  if (r.counts_indicative && !r.counts_cumulative) {
    data_fail(c, "a phase counted for the indicative criterion must also count towards cumulative compute");
  }
  r.flop_per_parameter_token =
      c.require("flop_per_parameter_token", "6, 2 or 0").as_number(Range::non_negative);
  r.description = c.require("description", "a description").as_string();
  r.reason = c.require("reason", "why it is counted or excluded").as_string();
  r.source = read_citation(c.require("source", "a citation"));
  return r;
}

void read_rule_file(const std::string& path, RuleSet& rules) {
  const Json doc = load_json(path);
  const JsonCursor root(doc, path);
  allow_keys(root, {"schema", "ruleset", "description", "parameters", "phase_kinds", "dates", "obligations",
                    "annex_xiii", "designations", "incident_reporting"});
  expect_schema(root, "gpai-rules/1");
  if (root.require("ruleset", "the ruleset id").as_string() != rules.ruleset) {
    data_fail(root.require("ruleset", ""), "ruleset: expected \"" + rules.ruleset + "\"");
  }
  if (auto params = root.field("parameters")) {
    for (std::size_t i = 0, n = params->expect_array(); i < n; ++i) {
      Parameter p = read_parameter(params->at(i));
      if (rules.parameters.count(p.id)) data_fail(params->at(i), "duplicate parameter id " + p.id);
      rules.parameters.emplace(p.id, std::move(p));
    }
  }
  if (auto kinds = root.field("phase_kinds")) {
    for (std::size_t i = 0, n = kinds->expect_array(); i < n; ++i) {
      PhaseKindRule k = read_phase_kind(kinds->at(i));
      if (rules.phase_kinds.count(k.id)) data_fail(kinds->at(i), "duplicate phase kind " + k.id);
      rules.phase_kinds.emplace(k.id, std::move(k));
    }
  }
  if (auto d = root.field("dates")) data::read_dates(*d, rules);
  if (auto o = root.field("obligations")) data::read_obligations(*o, rules);
  if (auto x = root.field("annex_xiii")) data::read_annex_xiii(*x, rules);
  if (auto d = root.field("designations")) data::read_designations(*d, rules);
  if (auto i = root.field("incident_reporting")) data::read_incidents(*i, rules);
}

}  // namespace

std::string find_data_dir(const std::optional<std::string>& explicit_dir,
                          const std::string& executable_path, const std::string& source_tree_dir) {
  auto usable = [](const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p / "rules" / "eu_ai_act" / "ruleset.json", ec);
  };
  if (explicit_dir) {
    if (!usable(*explicit_dir)) {
      throw UsageError("--data " + *explicit_dir +
                       ": not a gpai-eval data directory (no rules/eu_ai_act/ruleset.json)");
    }
    return *explicit_dir;
  }
  if (const char* env = std::getenv("GPAI_DATA_DIR"); env && *env) {
    if (!usable(env)) {
      throw UsageError(std::string("GPAI_DATA_DIR=") + env +
                       ": not a gpai-eval data directory (no rules/eu_ai_act/ruleset.json)");
    }
    return env;
  }
  std::error_code ec;
  const fs::path exe = fs::weakly_canonical(fs::path(executable_path), ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "gpai";
    if (usable(installed)) return installed.string();
  }
  if (usable(source_tree_dir)) return source_tree_dir;
  throw UsageError("cannot find the gpai-eval data directory; pass --data DIR or set GPAI_DATA_DIR");
}

RuleSet load_rule_set(const std::string& dir) {
  return as_rule_data([&] {
    const std::string manifest = (fs::path(dir) / "ruleset.json").string();
    const Json doc = load_json(manifest);
    const JsonCursor root(doc, manifest);
    allow_keys(root, {"schema", "ruleset", "version", "last_reviewed", "formalised_from",
                      "description", "files"});
    expect_schema(root, "gpai-ruleset/1");
    RuleSet rules;
    rules.ruleset = root.require("ruleset", "a ruleset id").as_string();
    rules.version = root.require("version", "a version").as_string();
    rules.formalised_from = root.require("formalised_from", "a date").as_date();
    root.require("last_reviewed", "a date").as_date();
    std::set<std::string> listed;
    const JsonCursor files = root.require("files", "the rule files of this ruleset");
    for (std::size_t i = 0, n = files.expect_array(); i < n; ++i) {
      const std::string name = files.at(i).as_string();
      listed.insert(name);
      const fs::path path = fs::path(dir) / name;
      if (!fs::is_regular_file(path)) data_fail(files.at(i), "listed rule file does not exist: " + path.string());
      read_rule_file(path.string(), rules);
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      if (entry.path().extension() == ".json" && name != "ruleset.json" && !listed.count(name)) {
        throw RuleDataError(SourceLocation{entry.path().string(), 0, 0, ""},
                            "rule file is not listed in ruleset.json");
      }
    }
    data::check_references(rules, manifest);
    return rules;
  });
}

EstimationAssumptions load_estimation_assumptions(const std::string& path) {
  return as_rule_data([&] {
    const Json doc = load_json(path);
    const JsonCursor root(doc, path);
    allow_keys(root, {"schema", "version", "last_reviewed", "note", "default_utilization",
                      "utilization_metrics", "method_disagreement_factor", "implied_utilization_bounds"});
    expect_schema(root, "gpai-assumptions/1");
    EstimationAssumptions a;
    a.version = root.require("version", "a version").as_string();
    const JsonCursor du = root.require("default_utilization", "the default MFU interval");
    allow_keys(du, {"low", "high", "metric", "source"});
    const double low = du.require("low", "the low end").as_number(Range::unit_interval);
    const double high = du.require("high", "the high end").as_number(Range::unit_interval);
    if (high < low) du.fail("low <= high");
    a.default_utilization = Quantity::interval90(low, high);
    a.default_utilization_source = du.require("source", "a source").as_string();
    const JsonCursor metrics = root.require("utilization_metrics", "conversions to MFU");
    for (std::size_t i = 0, n = metrics.expect_array(); i < n; ++i) {
      const JsonCursor m = metrics.at(i);
      allow_keys(m, {"metric", "mfu_per_unit", "explanation", "source"});
      const JsonCursor name = m.require("metric", "\"tensor_active\" or \"occupancy\"");
      UtilizationMetric metric;
      if (name.as_string() == "tensor_active") metric = UtilizationMetric::tensor_active;
      else if (name.as_string() == "occupancy") metric = UtilizationMetric::occupancy;
      else name.fail("\"tensor_active\" or \"occupancy\"");
      MetricConversion conv;
      conv.mfu_per_unit = m.require("mfu_per_unit", "an interval").as_quantity(Range::unit_interval);
      conv.explanation = m.require("explanation", "an explanation").as_string();
      conv.source = m.require("source", "a source").as_string();
      a.metric_conversions[metric] = conv;
    }
    const JsonCursor df = root.require("method_disagreement_factor", "a factor");
    allow_keys(df, {"value", "source"});
    a.disagreement_factor = df.require("value", "a factor > 1").as_number(Range::positive);
    a.disagreement_source = df.require("source", "a source").as_string();
    const JsonCursor iu = root.require("implied_utilization_bounds", "the audit's implied-utilisation bounds");
    allow_keys(iu, {"low", "high", "source"});
    a.implied_utilization_low = iu.require("low", "a share in (0, 1]").as_number(Range::unit_interval);
    a.implied_utilization_high = iu.require("high", "a share in (0, 1]").as_number(Range::unit_interval);
    if (a.implied_utilization_high <= a.implied_utilization_low) iu.fail("low < high");
    a.implied_utilization_source = iu.require("source", "a source").as_string();
    return a;
  });
}

TaxonomyRegistry load_taxonomies(const std::string& dir) {
  return as_rule_data([&] {
    TaxonomyRegistry reg;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const std::string path = f.string();
      const Json doc = load_json(path);
      reg.taxonomies.push_back(data::read_taxonomy(JsonCursor(doc, path)));
    }
    std::sort(reg.taxonomies.begin(), reg.taxonomies.end(),
              [](const Taxonomy& a, const Taxonomy& b) { return a.from < b.from; });
    return reg;
  });
}

FrontierBenchmarks load_frontier_benchmarks(const std::string& path) {
  return as_rule_data([&] {
    const Json doc = load_json(path);
    return data::read_frontier_benchmarks(JsonCursor(doc, path));
  });
}

HfVocabulary load_hf_vocabulary(const std::string& path) {
  return as_rule_data([&] {
    const Json doc = load_json(path);
    const JsonCursor root(doc, path);
    data::allow_keys(root, {"schema", "version", "last_reviewed", "description", "licences", "pipeline_tags"});
    data::expect_schema(root, "gpai-hf-vocabulary/1");
    HfVocabulary v;
    v.version = root.require("version", "a version").as_string();
    const JsonCursor licences = root.require("licences", "the licence classification");
    data::allow_keys(licences, {"source", "free_and_open_source", "not_free_markers", "note"});
    licences.require("source", "where the classification comes from").as_string();
    v.free_licences = licences.require("free_and_open_source", "licence ids").as_string_list();
    v.not_free_markers = licences.require("not_free_markers", "substrings").as_string_list();
    const JsonCursor tags = root.require("pipeline_tags", "the task table");
    data::allow_keys(tags, {"source", "unspecified", "tasks"});
    tags.require("source", "where the task list comes from").as_string();
    v.unspecified_tags = tags.require("unspecified", "tags without modalities").as_string_list();
    const JsonCursor tasks = tags.require("tasks", "tasks");
    for (std::size_t i = 0, n = tasks.expect_array(); i < n; ++i) {
      const JsonCursor t = tasks.at(i);
      data::allow_keys(t, {"tag", "input", "output"});
      HfTask task;
      task.tag = t.require("tag", "a pipeline tag").as_string();
      task.input = t.require("input", "input modalities").as_string_list();
      task.output = t.require("output", "output modalities ([] for labels or scores)").as_string_list();
      if (v.task(task.tag)) data::fail(t, "pipeline tag '" + task.tag + "' listed twice");
      v.tasks.push_back(std::move(task));
    }
    return v;
  });
}

std::vector<std::string> available_languages(const std::string& data_dir) {
  std::vector<std::string> languages;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(data_dir) / "messages", ec)) {
    if (e.path().extension() == ".json") languages.push_back(e.path().stem().string());
  }
  std::sort(languages.begin(), languages.end());
  return languages;
}

DataBundle load_data_bundle(const std::string& data_dir, const std::string& user_catalogue,
                            const std::string& language) {
  const fs::path d(data_dir);
  DataBundle b;
  b.dir = data_dir;
  b.catalogue = load_accelerator_catalogue((d / "hardware" / "accelerators.json").string());
  b.user_catalogue = user_catalogue;
  b.rules = load_rule_set((d / "rules" / "eu_ai_act").string());
  b.systems = load_system_rule_set((d / "rules" / "eu_ai_act_systems").string());
  b.assumptions = load_estimation_assumptions((d / "estimation" / "assumptions.json").string());
  b.taxonomies = load_taxonomies((d / "taxonomy").string());
  b.benchmarks = load_frontier_benchmarks((d / "reference" / "frontier_benchmarks.json").string());
  b.hf_vocabulary = load_hf_vocabulary((d / "vocabulary" / "huggingface.json").string());
  b.messages = load_messages(data_dir, language);
  if (!user_catalogue.empty()) b.catalogue = extend_accelerator_catalogue(b.catalogue, user_catalogue);
  return b;
}

}  // namespace gpai::io
