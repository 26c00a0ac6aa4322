#include <iostream>

#include "command.hpp"
#include "gpai/assessment.hpp"
#include "gpai/error.hpp"
#include "gpai/io/model_card_json.hpp"

namespace gpai::cli {

namespace {
int assess_or_explain(const Invocation& inv, bool explain_command) {
  CommonOptions common;
  std::string card_path;
  const std::string command = explain_command ? "explain" : "assess";
  po::options_description desc(
      explain_command ? "gpai-eval explain CARD.json [options]\n\n"
                        "Assesses a model card like assess and prints the full reasoning trace:\n"
                        "every rule with its citation, the inputs it read and its outcome"
                      : "gpai-eval assess CARD.json [options]\n\n"
                        "Estimates training compute and checks the Art. 51(2) presumption");
  bool explain = explain_command;
  desc.add_options()("help,h", "show this help")(
      "card", po::value(&card_path), "model card (JSON, gpai-eval/model-card/1; - for stdin)")(
      "explain", po::bool_switch(&explain), "add the full reasoning trace (rule, citation, inputs, outcome)");
  add_common_options(desc, common);
  po::positional_options_description pos;
  pos.add("card", 1);
  po::variables_map vm;
  if (!parse_command(command, inv, desc, pos, vm, common)) return 0;
  explain = explain || explain_command;
  if (card_path.empty()) {
    throw UsageError(command + ": a model card file is required (gpai-eval " + command + " CARD.json)");
  }
  const Date as_of = resolve_as_of(common);
  const MonteCarloConfig mc = monte_carlo(common);

  const io::DataBundle data = load_data(common, inv);
  check_as_of_covered(data, as_of);
  check_taxonomy(data, common);
  const ModelCard card = io::load_model_card(card_path, data.catalogue);
  const EstimationContext ctx = data.context(mc, common.taxonomy);
  const Assessment a = assess(card, ctx, as_of);
  const auto run = run_info(data, common);
  if (common.format == "json") {
    std::cout << report::assessment_json(a, card.source, run, explain).dump(2) << "\n";
  } else {
    std::cout << report::assessment_text(a, card.source, run, explain);
  }
  return 0;
}
}  // namespace

int run_assess(const Invocation& inv) { return assess_or_explain(inv, false); }
int run_explain(const Invocation& inv) { return assess_or_explain(inv, true); }

}  // namespace gpai::cli
