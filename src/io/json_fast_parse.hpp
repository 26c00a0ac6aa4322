#pragma once
// The fast path of reading JSON: simdjson (Debian libsimdjson-dev) validates
// and tokenises. nlohmann's lexer was the largest single cost of reading a
// card in batch (43k of 240k instructions per card by callgrind), and building
// an nlohmann DOM from simdjson's tape the next largest (~20k), so batch
// readers walk simdjson's DOM through a JsonView. Private to gpai_io.

#include <cstddef>
#include <string_view>

#include "json_reader.hpp"

namespace gpai::io {

// A view of `text` parsed into the calling thread's simdjson document, when
// `text` is one valid JSON value without duplicate keys and without a value
// whose nlohmann reading could differ (a negative zero). An empty view for
// anything else: the caller then parses with nlohmann, whose error messages
// (line, column, JSON pointer) are the ones users see. The view is valid
// until the calling thread's next call. Documents nested deeper than
// kFastMaxDepth are refused too, so a caller that bounds nesting need only
// check the documents this refuses.
// `readable_past_end`: bytes after `text` that may be read (not written):
// with at least simdjson's padding (64), the text is parsed where it lies,
// otherwise it is copied into a padded buffer first.
inline constexpr std::size_t kFastMaxDepth = 64;
inline constexpr std::size_t kFastPadding = 64;
JsonView parse_json_view_fast(std::string_view text, std::size_t readable_past_end = 0);

// The same, copied into an nlohmann DOM (for readers that keep the document).
bool parse_json_fast(std::string_view text, Json& out);

}  // namespace gpai::io
