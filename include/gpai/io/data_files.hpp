#pragma once
// Loads the shipped data files (rules, accelerator catalogue, estimation
// assumptions) strictly: unknown keys, missing citations, unordered dates and
// duplicate ids are gpai::RuleDataError (exit code 3) naming file and pointer.

#include <optional>
#include <string>

#include "gpai/io/hf_vocabulary.hpp"
#include "gpai/estimation_assumptions.hpp"
#include "gpai/frontier_benchmarks.hpp"
#include "gpai/taxonomy.hpp"
#include "gpai/training_compute.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/messages.hpp"
#include "gpai/rules.hpp"
#include "gpai/system_rules.hpp"

namespace gpai::io {

struct DataBundle {
  std::string dir;  // the data directory used, printed in reports
  AcceleratorCatalogue catalogue;  // ours, extended by user_catalogue when given
  std::string user_catalogue;      // --catalogue FILE; empty when none
  RuleSet rules;
  SystemRuleSet systems;  // the AI-system chapters (classify), data/rules/eu_ai_act_systems
  EstimationAssumptions assumptions;
  TaxonomyRegistry taxonomies;
  FrontierBenchmarks benchmarks;
  HfVocabulary hf_vocabulary;  // for the Hugging Face adapters (batch)
  MessageCatalogue messages;   // the reports' texts, in the language asked for

  // Everything assess() needs, pointing into this bundle.
  EstimationContext context(const MonteCarloConfig& mc, std::string taxonomy_id = "") const {
    EstimationContext ctx{catalogue, rules, assumptions, mc};
    ctx.taxonomies = &taxonomies;
    ctx.benchmarks = &benchmarks;
    ctx.taxonomy_id = std::move(taxonomy_id);
    return ctx;
  }
};

// Data directory, first that exists: `explicit_dir` (--data), $GPAI_DATA_DIR,
// <exe dir>/../share/gpai, `source_tree_dir` (in-tree builds).
std::string find_data_dir(const std::optional<std::string>& explicit_dir,
                          const std::string& executable_path, const std::string& source_tree_dir);

AcceleratorCatalogue load_accelerator_catalogue(const std::string& path);
// A user catalogue file (--catalogue): same schema, read by the same strict
// reader, but its errors are InputError (exit 2) naming the user's file and
// JSON pointer. An entry whose id is a shipped id replaces that entry; any
// other entry is added. A name (id, name or alias) that also names a
// different shipped entry is an error naming both. Entries keep their origin
// (SpecOrigin) and the version says a user file was merged.
AcceleratorCatalogue extend_accelerator_catalogue(const AcceleratorCatalogue& shipped, const std::string& user_path);
// Reads <dir>/ruleset.json and every file it lists; a .json file in the
// directory that the manifest does not list is an error (forgotten data).
RuleSet load_rule_set(const std::string& dir);
EstimationAssumptions load_estimation_assumptions(const std::string& path);
// Every *.json in the directory, ordered by their `from` dates.
TaxonomyRegistry load_taxonomies(const std::string& dir);
FrontierBenchmarks load_frontier_benchmarks(const std::string& path);
HfVocabulary load_hf_vocabulary(const std::string& path);
// <data_dir>/messages/<language>.json: every template's placeholders are
// checked against its declared args (and the args against the template).
MessageCatalogue load_messages(const std::string& data_dir, const std::string& language);
// The languages <data_dir>/messages/ holds a catalogue for ("en", ...), sorted:
// a new language is a new file, not a code change.
std::vector<std::string> available_languages(const std::string& data_dir);
// `user_catalogue` (may be empty) is read after every shipped file.
DataBundle load_data_bundle(const std::string& data_dir, const std::string& user_catalogue = "",
                            const std::string& language = "en");

}  // namespace gpai::io
