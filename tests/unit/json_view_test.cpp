// JsonView: readers see the same document whether simdjson (batch) or
// nlohmann (everything else) parsed it, and JsonCursor locates errors the
// same way over both.
#include <algorithm>
#include <string>
#include <vector>

#include "catch.hpp"
#include "json_documents.hpp"
#include "gpai/error.hpp"
#include "json_fast_parse.hpp"
#include "json_reader.hpp"

using gpai::io::Json;
using gpai::io::JsonCursor;
using gpai::io::JsonView;

namespace {

std::vector<std::pair<std::string, JsonView>> sorted_members(JsonView v) {
  std::vector<std::pair<std::string, JsonView>> out;
  for (const auto& [key, value] : v.items()) out.emplace_back(std::string(key), value);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

// Every question a reader can ask gets the same answer from both views.
void check_same(JsonView fast, JsonView reference, const std::string& where) {
  CAPTURE(where);
  REQUIRE(bool(fast) == bool(reference));
  CHECK(fast.is_null() == reference.is_null());
  CHECK(fast.is_boolean() == reference.is_boolean());
  CHECK(fast.is_number() == reference.is_number());
  CHECK(fast.is_string() == reference.is_string());
  CHECK(fast.is_array() == reference.is_array());
  CHECK(fast.is_object() == reference.is_object());
  CHECK(fast.size() == reference.size());
  CHECK(fast.dump() == reference.dump());
  if (reference.is_string()) CHECK(fast.string() == reference.string());
  if (reference.is_boolean()) CHECK(fast.boolean() == reference.boolean());
  if (reference.is_number()) CHECK(fast.number() == reference.number());
  if (reference.is_array()) {
    std::vector<JsonView> a, b;
    for (JsonView e : fast.elements()) a.push_back(e);
    for (JsonView e : reference.elements()) b.push_back(e);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      check_same(a[i], b[i], where + "/" + std::to_string(i));
      check_same(fast[i], reference[i], where + "[" + std::to_string(i) + "]");
    }
  } else {
    CHECK(fast.elements().begin() == fast.elements().end());
  }
  if (reference.is_object()) {
    const auto a = sorted_members(fast), b = sorted_members(reference);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].first == b[i].first);
      check_same(a[i].second, b[i].second, where + "/" + a[i].first);
      check_same(fast.find(a[i].first), reference.find(a[i].first), where + " find " + a[i].first);
    }
  } else {
    CHECK(fast.items().begin() == fast.items().end());
  }
  CHECK_FALSE(fast.find("no such key"));
  CHECK_FALSE(reference.find("no such key"));
}

std::string object_with_keys(int n, const std::string& repeat = "") {
  std::string text = "{";
  for (int i = 0; i < n; ++i) text += (i ? ", " : "") + ("\"key" + std::to_string(i) + "\": " + std::to_string(i));
  if (!repeat.empty()) text += ", \"" + repeat + "\": 0";
  return text + "}";
}

}  // namespace

TEST_CASE("a simdjson view answers as the nlohmann view of the same text", "[json]") {
  for (const char* text : gpai::test::kJsonDocuments) {
    CAPTURE(text);
    const JsonView fast = gpai::io::parse_json_view_fast(text);
    REQUIRE(fast);
    const Json reference = Json::parse(text);
    check_same(fast, JsonView(reference), "");
    CHECK(fast.to_json() == reference);
  }
  CHECK_FALSE(JsonView());
  CHECK(JsonView().size() == 0);
  CHECK_FALSE(JsonView().find("x"));
}

TEST_CASE("the simdjson view declines duplicate keys at any object size, and -0", "[json]") {
  // Small objects go through the signature filter, large ones are sorted.
  for (int n : {1, 2, 15, 31, 32, 33, 100}) {
    CAPTURE(n);
    CHECK(gpai::io::parse_json_view_fast(object_with_keys(n)));
    CHECK_FALSE(gpai::io::parse_json_view_fast(object_with_keys(n, "key0")));
    CHECK_FALSE(gpai::io::parse_json_view_fast(object_with_keys(n, "key" + std::to_string(n - 1))));
    CHECK_FALSE(gpai::io::parse_json_view_fast("{\"outer\": [" + object_with_keys(n, "key0") + "]}"));
  }
  // Same length, first, middle and last characters: same signature, different keys.
  CHECK(gpai::io::parse_json_view_fast(R"({"axc": 1, "ayc": 2, "azc": 3})"));
  CHECK_FALSE(gpai::io::parse_json_view_fast(R"({"axc": 1, "ayc": 2, "axc": 3})"));
  CHECK_FALSE(gpai::io::parse_json_view_fast(R"({"": 1, "": 2})"));
  CHECK_FALSE(gpai::io::parse_json_view_fast(R"({"a": [1, {"b": -0.0}]})"));
  CHECK(gpai::io::parse_json_view_fast(R"({"a": {"k": 1}, "b": {"k": 2}})"));
}

