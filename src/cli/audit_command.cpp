// gpai-eval audit: recompute a compute claim from raw hardware logs.
#include <iostream>

#include "command.hpp"
#include "gpai/audit.hpp"
#include "gpai/error.hpp"
#include "gpai/io/card_checks.hpp"
#include "gpai/io/log_audit_card.hpp"
#include "gpai/io/telemetry.hpp"
#include "gpai/report/audit_report.hpp"

namespace gpai::cli {
namespace {

// "2" (a factor) or "30%" (factor 1.3).
double tolerance_factor(const std::string& text) {
  std::string t = text;
  const bool percent = !t.empty() && t.back() == '%';
  if (percent) t.pop_back();
  const auto v = parse_quantity(t);
  const double factor = v ? (percent ? 1 + *v / 100 : *v) : 0;
  if (!(factor > 1)) {
    throw UsageError("--tolerance: expected a factor above 1 (e.g. 2) or a percentage (e.g. 30%), found '" + text + "'");
  }
  return factor;
}

Input price_option(const std::string& text) {
  const auto v = parse_quantity(text);
  if (!v || *v <= 0) throw UsageError("--price-per-hour: expected a positive price in USD, found '" + text + "'");
  return Input{Quantity::exact(*v), "--price-per-hour"};
}

// "auto (default), sacct, ...": the registry's names.
std::string log_format_help() {
  std::string out(io::kAutomaticLogFormat);
  out += " (default)";
  for (const auto name : io::log_format_names()) out.append(", ").append(name);
  return out;
}

}  // namespace

int run_audit(const Invocation& inv) {
  CommonOptions common;
  std::string card_path;
  std::vector<std::string> logs;
  po::options_description desc(
      "gpai-eval audit [CARD.json] --logs FILE... [options]\n\n"
      "Recomputes training compute from raw hardware logs (Slurm sacct --parsable2, dcgm-exporter CSV or\n"
      "Prometheus scrapes, nvidia-smi --query-gpu CSV, dcgmi dmon, any CSV with --columns; gzip accepted),\n"
      "compares every method with the card's claim, and projects the threshold crossing date");
  desc.add_options()("help,h", "show this help")
      ("card", po::value(&card_path), "model card (as assess reads it; - for stdin); optional")
      ("logs", po::value(&logs)->multitoken(), "log files, read in order (a log split in parts reads as one)")
      ("log-format", po::value<std::string>(), log_format_help().c_str())
      ("columns", po::value<std::string>(), "generic CSV mapping: time=..,gpu=..,accelerator=..,util=..,util-kind=..,power=..,energy=..")
      ("accelerator", po::value<std::string>(), "accelerator for logs that name none (dcgmi dmon, untyped gres/gpu=N) and for Slurm GRES types that are not catalogue names")
      ("gres-alias", po::value<std::vector<std::string>>(), "TYPE=ACCELERATOR: count Slurm gres/gpu:TYPE as a catalogue accelerator (e.g. h100=H100-SXM); repeatable")
      ("sample-interval", po::value<std::string>(), "sampling interval in seconds (required for dcgmi dmon: 0.1 for dmon -d 100)")
      ("max-gap", po::value<std::string>(), "longest interval a sample may cover (default 2 x the median interval)")
      ("window", po::value<std::string>()->default_value("1d"), "time window for per-period usage and the projection")
      ("log-start", po::value<std::string>(), "wall-clock start of logs without dates (dmon, relative seconds)")
      ("tolerance", po::value<std::string>(), "disagreement factor (default from assumptions.json, e.g. 2 or 30%)")
      ("price-per-hour", po::value<std::string>(), "USD per accelerator-hour, for the cost method")
      ("skew-tolerance", po::value<std::string>()->default_value("2"), "seconds a host may run behind another before it counts as clock skew");
  add_common_options(desc, common);
  po::positional_options_description pos;
  pos.add("card", 1);
  po::variables_map vm;
  if (!parse_command("audit", inv, desc, pos, vm, common)) return 0;
  if (card_path.empty() && logs.empty()) {
    throw UsageError("audit: give a model card, --logs FILE..., or both (gpai-eval audit CARD.json --logs FILE...)");
  }
  const Date as_of = common.as_of_date;
  const MonteCarloConfig mc = monte_carlo(common);

  io::IngestOptions ingest;
  if (vm.count("log-format")) {
    const auto f = io::parse_log_format(vm["log-format"].as<std::string>());
    if (!f) throw UsageError("--log-format: expected " + io::log_format_choices(" or "));
    ingest.format = std::string(*f);
  }
  if (vm.count("columns")) ingest.columns = io::parse_column_mapping(vm["columns"].as<std::string>());
  if (vm.count("accelerator")) ingest.accelerator = vm["accelerator"].as<std::string>();
  if (vm.count("gres-alias")) {
    for (const auto& alias : vm["gres-alias"].as<std::vector<std::string>>()) io::add_gres_alias(ingest, alias);
  }
  if (vm.count("sample-interval")) ingest.sample_interval_seconds = parse_duration_seconds("sample-interval", vm["sample-interval"].as<std::string>());
  if (vm.count("max-gap")) ingest.max_gap_seconds = parse_duration_seconds("max-gap", vm["max-gap"].as<std::string>());
  ingest.window_seconds = parse_duration_seconds("window", vm["window"].as<std::string>());
  ingest.skew_tolerance_seconds = parse_duration_seconds("skew-tolerance", vm["skew-tolerance"].as<std::string>());
  if (vm.count("log-start")) {
    const auto t = io::parse_wall_clock(vm["log-start"].as<std::string>());
    if (!t) throw UsageError("--log-start: expected a date (YYYY-MM-DD) or a time like 2025-03-01T08:00:00Z");
    ingest.log_start_unix_s = t;
  }
  AuditOptions options;
  options.as_of = as_of;
  if (vm.count("tolerance")) options.tolerance_factor = tolerance_factor(vm["tolerance"].as<std::string>());
  if (vm.count("price-per-hour")) options.price_per_accelerator_hour_usd = price_option(vm["price-per-hour"].as<std::string>());

  const io::DataBundle data = load_data(common, inv);  // checks --as-of and --taxonomy against it
  std::optional<io::AuditCard> card;
  if (!card_path.empty()) card = io::load_audit_card(card_path, data.catalogue, data.hf_vocabulary);
  const io::LogIngestion evidence = io::ingest_logs(logs, ingest, data.catalogue);

  AuditInputs in;
  if (card) {
    io::check_card_for_estimate(card->card, data.catalogue, data.rules);  // after the logs: their errors come first
    in.card = &card->card;
    in.claim = card->claim;
  }
  in.telemetry = evidence.telemetry ? &*evidence.telemetry : nullptr;
  in.accounting = evidence.accounting ? &*evidence.accounting : nullptr;
  const Audit a = audit(in, data.context(mc, common.taxonomy), options);

  const report::AuditSources sources{card ? card->card.source : std::string(), in.telemetry, in.accounting};
  const auto run = run_info(data, common);
  if (common.format == "json") {
    std::cout << report::audit_json(a, sources, run, data.messages).dump(2) << "\n";
  } else {
    std::cout << report::audit_text(a, sources, run, data.messages);
    // A file that added nothing, or time left unmapped, is easy to miss at the
    // end of a long report.
    for (const auto& n : report::log_notes(sources)) {
      if (n.severity == "warning") std::cerr << "gpai-eval: warning: " << n.message << "\n";
    }
  }
  return 0;
}

}  // namespace gpai::cli
