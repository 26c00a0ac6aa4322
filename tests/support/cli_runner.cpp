#include "cli_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gpai::test {
namespace {
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

CliResult run_cli(const std::vector<std::string>& args, const std::string* stdin_text) {
  char dir_template[] = "/tmp/gpai-cli-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (!dir) throw std::runtime_error("mkdtemp failed");
  const std::string out_path = std::string(dir) + "/out", err_path = std::string(dir) + "/err",
                    in_path = std::string(dir) + "/in";
  std::string cmd = "cd " + shell_quote(GPAI_SOURCE_DIR) + " && " + shell_quote(GPAI_EXE);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  if (stdin_text) {
    write_file(in_path, *stdin_text);
    cmd += " < " + shell_quote(in_path);
  } else {
    cmd += " < /dev/null";
  }
  cmd += " > " + shell_quote(out_path) + " 2> " + shell_quote(err_path);
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  std::remove(in_path.c_str());
  rmdir(dir);
  return r;
}

bool matches_golden(const std::string& golden_path, const std::string& actual) {
  const char* update = std::getenv("GPAI_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden_path, actual);
    return true;
  }
  return read_file(golden_path) == actual;
}

}  // namespace gpai::test
