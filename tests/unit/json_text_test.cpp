// The batch row writer: every string must read back as itself (or with
// U+FFFD for bytes that are not UTF-8), whatever its length and wherever the
// character that needs escaping sits relative to the 16-byte blocks.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catch.hpp"
#include "json_text.hpp"

using gpai::report::JsonText;

namespace {

std::string written(const std::string& s) {
  std::vector<char> buffer;
  JsonText j(buffer);
  j.begin_array();
  j.element(), j.string(s);
  j.end_array();
  return std::string(j.text());
}

}  // namespace

TEST_CASE("JSON text strings read back as written, at every length and position", "[report][json]") {
  const std::vector<std::string> specials = {"\"", "\\", "\n", "\t", "\r", std::string(1, '\0'), "\x01",
                                             "\x1f", "\x7f", "\xC3\xA9", "\xE2\x89\xA5", "\xF0\x9F\x98\x80"};
  for (std::size_t len = 0; len <= 40; ++len) {
    const std::string plain(len, 'x');
    CHECK(nlohmann::json::parse(written(plain))[0].get<std::string>() == plain);
    for (std::size_t at = 0; at < len; ++at) {
      for (const auto& sp : specials) {
        std::string s = plain;
        s.replace(at, 1, sp);
        INFO("length " << len << ", special at " << at);
        REQUIRE(nlohmann::json::parse(written(s))[0].get<std::string>() == s);
      }
    }
  }
}

TEST_CASE("JSON text replaces bytes that are not UTF-8", "[report][json]") {
  CHECK(nlohmann::json::parse(written("bad\xff name"))[0].get<std::string>() == "bad\xEF\xBF\xBD name");
  CHECK(nlohmann::json::parse(written(std::string(20, 'a') + "\xC0\xAF"))[0].get<std::string>() ==
        std::string(20, 'a') + "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(nlohmann::json::parse(written("\xE2\x89"))[0].get<std::string>() == "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated
}

TEST_CASE("JSON text objects, arrays, numbers and growth", "[report][json]") {
  std::vector<char> buffer;
  JsonText j(buffer);
  j.begin_object();
  j.key("n"), j.number(3.8e25);
  j.key("inf"), j.number(1.0 / 0.0);
  j.key("k"), j.whole(18446744073709551615ULL);
  j.data_key("a\"b"), j.boolean(false);
  j.key("list");
  j.begin_array();
  for (int i = 0; i < 3; ++i) {
    j.element();
    j.begin_object();
    j.str("s", std::string(3000, 'z'));  // past the initial buffer
    j.end_object();
  }
  j.end_array();
  j.str_or_null("none", "");
  j.end_object();
  const auto v = nlohmann::json::parse(j.text());
  CHECK(v["n"] == 3.8e25);
  CHECK(v["inf"].is_null());
  CHECK(v["k"] == 18446744073709551615ULL);
  CHECK(v["a\"b"].get<bool>() == false);
  CHECK(v["list"].size() == 3);
  CHECK(v["list"][2]["s"].get<std::string>().size() == 3000);
  CHECK(v["none"].is_null());
  CHECK(std::string(j.text()).find("3.8e+25") != std::string::npos);  // shortest round-trip form
}

TEST_CASE("JSON text numbers are the shortest form, also when repeated", "[report][json]") {
  // +0 and -0 differ only in their sign bit.
  const std::vector<double> values = {1e25, 0.0, -0.0, 1.0, 6.14736e24, 1e25, 0.1, 0.0, 2.5e-7, -0.0, 1e25, 1.0};
  std::vector<char> buffer;
  JsonText j(buffer);
  j.begin_array();
  for (int round = 0; round < 3; ++round) {
    for (double v : values) j.element(), j.number(v);
  }
  j.end_array();
  std::string expected = "[";
  for (int round = 0; round < 3; ++round) {
    for (double v : values) {
      char text[32];
      if (expected.size() > 1) expected += ',';
      expected.append(text, std::to_chars(text, text + sizeof text, v).ptr);
    }
  }
  expected += "]";
  CHECK(std::string(j.text()) == expected);
}
