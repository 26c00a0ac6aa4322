// The message catalogue: its loader refuses a template it could not render,
// and every reason the core records on the legal cases and examples has a
// text (a missing code or value throws when rendered).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/error.hpp"
#include "gpai/io/data_files.hpp"
#include "gpai/io/model_card_json.hpp"
#include "gpai/report/assessment_report.hpp"
#include "reason_text.hpp"

namespace fs = std::filesystem;

namespace {

// A data dir holding only messages/en.json with the one message given.
fs::path catalogue_with(const std::string& message_json) {
  const fs::path dir = fs::temp_directory_path() / ("gpai-messages-" + std::to_string(::getpid()));
  fs::create_directories(dir / "messages");
  std::ofstream(dir / "messages" / "en.json") << R"({"schema": "gpai-eval/messages/1", "language": "en",
    "version": "t", "messages": {"x.y": )" << message_json << "}}";
  return dir;
}

std::string load_error(const std::string& message_json) {
  try {
    gpai::io::load_messages(catalogue_with(message_json).string(), "en");
  } catch (const gpai::RuleDataError& e) {
    return e.what();
  }
  return "loaded";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("message catalogue: templates are checked when loaded", "[messages]") {
  CHECK(load_error(R"({"text": "{days:ratio} days", "args": ["days"]})") == "loaded");
  CHECK_THAT(load_error(R"({"text": "within {days} days"})"), Catch::Contains("{days} is not among"));
  CHECK_THAT(load_error(R"({"text": "fixed", "args": ["days"]})"), Catch::Contains("\"days\" is declared"));
  CHECK_THAT(load_error(R"({"text": "{days:pct}", "args": ["days"]})"), Catch::Contains("unknown placeholder format"));
  CHECK_THAT(load_error(R"({"text": "{days", "args": ["days"]})"), Catch::Contains("without '}'"));
  CHECK_THAT(load_error(R"({"text": "days}"})"), Catch::Contains("without '{'"));
  CHECK_THAT(load_error(R"({"text": "x", "param": 1})"), Catch::Contains("unknown key"));
  CHECK_THAT(load_error(R"({"text": "{days"})"), Catch::Contains("/messages/x.y/text"));  // where
}

TEST_CASE("message catalogue: a reason renders with its values, or says what is missing", "[messages]") {
  const auto& m = gpai::test::data().messages;
  gpai::Reason r("notification.within_days");
  r.with("days", 14.0).with("met_on", *gpai::Date::parse("2025-09-01"));
  CHECK(gpai::report::reason_text(m, r) ==
        "within 14 days of the threshold being met or known to be met (2025-09-01, Art. 52(1))");
  CHECK_THROWS_AS(gpai::report::reason_text(m, gpai::Reason("notification.within_days")), gpai::InternalError);
  CHECK_THROWS_AS(gpai::report::reason_text(m, gpai::Reason("no.such_code")), gpai::InternalError);
}

TEST_CASE("message catalogue: every recorded reason of the cases and examples has a text", "[messages]") {
  const auto& data = gpai::test::data();
  const auto ctx = gpai::test::context(2000, 20250802);
  std::vector<std::pair<std::string, std::string>> cards;
  for (const auto& e : fs::directory_iterator(fs::path(GPAI_TEST_DIR) / "rules" / "cases")) {
    if (e.path().extension() == ".json") {
      cards.emplace_back(e.path().string(), nlohmann::json::parse(read_file(e.path())).at("card").dump());
    }
  }
  for (const auto& e : fs::directory_iterator(fs::path(GPAI_TEST_DATA_DIR) / "examples")) {
    if (e.path().extension() == ".json") cards.emplace_back(e.path().string(), read_file(e.path()));
  }
  REQUIRE(cards.size() >= 30);
  for (const char* date : {"2024-09-01", "2025-08-10", "2026-01-01", "2026-09-01", "2027-09-01"}) {
    for (const auto& [name, text] : cards) {
      CAPTURE(name, date);
      const auto card = gpai::io::parse_model_card(text, name, data.catalogue);
      const auto a = gpai::assess(card, ctx, *gpai::Date::parse(date));
      CHECK_NOTHROW(gpai::report::assessment_text(a, name, {}, data.messages, true));
      CHECK_NOTHROW(gpai::report::assessment_json(a, name, {}, data.messages, true));
    }
  }
}

TEST_CASE("message catalogue: every language words the same reasons with the same values as en", "[messages]") {
  const std::string dir = gpai::test::data().dir;
  const auto languages = gpai::io::available_languages(dir);
  REQUIRE(std::find(languages.begin(), languages.end(), "en") != languages.end());
  const auto en = gpai::io::load_messages(dir, "en");
  for (const auto& language : languages) {
    const auto other = gpai::io::load_messages(dir, language);
    INFO(language);
    CHECK(other.language == language);
    REQUIRE(other.messages.size() == en.messages.size());
    for (const auto& [code, parts] : en.messages) {
      INFO(code);
      const auto* theirs = other.find(code);
      REQUIRE(theirs != nullptr);
      auto args = [](const std::vector<gpai::MessagePart>& message) {
        std::set<std::string> names;
        for (const auto& part : message) {
          if (!part.arg.empty()) names.insert(part.arg);
        }
        return names;
      };
      CHECK(args(*theirs) == args(parts));
    }
  }
}
