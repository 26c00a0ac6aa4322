#include "gpai/error.hpp"

namespace gpai {
namespace {
std::string compose(const SourceLocation& where, const std::string& message) {
  const std::string prefix = where.to_string();
  return prefix.empty() ? message : prefix + ": " + message;
}
}  // namespace

std::string SourceLocation::to_string() const {
  std::string out = file;
  if (line > 0) {
    out.append(out.empty() ? "line " : ":").append(std::to_string(line));
    if (column > 0) out.append(":").append(std::to_string(column));
  }
  if (!json_pointer.empty()) {
    if (!out.empty()) out.append(": ");
    out.append(json_pointer);
  }
  return out;
}

Error::Error(ExitCode code, SourceLocation where, std::string message)
    : std::runtime_error(compose(where, message)),
      code_(code),
      where_(std::move(where)),
      detail_(std::move(message)) {}

InputError InputError::wrong_value(SourceLocation where, const std::string& field,
                                   const std::string& expected, const std::string& found) {
  return InputError(std::move(where), field + ": expected " + expected + ", found " + found);
}

InputError InputError::missing(SourceLocation where, const std::string& field,
                               const std::string& expected) {
  return InputError(std::move(where), field + ": required field is missing (expected " +
                                          expected + ")");
}

}  // namespace gpai
