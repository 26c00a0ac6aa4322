#include "gpai/date.hpp"

#include "catch.hpp"

using gpai::Date;

TEST_CASE("dates parse strictly and count days", "[date]") {
  CHECK(Date::parse("2025-08-02").has_value());
  CHECK_FALSE(Date::parse("2025-8-2"));
  CHECK_FALSE(Date::parse("2025-02-29"));
  CHECK(Date::parse("2024-02-29").has_value());
  CHECK_FALSE(Date::parse("2025-13-01"));
  CHECK_FALSE(Date::parse("2025-08-02T00:00"));
  const Date d = *Date::parse("2025-08-02");
  CHECK(d.plus_days(14).to_string() == "2025-08-16");
  CHECK(d.plus_days(365 * 2).to_string() == "2027-08-02");
  CHECK(Date::from_days(0).to_string() == "1970-01-01");
  CHECK(*Date::parse("2025-08-01") < d);
}
