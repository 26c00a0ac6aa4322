#pragma once
// Runs the built gpai-eval and captures stdout, stderr and the exit code.
#include <string>
#include <vector>

namespace gpai::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Arguments are passed through the shell quoted; `stdin_text`, when given,
// is fed to standard input. Runs with the source tree as working directory.
CliResult run_cli(const std::vector<std::string>& args, const std::string* stdin_text = nullptr);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// Compares `actual` with the golden file; with GPAI_UPDATE_GOLDEN=1 rewrites
// it instead (review with git diff). Returns true when they match.
bool matches_golden(const std::string& golden_path, const std::string& actual);

}  // namespace gpai::test
