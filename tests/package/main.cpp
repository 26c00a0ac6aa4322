// The README's library example, compiled and run against the installed package.
#include <gpai/assessment.hpp>
#include <gpai/io/data_files.hpp>
#include <gpai/io/model_card_json.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto data = gpai::io::load_data_bundle(argv[1]);  // the installed share/gpai
  auto card = gpai::io::load_model_card(argv[2], data.catalogue);
  auto a = gpai::assess(card, data.context(gpai::MonteCarloConfig{42, 100000}), *gpai::Date::parse("2026-01-15"));
  std::cout << a.model << ": " << to_string(a.threshold.status) << ", " << to_string(a.systemic_risk.status) << ", "
            << gpai::format_sig(a.compute.cumulative_summary.median, 2) << " FLOP\n";
  return a.threshold.status == gpai::ThresholdStatus::above ? 0 : 1;
}
