#pragma once
// Error hierarchy for the I/O boundary. The core returns values; adapters and
// loaders throw these, each bound to the process exit code the CLI returns.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace gpai {

enum class ExitCode : int {
  success = 0,
  internal_error = 1,
  input_error = 2,      // bad usage or bad input: the user can fix it
  rule_data_error = 3,  // our shipped data/ files are broken
};

// Where a problem was found. Any part may be empty/zero when unknown.
struct SourceLocation {
  std::string file;          // path as the user gave it, or "<stdin>"
  std::size_t line = 0;      // 1-based; 0 = unknown
  std::size_t column = 0;    // 1-based; 0 = unknown
  std::string json_pointer;  // RFC 6901, e.g. "/training/phases/0/tokens"

  // "card.json:3:7: /training/phases/0/tokens" style prefix; empty when unknown.
  std::string to_string() const;
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, SourceLocation where, std::string message);
  ExitCode exit_code() const noexcept { return code_; }
  const SourceLocation& where() const noexcept { return where_; }
  // The message without the location prefix.
  const std::string& detail() const noexcept { return detail_; }

 private:
  ExitCode code_;
  SourceLocation where_;
  std::string detail_;
};

class UsageError : public Error {
 public:
  explicit UsageError(std::string message)
      : Error(ExitCode::input_error, {}, std::move(message)) {}
};

class InputError : public Error {
 public:
  InputError(SourceLocation where, std::string message)
      : Error(ExitCode::input_error, std::move(where), std::move(message)) {}

  // "field: expected <expected>, found <found>" with the location in front.
  static InputError wrong_value(SourceLocation where, const std::string& field,
                                const std::string& expected, const std::string& found);
  static InputError missing(SourceLocation where, const std::string& field,
                            const std::string& expected);
};

class RuleDataError : public Error {
 public:
  RuleDataError(SourceLocation where, std::string message)
      : Error(ExitCode::rule_data_error, std::move(where), std::move(message)) {}
};

class InternalError : public Error {
 public:
  explicit InternalError(std::string message)
      : Error(ExitCode::internal_error, {}, std::move(message)) {}
};

}  // namespace gpai
