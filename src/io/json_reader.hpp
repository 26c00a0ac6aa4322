#pragma once
// Location-aware reading of user JSON. Every value is read through a
// JsonCursor that knows its file and JSON pointer, so every error says where
// it is, which field, what was expected and what was found.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/error.hpp"
#include "gpai/quantity.hpp"

namespace gpai::io {

using Json = nlohmann::json;

// Parses text strictly: syntax errors carry line and column; duplicate object
// keys are an error (nlohmann would keep the last one silently).
Json parse_json_strict(std::string_view text, const std::string& file);

// Reads a whole file; InputError naming the file when it cannot be read.
std::string read_text_file(const std::string& path);

// "boolean true", "string \"abc\"", "array of 3", ... for error messages.
std::string describe_json(const Json& v);

// Escapes a key for use in a JSON pointer (RFC 6901).
std::string pointer_token(std::string_view key);

// Acceptable range for a quantity read from user input.
enum class Range {
  non_negative,  // >= 0
  positive,      // > 0
  unit_interval  // (0, 1]: utilisation
};

// A cursor views the document and the file name it was made from: both must
// outlive it and its children (readers make a root over a local document).
class JsonCursor {
 public:
  JsonCursor(const Json& value, const std::string& file, std::string pointer = "")
      : value_(&value), file_(&file), pointer_(std::move(pointer)) {}
  // A temporary file name would dangle.
  JsonCursor(const Json& value, std::string&& file, std::string pointer = "") = delete;

  const Json& value() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& file() const { return *file_; }
  SourceLocation location() const { return {*file_, 0, 0, pointer_.empty() ? "/" : pointer_}; }

  // Child access. `field` returns nullopt when absent or null.
  std::optional<JsonCursor> field(std::string_view key) const;
  JsonCursor require(std::string_view key, const std::string& expected) const;
  JsonCursor at(std::size_t index) const;

  // Typed reads; throw InputError::wrong_value with this cursor's location.
  void expect_object() const;
  std::size_t expect_array() const;  // returns size
  std::string as_string() const;
  std::vector<std::string> as_string_list() const;  // an array of strings
  bool as_bool() const;
  Date as_date() const;
  // Number, "405B"-style string, or {"low": q, "high": q} (a 90 % interval).
  Quantity as_quantity(Range range) const;
  double as_number(Range range) const;  // a single value, no interval

  [[noreturn]] void fail(const std::string& expected) const;

 private:
  JsonCursor(const Json& value, const std::string* file, std::string pointer)
      : value_(&value), file_(file), pointer_(std::move(pointer)) {}
  std::string field_name() const;
  std::string child_pointer(std::string_view key) const;
  const Json* value_;
  // Not owned: a card reads dozens of fields, and copying (or reference
  // counting) the file name per child was a measurable share of batch time.
  const std::string* file_;
  std::string pointer_;
};

}  // namespace gpai::io
