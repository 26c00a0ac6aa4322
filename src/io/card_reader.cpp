// Card format detection and dispatch to the format's reader.
#include "gpai/io/card_reader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "gpai/error.hpp"
#include "gpai/io/hf_model_card.hpp"
#include "gpai/io/model_card_json.hpp"
#include "json_depth.hpp"
#include "json_fast_parse.hpp"
#include "json_reader.hpp"
#include "json_view_readers.hpp"

namespace gpai::io {
namespace {

constexpr std::string_view kUnrecognised =
    "not a model card: expected a gpai-eval card (with \"schema\"), Hugging Face Hub API model "
    "JSON (\"id\" with \"pipeline_tag\", \"safetensors\", \"cardData\", \"config\" or \"tags\") "
    "or a README.md with YAML front matter";

// The v1 reader reads an element of a listing alone, so its pointers are
// relative to the element; the Hub adapter is given the element's pointer
// and names full ones already.
[[noreturn]] void rethrow_under(const InputError& e, std::string_view prefix) {
  SourceLocation where = e.where();
  if (where.json_pointer == "/") where.json_pointer = std::string(prefix);
  else if (!where.json_pointer.empty()) where.json_pointer = std::string(prefix) + where.json_pointer;
  throw InputError(std::move(where), e.detail());
}

MappedCard read_json_card(std::string_view text, const std::string& source, const CardOrigin& origin,
                          const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary,
                          CardSeen& seen) {
  // The fast parser takes nothing nested deeper than kFastMaxDepth, so only
  // the texts it refuses need the nesting bound checked. The texts it takes
  // are read straight from its DOM (a view valid until this thread parses
  // again); the others from nlohmann's, whose errors are located.
  static_assert(kFastMaxDepth <= kMaxJsonDepth);
  Json fallback;
  JsonView doc = parse_json_view_fast(text, origin.readable_past_end);
  if (!doc) {
    if (json_nested_too_deep(text)) {
      throw InputError(SourceLocation{source, 0, 0, ""},
                       "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    }
    fallback = parse_json_strict(text, source);
    doc = JsonView(fallback);
  }
  if (!doc.is_object()) {
    throw InputError(SourceLocation{source, 0, 0, "/"},
                     "expected a JSON object (one model card per record), found " + describe_json(doc));
  }
  MappedCard mapped;
  if (doc.contains("schema")) {
    seen.format = CardFormat::gpai_card_v1;
    if (const JsonView n = doc.find("name"); n.is_string()) seen.id = std::string(n.string());
    mapped.card = read_model_card(doc, source, catalogue);
    mapped.provenance.format = CardFormat::gpai_card_v1;
    mapped.provenance.record_id = mapped.card.name;
  } else if (looks_like_hub_api(doc)) {
    seen.format = CardFormat::hf_hub_api;
    seen.id = std::string(doc.find("id").string());
    mapped = map_hub_api(doc, source, std::string(origin.pointer), catalogue, vocabulary);
  } else {
    throw InputError(SourceLocation{source, 0, 0, ""}, std::string(kUnrecognised));
  }
  return mapped;
}

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

MappedCard read_card(std::string_view text, const std::string& source, const CardOrigin& origin,
                     const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary, CardSeen* seen) {
  CardSeen local;
  CardSeen& s = seen ? *seen : local;
  const bool markdown =
      origin.kind == CardText::markdown || (origin.kind == CardText::sniff && looks_like_hf_readme(text));
  if (markdown) {
    s.format = CardFormat::hf_readme;
    MappedCard mapped = map_hf_readme(text, source, catalogue, vocabulary);
    s.id = mapped.provenance.record_id;
    return mapped;
  }
  try {
    MappedCard mapped = read_json_card(text, source, origin, catalogue, vocabulary, s);
    s.id = mapped.provenance.record_id;
    return mapped;
  } catch (const InputError& e) {
    if (origin.pointer.empty() || s.format == CardFormat::hf_hub_api) throw;
    rethrow_under(e, origin.pointer);
  }
}

CardFile read_card_file(const std::string& path) {
  CardFile f;
  if (path == "-") {
    f.text.assign(std::istreambuf_iterator<char>(std::cin), {});
    f.source = "<stdin>";
    return f;
  }
  const std::string ext = lower_extension(path);
  if (ext == ".md" || ext == ".markdown") f.origin.kind = CardText::markdown;
  else if (ext == ".json") f.origin.kind = CardText::json;
  f.text = read_text_file(path);
  f.source = path;
  return f;
}

MappedCard load_card(const std::string& path, const AcceleratorCatalogue& catalogue,
                     const HfVocabulary& vocabulary) {
  const CardFile f = read_card_file(path);
  return read_card(f.text, f.source, f.origin, catalogue, vocabulary);
}

}  // namespace gpai::io
