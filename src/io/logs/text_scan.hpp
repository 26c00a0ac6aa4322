#pragma once
// Hand-written field scanning for the log readers' hot loops: no allocation,
// no locale, no iostreams. Numbers go through std::from_chars.

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../excerpt.hpp"

namespace gpai::io::logs {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// 'text' in single quotes, capped and escaped, for messages.
inline std::string quote(std::string_view text) { return excerpt(text); }

inline std::string lower_ascii(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

inline bool icontains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// Splits at `sep` into at most `max` fields; returns the number of fields
// (which may exceed `max`: the caller rejects the row). Double-quoted fields
// may contain the separator; quotes are stripped, "" inside is kept as is.
inline std::size_t split_fields_quoted(std::string_view line, char sep, std::string_view* out,
                                       std::size_t max) {
  std::size_t n = 0;
  const char* p = line.data();
  const char* const end = p + line.size();
  for (;;) {
    const char* next;
    if (p < end && *p == '"') {
      const char* q = p + 1;
      while (q < end && !(*q == '"' && (q + 1 == end || q[1] == sep))) ++q;
      if (n < max) out[n] = std::string_view(p + 1, static_cast<std::size_t>(q - p - 1));
      next = q < end ? q + 1 : end;
    } else {
      const void* s = std::memchr(p, sep, static_cast<std::size_t>(end - p));
      next = s ? static_cast<const char*>(s) : end;
      if (n < max) out[n] = std::string_view(p, static_cast<std::size_t>(next - p));
    }
    ++n;
    if (next >= end || *next != sep) return n;
    p = next + 1;
  }
}

// The hot path: one pass over the line, 16 bytes at a time where SSE2 is
// available, finding every separator; falls back to the quoted splitter when
// the line holds a double quote.
inline std::size_t split_fields(std::string_view line, char sep, std::string_view* out, std::size_t max) {
  const char* base = line.data();
  const std::size_t size = line.size();
  std::size_t n = 0, start = 0, i = 0;
  auto cut = [&](std::size_t pos) {
    if (n < max) out[n] = std::string_view(base + start, pos - start);
    ++n;
    start = pos + 1;
  };
#if defined(__SSE2__)
  const __m128i vsep = _mm_set1_epi8(sep), vquote = _mm_set1_epi8('"');
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, vquote))) return split_fields_quoted(line, sep, out, max);
    auto bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, vsep)));
    while (bits) {
      cut(i + static_cast<std::size_t>(__builtin_ctz(bits)));
      bits &= bits - 1;
    }
  }
#endif
  for (; i < size; ++i) {
    if (base[i] == '"') return split_fields_quoted(line, sep, out, max);
    if (base[i] == sep) cut(i);
  }
  cut(size);
  return n;
}

// Splits at runs of spaces (fixed-width text such as dcgmi dmon).
inline std::size_t split_whitespace(std::string_view line, std::string_view* out, std::size_t max) {
  std::size_t n = 0, i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (n < max) out[n] = line.substr(start, i - start);
    ++n;
  }
  return n;
}

enum class Cell { ok, missing, bad };

