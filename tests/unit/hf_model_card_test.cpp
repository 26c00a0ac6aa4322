// Hugging Face adapters: README front matter and Hub API JSON -> ModelCard,
// with the provenance of every mapped field and the pitfalls flagged.
#include "gpai/io/hf_model_card.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/error.hpp"

using namespace gpai;
using gpai::io::map_hf_readme;
using gpai::io::map_hub_api;
using gpai::MappedCard;
using gpai::test::data;
using Json = nlohmann::json;

namespace {

bool has_flag(const MappedCard& m, const std::string& id) {
  return std::any_of(m.provenance.flags.begin(), m.provenance.flags.end(),
                     [&](const Finding& f) { return f.id == id; });
}
bool is_missing(const MappedCard& m, const std::string& field) {
  return std::any_of(m.provenance.missing.begin(), m.provenance.missing.end(),
                     [&](const MissingField& f) { return f.field == field; });
}
bool is_mapped(const MappedCard& m, const std::string& field) {
  return std::any_of(m.provenance.mapped.begin(), m.provenance.mapped.end(),
                     [&](const FieldSource& f) { return f.field == field; });
}
double params(const MappedCard& m) { return m.card.architecture.parameters->value.median(); }

MappedCard readme(const std::string& text, const std::string& source = "org/model/README.md") {
  return map_hf_readme(text, source, data().catalogue, data().hf_vocabulary);
}
MappedCard hub(const std::string& json) {
  return map_hub_api(Json::parse(json), "hub.json", "", data().catalogue, data().hf_vocabulary);
}

std::string shared(const std::string& rel) {
  const std::filesystem::path p = std::filesystem::path(GPAI_SHARED_DIR) / "samples" / rel;
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("README front matter maps licence, modalities and lineage; no sizes means missing", "[hf]") {
  const auto m = readme(
      "---\nlicense: apache-2.0\npipeline_tag: text-generation\nbase_model: acme/base-7B\n---\n# Card\n");
  CHECK(m.provenance.format == CardFormat::hf_readme);
  CHECK(m.card.name == "model");  // the repository directory names the model
  CHECK(m.card.license.name == "apache-2.0");
  CHECK(m.card.license.open_source == true);
  CHECK(m.card.modalities.input == std::vector<std::string>{"text"});
  CHECK(m.card.modalities.output == std::vector<std::string>{"text"});
  REQUIRE(m.card.modification);
  CHECK(m.card.modification->base_model == "acme/base-7B");
  // A fine-tune: the base model's training counts (initialisation weights) plus its own.
  REQUIRE(m.card.phases.size() == 2);
  CHECK(m.card.phases[0].kind == "initialization_weights");
  CHECK(m.card.phases[1].kind == "fine_tuning");
  // Never guess: no parameter count, no tokens.
  CHECK_FALSE(m.card.architecture.parameters);
  CHECK(is_missing(m, "/architecture/parameters"));
  CHECK(is_missing(m, "/training/phases/0/tokens"));
  CHECK(is_missing(m, "/provider/established_in_eu"));
  const auto& u = m.provenance.undecidable;
  CHECK(std::find(u.begin(), u.end(), "threshold") != u.end());
}

TEST_CASE("a README without parameter counts gets insufficient_evidence from assess", "[hf][assess]") {
  auto m = readme("---\nlicense: mit\npipeline_tag: text-generation\n---\n\nA small model.\n");
  const Assessment a = assess(m.card, gpai::test::context(), *Date::parse("2026-01-01"));
  CHECK(to_string(a.threshold.status) == "insufficient_evidence");
  note_missing_evidence(m.card, a.compute, m.provenance);
  CHECK(is_missing(m, "/architecture/parameters"));
  CHECK(is_missing(m, "/training/phases/0/tokens"));
}

TEST_CASE("sizes and tokens stated in prose are mapped with a flag; tables and code are not read", "[hf][prose]") {
  const auto m = readme(
      "---\nlicense: apache-2.0\n---\n"
      "# X\n\n"
      "| Model | Tokens |\n|---|---|\n| other | 9 trillion tokens trained |\n\n"
      "```\ntrain(max_tokens=4096)  # trained on 7T tokens\n```\n\n"
      "It has 7,241,732,096 parameters.\nWe pretrained the model on a corpus of 2.5\ntrillion tokens.\n");
  REQUIRE(m.card.architecture.parameters);
  CHECK(params(m) == 7241732096.0);
  REQUIRE(m.card.phases.size() == 1);
  REQUIRE(m.card.phases[0].tokens);
  CHECK(m.card.phases[0].tokens->value.median() == 2.5e12);
  CHECK(has_flag(m, "tokens_from_prose"));
  CHECK(has_flag(m, "parameters_from_prose"));
  // 6 x 7.24e9 x 2.5e12 = 1.086e23
  const Assessment a = assess(m.card, gpai::test::context(), *Date::parse("2026-01-01"));
  CHECK(a.compute.cumulative_summary.median == Approx(6 * 7241732096.0 * 2.5e12));
}

TEST_CASE("two different token counts in prose are ambiguous: none used", "[hf][prose]") {
  const auto m = readme("---\nlicense: mit\n---\nThe 1B model was trained on 2T tokens. The 7B model was trained on 3T tokens.\n");
  CHECK_FALSE(m.card.phases[0].tokens);
  CHECK(has_flag(m, "tokens_ambiguous"));
}

TEST_CASE("MoE sizes: 57B-A14B in the name, total/active pairs in prose", "[hf][moe]") {
  const auto named = readme("---\nlicense: apache-2.0\n---\n", "Qwen_Qwen2-57B-A14B-Instruct.README.md");
  CHECK(named.card.architecture.kind == ArchitectureKind::moe);
  CHECK(params(named) == 57e9);
  CHECK(named.card.architecture.active_parameters->value.median() == 14e9);
  CHECK(has_flag(named, "moe_sizes_from_name"));

  const auto prose = readme(
      "---\ntags: [moe]\n---\nIt comprises 236B total parameters, of which 21B are activated for each token.\n");
  CHECK(prose.card.architecture.kind == ArchitectureKind::moe);
  CHECK(params(prose) == 236e9);
  CHECK(prose.card.architecture.active_parameters->value.median() == 21e9);

  // "8x22B" says MoE but not the total (141B, not 176B) nor the active size.
  const auto mixtral = readme("---\nlicense: apache-2.0\n---\n", "Mixtral-8x22B-v0.1.README.md");
  CHECK(mixtral.card.architecture.kind == ArchitectureKind::moe);
  CHECK_FALSE(mixtral.card.architecture.parameters);
  CHECK(is_missing(mixtral, "/architecture/active_parameters"));

  // Several sizes in one name: ambiguous, nothing taken.
  const auto olmoe = readme("---\nlicense: apache-2.0\n---\n", "OLMoE-1B-7B-0924.README.md");
  CHECK_FALSE(olmoe.card.architecture.parameters);
}

TEST_CASE("co2_eq_emissions: number or mapping, grams; implausible values flagged, never converted", "[hf][co2]") {
  const auto bare = readme("---\nco2_eq_emissions: 1\n---\n");
  CHECK(has_flag(bare, "co2_unit_suspect"));
  const auto mapping = readme(
      "---\nco2_eq_emissions:\n  emissions: 24_700_000\n  training_type: pre-training\n"
      "  hardware_used: 8 NVIDIA A100-SXM4-40GB\n---\n");
  CHECK_FALSE(has_flag(mapping, "co2_unit_suspect"));
  REQUIRE(mapping.card.phases[0].hardware);
  CHECK(mapping.card.phases[0].hardware->accelerator == "A100-SXM4-40GB");
  CHECK(mapping.card.phases[0].hardware->count->value.median() == 8);
  CHECK(is_missing(mapping, "/training/phases/0/hardware/accelerator_hours"));
  const bool noted = std::any_of(mapping.provenance.notes.begin(), mapping.provenance.notes.end(),
                                 [](const std::string& n) { return n.find("2.47e+07 g") != std::string::npos; });
  CHECK(noted);
  // Fine-tuning emissions belong to the fine-tuning phase of a (unnamed) base model.
  const auto ft = readme("---\nco2_eq_emissions:\n  emissions: 1.46\n  training_type: fine-tuning\n---\n");
  CHECK(has_flag(ft, "co2_unit_suspect"));
  REQUIRE(ft.card.phases.size() == 2);
  CHECK(ft.card.phases[1].kind == "fine_tuning");
}

TEST_CASE("licences: free ids are open source, non-commercial are not, the rest need review", "[hf][licence]") {
  CHECK(readme("---\nlicense: cc-by-nc-4.0\n---\n").card.license.open_source == false);
  const auto other = readme("---\nlicense: other\nlicense_name: deepseek\n---\n");
  CHECK(other.card.license.name == "other: deepseek");
  CHECK_FALSE(other.card.license.open_source);
  CHECK(is_missing(other, "/license/open_source"));
}

TEST_CASE("bad front matter is a located InputError; duplicate keys are refused", "[hf][errors]") {
  try {
    readme("---\nlicense: mit\nlicense: apache-2.0\n---\n");
    FAIL("duplicate key accepted");
  } catch (const InputError& e) {
    CHECK(e.where().line == 3);
    CHECK(std::string(e.what()).find("duplicate key \"license\"") != std::string::npos);
  }
  try {
    readme("---\nlicense: [mit\n---\n");
    FAIL("invalid YAML accepted");
  } catch (const InputError& e) {
    CHECK(e.where().line >= 2);
    CHECK(std::string(e.what()).find("not valid YAML") != std::string::npos);
  }
  // Hostile nesting is refused before yaml-cpp recurses into it.
  CHECK_THROWS_AS(readme("---\nx: " + std::string(100000, '[') + "\n---\n"), InputError);
  // No front matter at all: still a card (all fields missing), flagged.
  const auto bare = readme("# Just a title\n\nNo metadata.\n");
  CHECK(has_flag(bare, "no_front_matter"));
}

TEST_CASE("Hub API: safetensors per dtype, quantised repos, FP8, MoE config, lineage tags", "[hf][hub]") {
  const auto plain = hub(R"({"id":"acme/m","pipeline_tag":"text-to-image","tags":["license:mit"],
      "safetensors":{"parameters":{"BF16":7000000000,"F32":1000},"total":7000001000}})");
  CHECK(params(plain) == 7000001000.0);
  CHECK(plain.card.modalities.output == std::vector<std::string>{"image"});
  CHECK(plain.card.license.weights_public == true);
  CHECK(plain.card.provider.name == "acme");

  // GPTQ-style: I32 holds eight 4-bit weights per element; the sum is not a parameter count.
  const auto gptq = hub(R"({"id":"acme/m-GPTQ","tags":["base_model:quantized:acme/m"],
      "safetensors":{"parameters":{"F16":300000000,"I32":875000000},"total":1175000000}})");
  CHECK_FALSE(gptq.card.architecture.parameters);
  CHECK(has_flag(gptq, "safetensors_quantised"));
  CHECK(has_flag(gptq, "quantised_derivative"));
  CHECK(gptq.provenance.lineage.relation == "quantized");
  CHECK(gptq.provenance.lineage.base_models == std::vector<std::string>{"acme/m"});

