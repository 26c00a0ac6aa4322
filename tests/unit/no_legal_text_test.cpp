// Law lives in data/: no article reference or legal date in a C++ string
// literal under src/ or include/ (a comment citing an article to say why is
// fine). Texts go in data/messages/, numbers and dates in data/rules/.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"

namespace fs = std::filesystem;

namespace {

struct Literal {
  int line;
  std::string text;
};

// The string literals of a C++ source, comments and character literals
// skipped; a raw string's body whole.
std::vector<Literal> string_literals(const std::string& src) {
  std::vector<Literal> out;
  int line = 1;
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\n') ++line;
    if (c == '/' && i + 1 < src.size() && src[i + 1] == '/') {
      while (i < src.size() && src[i] != '\n') ++i;
      ++line;
    } else if (c == '/' && i + 1 < src.size() && src[i + 1] == '*') {
      const std::size_t end = src.find("*/", i + 2);
      for (std::size_t k = i; k < std::min(end, src.size()); ++k) line += src[k] == '\n';
      i = end == std::string::npos ? src.size() : end + 1;
    } else if (c == 'R' && i + 1 < src.size() && src[i + 1] == '"') {
      const std::size_t open = src.find('(', i);
      const std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const std::size_t end = src.find(close, open);
      out.push_back({line, src.substr(open + 1, end - open - 1)});
      for (std::size_t k = i; k < end; ++k) line += src[k] == '\n';
      i = end + close.size() - 1;
    } else if (c == '"' || c == '\'') {
      std::string text;
      std::size_t k = i + 1;
      for (; k < src.size() && src[k] != c && src[k] != '\n'; ++k) {
        if (src[k] == '\\' && k + 1 < src.size()) {
          ++k;  // an escape: "\nArt. 52" is a line break, then an article
          text.push_back(src[k] == 'n' || src[k] == 't' || src[k] == 'r' ? ' ' : src[k]);
          continue;
        }
        text.push_back(src[k]);
      }
      if (c == '"') out.push_back({line, text});
      i = k;
    }
  }
  return out;
}

// What in `text` is law: an article, annex, recital or guidelines paragraph
// reference, or a calendar date (a timestamp, "2025-03-01T08:00:00Z", is not).
std::string legal_reference(const std::string& text) {
  static const std::regex law(
      R"((\bArts?\.\s*\d|\bArticles?\s+\d|\bAnnex(es)?\s+[IVXLC]+\b|\b[Rr]ecitals?\s+\d|\bparas?\.?\s+\d|\b(19|20)\d\d-[01]\d-[0-3]\d\b(?!T)))");
  std::smatch m;
  return std::regex_search(text, m, law) ? m.str() : std::string();
}

std::vector<std::string> offenders_under(const fs::path& root) {
  std::vector<std::string> found;
  for (const char* dir : {"src", "include"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".h")) continue;
      std::ifstream in(e.path());
      std::stringstream buf;
      buf << in.rdbuf();
      for (const auto& lit : string_literals(buf.str())) {
        if (const auto ref = legal_reference(lit.text); !ref.empty()) {
          found.push_back(fs::relative(e.path(), root).string() + ":" + std::to_string(lit.line) + ": \"" +
                          lit.text + "\" (" + ref + ")");
        }
      }
    }
  }
  return found;
}

}  // namespace

TEST_CASE("the legal-text scanner finds references in literals, not in comments", "[architecture]") {
  const std::string src =
      "// Art. 52(1) binds the provider: a comment may cite the law\n"
      "/* Annex XI, recital 98, para 20, 2025-08-02 */\n"
      "auto a = \"within 14 days (Art. 52(1))\";\n"
      "auto b = R\"x(Annex XIII criteria)x\";\n"
      "auto c = \"recital 118\"; auto d = \"guidelines para 20\"; auto e = \"from 2025-08-02\";\n"
      "auto f = \"Article 3\"; auto g = '\"'; auto h = \"start 2025-03-01T00:00:00Z\";\n"
      "auto i = \"art51_2.compute_presumption\"; auto j = \"escaped \\\" Arts. 34-35\";\n"
      "out << \"\\nAnnex XIII designation criteria:\\n\";\n";
  std::vector<std::string> refs;
  std::vector<int> lines;
  for (const auto& lit : string_literals(src)) {
    if (const auto r = legal_reference(lit.text); !r.empty()) refs.push_back(r), lines.push_back(lit.line);
  }
  CHECK(refs == std::vector<std::string>{"Art. 5", "Annex XIII", "recital 1", "para 2", "2025-08-02", "Article 3",
                                         "Arts. 3", "Annex XIII"});
  CHECK(lines == std::vector<int>{3, 4, 5, 5, 5, 6, 7, 8});
}

TEST_CASE("no article reference or legal date in C++ string literals", "[architecture]") {
  // GPAI_LEGAL_SCAN_ROOT: scan another checkout (e.g. to see the scanner fail on an older tree).
  const char* other = std::getenv("GPAI_LEGAL_SCAN_ROOT");
  const fs::path root = other ? fs::path(other) : fs::path(GPAI_TEST_DIR).parent_path();
  const auto found = offenders_under(root);
  for (const auto& f : found) UNSCOPED_INFO(f);
  CHECK(found.empty());
}
