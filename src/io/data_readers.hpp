#pragma once
// Strict readers for the sections of our data files, shared by data_files.cpp
// and legal_data_files.cpp. Errors are RuleDataError with file and pointer.
#include <initializer_list>
#include <string_view>
#include <utility>

#include "gpai/frontier_benchmarks.hpp"
#include "gpai/rules.hpp"
#include "gpai/taxonomy.hpp"
#include "json_reader.hpp"

namespace gpai::io::data {

void allow_keys(const JsonCursor& c, std::initializer_list<std::string_view> allowed);
[[noreturn]] void fail(const JsonCursor& c, const std::string& message);
Citation read_citation(const JsonCursor& c);
// A value of a closed vocabulary: anything else is an error listing the allowed values.
template <typename Enum>
Enum closed(const JsonCursor& c, std::initializer_list<std::pair<std::string_view, Enum>> vocabulary) {
  const std::string s = c.as_string();
  std::string known;
  for (const auto& [name, value] : vocabulary) {
    if (s == name) return value;
    known += (known.empty() ? "" : ", ") + std::string(name);
  }
  fail(c, "unknown value \"" + s + "\" (allowed: " + known + ")");
}

// The document's "schema" must be exactly `schema` (our file-format version).
void expect_schema(const JsonCursor& root, const std::string& schema);

// Sections of a gpai-rules/1 file.
void read_dates(const JsonCursor& list, RuleSet& rules);
void read_obligations(const JsonCursor& list, RuleSet& rules);
void read_annex_xiii(const JsonCursor& section, RuleSet& rules);
void read_designations(const JsonCursor& list, RuleSet& rules);
void read_incidents(const JsonCursor& section, RuleSet& rules);
// Cross-references (obligation dates, criterion parameters) checked once all files are read.
void check_references(const RuleSet& rules, const std::string& manifest);

Taxonomy read_taxonomy(const JsonCursor& root);
FrontierBenchmarks read_frontier_benchmarks(const JsonCursor& root);

}  // namespace gpai::io::data
