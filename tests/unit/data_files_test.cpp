// Lint of the shipped data: every file passes the strict loader, every dated
// entry cites its source, and every month from formalised_from to five years
// ahead is covered (an explicit null counts: "no such rule" must be said).
#include "gpai/io/data_files.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/error.hpp"

using namespace gpai;
namespace fs = std::filesystem;

TEST_CASE("shipped rule data passes the strict loader and cites every entry", "[data]") {
  const RuleSet& rules = test::data().rules;
  REQUIRE(rules.parameter("art51_2.compute_presumption"));
  for (const auto& [id, p] : rules.parameters) {
    INFO(id);
    CHECK_FALSE(p.description.empty());
    CHECK_FALSE(p.unit.empty());
    for (const auto& e : p.history) {
      CHECK_FALSE(e.source.instrument.empty());
      CHECK_FALSE(e.source.article.empty());
      CHECK_FALSE(e.source.cite.empty());
    }
  }
  for (const auto& [id, k] : rules.phase_kinds) {
    INFO(id);
    CHECK_FALSE(k.source.cite.empty());
    CHECK_FALSE(k.reason.empty());
  }
}

TEST_CASE("the Hugging Face vocabulary classifies licences and tasks", "[data][hf]") {
  const auto& v = test::data().hf_vocabulary;
  CHECK(v.licence_is_open_source("Apache-2.0") == std::optional<bool>(true));
  CHECK(v.licence_is_open_source("cc-by-nc-4.0") == std::optional<bool>(false));
  CHECK_FALSE(v.licence_is_open_source("llama3.1").has_value());
  const auto* t = v.task("text-to-image");
  REQUIRE(t);
  CHECK(t->input == std::vector<std::string>{"text"});
  CHECK(t->output == std::vector<std::string>{"image"});
  REQUIRE(v.task("text-classification"));
  CHECK(v.task("text-classification")->output.empty());  // labels: no generated content
  CHECK(v.unspecified("any-to-any"));
  CHECK(v.task("no-such-task") == nullptr);
}

TEST_CASE("temporal coverage: every month has a rule entry (null counts)", "[data]") {
  const RuleSet& rules = test::data().rules;
  for (const auto& [id, p] : rules.parameters) {
    INFO(id);
    CHECK(p.history.front().from <= rules.formalised_from);
    for (Date d = rules.formalised_from; d.year < rules.formalised_from.year + 6;
         d = d.plus_days(30)) {
      CHECK(p.in_force(d) != nullptr);
    }
  }
}

TEST_CASE("the Art. 51(2) threshold: null before 2 Aug 2025, 1e25 greater-than after", "[data]") {
  const Parameter* p = test::data().rules.parameter("art51_2.compute_presumption");
  REQUIRE(p);
  CHECK(p->comparison == Comparison::greater_than);
  CHECK_FALSE(p->in_force(*Date::parse("2025-08-01"))->value);
  CHECK(*p->in_force(*Date::parse("2025-08-02"))->value == 1e25);
  CHECK(p->in_force(*Date::parse("2025-08-02"))->source.cite == "Art. 51(2)");
}

TEST_CASE("the accelerator catalogue covers the required chips and telemetry names", "[data]") {
  const auto& cat = test::data().catalogue;
  for (const char* id : {"V100-SXM2", "A100-SXM4-40GB", "A100-SXM4-80GB", "H100-SXM", "H100-PCIe",
                         "H800-SXM", "H200-SXM", "B200", "TPU-v4", "TPU-v5e", "TPU-v5p", "MI250X",
                         "MI300X", "Gaudi2"}) {
    INFO(id);
    const AcceleratorSpec* s = cat.find(id);
    REQUIRE(s);
    CHECK(s->id == id);
    CHECK(s->peak_flop_per_s(s->default_precision).has_value());
    CHECK_FALSE(s->source.empty());
  }
  CHECK(cat.find("NVIDIA H100 80GB HBM3")->id == "H100-SXM");
  CHECK(cat.find("nvidia h100 pcie")->id == "H100-PCIe");
  CHECK(cat.find("Tesla V100-SXM2-32GB")->id == "V100-SXM2");
  CHECK(cat.find("NVIDIA A100-SXM4-80GB")->id == "A100-SXM4-80GB");
  // dense, not the sparse headline
  CHECK(*cat.find("H100-SXM")->peak_flop_per_s(Precision::bf16) == Approx(989.4e12));
  CHECK(cat.find("H100") == nullptr);  // ambiguous: SXM or PCIe
  const auto close = cat.close_matches("H100");
  CHECK(std::find(close.begin(), close.end(), "H100-SXM") != close.end());
  CHECK(std::find(close.begin(), close.end(), "H100-PCIe") != close.end());
}

