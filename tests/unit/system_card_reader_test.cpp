// The system-card reader: unknown kept apart from no, lists unknown apart
// from empty, the Dutch role names, linked model cards, and every class of
// bad input located by JSON pointer (tests/bad_input/systems/expected.json).
#include "gpai/io/system_card_reader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catch.hpp"
#include "gpai/error.hpp"
#include "system_rules_fixture.hpp"

using namespace gpai;
using gpai::io::parse_system_card;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const SystemRuleSet& rules() {
  static const SystemRuleSet r = test::card_test_rules();
  return r;
}

SystemCard read(const Json& j) { return io::read_system_card(j, "card.json", rules()); }

Json minimal() { return Json{{"schema", "gpai-eval/system-card/1"}, {"name", "x"}}; }

// The detail of the InputError reading `j` throws; fails the test when none.
std::string error_of(const Json& j, std::string_view pointer = "") {
  try {
    io::read_system_card(j, "card.json", rules(), pointer);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError");
  return {};
}

}  // namespace

TEST_CASE("system card: each class of bad input is an InputError located by JSON pointer", "[system_card][bad_input]") {
  const fs::path dir = fs::path(GPAI_TEST_DIR) / "bad_input" / "systems";
  const Json expected = Json::parse(slurp(dir / "expected.json"));
  REQUIRE(expected.size() >= 17);
  std::size_t fixtures = 0;
  for (const auto& e : fs::directory_iterator(dir)) fixtures += e.path().filename() != "expected.json";
  CHECK(fixtures == expected.size());  // every fixture has its message
  for (const auto& [file, message] : expected.items()) {
    DYNAMIC_SECTION(file) {
      const std::string source = "tests/bad_input/systems/" + file;
      try {
        parse_system_card(slurp(dir / file), source, rules());
        FAIL("read without error");
      } catch (const InputError& err) {
        CHECK(err.exit_code() == ExitCode::input_error);
        CHECK(std::string(err.what()).rfind(source + ":", 0) == 0);
        CHECK_THAT(err.what(), Catch::Contains(message.get<std::string>()));
        // Located: a JSON pointer, or for a syntax error line and column.
        CHECK((!err.where().json_pointer.empty() || err.where().line > 0));
      }
    }
  }
}

TEST_CASE("system card: unknown is not false", "[system_card]") {
  Json j = minimal();
  j["profiling"] = false;
  j["definition"] = {{"infers_outputs", true}, {"adaptiveness", nullptr}};
  j["transparency"] = {{"interacts_with_persons", true}};
  const SystemCard c = read(j);
  CHECK(c.fact("/profiling") == false);
  CHECK(c.fact("/definition/infers_outputs") == true);
  CHECK_FALSE(c.fact("/definition/adaptiveness").has_value());  // null
  CHECK_FALSE(c.fact("/definition/autonomy").has_value());       // absent
  CHECK_FALSE(c.fact("/transparency/obvious_to_persons").has_value());
  CHECK(c.facts.size() == 3);  // answers only
  CHECK_FALSE(c.roles.has_value());
}

TEST_CASE("system card: every yes/no field of the contract is read at its pointer", "[system_card]") {
  Json j = minimal();
  for (std::string_view f : kSystemCardFacts) j[Json::json_pointer(std::string(f))] = true;
  const SystemCard c = read(j);
  CHECK(c.facts.size() == std::size(kSystemCardFacts));
  for (std::string_view f : kSystemCardFacts) CHECK(c.fact(f) == true);
}

TEST_CASE("system card: lists are unknown when null or absent, none when empty", "[system_card]") {
  Json j = minimal();
  CHECK_FALSE(read(j).annex_iii.has_value());
  j["annex_iii"] = nullptr;
  j["annex_iii_carve_outs"] = nullptr;
  j["prohibited"] = {{"exceptions", nullptr}};
  j["organisation"] = {{"roles", nullptr}};
  SystemCard c = read(j);
  CHECK_FALSE(c.annex_iii.has_value());
  CHECK_FALSE(c.annex_iii_carve_outs.has_value());
  CHECK_FALSE(c.prohibited_exceptions.has_value());
  CHECK_FALSE(c.roles.has_value());
  j["annex_iii"] = Json::array();
  j["annex_iii_carve_outs"] = Json::array();
  j["prohibited"]["exceptions"] = Json::array();
  j["organisation"]["roles"] = Json::array();
  c = read(j);
  REQUIRE(c.annex_iii.has_value());
  CHECK(c.annex_iii->empty());
  CHECK(c.annex_iii_carve_outs->empty());
  CHECK(c.prohibited_exceptions->empty());
  CHECK(c.roles->empty());
  j["annex_iii"] = {"5b", "4a"};
  j["annex_iii_carve_outs"] = {"5b_financial_fraud"};
  c = read(j);
  CHECK(*c.annex_iii == std::vector<std::string>{"5b", "4a"});
  CHECK(*c.annex_iii_carve_outs == std::vector<std::string>{"5b_financial_fraud"});
  j["annex_iii"] = {"4a", "4a"};
  CHECK_THAT(error_of(j), Catch::Contains("/annex_iii/1: \"4a\" is listed twice (first at /annex_iii/0)"));
}

