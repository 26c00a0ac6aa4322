#pragma once
// Quoting untrusted input in error messages. A message that echoed a whole
// token printed a 9 MB line for an unterminated string, and raw bytes of a
// binary file onto the terminal; every message that quotes what it read goes
// through excerpt() instead. Private to gpai_io.

#include <cstddef>
#include <string>
#include <string_view>

namespace gpai::io {

// Enough to recognise the token, short enough for one terminal line.
inline constexpr std::size_t kExcerptBytes = 64;

// `text` in `quote` characters (none when quote is 0), at most `max_bytes`
// of it. Control characters, DEL, invalid UTF-8, C1 controls and the Unicode
// line separators and bidirectional overrides (which reorder or break a
// terminal line) are written as \xNN per byte; valid UTF-8 is kept and never
// cut inside a character. A cut excerpt ends in "..." inside the quotes,
// followed by the input's length: 'aaaa...' (9437184 bytes).
std::string excerpt(std::string_view text, std::size_t max_bytes = kExcerptBytes, char quote = '\'');

}  // namespace gpai::io
