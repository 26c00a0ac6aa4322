#pragma once
// Valid JSON documents covering every value kind, number form and string
// escape the fast (simdjson) path must read exactly as nlohmann does: shared
// by the DOM test (json_parse_test) and the view test (json_view_test).

namespace gpai::test {

inline constexpr const char* kJsonDocuments[] = {
    R"({"a": 1, "b": -2, "c": 18446744073709551615, "d": 9223372036854775807, "e": -9223372036854775808})",
    R"({"f": 1.0, "g": 3.8e25, "h": 1e-300, "i": 0.1, "j": 0, "k": -0.5, "l": 2.5E+3})",
    R"({"s": "plain", "u": "caf\u00e9 \ud83d\ude00", "esc": "a\"b\\c\n\t/", "": "empty key"})",
    R"({"utf8": "Ünïcødé"})",
    R"({"n": null, "t": true, "f": false, "arr": [1, [2, [3, {}]], [], {"x": [null]}]})",
    R"({"z": 1, "y": {"b": 2, "a": [true, "x", 1.5]}, "x": []})",
    R"([{"id": "x"}, {"id": "y"}, 3, "s", null])",
    R"("just a string")",
    R"(42)",
    R"(  42  )",
};

}  // namespace gpai::test
