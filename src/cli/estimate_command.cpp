#include <iostream>

#include "command.hpp"
#include "gpai/assessment.hpp"
#include "gpai/compute_bounds.hpp"
#include "gpai/error.hpp"
#include "gpai/io/card_checks.hpp"

namespace gpai::cli {
namespace {

// "405B", "3.8e25", or a 90 % interval "14T..16T".
Input option_quantity(const po::variables_map& vm, const std::string& name, bool unit_interval) {
  const std::string text = vm[name].as<std::string>();
  auto parse_one = [&](const std::string& part) {
    std::string why;
    auto v = parse_quantity(part, &why);
    const std::string expected = unit_interval ? "a utilisation in (0, 1]" : "a non-negative number like 405B or 15.6T";
    if (!v) throw UsageError("--" + name + ": expected " + expected + ", found '" + text + "' (" + why + ")");
    if (*v < 0 || (unit_interval && (*v <= 0 || *v > 1))) {
      throw UsageError("--" + name + ": expected " + expected + ", found '" + text + "'");
    }
    return *v;
  };
  const auto dots = text.find("..");
  if (dots == std::string::npos) return Input{Quantity::exact(parse_one(text)), "--" + name};
  const double lo = parse_one(text.substr(0, dots));
  const double hi = parse_one(text.substr(dots + 2));
  if (lo <= 0 || hi < lo) {
    throw UsageError("--" + name + ": expected an interval LOW..HIGH with 0 < LOW <= HIGH, found '" + text + "'");
  }
  return Input{Quantity::interval90(lo, hi), "--" + name};
}

std::optional<Input> maybe(const po::variables_map& vm, const std::string& name, bool unit = false) {
  if (!vm.count(name)) return std::nullopt;
  return option_quantity(vm, name, unit);
}

}  // namespace

int run_estimate(const Invocation& inv) {
  CommonOptions common;
  po::options_description desc(
      "gpai-eval estimate --params N --tokens D [hardware options] [options]\n\n"
      "Quick training-compute calculator (same core as assess). Quantities take\n"
      "units (405B, 15.6T, 3.8e25) or a 90 % interval LOW..HIGH (14T..16T)");
  std::string kind = "pretraining";
  desc.add_options()("help,h", "show this help")
      ("params", po::value<std::string>(), "parameters (total for dense models)")
      ("active-params", po::value<std::string>(), "active parameters per token (mixture-of-experts)")
      ("tokens", po::value<std::string>(), "training tokens")
      ("epochs", po::value<std::string>(), "epochs over the tokens (default 1)")
      ("kind", po::value(&kind)->default_value(kind), "phase kind (pretraining, fine_tuning, synthetic_data, ...)")
      ("accelerator", po::value<std::string>(), "accelerator (catalogue id or the name nvidia-smi prints)")
      ("count", po::value<std::string>(), "number of accelerators")
      ("hours", po::value<std::string>(), "wall-clock hours")
      ("accelerator-hours", po::value<std::string>(), "total accelerator-hours (instead of count x hours)")
      ("utilization", po::value<std::string>(), "utilisation in (0, 1] (default: MFU 0.3..0.5)")
      ("utilization-metric", po::value<std::string>(), "mfu (default), tensor_active or occupancy")
      ("precision", po::value<std::string>(), "training precision (default: the chip's bf16/fp16 dense peak)");
  add_common_options(desc, common);
  po::variables_map vm;
  if (!parse_command("estimate", inv, desc, po::positional_options_description{}, vm, common)) return 0;
  const Date as_of = common.as_of_date;
  const MonteCarloConfig mc = monte_carlo(common);
  if (!vm.count("tokens") && !vm.count("accelerator")) {
    throw UsageError("estimate: give --params/--active-params with --tokens, or --accelerator with its time");
  }
  if (vm.count("tokens") && !vm.count("params") && !vm.count("active-params")) {
    throw UsageError("estimate: --tokens needs --params or --active-params");
  }

  const io::DataBundle data = load_data(common, inv);  // checks --as-of and --taxonomy against it
  ModelCard card;
  card.source = "<command line>";
  card.name = "command-line estimate";
  card.architecture.parameters = maybe(vm, "params");
  card.architecture.active_parameters = maybe(vm, "active-params");
  if (card.architecture.active_parameters) card.architecture.kind = ArchitectureKind::moe;
  TrainingPhase phase;
  phase.name = kind;
  phase.kind = kind;
  phase.pointer = "--kind";
  if (!data.rules.phase_kind(kind)) throw UsageError("--kind: unknown phase kind '" + kind + "'");
  phase.tokens = maybe(vm, "tokens");
  phase.epochs = maybe(vm, "epochs");
  if (vm.count("accelerator")) {
    HardwareUse hw;
    hw.pointer = "--accelerator";
    hw.accelerator_as_given = vm["accelerator"].as<std::string>();
    const AcceleratorSpec* spec = data.catalogue.find(hw.accelerator_as_given);
    if (!spec) {
      std::string hint;
      for (const auto& id : data.catalogue.close_matches(hw.accelerator_as_given)) hint += (hint.empty() ? "" : ", ") + id;
      throw UsageError("--accelerator: '" + hw.accelerator_as_given + "' is not in the catalogue" +
                       (hint.empty() ? std::string() : "; close matches: " + hint));
    }
    hw.accelerator = spec->id;
    hw.count = maybe(vm, "count");
    hw.hours = maybe(vm, "hours");
    hw.accelerator_hours = maybe(vm, "accelerator-hours");
    hw.utilization = maybe(vm, "utilization", true);
    if (vm.count("utilization-metric")) {
      const auto m = vm["utilization-metric"].as<std::string>();
      if (m == "mfu") hw.utilization_metric = UtilizationMetric::mfu;
      else if (m == "tensor_active") hw.utilization_metric = UtilizationMetric::tensor_active;
      else if (m == "occupancy") hw.utilization_metric = UtilizationMetric::occupancy;
      else throw UsageError("--utilization-metric: expected mfu, tensor_active or occupancy, found '" + m + "'");
    }
    if (vm.count("precision")) {
      hw.precision = parse_precision(vm["precision"].as<std::string>());
      if (!hw.precision) throw UsageError("--precision: expected bf16, fp16, fp8, tf32, fp32, fp64 or int8");
    }
    if (!hw.accelerator_hours && !(hw.count && hw.hours)) {
      throw UsageError("estimate: --accelerator needs --accelerator-hours, or --count and --hours");
    }
    phase.hardware = hw;
  }
  card.phases.push_back(phase);
  // Inputs are named by their options ("--tokens"): a product of finite
  // values can still overflow (1e300 x 1e300) and must not become a verdict.
  if (auto bad = find_implausible_compute_input(card, data.catalogue)) {
    throw UsageError(bad->pointer + ": expected " + bad->expected + ", found " + bad->found);
  }

  const EstimationContext ctx = data.context(mc, common.taxonomy);
  io::check_card_for_estimate(card, data.catalogue, data.rules);
  const Assessment a = assess(card, ctx, as_of);
  const auto run = run_info(data, common);
  if (common.format == "json") {
    std::cout << report::assessment_json(a, card.source, run, data.messages).dump(2) << "\n";
  } else {
    std::cout << report::compute_text(a, card.source, run, data.messages);
  }
  return 0;
}

}  // namespace gpai::cli
