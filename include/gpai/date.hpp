#pragma once
// Calendar date (proleptic Gregorian, day precision): the law counts days.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace gpai {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Strict ISO 8601 "YYYY-MM-DD"; nullopt for anything else or an impossible day.
  static std::optional<Date> parse(std::string_view iso);
  static Date from_days(long days_since_epoch);
  long days_since_epoch() const;
  Date plus_days(long days) const { return from_days(days_since_epoch() + days); }
  std::string to_string() const;

  auto operator<=>(const Date&) const = default;
};

}  // namespace gpai
