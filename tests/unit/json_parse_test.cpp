// parse_json_strict: the simdjson fast path must give exactly the DOM the
// nlohmann path gives, and hand everything it should not decide (errors,
// duplicate keys, -0) to the nlohmann path and its located messages.
#include <string>

#include "catch.hpp"
#include "json_documents.hpp"
#include "gpai/error.hpp"
#include "json_fast_parse.hpp"
#include "json_reader.hpp"

using gpai::io::Json;

namespace {

Json nlohmann_strict(const std::string& text) { return Json::parse(text); }

}  // namespace

TEST_CASE("fast JSON path builds the same DOM as nlohmann", "[json]") {
  for (const char* text : gpai::test::kJsonDocuments) {
    CAPTURE(text);
    Json fast;
    REQUIRE(gpai::io::parse_json_fast(text, fast));
    const Json reference = nlohmann_strict(text);
    CHECK(fast == reference);
    CHECK(fast.dump() == reference.dump());
    // Same number kinds: the readers ask is_number_unsigned / is_number_float.
    if (reference.is_object()) {
      for (auto it = reference.begin(); it != reference.end(); ++it) {
        CAPTURE(it.key());
        CHECK(fast.at(it.key()).type() == it.value().type());
      }
    }
    CHECK(gpai::io::parse_json_strict(text, "t.json") == reference);
  }
}

TEST_CASE("fast JSON path declines what nlohmann must report", "[json]") {
  Json out;
  CHECK_FALSE(gpai::io::parse_json_fast(R"({"a": 1, "a": 2})", out));
  CHECK_FALSE(gpai::io::parse_json_fast(R"({"x": {"a": 1, "a": 2}})", out));
  CHECK_FALSE(gpai::io::parse_json_fast(R"({"a": -0.0})", out));
  CHECK_FALSE(gpai::io::parse_json_fast(R"({"a": 1e400})", out));
  CHECK_FALSE(gpai::io::parse_json_fast(R"({"a": 1,})", out));
  CHECK_FALSE(gpai::io::parse_json_fast("{\"a\": \"\xff\"}", out));
  CHECK_FALSE(gpai::io::parse_json_fast("", out));
  CHECK_FALSE(gpai::io::parse_json_fast("{} {}", out));
  CHECK_FALSE(gpai::io::parse_json_fast("123456789012345678901234567890", out));

  // ...and the strict parse still locates them.
  try {
    gpai::io::parse_json_strict("{\"x\": {\"a\": 1, \"a\": 2}}", "card.json");
    FAIL("duplicate key accepted");
  } catch (const gpai::InputError& e) {
    CHECK(e.where().json_pointer == "/x");
    CHECK_THAT(e.detail(), Catch::Contains("duplicate key \"a\""));
  }
  try {
    gpai::io::parse_json_strict("{\n  \"a\": 1,\n}", "card.json");
    FAIL("trailing comma accepted");
  } catch (const gpai::InputError& e) {
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 1);
  }
  // Beyond uint64: nlohmann reads a double, and so does the strict parse.
  CHECK(gpai::io::parse_json_strict("123456789012345678901234567890", "n.json").is_number_float());
  CHECK(gpai::io::parse_json_strict(R"({"a": -0})", "z.json").at("a") == Json::parse(R"(-0)"));
}

namespace {
std::string parse_error(const std::string& text) {
  try {
    gpai::io::parse_json_strict(text, "card.json");
  } catch (const gpai::InputError& e) {
    return e.what();
  }
  return "";
}

bool printable_ascii(const std::string& s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("JSON errors quote the bad token capped and escaped", "[json][excerpt]") {
  // A 9 MB unterminated string: the message names it, its length, not its bytes.
  const std::string big = R"({"name": ")" + std::string(9u << 20, 'x');
  const std::string unterminated = parse_error(big);
  INFO(unterminated);
  CHECK(unterminated.size() < 300);
  CHECK(unterminated.find("missing closing quote") != std::string::npos);
  CHECK(unterminated.find("\"xxxxxxxx") != std::string::npos);
  CHECK(unterminated.find(std::to_string((9u << 20) + 1) + " bytes") != std::string::npos);

  // Binary garbage is escaped, never echoed raw.
  const std::string garbage = parse_error(std::string("\xff\xfe\x00\x1b[31m", 7) + std::string(500, '\x80'));
  INFO(garbage);
  CHECK_FALSE(garbage.empty());
  CHECK(garbage.size() < 300);
  CHECK(printable_ascii(garbage));

  // Keys and values quoted in other messages too.
  const std::string key(100000, 'k');
  const std::string dup = parse_error("{\"" + key + "\": 1, \"" + key + "\": 2}");
  CHECK(dup.find("duplicate key \"kkkk") != std::string::npos);
  CHECK(dup.size() < 100000);  // the pointer names the object, the message caps the key
  const gpai::io::Json doc = gpai::io::Json::parse("\"" + std::string(40, 'a') + "\xc3\xa9\"");
  const std::string described = gpai::io::describe_json(gpai::io::JsonView(doc));
  CHECK(described == "string \"" + std::string(40, 'a') + "...\" (42 bytes)");  // never cut inside the é
}
