#include "command.hpp"

#include <chrono>
#include <ctime>
#include <iostream>

#include "gpai/error.hpp"
#include "gpai/version.hpp"

#ifndef GPAI_SOURCE_DATA_DIR
#define GPAI_SOURCE_DATA_DIR ""
#endif

namespace gpai::cli {

void add_common_options(po::options_description& desc, CommonOptions& common) {
  desc.add_options()
      ("format", po::value(&common.format)->default_value("text"), "output format: text or json")
      ("as-of", po::value<std::string>(), "evaluate the law as it stood on this date (YYYY-MM-DD; default: today, UTC)")
      ("seed", po::value(&common.seed)->default_value(common.seed), "Monte Carlo seed (same seed, same output)")
      ("samples", po::value(&common.samples)->default_value(common.samples), "Monte Carlo samples for inputs given as ranges")
      ("taxonomy", po::value(&common.taxonomy), "systemic-risk taxonomy id (default: the one in force on --as-of; see gpai-eval rules)")
      ("data", po::value<std::string>(), "data directory (default: $GPAI_DATA_DIR, then the installed or source-tree data/)");
  add_catalogue_option(desc, common);
}

void add_catalogue_option(po::options_description& desc, CommonOptions& common) {
  desc.add_options()("catalogue", po::value(&common.catalogue),
                     "your accelerator catalogue FILE (gpai-accelerators/1, as data/hardware/accelerators.json): "
                     "an entry with a shipped id replaces it, others are added (see gpai-eval hardware)");
}

void parse_or_throw(const std::string& command, const Invocation& inv,
                    const po::options_description& desc,
                    const po::positional_options_description& positional, po::variables_map& vm) {
  try {
    po::store(po::command_line_parser(inv.args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command + ": " + e.what() + " (see 'gpai-eval " + command + " --help')");
  }
}

bool parse_command(const std::string& command, const Invocation& inv, const po::options_description& desc,
                   const po::positional_options_description& positional, po::variables_map& vm,
                   CommonOptions& common) {
  parse_or_throw(command, inv, desc, positional, vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return false;
  }
  if (vm.count("data")) common.data_dir = vm["data"].as<std::string>();
  if (vm.count("as-of")) common.as_of = vm["as-of"].as<std::string>();
  check_format(common);
  return true;
}

void check_as_of_covered(const io::DataBundle& data, Date as_of) {
  if (as_of < data.rules.formalised_from) {
    throw UsageError("--as-of " + as_of.to_string() + ": the rule data formalises the law only from " +
                     data.rules.formalised_from.to_string());
  }
}

void check_taxonomy(const io::DataBundle& data, const CommonOptions& common) {
  if (common.taxonomy.empty() || data.taxonomies.by_id(common.taxonomy)) return;
  std::string known;
  for (const auto& t : data.taxonomies.taxonomies) known += (known.empty() ? "" : ", ") + t.id;
  throw UsageError("--taxonomy: unknown taxonomy '" + common.taxonomy + "' (known: " + known + ")");
}

io::DataBundle load_data(const CommonOptions& common, const Invocation& inv) {
  const std::string dir = io::find_data_dir(common.data_dir, inv.executable, GPAI_SOURCE_DATA_DIR);
  return io::load_data_bundle(dir, common.catalogue);
}

Date resolve_as_of(const CommonOptions& common) {
  if (common.as_of) {
    auto d = Date::parse(*common.as_of);
    if (!d) throw UsageError("--as-of: expected a date YYYY-MM-DD, found '" + *common.as_of + "'");
    return *d;
  }
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
  return Date::from_days(static_cast<long>(days));
}

MonteCarloConfig monte_carlo(const CommonOptions& common) {
  if (common.samples < 2 || common.samples > 100'000'000) {
    throw UsageError("--samples: expected 2 to 100000000, found " + std::to_string(common.samples));
  }
  return MonteCarloConfig{common.seed, common.samples};
}

report::RunInfo run_info(const io::DataBundle& data, const CommonOptions& common) {
  return report::RunInfo{kVersion, data.dir, data.catalogue.version(), data.assumptions.version,
                         data.rules.ruleset, common.seed, common.samples};
}

void check_format(const CommonOptions& common) {
  if (common.format != "text" && common.format != "json") {
    throw UsageError("--format: expected text or json, found '" + common.format + "'");
  }
}

}  // namespace gpai::cli
