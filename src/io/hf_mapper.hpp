#pragma once
// The one mapping from Hugging Face metadata to our card, shared by the
// README adapter (front matter parsed from YAML) and the Hub API adapter
// (top-level fields plus `cardData`, which is the same front matter as JSON).
// Private to gpai_io; the public entry points are in gpai/io/hf_model_card.hpp.

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/io/hf_model_card.hpp"
#include "hf_text_signals.hpp"
#include "json_reader.hpp"
#include "json_view.hpp"

namespace gpai::io::hf {

// A message or source location built from parts in one allocation, where an
// operator+ chain allocates and copies at every step. Every Hub record builds
// a few dozen of these.
inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (std::string_view p : parts) out.append(p);
  return out;
}

// Views into the adapter's document and strings, which outlive Mapper::run.
struct Source {
  JsonView top;        // Hub API model object; empty for a README
  // The members of `top` when the adapter has gathered them already.
  const JsonMembers* top_members = nullptr;
  JsonView card_data;  // front matter or cardData; may be empty
  std::string_view body;            // README Markdown after the front matter
  std::size_t body_first_line = 1;
  std::string_view name;            // the card's name as chosen by the adapter
  std::string_view name_from;
  // Names that may encode sizes, most telling first; unused ones are empty
  // (an empty name has no sizes).
  std::array<std::string_view, 3> name_hints;
};

class Mapper {
 public:
  Mapper(CardFormat format, std::string source, std::string pointer,
         const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary);
  Provenance& provenance() { return out_.provenance; }
  MappedCard run(const Source& src);

 private:
  // A member of the top object / card data; empty when absent or null.
  JsonView top(std::string_view key) const;
  JsonView card_data(std::string_view key) const;
  // Human-readable source location of a key of the top object / card data.
  std::string top_at(std::string_view rel) const;
  std::string cd_at(std::string_view rel) const;
  void mapped(std::string_view field, std::string from);
  // As Provenance::add_missing, without building the strings of a duplicate.
  void missing(std::string_view field, std::string_view needed_for, std::string why);
  Input input(double value, const std::string& from) const;

  void map_identity();
  void map_license();
  void map_modalities();
  void map_lineage();
  void map_co2();
  void map_size();
  void map_phases();
  void map_benchmarks();
  void map_notes();
  void map_safetensors(JsonView st);

  CardFormat format_;
  std::string pointer_;
  const AcceleratorCatalogue& catalogue_;
  const HfVocabulary& vocabulary_;
  const Source* src_ = nullptr;  // during run()
  // Gathered once: the mapping looks up some twenty keys, most absent.
  std::optional<JsonMembers> own_top_members_, card_members_;
  const JsonMembers* top_members_ = nullptr;
  MappedCard out_;
  ProseSignals prose_;
  bool moe_ = false;
  std::string moe_from_;
  std::optional<Input> tokens_;
  std::string tokens_from_;
  std::optional<HardwareUse> co2_hardware_;
  std::string co2_training_type_;
};

}  // namespace gpai::io::hf
