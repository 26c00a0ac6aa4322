// The accelerator catalogue files: ours (data/hardware/accelerators.json) and
// a user's (--catalogue FILE) are read by the same strict reader. Only the
// exit code differs: a broken shipped file is our bug (3), a broken user file
// is input the user can fix (2).
#include <map>
#include <set>

#include "data_readers.hpp"
#include "gpai/io/data_files.hpp"

namespace gpai::io {
namespace {

struct NamedAt {
  std::string name;
  SourceLocation where;
};

struct CatalogueEntry {
  AcceleratorSpec spec;
  std::vector<NamedAt> names;  // id, name and aliases, each where it was written
};

struct CatalogueDocument {
  std::string version;
  std::vector<CatalogueEntry> entries;
};

std::string non_empty_string(const JsonCursor& c, const std::string& expected) {
  std::string s = c.as_string();
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) c.fail(expected);
  return s;
}

CatalogueEntry read_entry(const JsonCursor& c) {
  data::allow_keys(c, {"id", "vendor", "name", "aliases", "default_precision", "peak_flop_per_s_dense",
                       "memory_gb", "tdp_w", "source", "notes"});
  CatalogueEntry e;
  AcceleratorSpec& s = e.spec;
  const JsonCursor id = c.require("id", "an id");
  s.id = non_empty_string(id, "a non-empty id");
  e.names.push_back({s.id, id.location()});
  s.vendor = non_empty_string(c.require("vendor", "a vendor"), "a non-empty vendor");
  const JsonCursor name = c.require("name", "a name");
  s.name = non_empty_string(name, "a non-empty name");
  e.names.push_back({s.name, name.location()});
  if (auto aliases = c.field("aliases")) {
    for (std::size_t i = 0, n = aliases->expect_array(); i < n; ++i) {
      const JsonCursor a = aliases->at(i);
      s.aliases.push_back(a.as_string());
      e.names.push_back({s.aliases.back(), a.location()});
    }
  }
  for (const auto& [text, where] : e.names) {
    if (normalise_accelerator_name(text).empty()) {
      throw RuleDataError(where, "a name needs at least one letter or digit (names are compared ignoring case, "
                                 "spaces and punctuation)");
    }
  }
  const JsonCursor peaks = c.require("peak_flop_per_s_dense", "an object of peaks per precision");
  peaks.expect_object();
  for (const auto& [key, _] : peaks.value().items()) {
    const std::string k(key);
    const JsonCursor pc = peaks.require(k, "a positive number of FLOP/s");
    const auto p = parse_precision(k);
    if (!p || std::string(to_string(*p)) != k) {
      data::fail(pc, "unknown precision key " + k + " (allowed: fp64, fp32, tf32, bf16, fp16, fp8, int8)");
    }
    s.peak_flop_per_s_dense[*p] = pc.as_number(Range::positive);
  }
  const JsonCursor dp = c.require("default_precision", "a precision");
  const auto def = parse_precision(dp.as_string());
  if (!def || !s.peak_flop_per_s(*def)) data::fail(dp, "default_precision must be one of the chip's peaks");
  s.default_precision = *def;
  if (auto m = c.field("memory_gb")) s.memory_gb = m->as_number(Range::positive);
  if (auto t = c.field("tdp_w")) s.tdp_w = t->as_number(Range::positive);
  s.source = non_empty_string(c.require("source", "where the figures come from"),
                              "where the figures come from (a datasheet or document)");
  if (auto notes = c.field("notes")) s.notes = notes->as_string();
  return e;
}

// Throws RuleDataError for its own checks and InputError for typed reads;
// the callers turn both into the error class of whose file it is.
CatalogueDocument read_catalogue_document(const std::string& path) {
  const Json doc = parse_json_strict(read_text_file(path), path);
  const JsonCursor root(doc, path);
  // The schema first: a card or another of our files given by mistake is named as such.
  data::expect_schema(root, "gpai-accelerators/1");
  data::allow_keys(root, {"schema", "version", "last_reviewed", "note", "accelerators"});
  CatalogueDocument out;
  out.version = non_empty_string(root.require("version", "a version"), "a non-empty version");
  if (auto reviewed = root.field("last_reviewed")) reviewed->as_date();
  std::map<std::string, std::pair<std::string, std::string>> owner;  // normalised name -> (id, pointer)
  const JsonCursor list = root.require("accelerators", "an array of accelerators");
  for (std::size_t i = 0, n = list.expect_array(); i < n; ++i) {
    CatalogueEntry e = read_entry(list.at(i));
    for (const auto& other : out.entries) {
      if (other.spec.id == e.spec.id) {
        throw RuleDataError(e.names.front().where, "duplicate id " + e.spec.id + " (first at " +
                                                       other.names.front().where.json_pointer + ")");
      }
    }
    for (const auto& [text, where] : e.names) {
      const auto [it, fresh] = owner.emplace(normalise_accelerator_name(text), std::pair{e.spec.id, where.json_pointer});
      if (!fresh && it->second.first != e.spec.id) {
        throw RuleDataError(where, "name \"" + text + "\" also names " + it->second.first + " (at " +
                                       it->second.second +
                                       "; names are compared ignoring case, spaces, punctuation and vendor prefix)");
      }
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> names_of(const AcceleratorSpec& s) {
  std::vector<std::string> names = s.aliases;
  names.push_back(s.id);
  names.push_back(s.name);
  return names;
}

}  // namespace

AcceleratorCatalogue load_accelerator_catalogue(const std::string& path) {
  CatalogueDocument d;
  try {
    d = read_catalogue_document(path);
  } catch (const InputError& e) {
    throw RuleDataError(e.where(), e.detail());
  }
  std::vector<AcceleratorSpec> specs;
  for (auto& e : d.entries) specs.push_back(std::move(e.spec));
  return AcceleratorCatalogue(std::move(specs), d.version);
}

AcceleratorCatalogue extend_accelerator_catalogue(const AcceleratorCatalogue& shipped, const std::string& user_path) {
  CatalogueDocument user;
  try {
    user = read_catalogue_document(user_path);
  } catch (const RuleDataError& e) {
    throw InputError(e.where(), e.detail());
  }
  std::vector<AcceleratorSpec> specs = shipped.specs();
  std::map<std::string, std::size_t> shipped_index;  // id -> position
  for (std::size_t i = 0; i < specs.size(); ++i) shipped_index.emplace(specs[i].id, i);
  std::set<std::string> replaced;
  for (const auto& e : user.entries) {
    if (shipped_index.count(e.spec.id)) replaced.insert(e.spec.id);
  }
  // A user name that also names a shipped entry (other than the one it
  // replaces) would make that name resolve differently depending on order.
  std::map<std::string, std::string> shipped_owner;  // normalised name -> shipped id
  for (const auto& s : specs) {
    if (replaced.count(s.id)) continue;
    for (const auto& name : names_of(s)) shipped_owner.emplace(normalise_accelerator_name(name), s.id);
  }
  for (const auto& e : user.entries) {
    for (const auto& [text, where] : e.names) {
      const auto it = shipped_owner.find(normalise_accelerator_name(text));
      if (it == shipped_owner.end()) continue;
      throw InputError(where, "name \"" + text + "\" of your entry " + e.spec.id +
                                  " also names the shipped accelerator " + it->second +
                                  " (names are compared ignoring case, spaces, punctuation and vendor prefix); "
                                  "to replace " + it->second + ", give your entry the id \"" + it->second +
                                  "\", otherwise drop or change the name");
    }
  }
  for (auto& e : user.entries) {
    AcceleratorSpec s = std::move(e.spec);
    s.origin_file = user_path;
    if (const auto it = shipped_index.find(s.id); it != shipped_index.end()) {
      s.origin = SpecOrigin::user_override;
      specs[it->second] = std::move(s);
    } else {
      s.origin = SpecOrigin::user_added;
      specs.push_back(std::move(s));
    }
  }
  return AcceleratorCatalogue(std::move(specs), shipped.version() + " + " + user_path + " " + user.version);
}

}  // namespace gpai::io
