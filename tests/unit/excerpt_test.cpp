// excerpt(): how every error message quotes what it read.
#include "catch.hpp"
#include "excerpt.hpp"

using gpai::io::excerpt;

TEST_CASE("excerpt: short text is quoted as is", "[excerpt]") {
  CHECK(excerpt("abc") == "'abc'");
  CHECK(excerpt("abc", 10, '"') == "\"abc\"");
  CHECK(excerpt("abc", 10, 0) == "abc");
  CHECK(excerpt("") == "''");
  CHECK(excerpt("Zürich 東京") == "'Zürich 東京'");  // valid UTF-8 is kept
}

TEST_CASE("excerpt: long text is cut with its length", "[excerpt]") {
  const std::string long_text(9 * 1024 * 1024, 'a');
  const std::string e = excerpt(long_text, 10);
  CHECK(e == "'aaaaaaaaaa...' (9437184 bytes)");
  CHECK(excerpt(std::string(64, 'b')) == "'" + std::string(64, 'b') + "'");  // exactly the cap: not cut
  // A multi-byte character is never split.
  CHECK(excerpt("aaaé", 4, 0) == "aaa... (5 bytes)");
}

TEST_CASE("excerpt: control bytes, invalid UTF-8 and terminal tricks are escaped", "[excerpt]") {
  CHECK(excerpt(std::string("a\0b", 3)) == "'a\\x00b'");
  CHECK(excerpt("a\nb\x1b[31m") == "'a\\x0Ab\\x1B[31m'");
  CHECK(excerpt("\xff\xfe") == "'\\xFF\\xFE'");
  CHECK(excerpt("\xc3") == "'\\xC3'");                 // a truncated sequence
  CHECK(excerpt("\xc0\xaf") == "'\\xC0\\xAF'");         // overlong
  CHECK(excerpt("\xed\xa0\x80") == "'\\xED\\xA0\\x80'");  // a surrogate
  CHECK(excerpt("x\xe2\x80\xaey") == "'x\\xE2\\x80\\xAEy'");  // right-to-left override
  CHECK(excerpt("\xc2\x85") == "'\\xC2\\x85'");         // C1 next line
  // Escapes count against the cap.
  CHECK(excerpt(std::string(100, '\x01'), 8, 0) == "\\x01\\x01... (100 bytes)");
}