TEST_CASE("system card: the Dutch legal terms are accepted as roles and kept as the roles they name", "[system_card]") {
  const std::vector<std::pair<std::string, SystemRole>> aliases = {
      {"aanbieder", SystemRole::provider},           {"gebruiksverantwoordelijke", SystemRole::deployer},
      {"gebruikersverantwoordelijke", SystemRole::deployer}, {"exploitant", SystemRole::deployer},
      {"importeur", SystemRole::importer},           {"distributeur", SystemRole::distributor},
      {"gemachtigde", SystemRole::authorised_representative}, {"productfabrikant", SystemRole::product_manufacturer}};
  for (const auto& [name, role] : aliases) {
    Json j = minimal();
    j["organisation"] = {{"roles", {name}}};
    const SystemCard c = read(j);
    INFO(name);
    REQUIRE(c.roles->size() == 1);
    CHECK(c.roles->front() == role);
  }
  Json own_build = minimal();
  own_build["organisation"] = {{"roles", {"aanbieder", "gebruiksverantwoordelijke"}}};
  const SystemCard c = read(own_build);
  CHECK(c.has_role(SystemRole::provider));
  CHECK(c.has_role(SystemRole::deployer));
  own_build["organisation"]["roles"] = {"aanbieder", "provider"};
  CHECK_THAT(error_of(own_build), Catch::Contains("role provider is listed twice"));
  own_build["organisation"]["roles"] = {"developer"};
  CHECK_THAT(error_of(own_build), Catch::Contains("is no role under the AI Act"));
}

TEST_CASE("system card: a linked model card by path or inline", "[system_card]") {
  Json j = minimal();
  j["gpai"] = {{"model_card", "../gpt-3-175b.json"}, {"general_purpose_system", false}};
  SystemCard c = read(j);
  CHECK(c.model.path == "../gpt-3-175b.json");  // as written: resolved against the card's directory later
  CHECK(c.model.inline_json.empty());
  CHECK(c.fact("/gpai/general_purpose_system") == false);
  const Json model = {{"schema", "gpai-eval/model-card/1"}, {"name", "m"}, {"architecture", {{"kind", "dense"}}}};
  j["gpai"] = {{"model_card", model}};
  c = read(j);
  CHECK(c.model.path.empty());
  CHECK(Json::parse(c.model.inline_json) == model);
  CHECK(c.model.present());
  j["gpai"] = {{"model_card", ""}};
  CHECK_THAT(error_of(j), Catch::Contains("/gpai/model_card: model_card: expected a model card's path"));
  j["gpai"] = {{"model_card", nullptr}};
  CHECK_FALSE(read(j).model.present());
}

TEST_CASE("system card: the inventory fields of the Dutch guide are kept, as given", "[system_card]") {
  Json j = minimal();
  CHECK_FALSE(read(j).register_entry.has_value());
  j["register"] = {{"id", "ALG-0042"},     {"url", "https://algoritmes.overheid.nl/nl/algoritme/42"},
                   {"description", "d"},   {"process", "p"},
                   {"supplier", "s"},      {"status", "in gebruik"},
                   {"risk_classification", "hoog risico"}};
  const SystemCard c = read(j);
  REQUIRE(c.register_entry.has_value());
  CHECK(c.register_entry->id == "ALG-0042");
  CHECK(c.register_entry->status == "in gebruik");
  CHECK(c.register_entry->risk_classification == "hoog risico");
  CHECK(c.facts.empty());  // informational: no answer is taken from it
  j["register"]["owner"] = "x";
  CHECK_THAT(error_of(j), Catch::Contains("/register/owner: unknown key \"owner\""));
}

