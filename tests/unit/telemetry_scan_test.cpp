// The hand-written scanners under the readers: timestamps, numbers with
// units, quoted fields, and the block line reader across block boundaries.
#include <cstdio>
#include <string>

#include "catch.hpp"
#include "logs/line_reader.hpp"
#include "logs/text_scan.hpp"

using namespace gpai::io::logs;

TEST_CASE("timestamps: ISO 8601, nvidia-smi, zones, epoch and relative seconds", "[telemetry][scan]") {
  const double day = 20148.0 * 86400;  // 2025-03-01
  CHECK(parse_timestamp("2025-03-01T00:00:00Z")->seconds == day);
  CHECK(parse_timestamp("2025-03-01 00:00:01")->seconds == day + 1);
  CHECK(parse_timestamp("2025-03-01T01:00:00+01:00")->seconds == day);
  CHECK(parse_timestamp("2025-03-01T00:00:00-0130")->seconds == day + 5400);
  CHECK(parse_timestamp("2025-03-01T00:00:00.250Z")->seconds == Approx(day + 0.25));
  CHECK(parse_timestamp("2020/11/12 13:48:11.412")->seconds == Approx(1605188891.412));
  CHECK(parse_timestamp("1740787200")->seconds == 1740787200);
  CHECK_FALSE(parse_timestamp("1740787200")->relative);
  CHECK(parse_timestamp("0.10060058299995944")->relative);
  CHECK(parse_timestamp("1740787200000", 1e-3)->seconds == Approx(1740787200));
  CHECK_FALSE(parse_timestamp("2025-13-01T00:00:00Z"));
  CHECK_FALSE(parse_timestamp("yesterday"));
  CHECK_FALSE(parse_timestamp("2025-03-01T00:00:00 CET"));
}

TEST_CASE("numbers as telemetry tools print them", "[telemetry][scan]") {
  double v = 0;
  CHECK(parse_number(" 99 %", v) == Cell::ok);
  CHECK(v == 99);
  CHECK(parse_number("345.53 W", v) == Cell::ok);
  CHECK(v == Approx(345.53));
  CHECK(parse_number("1.5e3", v) == Cell::ok);
  CHECK(v == 1500);
  CHECK(parse_number("[N/A]", v) == Cell::missing);
  CHECK(parse_number("[Not Supported]", v) == Cell::missing);
  CHECK(parse_number("N/A", v) == Cell::missing);
  CHECK(parse_number("", v) == Cell::missing);
  CHECK(parse_number("abc", v) == Cell::bad);
  CHECK(parse_number("12;", v) == Cell::bad);
}

TEST_CASE("csv fields: quotes protect separators", "[telemetry][scan]") {
  std::string_view f[8];
  REQUIRE(split_fields("a,\"b,c\",d", ',', f, 8) == 3);
  CHECK(f[1] == "b,c");
  REQUIRE(split_fields("a,,", ',', f, 8) == 3);
  CHECK(f[2].empty());
  CHECK(split_fields("a|b|c|", '|', f, 8) == 4);
}

TEST_CASE("line reader: lines across block boundaries, CRLF, no final newline", "[telemetry][scan]") {
  const std::string path = "/tmp/gpai_line_reader_test.txt";
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "line " + std::to_string(i) + (i % 2 ? "\r\n" : "\n");
  text += "last";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  LineReader in(path, 4096);  // the smallest block: many refills
  std::string_view line;
  int n = 0;
  bool ok = true;
  while (in.next(line)) {
    if (n < 3000) ok &= line == "line " + std::to_string(n);
    ++n;
  }
  CHECK(ok);
  CHECK(n == 3001);
  CHECK(line == "last");
  CHECK(in.last_line_unterminated());
  CHECK(in.line_number() == 3001);
  std::remove(path.c_str());
}
