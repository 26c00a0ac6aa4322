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