namespace {
// A copy of the shipped data dir with one file replaced.
fs::path broken_copy(const std::string& relative, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("gpai-data-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(std::hash<std::string>{}(relative + text)));
  fs::remove_all(dir);
  fs::copy(GPAI_TEST_DATA_DIR, dir, fs::copy_options::recursive);
  std::ofstream(dir / relative) << text;
  return dir;
}

std::string load_error(const fs::path& dir) {
  try {
    io::load_data_bundle(dir.string());
  } catch (const RuleDataError& e) {
    fs::remove_all(dir);
    return e.what();
  }
  fs::remove_all(dir);
  return "";
}

const char* kRuleHead = R"x({"schema": "gpai-rules/1", "ruleset": "eu-ai-act-gpai", "parameters": [{
  "id": "art51_2.compute_presumption", "description": "d", "unit": "flop", "history": [)x";
const char* kSource = R"x("source": {"instrument": "reg_2024_1689", "article": "51(2)", "cite": "Art. 51(2)"})x";
}  // namespace

TEST_CASE("broken rule data is a RuleDataError naming file and pointer", "[data][bad_input]") {
  SECTION("dates out of order") {
    const auto err = load_error(broken_copy("rules/eu_ai_act/thresholds.json",
        std::string(kRuleHead) + R"x({"from": "2025-08-02", "value": 1e25, )x" + kSource +
        R"x(}, {"from": "2025-08-01", "value": 2e25, )x" + kSource + "}]}]}"));
    CHECK(err.find("thresholds.json: /parameters/0/history/1/from") != std::string::npos);
    CHECK(err.find("strictly increase") != std::string::npos);
  }
  SECTION("missing citation") {
    const auto err = load_error(broken_copy("rules/eu_ai_act/thresholds.json",
        std::string(kRuleHead) + R"x({"from": "2025-08-02", "value": 1e25}]}]})x"));
    CHECK(err.find("/parameters/0/history/0/source") != std::string::npos);
  }
  SECTION("duplicate key") {
    const auto err = load_error(broken_copy("rules/eu_ai_act/thresholds.json",
        std::string(kRuleHead) + R"x({"from": "2025-08-02", "value": 1e25, "value": 1e26, )x" + kSource + "}]}]}"));
    CHECK(err.find("duplicate key \"value\"") != std::string::npos);
  }
  SECTION("unknown key") {
    const auto err = load_error(broken_copy("rules/eu_ai_act/thresholds.json",
        std::string(kRuleHead) + R"x({"from": "2025-08-02", "valeu": 1e25, )x" + kSource + "}]}]}"));
    CHECK(err.find("unknown key \"valeu\"") != std::string::npos);
  }
  SECTION("Hugging Face vocabulary: a task listed twice, an unknown key") {
    const char* head = R"x({"schema": "gpai-hf-vocabulary/1", "version": "t",
      "licences": {"source": "s", "free_and_open_source": ["mit"], "not_free_markers": ["-nc"]},
      "pipeline_tags": {"source": "s", "unspecified": [], "tasks": [)x";
    const auto twice = load_error(broken_copy("vocabulary/huggingface.json",
        std::string(head) + R"x({"tag": "a", "input": ["text"], "output": []},
                               {"tag": "a", "input": ["text"], "output": ["text"]}]}})x"));
    CHECK(twice.find("huggingface.json: /pipeline_tags/tasks/1") != std::string::npos);
    CHECK(twice.find("listed twice") != std::string::npos);
    const auto unknown = load_error(broken_copy("vocabulary/huggingface.json",
        std::string(head) + R"x({"tag": "a", "input": ["text"], "ouptut": []}]}})x"));
    CHECK(unknown.find("unknown key \"ouptut\"") != std::string::npos);
  }
  SECTION("a rule file not listed in the manifest") {
    const auto err = load_error(broken_copy("rules/eu_ai_act/forgotten.json", "{}"));
    CHECK(err.find("forgotten.json: rule file is not listed in ruleset.json") != std::string::npos);
  }
}
