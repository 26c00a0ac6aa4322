#include "gpai/io/system_card_reader.hpp"

#include <algorithm>
#include <iostream>
#include <iterator>

#include "excerpt.hpp"
#include "json_depth.hpp"
#include "json_reader.hpp"
#include "json_view_readers.hpp"

namespace gpai::io {
namespace {

struct RoleName {
  std::string_view name;
  SystemRole role;
};
// The card's spellings, then the Dutch text of the Act and the variants the
// Dutch seeds use (accepted, printed as the legal term).
constexpr RoleName kRoleNames[] = {
    {"provider", SystemRole::provider},
    {"deployer", SystemRole::deployer},
    {"importer", SystemRole::importer},
    {"distributor", SystemRole::distributor},
    {"product_manufacturer", SystemRole::product_manufacturer},
    {"authorised_representative", SystemRole::authorised_representative},
    {"aanbieder", SystemRole::provider},
    {"gebruiksverantwoordelijke", SystemRole::deployer},
    {"gebruikersverantwoordelijke", SystemRole::deployer},
    {"exploitant", SystemRole::deployer},
    {"importeur", SystemRole::importer},
    {"distributeur", SystemRole::distributor},
    {"gemachtigde", SystemRole::authorised_representative},
    {"productfabrikant", SystemRole::product_manufacturer},
};
constexpr std::string_view kRoleList =
    "provider, deployer, importer, distributor, product_manufacturer, authorised_representative "
    "(or the Dutch aanbieder, gebruiksverantwoordelijke, importeur, distributeur, productfabrikant, gemachtigde)";

// Answers that presuppose another: the first true with the second false is
// refused. Card semantics (what a question means), not law.
struct Presupposition {
  std::string_view fact, presupposes, why;
};
constexpr Presupposition kPresuppositions[] = {
    {"/prohibited/rbi_authorised", "/prohibited/realtime_remote_biometric_id_law_enforcement",
     "an authorisation is for a real-time remote biometric identification use the system makes"},
    {"/transparency/obvious_to_persons", "/transparency/interacts_with_persons",
     "that an interaction with an AI system is obvious presupposes that the system interacts with persons"},
};

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto s : items) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// The yes/no keys of `group` ("" for the card's root): the facts the
// contract (kSystemCardFacts) lists directly under it.
std::vector<std::string_view> fact_keys(std::string_view group) {
  std::vector<std::string_view> keys;
  for (std::string_view f : kSystemCardFacts) {
    if (f.size() <= group.size() + 1 || f.substr(0, group.size()) != group || f[group.size()] != '/') continue;
    const std::string_view key = f.substr(group.size() + 1);
    if (key.find('/') == std::string_view::npos) keys.push_back(key);
  }
  return keys;
}

// An unknown key would be read as "not answered": refused instead, the
// first in sorted order so that both JSON backends name the same one.
void allow_keys(const JsonCursor& c, std::string_view group, std::initializer_list<std::string_view> others) {
  std::vector<std::string_view> allowed = fact_keys(group);
  allowed.insert(allowed.end(), others.begin(), others.end());
  std::optional<std::string_view> unknown;
  for (const auto& [key, _] : c.value().items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end() && (!unknown || key < *unknown)) unknown = key;
  }
  if (!unknown) return;
  // A hostile key is quoted in part, in the pointer as in the message.
  const std::string where = unknown->size() > kExcerptBytes ? c.pointer() + "/" + excerpt(*unknown, kExcerptBytes, 0)
                                                            : child_pointer(c.pointer_view(), *unknown);
  throw InputError(SourceLocation{c.file(), 0, 0, where},
                   "unknown key " + excerpt(*unknown, kExcerptBytes, '"') + " (allowed here: " + join(allowed) + ")");
}

// The facts of `group` into card.facts, by their card pointer; null and absent are unknown.
void read_facts(const JsonCursor& c, std::string_view group, SystemCard& card) {
  for (std::string_view key : fact_keys(group)) {
    auto v = c.field(key);
    if (!v) continue;
    if (!v->value().is_boolean()) v->fail("true, false or null (unknown)");
    card.facts.emplace(std::string(group) + "/" + std::string(key), v->value().boolean());
  }
}

