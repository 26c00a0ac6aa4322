#pragma once
// The fast path of parse_json_strict: simdjson (Debian libsimdjson-dev)
// validates and tokenises, and its tape is copied into the nlohmann DOM the
// readers walk. nlohmann's lexer was the largest single cost of reading a card
// in batch (43k of 240k instructions per card by callgrind). Private to gpai_io.

#include <cstddef>
#include <string_view>

#include "json_reader.hpp"

namespace gpai::io {

// True and `out` set when `text` is one valid JSON value without duplicate
// keys and without a value whose nlohmann reading could differ (a negative
// zero). False for anything else, with `out` unspecified: the caller then
// parses with nlohmann, whose error messages (line, column, JSON pointer) are
// the ones users see. Thread-safe (one simdjson parser per thread).
// Documents nested deeper than kFastMaxDepth also return false, so a caller
// that bounds nesting need only check the documents this refuses.
inline constexpr std::size_t kFastMaxDepth = 64;
bool parse_json_fast(std::string_view text, Json& out);

}  // namespace gpai::io
