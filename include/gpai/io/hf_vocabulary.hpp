#pragma once
// How the Hugging Face adapters read two Hub vocabularies: licence ids and
// pipeline tags (data/vocabulary/huggingface.json). They classify metadata
// values, not legal thresholds; they are data because the Hub adds tasks and
// licences, and because which licence counts as free and open source is a
// judgement a reviewer should see and date.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpai::io {

struct HfTask {
  std::string tag;                  // "text-generation"
  std::vector<std::string> input;   // card modalities
  std::vector<std::string> output;  // empty: labels, boxes or scores, no generated content
};

struct HfVocabulary {
  std::string version;
  std::vector<std::string> free_licences;     // lower-case Hub licence ids
  std::vector<std::string> not_free_markers;  // substrings: "-nc", "noncommercial", ...
  std::vector<std::string> unspecified_tags;  // tags that do not say which modalities ("any-to-any")
  std::vector<HfTask> tasks;

  // true: a free and open-source licence id; false: one whose terms forbid
  // commercial use or modification; nullopt: unknown, needs a human reader.
  std::optional<bool> licence_is_open_source(std::string_view licence_id) const;
  const HfTask* task(std::string_view tag) const;  // nullptr: not a known task
  bool unspecified(std::string_view tag) const;
};

}  // namespace gpai::io
