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
}  // namespace

std::optional<double> parse_quantity(std::string_view text, std::string* why) {
  std::string s;
  s.reserve(text.size());
  for (char c : text) {
    if (c == '_' || c == ',' || c == ' ') continue;
    s.push_back(c);
  }
  if (s.empty()) return fail(why, "an empty string is not a number");
  {
    std::string lower;
    for (char c : s) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    if (lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos) {
      return fail(why, "number is not finite");
    }
  }

  double multiplier = 1.0;
  const char last = s.back();
  if (!(last >= '0' && last <= '9') && last != '.') {
    auto m = suffix_multiplier(last);
    if (!m) {
      return fail(why, std::string("unknown unit suffix '") + last +
                           "' (known: k, M, B, G, T, P, E)");
    }
    multiplier = *m;
    s.pop_back();
    if (s.empty()) return fail(why, "a unit suffix needs a number before it");
  }
  double value = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (*begin == '+') ++begin;
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
