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
#include "json_view.hpp"

namespace gpai::io {

// Parses text strictly: syntax errors carry line and column; duplicate object
// keys are an error (nlohmann would keep the last one silently).
Json parse_json_strict(std::string_view text, const std::string& file);

// Reads a whole file; InputError naming the file when it cannot be read.
std::string read_text_file(const std::string& path);

// "boolean true", "string \"abc\"", "array of 3", ... for error messages.
std::string describe_json(JsonView v);

// Escapes a key for use in a JSON pointer (RFC 6901).
std::string pointer_token(std::string_view key);

// Acceptable range for a quantity read from user input.
enum class Range {
  non_negative,  // >= 0
  positive,      // > 0
  unit_interval  // (0, 1]: utilisation
};

// `parent` plus "/" and a key (escaped) or an array index.
std::string child_pointer(std::string_view parent, std::string_view key);
std::string child_pointer(std::string_view parent, std::size_t index);

// A cursor views the document and the file name it was made from: both must
// outlive it and its children (readers make a root over a local document).
class JsonCursor {
 public:
  JsonCursor(JsonView value, const std::string& file, std::string_view pointer = "")
      : value_(value), file_(&file), pointer_(pointer) {}
  // A temporary file name would dangle.
  JsonCursor(JsonView value, std::string&& file, std::string_view pointer = "") = delete;

  JsonView value() const { return value_; }
  // This cursor looking its fields up in `members` (gathered from this
  // object, and outliving the returned cursor): for objects read field by field.
  JsonCursor indexed(const JsonMembers& members) const {
    JsonCursor c(*this);
    c.members_ = &members;
    return c;
  }
  std::string pointer() const { return pointer_; }
  std::string_view pointer_view() const { return pointer_; }
  const std::string& file() const { return *file_; }
  SourceLocation location() const {
    return {*file_, 0, 0, pointer_.empty() ? "/" : pointer_};
  }

  // Child access. `field` returns nullopt when absent or null.
  std::optional<JsonCursor> field(std::string_view key) const;
  // `expected` is only turned into a string on failure: most calls pass a literal.
  JsonCursor require(std::string_view key, std::string_view expected) const;
  JsonCursor at(std::size_t index) const;
  // Each element with its index, in order (linear for every backend; `at` in
  // a loop is quadratic on simdjson).
  template <class F>
  void for_each_element(F&& f) const {
    std::size_t i = 0;
    expect_array();
    for (JsonView e : value_.elements()) {
      f(JsonCursor(e, file_, pointer_, i), i);
      ++i;
    }
  }

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
  template <class Token>
  JsonCursor(JsonView value, const std::string* file, std::string_view parent, Token token)
      : value_(value), file_(file), pointer_(child_pointer(parent, token)) {}
  std::string field_name() const;
  JsonView value_;
  // Not owned: copying (or reference counting) the file name per child was a
  // measurable share of batch time.
  const std::string* file_;
  std::string pointer_;
  const JsonMembers* members_ = nullptr;
};

}  // namespace gpai::io