  // Native FP8 weights with a few I64 buffers: counted, flagged.
  const auto fp8 = hub(R"({"id":"acme/v3","safetensors":{"parameters":{"BF16":1000,"F8_E4M3":600000000000,"I64":5000}}})");
  CHECK(params(fp8) == 600000001000.0);
  CHECK(has_flag(fp8, "safetensors_fp8"));
  CHECK(has_flag(fp8, "safetensors_buffers_ignored"));

  // MoE from config: total from safetensors, active unknown -> missing, not guessed from top-k.
  const auto moe = hub(R"({"id":"acme/sparse","config":{"num_experts":128,"num_experts_per_tok":8},
      "safetensors":{"parameters":{"BF16":235000000000}}})");
  CHECK(moe.card.architecture.kind == ArchitectureKind::moe);
  CHECK_FALSE(moe.card.architecture.active_parameters);
  CHECK(is_missing(moe, "/architecture/active_parameters"));

  const auto ft = hub(R"({"id":"acme/chat","cardData":{"base_model":"acme/base","license":"apache-2.0"},
      "tags":["base_model:finetune:acme/base"]})");
  CHECK(ft.provenance.lineage.relation == "finetune");
  CHECK(ft.card.license.open_source == true);
  CHECK(is_mapped(ft, "/modification/base_model"));
}

