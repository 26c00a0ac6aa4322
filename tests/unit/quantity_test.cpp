#include "gpai/quantity.hpp"

#include <cmath>

#include "catch.hpp"

using gpai::parse_quantity;

TEST_CASE("parse_quantity reads human units", "[quantity]") {
  CHECK(*parse_quantity("405B") == 405e9);
  CHECK(*parse_quantity("15.6T") == Approx(15.6e12).epsilon(1e-15));
  CHECK(*parse_quantity("1.5k") == 1500);
  CHECK(*parse_quantity("2.79M") == Approx(2.79e6).epsilon(1e-15));
  CHECK(*parse_quantity("3.8e25") == 3.8e25);
  CHECK(*parse_quantity("3.8E25") == 3.8e25);  // exponent, not the exa suffix
  CHECK(*parse_quantity("2E") == 2e18);
  CHECK(*parse_quantity("16,384") == 16384);
  CHECK(*parse_quantity("1_000") == 1000);
  CHECK(*parse_quantity("0.4") == 0.4);
  CHECK(*parse_quantity("+7") == 7);
  CHECK(*parse_quantity("1G") == 1e9);
}

TEST_CASE("parse_quantity rejects what it cannot read, saying why", "[quantity]") {
  std::string why;
  CHECK_FALSE(parse_quantity("", &why));
  CHECK(why.find("empty") != std::string::npos);
  CHECK_FALSE(parse_quantity("12X", &why));
  CHECK(why.find("unknown unit suffix 'X'") != std::string::npos);
  CHECK_FALSE(parse_quantity("5m", &why));  // milli is not a count unit
  CHECK_FALSE(parse_quantity("B", &why));
  CHECK_FALSE(parse_quantity("1.2.3", &why));
  CHECK_FALSE(parse_quantity("nan", &why));
  CHECK(why.find("finite") != std::string::npos);
  CHECK_FALSE(parse_quantity("inf", &why));
  CHECK_FALSE(parse_quantity("1e999", &why));
  CHECK_FALSE(parse_quantity("1e308T", &why));  // overflows to inf after the multiplier
  CHECK(why.find("finite") != std::string::npos);
}

TEST_CASE("Quantity intervals are log-normal: the median is the geometric mean", "[quantity]") {
  const auto q = gpai::Quantity::interval90(0.3, 0.5);
  CHECK_FALSE(q.is_exact());
  CHECK(q.median() == Approx(std::sqrt(0.15)));
  CHECK(gpai::Quantity::interval90(2, 2).is_exact());
  CHECK(gpai::Quantity::exact(1e25).median() == 1e25);
}

TEST_CASE("format_sig gives the notification form", "[quantity]") {
  CHECK(gpai::format_sig(3.8123e25, 2) == "3.8e25");
  CHECK(gpai::format_sig(1e25, 2) == "1.0e25");
  CHECK(gpai::format_sig(1.663e23, 2) == "1.7e23");
  CHECK(gpai::format_sig(9.96e24, 2) == "1.0e25");
  CHECK(gpai::format_sig(0.05, 2) == "5.0e-2");
  CHECK(gpai::format_count(405e9) == "405B");
  CHECK(gpai::format_count(15.6e12) == "15.6T");
  CHECK(gpai::format_count(16384) == "16.4k");
}
