#pragma once
// A non-negative physical quantity as the user gave it: an exact value, or a
// 90 % interval read as a log-normal distribution (these quantities are
// multiplicative: parameters, tokens, hours, utilisation).

#include <optional>
#include <string>
#include <string_view>

namespace gpai {

class Quantity {
 public:
  // Exact value. Precondition: finite and >= 0 (validated by the parser).
  static Quantity exact(double value);
  // 90 % interval [low, high]; low == high collapses to exact(low).
  // Precondition: 0 < low <= high, both finite.
  static Quantity interval90(double low, double high);

  bool is_exact() const noexcept { return low_ == high_; }
  double low() const noexcept { return low_; }
  double high() const noexcept { return high_; }
  // Exact value, or the log-normal median sqrt(low * high).
  double median() const noexcept;

  // Multiply an exact value or both ends of an interval by a positive factor.
  Quantity scaled(double factor) const;

 private:
  Quantity(double low, double high) : low_(low), high_(high) {}
  double low_;
  double high_;
};

// Parses a human quantity: "405B", "15.6T", "1.5k", "3.8e25", "2.79M", "0.4".
// Suffixes (case-sensitive where it matters: "M" is mega, "m" is rejected):
// k/K = 1e3, M = 1e6, B/G = 1e9, T = 1e12, P = 1e15, E = 1e18 (only after a
// digit, so "3.8e25" stays an exponent); a space may stand before the suffix
// ("405 B"). Digit groups: commas (or spaces, not both) are accepted only as
// thousands separators in the whole-number part, a first group of 1-3 digits
// then groups of exactly 3 ("16,384", "1,000,000", "16 384"); anything else
// ("1,5T", "7,0B", "1,,2") is refused, naming the decimal-comma reading, since
// stripping the comma would silently read 1,5T as 15T. Underscores are free
// separators ("1_000"). Returns nullopt with `why` filled when the text is
// not a finite number with a known suffix.
std::optional<double> parse_quantity(std::string_view text, std::string* why = nullptr);

// Shortest readable form with a given number of significant figures,
// e.g. format_sig(3.8123e25, 2) == "3.8e25", format_sig(1e25, 2) == "1.0e25".
std::string format_sig(double value, int significant_figures);

// A ratio or small factor in plain notation: 2 -> "2", 2.2371 -> "2.24".
std::string format_ratio(double value);

// Human form with a suffix for counts: 4.05e11 -> "405B", 1.56e13 -> "15.6T".
std::string format_count(double value);

}  // namespace gpai
