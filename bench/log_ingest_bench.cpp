// Log ingestion throughput on a dcgm-exporter CSV: our block reader against
// the naive way (std::getline, a std::string per field, std::stod, sscanf for
// the timestamp, a std::unordered_map<std::string, ...> per GPU), doing the
// same aggregation (accelerator-seconds and tensor-active-weighted seconds
// per model, intervals capped at 2 x the sampling interval).
//
// The file is generated once (64 MB by default) with the synth-logs
// generator; GPAI_BENCH_LOG=/path/to.csv times an existing file instead
// (bench/run_log_bench.sh does so with a multi-GB one).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "gpai/io/log_synth.hpp"
#include "gpai/io/telemetry.hpp"

namespace {

const std::string& bench_log() {
  static const std::string path = [] {
    if (const char* p = std::getenv("GPAI_BENCH_LOG"); p && *p) return std::string(p);
    const std::string out = "/tmp/gpai_log_ingest_bench.csv";
    gpai::io::SynthOptions o;
    o.hosts = 64;
    o.gpus_per_host = 8;
    o.target_bytes = 64ull << 20;
    gpai::io::write_synthetic_log(out, o);
    return out;
  }();
  return path;
}

const gpai::AcceleratorCatalogue& catalogue() {
  static const gpai::AcceleratorCatalogue c = [] {
    gpai::AcceleratorSpec h100;
    h100.id = "H100-SXM";
    h100.name = "NVIDIA H100 SXM5 80GB";
    h100.aliases = {"NVIDIA H100 80GB HBM3"};
    h100.peak_flop_per_s_dense[gpai::Precision::bf16] = 989.4e12;
    return gpai::AcceleratorCatalogue({h100}, "bench");
  }();
  return c;
}

void BM_DcgmIngest_Ours(benchmark::State& state) {
  const std::string& path = bench_log();
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  double seconds = 0;
  for (auto _ : state) {
    const auto in = gpai::io::ingest_logs({path}, {}, catalogue());
    benchmark::DoNotOptimize(in);  // (DoNotOptimize on a double lvalue miscompiles with GCC 12)
    seconds = in.telemetry->total().accelerator_seconds;
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["accelerator_hours"] = seconds / 3600;
}
BENCHMARK(BM_DcgmIngest_Ours)->Unit(benchmark::kMillisecond)->UseRealTime();

// The way a first version usually looks.
struct NaiveGpu {
  double last_t = -1;
  double last_tensor = 0;
  std::string model;
};

double naive_time(const std::string& ts) {
  std::tm tm{};
  int y, mo, d, h, mi;
  double s;
  std::sscanf(ts.c_str(), "%d-%d-%dT%d:%d:%lfZ", &y, &mo, &d, &h, &mi, &s);
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  return static_cast<double>(timegm(&tm)) + (s - static_cast<int>(s));
}

void BM_DcgmIngest_Naive(benchmark::State& state) {
  const std::string& path = bench_log();
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  double total = 0;
  for (auto _ : state) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header
    std::unordered_map<std::string, NaiveGpu> gpus;
    std::unordered_map<std::string, std::pair<double, double>> per_model;  // seconds, tensor-weighted
    const double cap = 20;  // 2 x the 10 s interval, known in advance (ours estimates it)
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == ',') {
          f.push_back(line.substr(start, i - start));
          start = i + 1;
        }
      }
      if (f.size() != 10) continue;
      const double t = naive_time(f[0]);
      const double tensor = std::stod(f[5]);
      benchmark::DoNotOptimize(std::stod(f[6]) + std::stod(f[7]) + std::stod(f[8]) + std::stod(f[9]));
      NaiveGpu& g = gpus[f[3]];
      if (g.last_t >= 0 && t > g.last_t) {
        const double dt = std::min(t - g.last_t, cap);
        auto& m = per_model[g.model];
        m.first += dt;
        m.second += dt * g.last_tensor;
      }
      g.last_t = t;
      g.last_tensor = tensor;
      g.model = f[4];
    }
    benchmark::DoNotOptimize(per_model);
    total = 0;
    for (const auto& [k, v] : per_model) total += v.first;
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["accelerator_hours"] = total / 3600;
}
BENCHMARK(BM_DcgmIngest_Naive)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
