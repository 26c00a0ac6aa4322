#include "excerpt.hpp"

namespace gpai::io {
namespace {

// Length of the valid UTF-8 sequence at s[i] (overlongs, surrogates and
// code points above U+10FFFF are invalid), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Valid, but invisible or disruptive on a terminal: C1 controls, U+2028/9,
// the bidirectional embeddings, overrides and isolates.
bool disruptive(std::string_view ch) {
  const auto u = [&](std::size_t k) { return static_cast<unsigned char>(ch[k]); };
  if (ch.size() == 2) return u(0) == 0xC2 && u(1) < 0xA0;
  if (ch.size() == 3 && u(0) == 0xE2 && u(1) == 0x80) return u(2) >= 0xA8 && u(2) <= 0xAE;
  if (ch.size() == 3 && u(0) == 0xE2 && u(1) == 0x81) return u(2) >= 0xA6 && u(2) <= 0xA9;
  return false;
}

void append_escaped(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out += "\\x";
    out.push_back(kHex[u >> 4]);
    out.push_back(kHex[u & 15]);
  }
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max_bytes, char quote) {
  std::string out;
  if (quote) out.push_back(quote);
  const std::size_t budget = out.size() + max_bytes;
  std::size_t i = 0;
  std::string piece;
  while (i < text.size()) {
    const std::size_t n = utf8_length(text, i);
    const std::string_view ch = text.substr(i, n ? n : 1);
    piece.clear();
    const auto c = static_cast<unsigned char>(ch[0]);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7F)) || disruptive(ch)) append_escaped(piece, ch);
    else piece.assign(ch);
    if (out.size() + piece.size() > budget) break;
    out += piece;
    i += ch.size();
  }
  const bool cut = i < text.size();
  if (cut) out += "...";
  if (quote) out.push_back(quote);
  if (cut) out += " (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace gpai::io
