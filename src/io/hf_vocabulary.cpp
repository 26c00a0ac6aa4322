// Hugging Face vocabularies: licence ids and pipeline tags, as the Hub spells
// them. These classify metadata values; they are not legal thresholds. Whether
// the Art. 53(2) exemption applies is decided by the rule engine from the
// card's `open_source` and `weights_public`; here we only say whether a
// licence id is a free and open-source one, and we answer "unknown" for
// every licence that needs a human to read its terms.
#include <algorithm>
#include <array>
#include <cctype>

#include "hf_mapper.hpp"

namespace gpai::io::hf {
namespace {

// OSI-approved or FSF-free licences and public-domain dedications in the Hub's
// licence list: they allow access, use, modification and redistribution.
constexpr std::array<std::string_view, 47> kFreeLicences = {
    "apache-2.0",  "mit",         "bsd",          "bsd-2-clause", "bsd-3-clause",
    "bsd-3-clause-clear", "isc",  "zlib",         "bsl-1.0",      "unlicense",
    "cc0-1.0",     "cc-by-2.0",   "cc-by-2.5",    "cc-by-3.0",    "cc-by-4.0",
    "cc-by-sa-3.0", "cc-by-sa-4.0", "gpl",        "gpl-2.0",      "gpl-3.0",
    "lgpl",        "lgpl-2.1",    "lgpl-3.0",     "lgpl-lr",      "agpl-3.0",
    "mpl-2.0",     "epl-1.0",     "epl-2.0",      "eupl-1.1",     "eupl-1.2",
    "afl-3.0",     "artistic-2.0", "ecl-2.0",     "ms-pl",        "osl-3.0",
    "postgresql",  "ofl-1.1",     "wtfpl",        "odc-by",       "odbl",
    "pddl",        "cc-by-sa-2.0", "cc-by-sa-2.5", "mpl-1.1",     "ncsa",
    "upl-1.0",     "0bsd"};

struct PipelineEntry {
  std::string_view tag;
  std::string_view input;   // comma-separated modalities of our card format
  std::string_view output;  // empty: labels, boxes or scores, no generated content
};

constexpr std::array<PipelineEntry, 49> kPipelines = {{
    {"text-generation", "text", "text"},
    {"text2text-generation", "text", "text"},
    {"summarization", "text", "text"},
    {"translation", "text", "text"},
    {"conversational", "text", "text"},
    {"fill-mask", "text", "text"},
    {"question-answering", "text", "text"},
    {"table-question-answering", "text,tabular", "text"},
    {"text-classification", "text", ""},
    {"token-classification", "text", ""},
    {"zero-shot-classification", "text", ""},
    {"text-ranking", "text", ""},
    {"feature-extraction", "text", "embedding"},
    {"sentence-similarity", "text", "embedding"},
    {"image-text-to-text", "text,image", "text"},
    {"visual-question-answering", "text,image", "text"},
    {"document-question-answering", "text,image", "text"},
    {"video-text-to-text", "text,video", "text"},
    {"image-to-text", "image", "text"},
    {"text-to-image", "text", "image"},
    {"image-to-image", "image", "image"},
    {"unconditional-image-generation", "", "image"},
    {"image-classification", "image", ""},
    {"zero-shot-image-classification", "image,text", ""},
    {"object-detection", "image", ""},
    {"zero-shot-object-detection", "image,text", ""},
    {"image-segmentation", "image", ""},
    {"mask-generation", "image", ""},
    {"keypoint-detection", "image", ""},
    {"depth-estimation", "image", "image"},
    {"image-feature-extraction", "image", "embedding"},
    {"visual-document-retrieval", "text,image", "embedding"},
    {"text-to-video", "text", "video"},
    {"image-to-video", "image", "video"},
    {"video-classification", "video", ""},
    {"text-to-speech", "text", "speech"},
    {"text-to-audio", "text", "audio"},
    {"automatic-speech-recognition", "speech", "text"},
    {"audio-to-audio", "audio", "audio"},
    {"audio-classification", "audio", ""},
    {"voice-activity-detection", "audio", ""},
    {"audio-text-to-text", "text,audio", "text"},
    {"tabular-classification", "tabular", ""},
    {"tabular-regression", "tabular", ""},
    {"time-series-forecasting", "time_series", "time_series"},
    {"reinforcement-learning", "", "action"},
    {"robotics", "", "action"},
    {"text-to-3d", "text", "3d"},
    {"image-to-3d", "image", "3d"},
}};

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t comma = std::min(s.find(',', start), s.size());
    out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::optional<bool> licence_is_open_source(std::string_view licence_id) {
  std::string id(licence_id);
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(kFreeLicences.begin(), kFreeLicences.end(), id) != kFreeLicences.end()) return true;
  // Non-commercial and no-derivatives terms forbid what a free licence allows.
  for (std::string_view marker : {"-nc", "-nd", "noncommercial", "non-commercial", "research-only"}) {
    if (id.find(marker) != std::string::npos) return false;
  }
  return std::nullopt;
}

bool pipeline_modalities(std::string_view tag, Modalities& out, std::string& note) {
  if (tag == "any-to-any") {
    note = "pipeline_tag any-to-any does not say which modalities; none mapped";
    return false;
  }
  for (const auto& e : kPipelines) {
    if (e.tag != tag) continue;
    out.input = split_list(e.input);
    out.output = split_list(e.output);
    if (e.output.empty()) note = "pipeline_tag " + std::string(tag) + " outputs labels or scores, no generated content";
    return true;
  }
  note = "pipeline_tag " + std::string(tag) + " is not a known Hugging Face task";
  return false;
}

}  // namespace gpai::io::hf
