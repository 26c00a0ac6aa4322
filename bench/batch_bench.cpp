// Batch scoring, stage by stage, with the alternatives timed in the same
// binary: a bare nlohmann parse (the floor the issue compares against), a
// bare simdjson parse (the faster parser's floor), our strict parse (simdjson
// tokenising into the nlohmann DOM, duplicate keys refused), parse + map + assess per record,
// rendering a row, and the whole multi-threaded pipeline.
//
// Without GPAI_BATCH_BENCH_FILE the benchmarks use 4,000 built-in records
// (v1 cards and Hub API JSON, alternating). With it (bench/run_batch_bench.sh
// sets it to the generated 1,000,000-card file) the *File benchmarks stream
// that file once each.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpai/app/batch.hpp"
#include "gpai/io/data_files.hpp"
#include "gpai/io/hf_model_card.hpp"
#include "gpai/io/model_card_json.hpp"
#include "gpai/report/batch_report.hpp"
#include "json_reader.hpp"

namespace {

using namespace gpai;

// $GPAI_DATA_DIR, else data/ of the working directory (the source root).
const io::DataBundle& bundle() {
  static const io::DataBundle b = [] {
    const char* dir = std::getenv("GPAI_DATA_DIR");
    return io::load_data_bundle(dir && *dir ? dir : "data");
  }();
  return b;
}

const std::vector<std::string>& builtin_lines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    for (int i = 0; i < 4000; ++i) {
      if (i % 2 == 0) {
        out.push_back(R"({"schema": "gpai-eval/model-card/1", "name": "acme/model-)" + std::to_string(i) +
                      R"(", "provider": {"name": "Acme", "established_in_eu": true}, "placed_on_market": "2025-03-01",
 "license": {"name": "apache-2.0", "open_source": true, "weights_public": true},
 "architecture": {"kind": "dense", "parameters": ")" + std::to_string(1 + i % 400) + R"(B"},
 "modalities": {"input": ["text"], "output": ["text"]},
 "training": {"phases": [{"kind": "pretraining", "tokens": "15.6T"},
   {"kind": "fine_tuning", "hardware": {"accelerator": "H100-SXM", "count": 256, "hours": 48, "utilization": 0.4}}]}})");
      } else {
        out.push_back(R"({"id": "acme/chat-)" + std::to_string(i) +
                      R"(-7B", "author": "acme", "pipeline_tag": "text-generation", "downloads": 1234,
 "tags": ["transformers", "safetensors", "license:apache-2.0", "base_model:finetune:acme/base-7B"],
 "cardData": {"license": "apache-2.0", "base_model": "acme/base-7B"},
 "config": {"model_type": "llama"}, "safetensors": {"parameters": {"BF16": 7241732096}, "total": 7241732096}})");
      }
    }
    return out;
  }();
  return lines;
}

const char* bench_file() {
  const char* f = std::getenv("GPAI_BATCH_BENCH_FILE");
  return f && *f ? f : nullptr;
}

template <typename F>
void for_each_line_of_file(const char* path, F&& f) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) f(line);
  }
}

io::RawRecord raw(const std::string& text) {
  io::RawRecord r;
  r.ref = {1, "bench.jsonl", 1, ""};
  r.text = text;
  return r;
}

const Date kAsOf = *Date::parse("2026-01-01");

void BM_BatchParseOnly(benchmark::State& state) {  // the floor: nlohmann, no checks
  for (auto _ : state) {
    for (const auto& l : builtin_lines()) benchmark::DoNotOptimize(nlohmann::json::parse(l, nullptr, false));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * builtin_lines().size()));
}
BENCHMARK(BM_BatchParseOnly);

void BM_BatchParseStrict(benchmark::State& state) {  // what batch uses: duplicate keys refused
  for (auto _ : state) {
    for (const auto& l : builtin_lines()) benchmark::DoNotOptimize(io::parse_json_strict(l, "bench"));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * builtin_lines().size()));
}
BENCHMARK(BM_BatchParseStrict);

void BM_BatchScoreRecord(benchmark::State& state) {  // parse + detect + map + assess, one thread
  const auto ctx = bundle().context(MonteCarloConfig{});
  for (auto _ : state) {
    for (const auto& l : builtin_lines()) benchmark::DoNotOptimize(app::score_record(raw(l), ctx, bundle().hf_vocabulary, kAsOf));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * builtin_lines().size()));
}
BENCHMARK(BM_BatchScoreRecord);

// The stages of score_record apart: mapping to a ModelCard, then assess().
struct Mapped {
  std::vector<ModelCard> cards;
};
const Mapped& mapped_builtin() {
  static const Mapped m = [] {
    Mapped out;
    const auto& cat = bundle().catalogue;
    for (const auto& l : builtin_lines()) {
      const auto doc = nlohmann::json::parse(l);
      out.cards.push_back(doc.contains("schema") ? io::read_model_card(doc, "bench", cat)
                                                 : io::map_hub_api(doc, "bench", "", cat, bundle().hf_vocabulary).card);
    }
    return out;
  }();
  return m;
}

