// Monte Carlo engine throughput: sampling a 90 % interval and summarising.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "gpai/uncertainty.hpp"

namespace {

void BM_SampleLogNormal(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  const auto q = gpai::Quantity::interval90(0.3, 0.5);
  for (auto _ : state) {
    auto d = gpai::Draws::sample(q, mc, "bench");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SampleLogNormal)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

// A whole hardware-method estimate: count x hours x peak x MFU, three
// uncertain inputs, summarised to median/p05/p95 and P(> threshold).
void BM_HardwareEstimateSummary(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  for (auto _ : state) {
    auto hours = gpai::Draws::sample(gpai::Quantity::interval90(1800, 2000), mc, "hours");
    auto count = gpai::Draws::exact(16384);
    auto mfu = gpai::Draws::sample(gpai::Quantity::interval90(0.3, 0.5), mc, "mfu");
    auto flop = count * hours * mfu * (3600.0 * 989.4e12);
    auto s = flop.summary();
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(flop.probability_above(1e25));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_HardwareEstimateSummary)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {
// A summary's three type-7 quantiles (radix selection) from a fresh copy of
// the draws (Draws cache their summary), against the nth_element selection
// they replaced, on the same copy.
void BM_Summary(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  const auto d = gpai::Draws::sample(gpai::Quantity::interval90(1e24, 1e26), mc, "x");
  for (auto _ : state) {
    const auto fresh = gpai::Draws::from_values(std::vector<double>(d.values().begin(), d.values().end()));
    benchmark::DoNotOptimize(fresh.summary());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Summary)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_SummaryNthElement(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  const auto d = gpai::Draws::sample(gpai::Quantity::interval90(1e24, 1e26), mc, "x");
  std::vector<double> v;
  for (auto _ : state) {
    v.assign(d.values().begin(), d.values().end());
    for (double p : {5.0, 50.0, 95.0}) {
      const auto lo = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
      std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
      benchmark::DoNotOptimize(v[lo]);
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SummaryNthElement)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
}  // namespace