// A number as telemetry tools print it: optional spaces, the number, then an
// optional unit (" %", " W", "W", " MiB"). Empty, N/A, [N/A], [Not
// Supported], NaN and "-" are missing values, not errors.
inline Cell parse_number(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return Cell::missing;
  const char c = s.front();
  if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')) {
    if ((c == '[' && s.back() == ']') || iequals(s, "N/A") || iequals(s, "NaN") || iequals(s, "NA")) {
      return Cell::missing;  // [N/A], [Not Supported], N/A, NaN
    }
    return Cell::bad;
  }
  if (s == "-") return Cell::missing;
  const char* b = s.data() + (c == '+' ? 1 : 0);
  // Fast path: [-]digits[.digits] with at most 15 digits. Mantissa and power
  // of ten are then exact doubles, so one division gives the correctly
  // rounded value, the same as from_chars.
  {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char* p = b;
    const char* const end = s.data() + s.size();
    const bool neg = p < end && *p == '-';
    if (neg) ++p;
    std::uint64_t m = 0;
    int ndigits = 0, frac = 0;
    for (; p < end && static_cast<unsigned>(*p - '0') < 10; ++p, ++ndigits) m = m * 10 + static_cast<unsigned>(*p - '0');
    if (p < end && *p == '.') {
      for (++p; p < end && static_cast<unsigned>(*p - '0') < 10; ++p, ++ndigits, ++frac) {
        m = m * 10 + static_cast<unsigned>(*p - '0');
      }
    }
    if (ndigits > 0 && ndigits <= 15 && (p == end || (*p != 'e' && *p != 'E'))) {
      out = static_cast<double>(m) / kPow10[frac];
      if (neg) out = -out;
      for (; p < end; ++p) {
        const char u = *p;
        if (!(u == ' ' || u == '%' || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z'))) return Cell::bad;
      }
      return Cell::ok;
    }
  }
  const auto [ptr, ec] = std::from_chars(b, s.data() + s.size(), out);
  if (ec != std::errc()) return Cell::bad;
  for (const char* q = ptr; q < s.data() + s.size(); ++q) {
    const char u = *q;
    if (!(u == ' ' || u == '%' || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z'))) return Cell::bad;
  }
  if (!std::isfinite(out)) return Cell::missing;
  return Cell::ok;
}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

inline bool digits(const char* p, int n, int& out) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = p[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

struct Timestamp {
  double seconds = 0;     // since the Unix epoch (UTC), or since the log start
  bool relative = false;  // a bare number below 1e9 (no calendar date)
};

// "2025-03-01T12:00:00[.fff][Z|+hh:mm|-hhmm]" (T or space), the nvidia-smi
// form "2020/11/12 13:48:11.412", or a number: Unix seconds when >= 1e9
// (after 2001-09-09), else seconds since the log's start. A time without a
// zone is taken as UTC. `seconds_per_unit` scales numeric times (ms = 1e-3).
inline std::optional<Timestamp> parse_timestamp(std::string_view s, double seconds_per_unit = 1) {
  s = trim(s);
  if (s.size() >= 19 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
      (s[10] == 'T' || s[10] == ' ') && s[13] == ':' && s[16] == ':') {
    int y, mo, d, h, mi, se;
    const char* p = s.data();
    if (!digits(p, 4, y) || !digits(p + 5, 2, mo) || !digits(p + 8, 2, d) || !digits(p + 11, 2, h) ||
        !digits(p + 14, 2, mi) || !digits(p + 17, 2, se)) {
      return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
    double t = static_cast<double>(days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) * 86400.0 +
               h * 3600.0 + mi * 60.0 + se;
    std::size_t i = 19;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      double scale = 0.1, frac = 0;
      for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale *= 0.1) frac += (s[i] - '0') * scale;
      t += frac;
    }
    if (i < s.size()) {
      if (s[i] == 'Z' && i + 1 == s.size()) return Timestamp{t, false};
      if ((s[i] == '+' || s[i] == '-') && (s.size() == i + 6 || s.size() == i + 5 || s.size() == i + 3)) {
        int oh = 0, om = 0;
        if (!digits(p + i + 1, 2, oh)) return std::nullopt;
        if (s.size() == i + 6 && (s[i + 3] != ':' || !digits(p + i + 4, 2, om))) return std::nullopt;
        if (s.size() == i + 5 && !digits(p + i + 3, 2, om)) return std::nullopt;
        const double offset = oh * 3600.0 + om * 60.0;
        return Timestamp{s[i] == '+' ? t - offset : t + offset, false};
      }
      return std::nullopt;
    }
    return Timestamp{t, false};
  }
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  v *= seconds_per_unit;
  return Timestamp{v, v < 1e9};
}

}  // namespace gpai::io::logs