// A group object: null or absent is nullopt (all its answers unknown).
std::optional<JsonCursor> group(const JsonCursor& root, std::string_view key,
                                std::initializer_list<std::string_view> others = {}) {
  auto g = root.field(key);
  if (!g) return std::nullopt;
  g->expect_object();
  allow_keys(*g, "/" + std::string(key), others);
  return g;
}

std::string optional_string(const JsonCursor& parent, std::string_view key) {
  auto f = parent.field(key);
  return f ? f->as_string() : std::string();
}

[[noreturn]] void bad_item(const JsonCursor& item, std::string_view list, std::size_t i, const std::string& expected) {
  throw InputError::wrong_value(item.location(), std::string(list) + "[" + std::to_string(i) + "]", expected,
                                describe_json(item.value()));
}

// A list of ids from `valid`, each once. Stops at the first bad entry, so a
// hostile array costs no more than the valid ids it repeats.
template <class T>
std::vector<std::string> read_ids(const JsonCursor& c, std::string_view list, std::string_view what,
                                  const std::vector<T>& valid) {
  std::vector<std::string> out;
  c.expect_array();
  c.for_each_element([&](const JsonCursor& item, std::size_t i) {
    const JsonView v = item.value();
    const bool known = v.is_string() && std::any_of(valid.begin(), valid.end(), [&](const T& x) { return x.id == v.string(); });
    if (!known) {
      std::vector<std::string_view> ids;
      for (const T& x : valid) ids.push_back(x.id);
      bad_item(item, list, i, std::string(what) + " (one of: " + join(ids) + ")");
    }
    if (auto seen = std::find(out.begin(), out.end(), v.string()); seen != out.end()) {
      throw InputError(item.location(), excerpt(v.string(), kExcerptBytes, '"') + " is listed twice (first at " +
                                            child_pointer(c.pointer_view(), std::size_t(seen - out.begin())) + ")");
    }
    out.emplace_back(v.string());
  });
  return out;
}

std::vector<SystemRole> read_roles(const JsonCursor& c) {
  std::vector<SystemRole> roles;
  c.expect_array();
  c.for_each_element([&](const JsonCursor& item, std::size_t i) {
    const JsonView v = item.value();
    if (!v.is_string()) bad_item(item, "roles", i, "a role: " + std::string(kRoleList));
    const std::string_view name = v.string();
    if (name == "ontwikkelaar" || name == "developer") {
      throw InputError(item.location(),
                       excerpt(name, kExcerptBytes, '"') +
                           " is no role under the AI Act: whoever develops a system, or has it developed, and places it on "
                           "the market or puts it into service under its own name is its provider (aanbieder), "
                           "also when it only uses the system itself; whoever uses it under its authority is a deployer "
                           "(gebruiksverantwoordelijke). A builder for its own use is both");
    }
    auto known = std::find_if(std::begin(kRoleNames), std::end(kRoleNames), [&](const RoleName& r) { return r.name == name; });
    if (known == std::end(kRoleNames)) bad_item(item, "roles", i, "a role: " + std::string(kRoleList));
    if (auto seen = std::find(roles.begin(), roles.end(), known->role); seen != roles.end()) {
      throw InputError(item.location(), "role " + std::string(to_string(known->role)) + " is listed twice (first at " +
                                            child_pointer(c.pointer_view(), std::size_t(seen - roles.begin())) + ")");
    }
    roles.push_back(known->role);
  });
  return roles;
}

bool deeper_than(JsonView v, std::size_t levels) {
  if (!v.is_array() && !v.is_object()) return false;
  if (levels == 0) return true;
  if (v.is_array()) {
    for (JsonView e : v.elements())
      if (deeper_than(e, levels - 1)) return true;
  } else {
    for (const auto& m : v.items())
      if (deeper_than(m.value, levels - 1)) return true;
  }
  return false;
}

