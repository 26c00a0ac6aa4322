// Lint of the shipped data: every file passes the strict loader, every dated
// entry cites its source, and every month from formalised_from to five years
// ahead is covered (an explicit null counts: "no such rule" must be said).
#include "gpai/io/data_files.hpp"

#include <cmath>
#include <filesystem>
#include <map>
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

// An entry found by its id, with a dense peak at its default precision and a source.
static void check_catalogue_entry(const AcceleratorCatalogue& cat, const char* id) {
  INFO(id);
  const AcceleratorSpec* s = cat.find(id);
  REQUIRE(s);
  CHECK(s->id == id);
  CHECK(s->peak_flop_per_s(s->default_precision).has_value());
  CHECK_FALSE(s->source.empty());
}

TEST_CASE("the accelerator catalogue covers the required chips and telemetry names", "[data]") {
  const auto& cat = test::data().catalogue;
  for (const char* id : {"V100-SXM2", "A100-SXM4-40GB", "A100-SXM4-80GB", "H100-SXM", "H100-PCIe",
                         "H800-SXM", "H200-SXM", "B200", "TPU-v4", "TPU-v5e", "TPU-v5p", "MI250X",
                         "MI300X", "Gaudi2"}) {
    check_catalogue_entry(cat, id);
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

TEST_CASE("the chips added in 2026.12 resolve from the names tools print, with dense per-chip peaks", "[data]") {
  const auto& cat = test::data().catalogue;
  for (const char* id : {"L40S", "H100-NVL", "GH200", "H20", "L4", "A10", "MI100", "MI250", "MI355X", "B300",
                         "GB300", "Trainium1", "Trainium2", "TPU7x"}) {
    check_catalogue_entry(cat, id);
    CHECK_FALSE(cat.find(id)->notes.empty());
  }
  auto id_of = [&](const char* name) {
    const AcceleratorSpec* s = cat.find(name);
    return s ? s->id : std::string("(none)");
  };
  // Literal names from nvidia-smi / torch, rocm-smi, JAX and the EC2 API.
  CHECK(id_of("NVIDIA H100 NVL") == "H100-NVL");
  CHECK(id_of("NVIDIA GH200 480GB") == "GH200");
  CHECK(id_of("NVIDIA GH200 144G HBM3e") == "GH200");
  CHECK(id_of("NVIDIA B300 SXM6 AC") == "B300");
  CHECK(id_of("NVIDIA GB300") == "GB300");  // not B300: whole names, never substrings
  CHECK(id_of("NVIDIA H20") == "H20");
  CHECK(id_of("NVIDIA H200") == "H200-SXM");
  CHECK(id_of("Arcturus GL-XL [AMD Instinct MI100]") == "MI100");
  CHECK(id_of("AMD Instinct MI250") == "MI250");
  CHECK(id_of("AMD Instinct MI250X") == "MI250X");
  CHECK(id_of("TPU7x") == "TPU7x");
  CHECK(id_of("Amazon Trainium2") == "Trainium2");
  CHECK(id_of("trn2") == "(none)");
  CHECK(id_of("Trainium") == "(none)");  // used for both generations
  CHECK(id_of("NVIDIA A10G") == "(none)");  // a different configuration from the A10

  // Hand-checked against the datasheets: dense, per chip.
  auto peak = [&](const char* id, Precision p) { return cat.find(id)->peak_flop_per_s(p).value_or(-1); };
  CHECK(peak("H100-NVL", Precision::bf16) == Approx(1671e12 / 2));  // per GPU, not the 2-GPU pair, not sparse
  CHECK(peak("GH200", Precision::bf16) == peak("H100-SXM", Precision::bf16));
  CHECK(peak("H20", Precision::bf16) == Approx(148e12));
  CHECK(peak("L40S", Precision::fp8) == Approx(1466e12 / 2));
  CHECK(peak("L4", Precision::bf16) == Approx(242e12 / 2));
  CHECK(peak("MI250", Precision::bf16) == Approx(362.1e12));  // per OAM = 2 GCDs
  CHECK(peak("MI100", Precision::bf16) == Approx(peak("MI100", Precision::fp16) / 2));  // CDNA1: BF16 half rate
  CHECK(cat.find("MI100")->default_precision == Precision::fp16);
  CHECK(peak("MI355X", Precision::fp8) == Approx(256 * 2.4e9 * 8192));
  CHECK(peak("B300", Precision::bf16) == Approx(36e15 / 8 / 2));   // HGX B300: 8 GPUs, sparse
  CHECK(peak("GB300", Precision::bf16) == Approx(360e15 / 72 / 2));  // GB300 NVL72: 72 GPUs, sparse
  CHECK(peak("Trainium2", Precision::bf16) == Approx(667e12));
  CHECK(peak("TPU7x", Precision::fp8) == Approx(4614e12));
  CHECK(peak("TPU7x", Precision::bf16) == Approx(2307e12));
  CHECK_FALSE(cat.find("B300")->peak_flop_per_s(Precision::int8));  // cut on Blackwell Ultra; sources disagree
}

TEST_CASE("every catalogue name resolves to its own entry: no alias is shared or shadowed", "[data]") {
  const auto& cat = test::data().catalogue;
  std::map<std::string, std::string> owner;
  for (const auto& s : cat.specs()) {
    std::vector<std::string> names = s.aliases;
    names.push_back(s.id);
    names.push_back(s.name);
    for (const auto& name : names) {
      INFO(s.id << ": " << name);
      const AcceleratorSpec* found = cat.find(name);
      REQUIRE(found);
      CHECK(found->id == s.id);
      const auto [it, fresh] = owner.emplace(normalise_accelerator_name(name), s.id);
      CHECK((fresh || it->second == s.id));
    }
    for (const auto& [p, v] : s.peak_flop_per_s_dense) {
      INFO(s.id << " " << to_string(p));
      CHECK(std::isfinite(v));
      CHECK(v > 0);
    }
  }
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
  SECTION("accelerators: a duplicate id, a shared alias, a null peak") {
    const char* head = R"x({"schema": "gpai-accelerators/1", "version": "t", "accelerators": [)x";
    const char* a = R"x({"id": "X-1", "vendor": "V", "name": "X one", "aliases": ["XO"], "default_precision": "bf16",
                         "peak_flop_per_s_dense": {"bf16": 1e12}, "source": "s"})x";
    const auto dup = load_error(broken_copy("hardware/accelerators.json", std::string(head) + a + ", " + a + "]}"));
    CHECK(dup.find("accelerators.json: /accelerators/1/id") != std::string::npos);
    CHECK(dup.find("duplicate id X-1") != std::string::npos);
    const auto shared = load_error(broken_copy("hardware/accelerators.json", std::string(head) + a +
        R"x(, {"id": "Y-1", "vendor": "V", "name": "Y one", "aliases": ["YO", "x-o"], "default_precision": "bf16",
              "peak_flop_per_s_dense": {"bf16": 1e12}, "source": "s"}]})x"));
    CHECK(shared.find("/accelerators/1/aliases/1") != std::string::npos);
    CHECK(shared.find("also names X-1") != std::string::npos);
    const auto null_peak = load_error(broken_copy("hardware/accelerators.json", std::string(head) +
        R"x({"id": "X-1", "vendor": "V", "name": "X one", "default_precision": "bf16",
             "peak_flop_per_s_dense": {"bf16": 1e12, "fp8": null}, "source": "s"}]})x"));
    CHECK(null_peak.find("/accelerators/0/peak_flop_per_s_dense/fp8") != std::string::npos);
  }
  SECTION("a rule file not listed in the manifest") {
    const auto err = load_error(broken_copy("rules/eu_ai_act/forgotten.json", "{}"));
    CHECK(err.find("forgotten.json: rule file is not listed in ruleset.json") != std::string::npos);
  }
}