TEST_CASE("a cursor locates errors the same way over both views", "[json]") {
  // 3 levels of 30-character keys: the pointer outgrows the cursor's inline buffer.
  const std::string k(30, 'k');
  const std::string text = "{\"" + k + "\": {\"" + k + "\": {\"a/b~c\": [1, \"x\"]}}}";
  const Json parsed = Json::parse(text);
  const std::string file = "deep.json";
  const std::string expected_pointer = "/" + k + "/" + k + "/a~1b~0c/1";
  for (const JsonView doc : {gpai::io::parse_json_view_fast(text), JsonView(parsed)}) {
    const JsonCursor root(doc, file);
    const JsonCursor leaf = root.require(k, "x").require(k, "y").require("a/b~c", "z").at(1);
    CHECK(leaf.pointer() == expected_pointer);
    try {
      leaf.as_number(gpai::io::Range::non_negative);
      FAIL("a string that is no number was read as one");
    } catch (const gpai::InputError& e) {
      CHECK(e.where().json_pointer == expected_pointer);
      CHECK(e.where().file == "deep.json");
      CHECK_THAT(e.detail(), Catch::Contains("string \"x\""));
    }
    std::vector<std::string> seen;
    root.require(k, "x").require(k, "y").require("a/b~c", "z").for_each_element(
        [&](const JsonCursor& item, std::size_t i) { seen.push_back(std::to_string(i) + item.pointer()); });
    CHECK(seen == std::vector<std::string>{"0/" + k + "/" + k + "/a~1b~0c/0", "1" + expected_pointer});
  }
}

TEST_CASE("an interval names its first unexpected key in sorted order over both views", "[json]") {
  const std::string text = R"({"q": {"low": 1, "zeta": 2, "high": 3, "beta": 4}})";
  const Json parsed = Json::parse(text);
  const std::string file = "i.json";
  for (const JsonView doc : {gpai::io::parse_json_view_fast(text), JsonView(parsed)}) {
    try {
      JsonCursor(doc, file).require("q", "").as_quantity(gpai::io::Range::positive);
      FAIL("unexpected interval keys accepted");
    } catch (const gpai::InputError& e) {
      CHECK(e.where().json_pointer == "/q/beta");
    }
  }
}

TEST_CASE("gathered members find what the view finds, for small and large objects", "[json]") {
  for (int n : {0, 1, 23, 24, 25, 60}) {
    CAPTURE(n);
    std::string text = "{";
    for (int i = 0; i < n; ++i) text += (i ? ", " : "") + ("\"k" + std::to_string(i) + "\": " + std::to_string(i));
    text += "}";
    const Json parsed = Json::parse(text);
    for (const JsonView doc : {gpai::io::parse_json_view_fast(text), JsonView(parsed)}) {
      const gpai::io::JsonMembers members(doc);
      for (int i = 0; i < n; ++i) {
        const JsonView v = members.find("k" + std::to_string(i));
        REQUIRE(v);
        CHECK(v.number() == i);
      }
      CHECK_FALSE(members.find("k"));
      CHECK_FALSE(members.find("k" + std::to_string(n)));
      CHECK_FALSE(members.find(""));
    }
  }
  // Not an object: nothing is found.
  const Json array = Json::parse("[1, 2]");
  CHECK_FALSE(gpai::io::JsonMembers(JsonView(array)).find("0"));
}

TEST_CASE("child JSON pointers escape keys (RFC 6901) and append indexes", "[json]") {
  using gpai::io::child_pointer;
  CHECK(child_pointer("/a", std::size_t{7}) == "/a/7");
  CHECK(child_pointer("", "name") == "/name");
  CHECK(child_pointer("/a", "a~b/c") == "/a/a~0b~1c");
  const std::string long_key(100, 'k');
  CHECK(child_pointer(child_pointer("/a", long_key), std::size_t{0}) == "/a/" + long_key + "/0");
}
