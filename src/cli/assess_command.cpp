#include <iostream>

#include "command.hpp"
#include "gpai/assessment.hpp"
#include "gpai/error.hpp"
#include "gpai/io/card_checks.hpp"
#include "gpai/io/card_reader.hpp"
#include "gpai/record_result.hpp"
#include "gpai/report/output_writer.hpp"

namespace gpai::cli {

namespace {
int assess_or_explain(const Invocation& inv, bool explain_command) {
  CommonOptions common;
  std::string card_path;
  const std::string command = explain_command ? "explain" : "assess";
  po::options_description desc(
      explain_command ? "gpai-eval explain CARD [options]\n\n"
                        "Assesses a model card like assess and prints the full reasoning trace:\n"
                        "every rule with its citation, the inputs it read and its outcome"
                      : "gpai-eval assess CARD [options]\n\n"
                        "Estimates training compute and checks the compute presumption of systemic risk.\n"
                        "CARD: a gpai-eval card (.json), a Hugging Face README.md or Hub API model JSON,\n"
                        "detected as batch detects them");
  bool explain = explain_command;
  desc.add_options()("help,h", "show this help")(
      "card", po::value(&card_path),
      "model card: a gpai-eval card (gpai-eval/model-card/1), a Hugging Face README.md or Hub API JSON; - for stdin")(
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
  const Date as_of = common.as_of_date;
  const MonteCarloConfig mc = monte_carlo(common);

  const io::DataBundle data = load_data(common, inv);  // checks --as-of and --taxonomy against it
  MappedCard mapped = io::load_card(card_path, data.catalogue, data.hf_vocabulary);
  io::check_card_for_estimate(mapped.card, data.catalogue, data.rules);
  ScoredRecord scored;
  scored.record = RecordRef{1, mapped.card.source, 1, ""};
  scored.assessment = assess(mapped.card, data.context(mc, common.taxonomy), as_of);
  note_missing_evidence(mapped.card, scored.assessment.compute, mapped.provenance);
  scored.provenance = std::move(mapped.provenance);
  const auto writer = report::make_writer(*report::parse_output_format(common.format),
                                          report::WriterSettings{run_info(data, common), explain, &data.messages});
  std::string out;
  writer->write_result(scored, out);
  std::cout << out;
  return 0;
}
}  // namespace

int run_assess(const Invocation& inv) { return assess_or_explain(inv, false); }
int run_explain(const Invocation& inv) { return assess_or_explain(inv, true); }

}  // namespace gpai::cli
