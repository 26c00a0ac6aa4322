// gpai-eval classify SYSTEM.json: classify one AI system (Art. 3(1), 2, 5, 6,
// 50, 25) and list each actor's obligations with their dates.
#include <iostream>

#include "command.hpp"
#include "gpai/app/linked_model.hpp"
#include "gpai/error.hpp"
#include "gpai/io/system_card_reader.hpp"
#include "gpai/report/system_report.hpp"
#include "gpai/system_classification.hpp"

namespace gpai::cli {

int run_classify(const Invocation& inv) {
  CommonOptions common;
  common.spec.taxonomy = false;
  std::string card_path;
  po::options_description desc(
      "gpai-eval classify SYSTEM.json [options]\n\n"
      "Classifies an AI system under the AI Act: AI system, scope, prohibited practice,\n"
      "high-risk (product route, listed uses and their exceptions), transparency, roles, and each actor's\n"
      "obligations with the date each applies from. Unknown answers give `indeterminate`\n"
      "with the open questions that would decide it.");
  desc.add_options()("help,h", "show this help")(
      "system", po::value(&card_path), "system card (gpai-eval/system-card/1, docs/system-card.md); - for stdin");
  add_common_options(desc, common);
  po::positional_options_description pos;
  pos.add("system", 1);
  po::variables_map vm;
  if (!parse_command("classify", inv, desc, pos, vm, common)) return 0;
  const io::DataBundle data = load_data(common, inv);
  const MonteCarloConfig mc = monte_carlo(common);

  if (card_path.empty()) throw UsageError("classify: a system card is required (gpai-eval classify SYSTEM.json)");
  const SystemCard card = io::load_system_card(card_path, data.systems);
  const std::string source = card_path == "-" ? "<stdin>" : card_path;
  const auto model = app::assess_linked_model(card, card_path, data, common.as_of_date, mc);
  const SystemClassification result =
      classify_system(card, data.systems, common.as_of_date, model ? &*model : nullptr);
  const report::SystemReportInput in{card, result, data.systems, data.messages, source};
  const report::RunInfo run = run_info(data, common);
  if (common.format == "json") std::cout << report::system_json(in, run).dump(2) << "\n";
  else std::cout << report::system_text(in, run);
  return 0;
}

}  // namespace gpai::cli