void read_gpai(const JsonCursor& g, SystemCard& card) {
  read_facts(g, "/gpai", card);
  auto m = g.field("model_card");
  if (!m) return;
  const JsonView v = m->value();
  if (v.is_string() && !v.string().empty()) {
    card.model.path = std::string(v.string());
  } else if (v.is_object()) {
    // Serialised and read later by the model-card reader: bounded here, where
    // the pointer is known, as a document parsed by the caller was not.
    if (deeper_than(v, kMaxJsonDepth)) {
      throw InputError(m->location(), "inline model card nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    }
    card.model.inline_json = v.dump();
  } else {
    m->fail("a model card's path (relative to this card) or an inline model card (an object)");
  }
}

void read_dates(const JsonCursor& d, SystemCard& card) {
  if (auto x = d.field("placed_on_market")) card.dates.placed_on_market = x->as_date();
  if (auto x = d.field("put_into_service")) card.dates.put_into_service = x->as_date();
  if (auto x = d.field("significant_change")) card.dates.significant_change = x->as_date();
}

RegisterEntry read_register(const JsonCursor& r) {
  RegisterEntry e;
  e.id = optional_string(r, "id");
  e.url = optional_string(r, "url");
  e.description = optional_string(r, "description");
  e.process = optional_string(r, "process");
  e.supplier = optional_string(r, "supplier");
  e.status = optional_string(r, "status");
  e.risk_classification = optional_string(r, "risk_classification");
  return e;
}

// A carve-out takes a use out of a point the purpose falls under: the card
// must list that point.
void check_carve_outs(const JsonCursor& list, const SystemCard& card, const SystemRuleSet& rules,
                      std::string_view annex_iii_pointer) {
  list.for_each_element([&](const JsonCursor& item, std::size_t i) {
    const std::string& id = (*card.annex_iii_carve_outs)[i];
    auto c = std::find_if(rules.carve_outs.begin(), rules.carve_outs.end(), [&](const auto& x) { return x.id == id; });
    const std::string& point = c->point;
    if (card.annex_iii && std::find(card.annex_iii->begin(), card.annex_iii->end(), point) != card.annex_iii->end()) return;
    throw InputError(item.location(),
                     "contradictory answers: carve-out \"" + id + "\" takes a use out of the listed point " + point + ", which " +
                         std::string(annex_iii_pointer) + (card.annex_iii ? " does not list" : " leaves unknown") +
                         "; list \"" + point + "\" in annex_iii, or drop the carve-out");
  });
}

// An exception is claimed for a practice the system performs.
void check_exceptions(const JsonCursor& list, const SystemCard& card, const SystemRuleSet& rules,
                      std::string_view prefix) {
  list.for_each_element([&](const JsonCursor& item, std::size_t i) {
    const std::string& id = (*card.prohibited_exceptions)[i];
    auto e = std::find_if(rules.prohibition_exceptions.begin(), rules.prohibition_exceptions.end(),
                          [&](const auto& x) { return x.id == id; });
    const ProhibitedPractice* practice = rules.practice(e->practice);
    if (!practice || card.fact(practice->fact) != false) return;
    throw InputError(item.location(), "contradictory answers: exception \"" + id + "\" is claimed for the practice " +
                                          std::string(prefix) + practice->fact +
                                          ", which the card answers false; an exception is claimed only for a "
                                          "practice the system performs (answer it true or null, or drop the exception)");
  });
}

void check_presuppositions(const SystemCard& card, const std::string& source, std::string_view prefix) {
  for (const Presupposition& p : kPresuppositions) {
    if (card.fact(p.fact) != true || card.fact(p.presupposes) != false) continue;
    throw InputError(SourceLocation{source, 0, 0, std::string(prefix) + std::string(p.fact)},
                     "contradictory answers: true here while " + std::string(prefix) + std::string(p.presupposes) +
                         " is false (" + std::string(p.why) + "); correct one of them, or answer null (unknown)");
  }
}

}  // namespace

SystemCard read_system_card(JsonView doc, const std::string& source, const SystemRuleSet& rules,
                            std::string_view pointer) {
  if (!doc.is_object()) {
    throw InputError(SourceLocation{source, 0, 0, pointer.empty() ? "/" : std::string(pointer)},
                     "expected a JSON object (one system card per record), found " + describe_json(doc));
  }
  const JsonCursor document(doc, source, pointer);
  const JsonMembers members(doc);
  const JsonCursor root = document.indexed(members);
  const JsonCursor schema = root.require("schema", "\"" + std::string(kSystemCardSchema) + "\"");
  if (!schema.value().is_string() || schema.value().string() != kSystemCardSchema) {
    schema.fail("\"" + std::string(kSystemCardSchema) + "\" (the only system card version this program reads)");
  }
  allow_keys(root, "", {"schema", "name", "intended_purpose", "organisation", "dates", "definition", "exclusions",
                        "prohibited", "annex_i", "annex_iii", "annex_iii_carve_outs", "art6_3", "transparency",
                        "role_changes", "gpai", "register"});
  SystemCard card;
  card.name = root.require("name", "the system's name").as_string();
  if (card.name.empty()) root.require("name", "").fail("a non-empty name");
  card.intended_purpose = optional_string(root, "intended_purpose");
  read_facts(root, "", card);
  if (auto o = group(root, "organisation", {"name", "roles"})) {
    card.organisation_name = optional_string(*o, "name");
    if (auto r = o->field("roles")) card.roles = read_roles(*r);
    read_facts(*o, "/organisation", card);
  }
  if (auto d = group(root, "dates", {"placed_on_market", "put_into_service", "significant_change"})) read_dates(*d, card);
  for (std::string_view g : {"definition", "exclusions", "art6_3", "transparency", "role_changes"}) {
    if (auto c = group(root, g)) read_facts(*c, "/" + std::string(g), card);
  }
  if (auto p = group(root, "prohibited", {"exceptions"})) {
    read_facts(*p, "/prohibited", card);
    if (auto e = p->field("exceptions")) {
      card.prohibited_exceptions = read_ids(*e, "exceptions", "an exception id", rules.prohibition_exceptions);
      check_exceptions(*e, card, rules, pointer);
    }
  }
  if (auto a = group(root, "annex_i", {"legislation"})) {
    read_facts(*a, "/annex_i", card);
    if (auto l = a->field("legislation")) {
      const std::string id = l->as_string();
      if (!rules.legislation(id)) {
        std::vector<std::string_view> ids;
        for (const auto& x : rules.annex_i) ids.push_back(x.id);
        l->fail("a legislation id of the rule data (one of: " + join(ids) + ")");
      }
      card.annex_i_legislation = id;
    }
  }
  if (auto a = root.field("annex_iii")) card.annex_iii = read_ids(*a, "annex_iii", "a listed point id", rules.annex_iii);
  if (auto c = root.field("annex_iii_carve_outs")) {
    card.annex_iii_carve_outs = read_ids(*c, "annex_iii_carve_outs", "a carve-out id", rules.carve_outs);
    check_carve_outs(*c, card, rules, std::string(pointer) + "/annex_iii");
  }
  if (auto g = group(root, "gpai", {"model_card"})) read_gpai(*g, card);
  if (auto r = group(root, "register", {"id", "url", "description", "process", "supplier", "status",
                                        "risk_classification"})) {
    card.register_entry = read_register(*r);
  }
  check_presuppositions(card, source, pointer);
  return card;
}

SystemCard read_system_card(const nlohmann::json& doc, const std::string& source, const SystemRuleSet& rules,
                            std::string_view pointer) {
  return read_system_card(JsonView(doc), source, rules, pointer);
}

SystemCard parse_system_card(std::string_view text, const std::string& source, const SystemRuleSet& rules) {
  if (json_nested_too_deep(text)) {
    throw InputError(SourceLocation{source, 0, 0, ""},
                     "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
  }
  return read_system_card(parse_json_strict(text, source), source, rules);
}

SystemCard load_system_card(const std::string& path, const SystemRuleSet& rules) {
  if (path == "-") {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    return parse_system_card(text, "<stdin>", rules);
  }
  return parse_system_card(read_text_file(path), path, rules);
}

bool is_system_card(JsonView doc) {
  if (!doc.is_object()) return false;
  const JsonView s = doc.find("schema");
  return s.is_string() && s.string().substr(0, kSystemCardSchemaFamily.size()) == kSystemCardSchemaFamily;
}

bool is_system_card(const nlohmann::json& doc) { return is_system_card(JsonView(doc)); }

bool is_system_card_text(std::string_view text) {
  if (json_nested_too_deep(text)) return false;
  try {
    const Json doc = parse_json_strict(text, "");
    return is_system_card(JsonView(doc));
  } catch (const InputError&) {
    return false;
  }
}

}  // namespace gpai::io