void BM_BatchMapOnly(benchmark::State& state) {  // card reader / Hub adapter on parsed JSON
  std::vector<nlohmann::json> docs;
  for (const auto& l : builtin_lines()) docs.push_back(nlohmann::json::parse(l));
  const auto& cat = bundle().catalogue;
  for (auto _ : state) {
    for (const auto& d : docs) {
      if (d.contains("schema")) benchmark::DoNotOptimize(io::read_model_card(d, "bench", cat));
      else benchmark::DoNotOptimize(io::map_hub_api(d, "bench", "", cat, bundle().hf_vocabulary));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
}
BENCHMARK(BM_BatchMapOnly);

void BM_BatchAssessOnly(benchmark::State& state) {  // the core: compute, threshold, rule engine
  const auto ctx = bundle().context(MonteCarloConfig{});
  for (auto _ : state) {
    for (const auto& c : mapped_builtin().cards) benchmark::DoNotOptimize(assess(c, ctx, kAsOf));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * mapped_builtin().cards.size()));
}
BENCHMARK(BM_BatchAssessOnly);

void BM_BatchComputeOnly(benchmark::State& state) {  // what the Python baseline does: the estimate alone
  const auto ctx = bundle().context(MonteCarloConfig{});
  for (auto _ : state) {
    for (const auto& c : mapped_builtin().cards) benchmark::DoNotOptimize(estimate_training_compute(c, ctx));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * mapped_builtin().cards.size()));
}
BENCHMARK(BM_BatchComputeOnly);

void BM_BatchRenderRow(benchmark::State& state) {
  const auto ctx = bundle().context(MonteCarloConfig{});
  const auto v1 = app::score_record(raw(builtin_lines()[0]), ctx, bundle().hf_vocabulary, kAsOf);
  const auto hub = app::score_record(raw(builtin_lines()[1]), ctx, bundle().hf_vocabulary, kAsOf);
  std::string out;
  for (auto _ : state) {
    out.clear();
    report::append_batch_result(v1.value(), report::OutputFormat::jsonl, out);
    report::append_batch_result(hub.value(), report::OutputFormat::jsonl, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 2));
}
BENCHMARK(BM_BatchRenderRow);

// ---- the generated file (bench/run_batch_bench.sh) --------------------------

void BM_BatchFileParseOnly(benchmark::State& state) {
  const char* path = bench_file();
  if (!path) return state.SkipWithError("set GPAI_BATCH_BENCH_FILE");
  std::size_t n = 0;
  for (auto _ : state) {
    for_each_line_of_file(path, [&](const std::string& l) {
      benchmark::DoNotOptimize(nlohmann::json::parse(l, nullptr, false));
      ++n;
    });
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_BatchFileParseOnly)->Iterations(1)->Unit(benchmark::kSecond);

// The faster parser's floor: simdjson's DOM of every line, nothing copied out.
void BM_BatchFileParseSimdjson(benchmark::State& state) {
  const char* path = bench_file();
  if (!path) return state.SkipWithError("set GPAI_BATCH_BENCH_FILE");
  std::size_t n = 0;
  simdjson::dom::parser parser;
  for (auto _ : state) {
    for_each_line_of_file(path, [&](const std::string& l) {
      simdjson::dom::element doc;
      benchmark::DoNotOptimize(parser.parse(l).get(doc));
      ++n;
    });
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_BatchFileParseSimdjson)->Iterations(1)->Unit(benchmark::kSecond);

void BM_BatchFileParseStrict(benchmark::State& state) {
  const char* path = bench_file();
  if (!path) return state.SkipWithError("set GPAI_BATCH_BENCH_FILE");
  std::size_t n = 0;
  for (auto _ : state) {
    for_each_line_of_file(path, [&](const std::string& l) {
      try {
        benchmark::DoNotOptimize(io::parse_json_strict(l, "bench"));
      } catch (const InputError&) {
      }
      ++n;
    });
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_BatchFileParseStrict)->Iterations(1)->Unit(benchmark::kSecond);

void BM_BatchFilePipeline(benchmark::State& state) {  // the whole run, as `gpai-eval batch -o /dev/null`
  const char* path = bench_file();
  if (!path) return state.SkipWithError("set GPAI_BATCH_BENCH_FILE");
  const char* samples_env = std::getenv("GPAI_BATCH_BENCH_SAMPLES");
  const auto samples = static_cast<std::size_t>(std::atol(samples_env ? samples_env : "10000"));
  const auto ctx = bundle().context(MonteCarloConfig{MonteCarloConfig{}.seed, samples});
  std::size_t n = 0;
  for (auto _ : state) {
    io::RecordReader reader({path});
    app::BatchOptions opt;
    opt.jobs = static_cast<unsigned>(state.range(0));
    const auto stats = app::run_batch(
        reader, ctx, bundle().hf_vocabulary, kAsOf, opt,
        [](const RecordResult& r, std::string& out) {
          if (r.ok()) report::append_batch_result(r.value(), report::OutputFormat::jsonl, out);
          else report::append_batch_error(r.error(), report::OutputFormat::jsonl, out);
        },
        [](bool, const std::string& bytes) { benchmark::DoNotOptimize(bytes.data()); });
    n += stats.records_read;
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_BatchFilePipeline)->Arg(1)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
