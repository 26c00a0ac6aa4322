// Propagation costs: closed form against sampling, and the sampler's parts.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "gpai/uncertainty.hpp"

namespace {

gpai::MonteCarloConfig brute(std::size_t n) {
  gpai::MonteCarloConfig mc{42, n};
  mc.brute_force = true;
  return mc;
}

// n Latin hypercube log-normal draws of one interval (values()).
void BM_SampleLogNormal(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  const auto d = gpai::Draws::sample(gpai::Quantity::interval90(0.3, 0.5), mc, "bench");
  for (auto _ : state) benchmark::DoNotOptimize(d.values());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SampleLogNormal)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

// A whole hardware-method estimate: count x hours x MFU x peak, two uncertain
// inputs, summarised to median/p05/p95 and P(> threshold). A product of
// log-normals: closed form, no draws.
gpai::Draws hardware(const gpai::MonteCarloConfig& mc) {
  auto hours = gpai::Draws::sample(gpai::Quantity::interval90(1800, 2000), mc, "hours");
  auto count = gpai::Draws::exact(16384);
  auto mfu = gpai::Draws::sample(gpai::Quantity::interval90(0.3, 0.5), mc, "mfu");
  return count * hours * mfu * (3600.0 * 989.4e12);
}

void BM_HardwareEstimateClosedForm(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42};
  for (auto _ : state) {
    const auto flop = hardware(mc);
    benchmark::DoNotOptimize(flop.summary());
    benchmark::DoNotOptimize(flop.probability_above(1e25));
  }
}
BENCHMARK(BM_HardwareEstimateClosedForm)->Unit(benchmark::kMicrosecond);

// The same estimate by brute force, as before closed forms (n draws).
void BM_HardwareEstimateBruteForce(benchmark::State& state) {
  const auto mc = brute(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const auto flop = hardware(mc);
    benchmark::DoNotOptimize(flop.against(1e25));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_HardwareEstimateBruteForce)->Arg(100000)->Unit(benchmark::kMillisecond);

// A sum of two phases with different uncertain inputs (6ND with a token range
// + hardware with the default MFU): no closed form. Sampled adaptively (rotated
// replicated Latin hypercube, from 2,048 draws) against brute force at n.
gpai::Draws two_phases(const gpai::MonteCarloConfig& mc) {
  return gpai::Draws::exact(6 * 37e9) * gpai::Draws::sample(gpai::Quantity::interval90(1e12, 1e13), mc, "tokens") +
         hardware(mc);
}

void BM_SumOfPhasesSampled(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42};
  std::size_t n = 0;
  for (auto _ : state) {
    const auto flop = two_phases(mc);
    const auto t = flop.against(1e25);
    n = t.summary.samples;
    benchmark::DoNotOptimize(t);
  }
  state.counters["samples"] = static_cast<double>(n);
}
BENCHMARK(BM_SumOfPhasesSampled)->Unit(benchmark::kMicrosecond);

void BM_SumOfPhasesBruteForce(benchmark::State& state) {
  const auto mc = brute(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const auto flop = two_phases(mc);
    benchmark::DoNotOptimize(flop.against(1e25));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumOfPhasesBruteForce)->Arg(100000)->Unit(benchmark::kMillisecond);

// A summary of n precomputed draws (three type-7 quantiles by radix selection
// and the replicates' standard errors), against the nth_element selection
// the radix selection replaced, on the same draws.
void BM_Summary(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  const auto v = gpai::Draws::sample(gpai::Quantity::interval90(1e24, 1e26), mc, "x").values();
  for (auto _ : state) {
    const auto fresh = gpai::Draws::from_values(v);
    benchmark::DoNotOptimize(fresh.summary());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Summary)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_SummaryNthElement(benchmark::State& state) {
  const gpai::MonteCarloConfig mc{42, static_cast<std::size_t>(state.range(0))};
  const auto d = gpai::Draws::sample(gpai::Quantity::interval90(1e24, 1e26), mc, "x").values();
  std::vector<double> v;
  for (auto _ : state) {
    v.assign(d.begin(), d.end());
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
