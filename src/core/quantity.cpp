#include "gpai/quantity.hpp"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace gpai {

Quantity Quantity::exact(double value) {
  assert(std::isfinite(value) && value >= 0);
  return Quantity(value, value);
}

Quantity Quantity::interval90(double low, double high) {
  assert(std::isfinite(low) && std::isfinite(high) && low > 0 && low <= high);
  return Quantity(low, high);
}

double Quantity::median() const noexcept {
  return is_exact() ? low_ : std::sqrt(low_) * std::sqrt(high_);
}

Quantity Quantity::scaled(double factor) const {
  return Quantity(low_ * factor, high_ * factor);
}

namespace {
std::optional<double> suffix_multiplier(char c) {
  switch (c) {
    case 'k': case 'K': return 1e3;
    case 'M': return 1e6;
    case 'B': case 'G': return 1e9;
    case 'T': return 1e12;
    case 'P': return 1e15;
    case 'E': return 1e18;
    default: return std::nullopt;
  }
}

std::optional<double> fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool contains_ci(std::string_view s, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= s.size(); ++i) {
    std::size_t k = 0;
    while (k < word.size() && (s[i + k] | 0x20) == word[k]) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "1.000.000": points as digit-group separators (then a comma is decimal).
bool points_group_digits(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::size_t group = 0, groups = 0;
  for (char c : s) {
    if (c == '.') {
      if (group == 0 || group > 3 || (groups > 0 && group != 3)) return false;
      ++groups;
      group = 0;
    } else if (is_digit(c)) {
      ++group;
    } else {
      return false;
    }
  }
  return groups > 0 && group == 3;
}

// Why a comma that is not a thousands separator was refused: users of a
// decimal comma write "1,5T" for 1.5T, which stripping commas read as 15T.
std::string comma_message(std::string_view text) {
  const std::string shown(text);
  const auto first = text.find(',');
  const bool one_comma = text.find(',', first + 1) == std::string_view::npos;
  const auto dot = text.find('.');
  std::string fixed;
  if (one_comma && first > 0 && first + 1 < text.size() && is_digit(text[first - 1]) &&
      is_digit(text[first + 1]) && (dot > first || points_group_digits(text.substr(0, first)))) {
    // "7,0B" -> "7.0B"; "1.000,5" -> "1000.5" (points grouping the digits).
    for (char c : text) {
      if (c == '.' && dot < first) continue;
      fixed.push_back(c == ',' ? '.' : c);
    }
    // Only a reading with one decimal point before any exponent ("1e1,5" has none).
    const auto point = fixed.find('.');
    if (fixed.find('.', point + 1) != std::string::npos || fixed.find_first_of("eE") < point) fixed.clear();
  }
  const std::string rule = "a comma may only separate groups of three digits, as in 16,384";
  if (fixed.empty()) return "'" + shown + "': " + rule + "; write a decimal point as '.'";
  return "'" + shown + "' looks like a decimal comma; write " + fixed + " (" + rule + ")";
}

// Digits of the whole-number part with their group separators (and
// underscores) removed, appended to `out`: a
// separator (',' or ' ', not both) must split the digits into a first group
// of 1-3 and then groups of exactly 3, or the text is refused as ambiguous.
bool ungroup(std::string_view whole, std::string& out, char& separator) {
  separator = 0;
  std::size_t group = 0;
  bool first_group = true;
  for (char c : whole) {
    if (c == '_') continue;
    if (c == ',' || c == ' ') {
      if (separator && c != separator) {
        separator = '\x01';  // mixed
        return false;
      }
      separator = c;
      if (group == 0 || group > 3 || (!first_group && group != 3)) return false;
      first_group = false;
      group = 0;
      continue;
    }
    out.push_back(c);
    if (is_digit(c)) ++group;
  }
  return !separator || group == 3;
}
}  // namespace

std::optional<double> parse_quantity(std::string_view text, std::string* why) {
  std::string_view t = trim_spaces(text);
  if (t.empty()) return fail(why, "an empty string is not a number");
  // from_chars reads "inf" and "nan": refuse them by name first.
  if (contains_ci(t, "nan") || contains_ci(t, "inf")) return fail(why, "number is not finite");

  double multiplier = 1.0;
  const char last = t.back();
  if (!is_digit(last) && last != '.') {
    auto m = suffix_multiplier(last);
    if (!m) {
      return fail(why, std::string("unknown unit suffix '") + last + "' (known: k, M, B, G, T, P, E)");
    }
    multiplier = *m;
    t.remove_suffix(1);
    t = trim_spaces(t);  // "405 B"
    if (t.empty()) return fail(why, "a unit suffix needs a number before it");
  }

  // Underscores are free digit separators ("1_000"), as in source code; they
  // are never a decimal mark, so dropping them cannot change a reading.
  std::string s;
  s.reserve(t.size());
  std::size_t i = 0;
  if (t[0] == '+' || t[0] == '-') s.push_back(t[i++]);
  const std::size_t whole_begin = i;
  while (i < t.size() && t[i] != '.' && t[i] != 'e' && t[i] != 'E') ++i;
  char separator = 0;
  if (!ungroup(t.substr(whole_begin, i - whole_begin), s, separator)) {
    if (separator == '\x01') {
      return fail(why, "'" + std::string(text) + "' mixes ',' and ' ' as digit-group separators");
    }
    if (separator == ',' || t.find(',') != std::string_view::npos) return fail(why, comma_message(text));
    return fail(why, "'" + std::string(text) +
                         "': a space may only separate groups of three digits, as in 16 384");
  }
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '_') continue;
    if (c == ',') return fail(why, comma_message(text));
    if (c == ' ') return fail(why, "not a number");
    s.push_back(c);
  }

  double value = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc::result_out_of_range) return fail(why, "number is out of range");
  if (ec != std::errc() || ptr != end) return fail(why, "not a number");
  value *= multiplier;
  if (!std::isfinite(value)) return fail(why, "number is not finite");
  return value;
}

std::string format_sig(double value, int significant_figures) {
  if (!std::isfinite(value)) return value != value ? "nan" : (value > 0 ? "inf" : "-inf");
  if (value == 0) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", significant_figures - 1, value);
  // "3.8e+25" -> "3.8e25", "1.0e-05" -> "1.0e-5"
  std::string out(buf);
  const auto e = out.find('e');
  std::string mantissa = out.substr(0, e);
  int exponent = std::stoi(out.substr(e + 1));
  return mantissa + "e" + std::to_string(exponent);
}

std::string format_ratio(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g", value);
  return buf;
}

std::string format_count(double value) {
  if (std::fabs(value) >= 1e21) return format_sig(value, 3);  // FLOP-scale: 3.79e25
  struct Step { double scale; const char* suffix; };
  static constexpr Step steps[] = {{1e18, "E"}, {1e15, "P"}, {1e12, "T"},
                                   {1e9, "B"},  {1e6, "M"},  {1e3, "k"}};
  for (const auto& step : steps) {
    if (std::fabs(value) >= step.scale) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.3g%s", value / step.scale, step.suffix);
      return buf;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g", value);
  return buf;
}

}  // namespace gpai
