#include <iostream>

#include "command.hpp"
#include "gpai/error.hpp"
#include "gpai/report/rules_report.hpp"

namespace gpai::cli {

int run_rules(const Invocation& inv) {
  CommonOptions common;
  po::options_description desc("gpai-eval rules [--as-of DATE] [--format text|json]\n\n"
                               "Prints the rulebook in force on a date, every value with its citation");
  desc.add_options()("help,h", "show this help");
  add_common_options(desc, common);
  po::variables_map vm;
  parse_or_throw("rules", inv, desc, po::positional_options_description{}, vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  if (vm.count("data")) common.data_dir = vm["data"].as<std::string>();
  if (vm.count("as-of")) common.as_of = vm["as-of"].as<std::string>();
  check_format(common);
  const Date as_of = resolve_as_of(common);
  const io::DataBundle data = load_data(common, inv);
  if (as_of < data.rules.formalised_from) {
    throw UsageError("--as-of " + as_of.to_string() + ": the rule data formalises the law only from " +
                     data.rules.formalised_from.to_string());
  }
  if (common.format == "json") {
    std::cout << report::rules_json(data.rules, data.taxonomies, as_of).dump(2) << "\n";
  } else {
    std::cout << report::rules_text(data.rules, data.taxonomies, as_of);
  }
  return 0;
}

}  // namespace gpai::cli
