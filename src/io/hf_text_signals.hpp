#pragma once
// Numbers that Hugging Face cards state only in a repository name or in the
// Markdown prose: model sizes ("Qwen2-57B-A14B", "480B total and 17B active
// parameters"), training tokens ("pretrained on ... 8.1 trillion tokens").
//
// The patterns are deliberately narrow: a sentence must say what the number
// is (total / active parameters, tokens trained on or seen). Tables and code
// blocks are skipped, because they usually compare several models. A value
// that appears with two different numbers is reported as ambiguous, not
// picked.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpai::io::hf {

struct NameSizes {
  std::optional<double> total;   // "57B" in "57B-A14B", or the only size token
  std::optional<double> active;  // "A14B"
  bool moe_hint = false;         // "8x22B", "-A14B", "moe" in the name
  bool ambiguous = false;        // several size tokens, e.g. "OLMoE-1B-7B"
  std::string token;             // the text the sizes came from
};

// Sizes encoded in a repository id or model name. Tokens are separated by
// '-', '_', '/' or spaces; "7B", "0.5B", "560M" are sizes, "4k" is not.
NameSizes sizes_from_name(std::string_view name);

struct ProseFact {
  double value = 0;
  std::size_t line = 0;  // 1-based line in the whole README
  std::string excerpt;   // the sentence, shortened
};

struct ProseSignals {
  std::optional<ProseFact> total_parameters;   // with active, same sentence
  std::optional<ProseFact> active_parameters;
  std::optional<ProseFact> exact_parameters;   // "176,247,271,424 parameters"
  std::optional<ProseFact> training_tokens;
  std::vector<ProseFact> token_candidates;     // when tokens were ambiguous
  bool mentions_moe = false;                   // "mixture-of-experts", "MoE"
};

// Scans Markdown `body` whose first line is line `first_line` of the file.
ProseSignals scan_prose(std::string_view body, std::size_t first_line);

}  // namespace gpai::io::hf