TEST_CASE("system card: consistent answers are read, contradictory ones refused", "[system_card]") {
  Json j = minimal();
  j["prohibited"] = {{"realtime_remote_biometric_id_law_enforcement", true}, {"rbi_authorised", true},
                     {"exceptions", {"rbi_victim_search"}}};
  CHECK(read(j).prohibited_exceptions->size() == 1);
  j["prohibited"]["realtime_remote_biometric_id_law_enforcement"] = nullptr;  // unknown: no contradiction
  CHECK(read(j).fact("/prohibited/rbi_authorised") == true);
  j["prohibited"]["realtime_remote_biometric_id_law_enforcement"] = false;
  j["prohibited"].erase("exceptions");
  CHECK_THAT(error_of(j), Catch::Contains("/prohibited/rbi_authorised: contradictory answers"));
  // Annex I: a third-party assessment without a product is no contradiction (the classifier needs both).
  Json a = minimal();
  a["annex_i"] = {{"legislation", "toys"}, {"safety_component_or_product", false}, {"third_party_conformity_assessment", true}};
  CHECK(*read(a).annex_i_legislation == "toys");
  a["annex_i"]["legislation"] = nullptr;
  CHECK_FALSE(read(a).annex_i_legislation.has_value());
  // A carve-out while the card leaves Annex III unknown.
  Json k = minimal();
  k["annex_iii_carve_outs"] = {"5b_financial_fraud"};
  CHECK_THAT(error_of(k), Catch::Contains("which /annex_iii leaves unknown"));
  // Art. 25 answers with only the provider role are fine.
  Json r = minimal();
  r["organisation"] = {{"roles", {"provider"}}};
  r["role_changes"] = {{"own_name_on_high_risk", true}};
  CHECK(read(r).fact("/role_changes/own_name_on_high_risk") == true);
}

TEST_CASE("system card: an element of a listing is located under its pointer", "[system_card]") {
  Json j = minimal();
  j["annex_iii"] = {"9z"};
  CHECK_THAT(error_of(j, "/3"), Catch::Contains("card.json: /3/annex_iii/0: annex_iii[0]: expected a listed point id"));
  j["annex_iii"] = {"5a"};
  j["annex_iii_carve_outs"] = {"5b_financial_fraud"};
  CHECK_THAT(error_of(j, "/3"), Catch::Contains("/3/annex_iii_carve_outs/0: contradictory answers: carve-out "
                                                "\"5b_financial_fraud\" takes a use out of the listed point 5b, which "
                                                "/3/annex_iii does not list"));
  CHECK_THAT(error_of(Json::array(), "/3"), Catch::Contains("card.json: /3: expected a JSON object"));
}

TEST_CASE("system card: recognised by its schema string, any version", "[system_card]") {
  CHECK(io::is_system_card(minimal()));
  CHECK(io::is_system_card(Json{{"schema", "gpai-eval/system-card/2"}}));
  CHECK_FALSE(io::is_system_card(Json{{"schema", "gpai-eval/model-card/1"}}));
  CHECK_FALSE(io::is_system_card(Json{{"schema", 1}}));
  CHECK_FALSE(io::is_system_card(Json::array()));
  CHECK(io::is_system_card_text(R"({"schema": "gpai-eval/system-card/1"})"));
  CHECK_FALSE(io::is_system_card_text(R"({"schema": "gpai-eval/system-card/1")"));  // not JSON
  CHECK_FALSE(io::is_system_card_text("---\nlicense: mit\n---\n"));
  // A later version is a system card this reader refuses by name.
  CHECK_THAT(error_of(Json{{"schema", "gpai-eval/system-card/2"}, {"name", "x"}}),
             Catch::Contains("the only system card version this program reads"));
}

TEST_CASE("system card: hostile input is refused, not followed", "[system_card]") {
  const std::string deep = R"({"schema": "gpai-eval/system-card/1", "name": "x", "gpai": {"model_card": )" +
                           std::string(300, '[') + std::string(300, ']') + "}}";
  CHECK_THROWS_WITH(parse_system_card(deep, "deep.json", rules()), Catch::Contains("nested more than 256 levels"));
  CHECK_FALSE(io::is_system_card_text(deep));
  // A huge list stops at its first repeat.
  Json j = minimal();
  j["organisation"] = {{"roles", Json::array()}};
  for (int i = 0; i < 100000; ++i) j["organisation"]["roles"].push_back("deployer");
  CHECK_THAT(error_of(j), Catch::Contains("/organisation/roles/1: role deployer is listed twice"));
  // A long unknown key is quoted in part.
  Json k = minimal();
  k[std::string(100000, 'k')] = true;
  CHECK(error_of(k).size() < 1000);
}
