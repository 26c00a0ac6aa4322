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
  if (!parse_command("rules", inv, desc, po::positional_options_description{}, vm, common)) return 0;
  const Date as_of = common.as_of_date;
  const io::DataBundle data = load_data(common, inv);  // checks --as-of and --taxonomy against it
  if (common.format == "json") {
    std::cout << report::rules_json(data.rules, data.taxonomies, as_of, common.taxonomy).dump(2) << "\n";
  } else {
    std::cout << report::rules_text(data.rules, data.taxonomies, as_of, data.messages, common.taxonomy);
  }
  return 0;
}

}  // namespace gpai::cli
