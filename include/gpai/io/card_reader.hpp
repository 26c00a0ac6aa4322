#pragma once
// The one front door for reading a model card, whatever its format. Every
// command that reads cards (assess, explain, batch, audit --card) reads them
// here, so that a card one of them reads, all of them read.
//
// Formats, detected from the text (docs/batch.md, "Formats, detected per record"):
//   gpai-card-1  a JSON object with "schema" (gpai/io/model_card_json.hpp)
//   hf-hub-api   a JSON object with a string "id" and one of pipeline_tag,
//                safetensors, cardData, config, tags (gpai/io/hf_model_card.hpp)
//   hf-readme    text starting with a YAML front-matter fence "---"
// A new card format (a system card) is one CardFormat enumerator
// (gpai/card_provenance.hpp), its reader, and one branch in read_card.
//
// JSON is parsed strictly: a duplicate key, a negative zero or nesting deeper
// than 256 levels is an error. Errors throw gpai::InputError located by
// source, line and column (syntax, YAML) or JSON pointer (values); pointers
// include the origin's pointer for an element of a listing.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "gpai/card_provenance.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/io/hf_vocabulary.hpp"

namespace gpai::io {

// What the caller knows of a text before reading it.
enum class CardText {
  json,      // one JSON value: a .json file, a JSON Lines line, a listing element
  markdown,  // a README.md
  sniff,     // decide from the text: a leading "---" fence is a README, anything else JSON
};

// Where a card's text sits, beyond its source's name.
struct CardOrigin {
  std::string_view pointer;  // "" for a whole document, "/3" for an element of a Hub listing
  CardText kind = CardText::sniff;
  // Bytes after the text that may be read (never written): with 64 or more
  // the JSON parser reads the text where it lies instead of copying it.
  std::size_t readable_past_end = 0;
};

// What reading had found when it failed: batch error rows print them.
struct CardSeen {
  std::optional<CardFormat> format;
  std::string id;  // the card's name or Hub id, once read
};

// Reads one card from `text`; `source` names it in messages and provenance.
// The result's provenance.format is the detected format. `seen`, when given,
// is filled as reading goes, so that it still holds what was found when an
// exception leaves. Thread-safe (no shared state but the const arguments).
MappedCard read_card(std::string_view text, const std::string& source, const CardOrigin& origin,
                     const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary,
                     CardSeen* seen = nullptr);

// A card file's text, its name for messages ("<stdin>" for "-") and how its
// extension says to read it: .md or .markdown is a README, .json JSON;
// anything else, and standard input, is sniffed.
struct CardFile {
  std::string text;
  std::string source;
  CardOrigin origin;
};
CardFile read_card_file(const std::string& path);

// read_card on read_card_file(path).
MappedCard load_card(const std::string& path, const AcceleratorCatalogue& catalogue,
                     const HfVocabulary& vocabulary);

}  // namespace gpai::io
