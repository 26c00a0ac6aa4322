// A whole audit of 90 days of telemetry on two chip types: every method's
// Monte Carlo draws, threshold statuses, cross-checks and the projection's
// percentile paths, at 10^5 and 10^6 samples.
#include <benchmark/benchmark.h>

#include "gpai/audit.hpp"

namespace {

struct World {
  gpai::AcceleratorCatalogue catalogue;
  gpai::RuleSet rules;
  gpai::EstimationAssumptions assumptions;
  gpai::LogEvidence evidence;
};

const World& world() {
  static const World w = [] {
    World x;
    gpai::AcceleratorSpec h100, a100;
    h100.id = "H100-SXM";
    h100.name = "NVIDIA H100 SXM5 80GB";
    h100.peak_flop_per_s_dense = {{gpai::Precision::bf16, 989.4e12}, {gpai::Precision::fp8, 1978.9e12}};
    h100.tdp_w = 700;
    a100.id = "A100-SXM4-80GB";
    a100.name = "NVIDIA A100 SXM4 80GB";
    a100.peak_flop_per_s_dense = {{gpai::Precision::bf16, 312e12}};
    a100.tdp_w = 400;
    x.catalogue = gpai::AcceleratorCatalogue({h100, a100}, "bench");
    gpai::Parameter t;
    t.id = "art51_2.compute_presumption";
    t.history.push_back({*gpai::Date::parse("2025-08-02"), 1e25, false, {"reg", "51(2)", "Art. 51(2)", ""}, ""});
    x.rules.parameters[t.id] = t;
    gpai::Parameter d;
    d.id = "art52_1.notification_days";
    d.history.push_back({*gpai::Date::parse("2025-08-02"), 14, false, {"reg", "52(1)", "Art. 52(1)", ""}, ""});
    x.rules.parameters[d.id] = d;
    x.assumptions.metric_conversions[gpai::UtilizationMetric::tensor_active].mfu_per_unit =
        gpai::Quantity::interval90(0.45, 0.95);
    x.assumptions.metric_conversions[gpai::UtilizationMetric::occupancy].mfu_per_unit =
        gpai::Quantity::interval90(0.15, 0.55);
    x.evidence.kind = gpai::EvidenceKind::telemetry;
    for (const char* id : {"H100-SXM", "A100-SXM4-80GB"}) {
      gpai::AcceleratorUsage u;
      u.accelerator = id;
      u.in_catalogue = true;
      for (long day = 0; day < 90; ++day) {
        gpai::UsageTotals tot;
        tot.accelerator_seconds = 8192 * 86400.0;
        tot.of(gpai::ActivityMetric::tensor_active) = {tot.accelerator_seconds, 0.55 * tot.accelerator_seconds};
        tot.of(gpai::ActivityMetric::occupancy) = {tot.accelerator_seconds, tot.accelerator_seconds};
        u.windows[20332 + day] = tot;
        u.total.add(tot);
      }
      u.first_time_s = 20332.0 * 86400;
      u.last_time_s = (20332.0 + 90) * 86400 - 1;
      x.evidence.accelerators.push_back(u);
    }
    x.evidence.quality.metrics_logged = {true, false, true};
    return x;
  }();
  return w;
}

void BM_AuditMonteCarlo(benchmark::State& state) {
  const World& w = world();
  const gpai::EstimationContext ctx{w.catalogue, w.rules, w.assumptions,
                                    gpai::MonteCarloConfig{42, static_cast<std::size_t>(state.range(0))}};
  gpai::AuditInputs in;
  in.telemetry = &w.evidence;
  gpai::AuditOptions o;
  o.as_of = *gpai::Date::parse("2026-01-01");
  for (auto _ : state) {
    const gpai::Audit a = gpai::audit(in, ctx, o);
    benchmark::DoNotOptimize(a.headline()->summary.median);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AuditMonteCarlo)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
