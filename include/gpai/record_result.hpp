#pragma once
// Per-record results: what scoring one card gives, a scored record or a
// located Diagnostic. Plain data shared by the batch pipeline (gpai/app/),
// which fills them, and the reporters (gpai/report/), which print them; no I/O.

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

#include "gpai/assessment.hpp"
#include "gpai/card_provenance.hpp"

namespace gpai {

// Where a record came from.
struct RecordRef {
  std::size_t ordinal = 0;  // 1-based position in the run: the output order
  std::string source;       // path as given or walked; "<stdin>" for standard input
  std::size_t line = 0;     // 1-based first line of the record in its source
  std::string pointer;      // "" for a whole document; "/3" for an array element
};

// A record that could not be scored, with its location.
struct Diagnostic {
  RecordRef record;
  std::size_t line = 0;    // line of the problem (0: the record's line)
  std::size_t column = 0;  // 0: unknown
  std::string pointer;     // JSON pointer inside the record, with the record's own prefix
  std::string format;      // detected format, empty when detection failed
  std::string id;          // card id or name when it was read before the failure
  std::string kind;        // "input_error" (fix the card) or "internal_error" (a bug)
  std::string message;
};

// A value or a Diagnostic, in the spirit of simdjson_result (C++20 has no
// std::expected).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Diagnostic error) : v_(std::move(error)) {}   // NOLINT
  // A default value to fill in place (a ScoredRecord is large to move).
  explicit Result(std::in_place_t) : v_(std::in_place_index<0>) {}
  bool ok() const noexcept { return v_.index() == 0; }
  const T& value() const { return std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  const Diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

struct ScoredRecord {
  // User-provided: value-initialising (what an in-place Result does) would
  // first zero the whole record, several kilobytes, with `rep stos`.
  ScoredRecord() {}  // NOLINT(modernize-use-equals-default)
  RecordRef record;
  Provenance provenance;  // format, what was mapped and missing
  Assessment assessment;
};

using RecordResult = Result<ScoredRecord>;

}  // namespace gpai
