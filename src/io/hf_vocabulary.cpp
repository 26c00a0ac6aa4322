#include "gpai/io/hf_vocabulary.hpp"

#include <algorithm>

namespace gpai::io {

std::optional<bool> HfVocabulary::licence_is_open_source(std::string_view licence_id) const {
  std::string id(licence_id);
  // The C locale's tolower (only A-Z change), without a library call a character.
  std::transform(id.begin(), id.end(), id.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (std::find(free_licences.begin(), free_licences.end(), id) != free_licences.end()) return true;
  for (const auto& marker : not_free_markers) {
    if (id.find(marker) != std::string::npos) return false;
  }
  return std::nullopt;
}

const HfTask* HfVocabulary::task(std::string_view tag) const {
  for (const auto& t : tasks) {
    if (t.tag == tag) return &t;
  }
  return nullptr;
}

bool HfVocabulary::unspecified(std::string_view tag) const {
  return std::find(unspecified_tags.begin(), unspecified_tags.end(), tag) != unspecified_tags.end();
}

}  // namespace gpai::io
