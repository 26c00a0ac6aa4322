// gpai-eval: dispatch to a subcommand and map errors to exit codes.
#include <exception>
#include <iostream>
#include <map>

#include "command.hpp"
#include "gpai/error.hpp"
#include "gpai/version.hpp"

namespace {

using Runner = int (*)(const gpai::cli::Invocation&);

const std::map<std::string, std::pair<Runner, const char*>>& commands() {
  static const std::map<std::string, std::pair<Runner, const char*>> table = {
      {"batch", {gpai::cli::run_batch, "score many cards (JSON Lines, directories, Hugging Face cards): one row each"}},
      {"assess", {gpai::cli::run_assess, "assess a model card: compute estimate, threshold, systemic risk"}},
      {"estimate", {gpai::cli::run_estimate, "quick compute calculator from parameters, tokens or hardware"}},
      {"explain", {gpai::cli::run_explain, "assess a card and print the full reasoning trace"}},
      {"rules", {gpai::cli::run_rules, "print the rulebook in force on a date"}},
      {"audit", {gpai::cli::run_audit, "recompute a compute claim from raw hardware logs (sacct, DCGM, nvidia-smi, dmon)"}},
      {"synth-logs", {gpai::cli::run_synth_logs, "write synthetic hardware logs with injectable faults (tests, benchmarks)"}},
      {"classify", {gpai::cli::run_classify, "classify an AI system: prohibited, high-risk, transparency, roles, obligations"}},
      {"hardware", {gpai::cli::run_hardware, "list the accelerator catalogue: dense peaks, memory, TDP, names tools print"}},
  };
  return table;
}

void print_usage(std::ostream& out) {
  out << "gpai-eval " << gpai::kVersion
      << ": evaluate AI models and systems against the EU AI Act\n\n"
         "usage: gpai-eval <command> [options]   (gpai-eval <command> --help for details)\n\ncommands:\n";
  for (const auto& [name, entry] : commands()) out << "  " << name << std::string(12 - name.size(), ' ') << entry.second << "\n";
  out << "\nexit codes: 0 success, 1 internal error, 2 bad usage or input, 3 broken data files\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    print_usage(std::cerr);
    return static_cast<int>(gpai::ExitCode::input_error);
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  if (name == "--version" || name == "-V") {
    std::cout << "gpai-eval " << gpai::kVersion << "\n";
    return 0;
  }
  auto it = commands().find(name);
  if (it == commands().end()) {
    std::cerr << "gpai-eval: error: unknown command '" << name << "'\n";
    print_usage(std::cerr);
    return static_cast<int>(gpai::ExitCode::input_error);
  }
  gpai::cli::Invocation inv{argv[0], std::vector<std::string>(argv + 2, argv + argc)};
  try {
    return it->second.first(inv);
  } catch (const gpai::Error& e) {
    std::cerr << "gpai-eval: error: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "gpai-eval: internal error: " << e.what() << "\n";
    return static_cast<int>(gpai::ExitCode::internal_error);
  }
}
