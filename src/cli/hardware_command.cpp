#include <filesystem>
#include <iostream>

#include "command.hpp"
#include "gpai/error.hpp"
#include "gpai/report/hardware_report.hpp"

namespace gpai::cli {

int run_hardware(const Invocation& inv) {
  CommonOptions common;
  std::string filter;
  po::options_description desc(
      "gpai-eval hardware [FILTER] [--format text|json] [--catalogue FILE]\n\n"
      "Lists the accelerator catalogue: dense peak per chip at the default precision, memory, TDP and the\n"
      "names tools print (--format json: every precision, source and note). FILTER: a name as nvidia-smi,\n"
      "rocm-smi or a card writes it (resolved as cards and logs are), else part of an id, name or alias,\n"
      "or a vendor");
  desc.add_options()("help,h", "show this help")
      ("filter", po::value(&filter), "the accelerators to list (default: all)");
  add_common_options(desc, common, CommonSpec{.as_of = false, .taxonomy = false, .monte_carlo = false});
  po::positional_options_description pos;
  pos.add("filter", 1);
  po::variables_map vm;
  if (!parse_command("hardware", inv, desc, pos, vm, common)) return 0;
  const io::DataBundle data = load_data(common, inv);

  std::vector<const AcceleratorSpec*> shown;
  if (vm.count("filter")) {
    shown = data.catalogue.matching(filter);
    if (shown.empty()) {
      std::string close;
      for (const auto& id : data.catalogue.close_matches(filter)) close += (close.empty() ? "" : ", ") + id;
      throw UsageError("hardware: no accelerator matches '" + filter + "'" +
                       (close.empty() ? std::string(" (gpai-eval hardware lists them all)") : " (close: " + close + ")"));
    }
  } else {
    for (const auto& s : data.catalogue.specs()) shown.push_back(&s);
  }
  const report::HardwareListing listing{
      (std::filesystem::path(data.dir) / "hardware" / "accelerators.json").string(), data.user_catalogue, filter};
  if (common.format == "json") {
    std::cout << report::hardware_json(data.catalogue, shown, listing).dump(2) << "\n";
  } else {
    std::cout << report::hardware_text(data.catalogue, shown, listing);
  }
  return 0;
}

}  // namespace gpai::cli
