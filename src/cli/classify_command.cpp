// gpai-eval classify SYSTEM.json: classify one AI system (Art. 3(1), 2, 5, 6,
// 50, 25) and list each actor's obligations with their dates.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "classify_interactive.hpp"
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
  std::string card_path, output_path;
  bool interactive = false;
  po::options_description desc(
      "gpai-eval classify SYSTEM.json [options]\n"
      "gpai-eval classify --interactive [SYSTEM.json] [-o system.json]\n\n"
      "Classifies an AI system under the AI Act: AI system, scope, prohibited practice,\n"
      "high-risk (product route, listed uses and their exceptions), transparency, roles, and each actor's\n"
      "obligations with the date each applies from. Unknown answers give `indeterminate`\n"
      "with the open questions that would decide it.");
  desc.add_options()("help,h", "show this help")(
      "system", po::value(&card_path), "system card (gpai-eval/system-card/1, docs/system-card.md); - for stdin")(
      "interactive", po::bool_switch(&interactive),
      "ask the questions still needed (y, n, ? unknown, b back; answers may be piped on stdin), "
      "starting from SYSTEM.json if given, then classify")(
      "output,o", po::value(&output_path), "with --interactive: write the card built from the answers to FILE");
  add_common_options(desc, common);
  po::positional_options_description pos;
  pos.add("system", 1);
  po::variables_map vm;
  if (!parse_command("classify", inv, desc, pos, vm, common)) return 0;
  const io::DataBundle data = load_data(common, inv);
  const MonteCarloConfig mc = monte_carlo(common);

  if (!output_path.empty() && !interactive)
    throw UsageError("classify: -o/--output writes the card that --interactive builds; add --interactive");
  if (card_path.empty() && !interactive)
    throw UsageError("classify: a system card is required (gpai-eval classify SYSTEM.json), or --interactive");
  if (interactive && card_path == "-") throw UsageError("classify --interactive reads its answers on stdin: give a card file");
  SystemCard card = card_path.empty() ? SystemCard{} : io::load_system_card(card_path, data.systems);
  std::string source = card_path.empty() ? "<interactive>" : card_path == "-" ? "<stdin>" : card_path;
  if (interactive) {
    card = interview(std::cin, std::cerr, card, data.systems, data.messages, common.as_of_date, common.language);
    if (!output_path.empty()) {
      // Written beside its final name, then renamed: never a half-written card.
      const std::string tmp = output_path + ".tmp";
      {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << io::system_card_json(card).dump(2) << "\n";
        if (!f.flush()) throw InputError(SourceLocation{output_path, 0, 0, ""}, "cannot write the system card");
      }
      std::filesystem::rename(tmp, output_path);
      source = output_path;
    }
  }
  const auto model = app::assess_linked_model(card, card_path.empty() ? output_path : card_path, data,
                                              common.as_of_date, mc);
  const SystemClassification result =
      classify_system(card, data.systems, common.as_of_date, model ? &*model : nullptr);
  const report::SystemReportInput in{card, result, data.systems, data.messages, source};
  const report::RunInfo run = run_info(data, common);
  if (common.format == "json") std::cout << report::system_json(in, run).dump(2) << "\n";
  else std::cout << report::system_text(in, run);
  return 0;
}

}  // namespace gpai::cli
