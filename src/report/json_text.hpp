#pragma once
// A JSON text writer for batch rows. Private to gpai_report.
//
// A row is about a hundred small pieces (keys, ids, statuses, numbers). Built
// as nlohmann objects a row cost more than scoring the card; appended to a
// std::string piece by piece, the per-append bookkeeping was still a fifth of
// batch time. This writer reserves room once per piece and writes through a
// raw cursor into a reusable buffer; the caller copies the finished row out.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>  // part of every x86-64
#endif
#include <string>
#include <string_view>
#include <vector>

namespace gpai::report {

// Calls emit(piece) for each UTF-8 character of s, with U+FFFD for each byte
// that is not part of a valid UTF-8 sequence.
template <typename Emit>
void utf8_each(std::string_view s, Emit&& emit) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= n;
    for (std::size_t k = 1; valid && k < len; ++k) valid = (p[i + k] & 0xC0) == 0x80;
    if (valid && len == 2 && c < 0xC2) valid = false;  // overlong
    if (valid) {
      emit(s.substr(i, len));
      i += len;
    } else {
      emit(std::string_view("\xEF\xBF\xBD"));
      ++i;
    }
  }
}

// Non-zero when one of the 16 bytes at p cannot be written as is into a JSON
// string: controls, '"', '\\' and non-ASCII (checked for valid UTF-8 apart).
inline unsigned escape_mask16(const char* p) {
#if defined(__SSE2__)
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too.
  const __m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(bad));
#else  // SWAR, eight bytes per word
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto below = [&](std::uint64_t x, unsigned char n) { return (x - ones * n) & ~x & highs; };
  auto equal = [&](std::uint64_t x, unsigned char c) { return below(x ^ (ones * c), 1); };
  std::uint64_t w[2];
  std::memcpy(w, p, 16);
  std::uint64_t bad = 0;
  for (std::uint64_t x : w) bad |= (x & highs) | below(x, 0x20) | equal(x, '"') | equal(x, '\\');
  return bad != 0;
#endif
}

class JsonText {
 public:
  // Writes into `buffer` from its start; its capacity is kept between rows.
  explicit JsonText(std::vector<char>& buffer) : buf_(buffer) {
    if (buf_.size() < 4096) buf_.resize(4096);
  }

  std::string_view text() const { return {buf_.data(), pos_}; }

  // ---- structure: objects and arrays track whether a comma is due
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key that is a literal of ours (an identifier: nothing to escape).
  // Inlined, so that copying a literal is a few moves, not a memcpy call.
  [[gnu::always_inline]] void key(std::string_view k) {
    char* d = room(k.size() + 4);
    if (!first_[depth_]) *d++ = ',';
    first_[depth_] = false;
    *d++ = '"';
    std::memcpy(d, k.data(), k.size());
    d += k.size();
    *d++ = '"';
    *d++ = ':';
    pos_ = static_cast<std::size_t>(d - buf_.data());
  }
  // A key that comes from data (escaped like any string).
  void data_key(std::string_view k) {
    element();
    string(k);
    put(':');
  }
  // Before an array element.
  void element() {
    if (!first_[depth_]) put(',');
    first_[depth_] = false;
  }

  // ---- values
  void string(std::string_view s) {
    // Fast path: copy 16 bytes at a time while checking them. The last,
    // partial block is the string's last 16 bytes, overlapping the previous
    // block; strings shorter than that (statuses, ids) go byte by byte,
    // which costs less than assembling a padded block.
    const std::size_t n = s.size();
    char* d = room(n + 2);
    *d++ = '"';
    const char* p = s.data();
    if (n >= 16) {
      for (std::size_t i = 0; i + 16 <= n; i += 16) {
        if (escape_mask16(p + i)) return escaped(s);
        std::memcpy(d + i, p + i, 16);
      }
      if (n % 16 != 0) {
        if (escape_mask16(p + n - 16)) return escaped(s);
        std::memcpy(d + n - 16, p + n - 16, 16);
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return escaped(s);
        d[i] = p[i];
      }
    }
    d[n] = '"';
    pos_ = static_cast<std::size_t>(d + n + 1 - buf_.data());
  }
  void string_or_null(std::string_view s) {
    if (s.empty()) raw("null");
    else string(s);
  }
  // Shortest text that reads back as the same double; null if not finite.
  void number(double v) {
    if (!std::isfinite(v)) return raw("null");
    char* d = room(32);
    pos_ = static_cast<std::size_t>(std::to_chars(d, d + 32, v).ptr - buf_.data());
  }
  void whole(std::size_t v) {
    char* d = room(24);
    pos_ = static_cast<std::size_t>(std::to_chars(d, d + 24, v).ptr - buf_.data());
  }
  // A line, column or similar count where 0 means "not known".
  void whole_or_null(std::size_t v) {
    if (v) whole(v);
    else null();
  }
  void boolean(bool v) { raw(v ? std::string_view("true") : std::string_view("false")); }
  void null() { raw("null"); }
  void newline() { put('\n'); }

  // ---- key and value together
  [[gnu::always_inline]] void str(std::string_view k, std::string_view v) { key(k), string(v); }
  [[gnu::always_inline]] void str_or_null(std::string_view k, std::string_view v) { key(k), string_or_null(v); }
  [[gnu::always_inline]] void num(std::string_view k, double v) { key(k), number(v); }

 private:
  char* room(std::size_t n) {
    if (buf_.size() - pos_ < n) [[unlikely]] grow(n);
    return buf_.data() + pos_;
  }
  [[gnu::noinline]] void grow(std::size_t n) { buf_.resize(std::max(buf_.size() * 2, pos_ + n)); }

  // A string that needs escapes or holds non-ASCII bytes: one character at a
  // time, invalid UTF-8 replaced by U+FFFD.
  [[gnu::noinline]] void escaped(std::string_view s) {
    put('"');
    utf8_each(s, [&](std::string_view ch) {
      if (ch.size() > 1) return raw(ch);
      const char c = ch[0];
      switch (c) {
        case '"': return raw("\\\"");
        case '\\': return raw("\\\\");
        case '\n': return raw("\\n");
        case '\r': return raw("\\r");
        case '\t': return raw("\\t");
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            const char u[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xF], hex[c & 0xF]};
            return raw({u, 6});
          }
          return put(c);
      }
    });
    put('"');
  }
  void put(char c) { *room(1) = c, ++pos_; }
  void raw(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    pos_ += s.size();
  }
  void open(char c) {
    put(c);
    // Rows nest three levels; deeper nesting would be a bug in the caller.
    if (depth_ + 1 < kMaxDepth) ++depth_;
    first_[depth_] = true;
  }
  void close(char c) {
    if (depth_ > 0) --depth_;
    put(c);
  }

  static constexpr int kMaxDepth = 8;
  std::vector<char>& buf_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool first_[kMaxDepth] = {true, true, true, true, true, true, true, true};
};

}  // namespace gpai::report
