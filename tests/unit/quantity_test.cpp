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

// Issue 12: commas were stripped anywhere, so "1,5T" read as 15T (10x) and
// "1,,2,B" as 12B. A comma is a thousands separator only where that reading
// is unambiguous; the rest names the decimal-comma reading.
TEST_CASE("parse_quantity accepts commas only as groups of three digits", "[quantity]") {
  CHECK(*parse_quantity("1,000,000") == 1e6);
  CHECK(*parse_quantity("16,384") == 16384);
  CHECK(*parse_quantity("176,247,271,424") == 176247271424.0);
  CHECK(*parse_quantity("1,000.5") == 1000.5);
  CHECK(*parse_quantity("1,024B") == 1024e9);
  CHECK(*parse_quantity("+1,000") == 1000);
  CHECK(*parse_quantity("16 384") == 16384);  // SI style: a space between groups of three
  CHECK(*parse_quantity("405 B") == 405e9);   // a space before the suffix
  CHECK(*parse_quantity(" 7B ") == 7e9);
  CHECK(*parse_quantity("1_000_000") == 1e6);  // underscores stay free separators (documented)
  CHECK(*parse_quantity("1_5") == 15);
}

TEST_CASE("parse_quantity names the decimal-comma reading of a misplaced comma", "[quantity]") {
  std::string why;
  CHECK_FALSE(parse_quantity("1,5T", &why));
  CHECK(why == "'1,5T' looks like a decimal comma; write 1.5T (a comma may only separate groups of "
               "three digits, as in 16,384)");
  CHECK_FALSE(parse_quantity("7,0B", &why));
  CHECK(why.find("write 7.0B") != std::string::npos);
  CHECK_FALSE(parse_quantity("405,5B", &why));
  CHECK(why.find("write 405.5B") != std::string::npos);
  CHECK_FALSE(parse_quantity("1234,567", &why));
  CHECK(why.find("write 1234.567") != std::string::npos);
  CHECK_FALSE(parse_quantity("1.000,5", &why));
  CHECK(why.find("write 1000.5") != std::string::npos);
  CHECK_FALSE(parse_quantity("1,,2,B", &why));
  CHECK(why.find("groups of three digits") != std::string::npos);
  CHECK_FALSE(parse_quantity("1,000,5", &why));
  CHECK_FALSE(parse_quantity(",5", &why));
  CHECK_FALSE(parse_quantity("5,", &why));
  CHECK_FALSE(parse_quantity("1,0000", &why));
  CHECK_FALSE(parse_quantity("1000,000", &why));
  CHECK_FALSE(parse_quantity("1.5e1,0", &why));
  CHECK_FALSE(parse_quantity("1,000 000", &why));  // mixed separators
  CHECK(why.find("mixes") != std::string::npos);
  CHECK_FALSE(parse_quantity("1 5T", &why));
  CHECK(why.find("groups of three digits") != std::string::npos);
  CHECK_FALSE(parse_quantity("1.5 5", &why));
}

TEST_CASE("parse_quantity suggests a decimal point only where the reading is one", "[quantity]") {
  std::string why;
  CHECK_FALSE(parse_quantity("3,8e25", &why));
  CHECK(why.find("write 3.8e25") != std::string::npos);
  CHECK_FALSE(parse_quantity("1e1,5", &why));
  CHECK(why == "'1e1,5': a comma may only separate groups of three digits, as in 16,384; write a "
               "decimal point as '.'");
  CHECK_FALSE(parse_quantity("1,5.3", &why));
  CHECK(why.find("looks like") == std::string::npos);
  CHECK_FALSE(parse_quantity("1.5,5", &why));  // points do not group digits here
  CHECK(why.find("looks like") == std::string::npos);
}