TEST_CASE("format detection helpers", "[hf][detect]") {
  CHECK(io::looks_like_hf_readme("\xEF\xBB\xBF\n---\nlicense: mit\n---\n"));
  CHECK_FALSE(io::looks_like_hf_readme("# title\n---\n"));
  CHECK(io::looks_like_hub_api(Json::parse(R"({"id":"a/b","pipeline_tag":"x"})")));
  CHECK_FALSE(io::looks_like_hub_api(Json::parse(R"({"id":"a/b"})")));
  CHECK_FALSE(io::looks_like_hub_api(Json::parse(R"({"id":3,"tags":[]})")));
}

TEST_CASE("shared samples map as documented", "[hf][samples]") {
  const std::string v2 = shared("hf_model_cards/deepseek-ai_DeepSeek-V2.README.md");
  const std::string qwen3 = shared("hub_api/Qwen3-235B-A22B.expand-safetensors-config.json");
  const std::string v4 = shared("hub_api/deepseek-ai.list-models.expand-safetensors.json");
  const std::string bloom = shared("hf_model_cards/bigscience_bloom.README.md");
  if (v2.empty() || qwen3.empty() || v4.empty() || bloom.empty()) {
    WARN("shared samples not found under " GPAI_SHARED_DIR "; skipped");
    return;
  }
  const auto d = map_hf_readme(v2, "deepseek-ai_DeepSeek-V2.README.md", data().catalogue, data().hf_vocabulary);
  CHECK(params(d) == 236e9);
  CHECK(d.card.architecture.active_parameters->value.median() == 21e9);
  CHECK(d.card.phases[0].tokens->value.median() == 8.1e12);

  const auto q = hub(qwen3);
  CHECK(params(q) == 235093634560.0);
  CHECK(q.card.architecture.active_parameters->value.median() == 22e9);

  const Json list = Json::parse(v4);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto m = map_hub_api(list[i], "list.json", "/" + std::to_string(i), data().catalogue,
                                       data().hf_vocabulary);
    CHECK_FALSE(m.card.architecture.parameters);
    CHECK(has_flag(m, "safetensors_quantised"));
  }

  const auto b = map_hf_readme(bloom, "bigscience_bloom.README.md", data().catalogue, data().hf_vocabulary);
  CHECK(params(b) == 176247271424.0);
  CHECK(b.card.phases[0].tokens->value.median() == 366e9);
}
