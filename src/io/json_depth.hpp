#pragma once
// A bound on JSON nesting, checked on the text before parsing. nlohmann
// parses iteratively, but printing a value (dump, describe_json) and other
// code walking it recurse: a line of a million '[' would overflow the stack
// and end the whole run. Real cards nest about six levels. Private to gpai_io.

#include <cstddef>
#include <string_view>

namespace gpai::io {

inline constexpr std::size_t kMaxJsonDepth = 256;

inline bool json_nested_too_deep(std::string_view text, std::size_t max_depth = kMaxJsonDepth) {
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace gpai::io
