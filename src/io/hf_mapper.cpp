#include "hf_mapper.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "gpai/compute_bounds.hpp"

namespace gpai::io::hf {
namespace {

// Emissions below this many grams are implausible for any training run; such
// values are usually kilograms written where the Hub metadata asks for grams.
constexpr double kImplausibleCo2Grams = 10;

std::optional<double> as_count(JsonView v) {
  if (v.is_number()) {
    const double d = v.number();
    if (std::isfinite(d) && d >= 0) return d;
    return std::nullopt;
  }
  if (v.is_string()) {
    if (auto q = parse_quantity(v.string()); q && *q >= 0) return q;
  }
  return std::nullopt;
}

std::string text_of(JsonView v) { return v.is_string() ? std::string(v.string()) : v.dump(); }

// Calls f on `v` when it is a string, else on each string element of `v`:
// metadata fields that may hold one value or a list. Views, not copies, since
// most values (tags) are only tested.
template <class F>
void for_each_string(JsonView v, F f) {
  if (v.is_string()) f(v.string());
  for (JsonView e : v.elements()) {
    if (e.is_string()) f(e.string());
  }
}

std::optional<std::string_view> first_string(JsonView v) {
  if (v.is_string()) return v.string();
  for (JsonView e : v.elements()) {
    if (e.is_string()) return e.string();
  }
  return std::nullopt;
}

bool starts_with(std::string_view s, std::string_view p) { return s.rfind(p, 0) == 0; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Mapper::Mapper(CardFormat format, std::string source, std::string pointer,
               const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary)
    : format_(format),
      pointer_(std::move(pointer)),
      catalogue_(catalogue),
      vocabulary_(vocabulary) {
  out_.provenance.format = format;
  out_.card.source = std::move(source);
  // A Hub record maps about seven fields and misses about six: one
  // allocation each instead of growing through 1, 2, 4, 8.
  out_.provenance.mapped.reserve(8);
  out_.provenance.missing.reserve(8);
}

JsonView Mapper::top(std::string_view key) const {
  const JsonView v = top_members_->find(key);
  return v.is_null() ? JsonView() : v;
}

JsonView Mapper::card_data(std::string_view key) const {
  const JsonView v = card_members_->find(key);
  return v.is_null() ? JsonView() : v;
}

std::string Mapper::top_at(std::string_view rel) const { return concat({pointer_, rel}); }

std::string Mapper::cd_at(std::string_view rel) const {
  if (format_ == CardFormat::hf_readme) return concat({"front matter ", rel});
  return concat({pointer_, "/cardData", rel});
}

void Mapper::mapped(std::string_view field, std::string from) {
  out_.provenance.mapped.emplace_back(std::string(field), std::move(from));
}

void Mapper::missing(std::string_view field, std::string_view needed_for, std::string why) {
  auto& all = out_.provenance.missing;
  for (const auto& m : all) {
    if (m.field == field) return;
  }
  all.emplace_back(std::string(field), std::string(needed_for), std::move(why));
}

Input Mapper::input(double value, const std::string& from) const {
  return Input{Quantity::exact(value), from};
}

MappedCard Mapper::run(const Source& src) {
  src_ = &src;
  top_members_ = src.top_members ? src.top_members : &own_top_members_.emplace(src.top);
  card_members_.emplace(src_->card_data);
  if (format_ == CardFormat::hf_readme) prose_ = scan_prose(src_->body, src_->body_first_line);
  map_identity();
  map_license();
  map_modalities();
  map_lineage();
  map_co2();
  map_size();
  map_phases();
  map_benchmarks();
  map_notes();
  // A mapped count may be finite and still overflow the estimate (1e300
  // parameters): an input error, never a verdict. Mapped inputs carry where
  // they came from (a README line, a Hub field), which the message quotes.
  if (auto bad = find_implausible_compute_input(out_.card, catalogue_)) {
    throw InputError::wrong_value(SourceLocation{out_.card.source, 0, 0, ""}, bad->field, bad->expected, bad->found);
  }
  return std::move(out_);
}

void Mapper::map_identity() {
  out_.card.name = src_->name;
  out_.provenance.record_id = src_->name;
  mapped("/name", std::string(src_->name_from));
  if (JsonView author = top("author"); author && author.is_string()) {
    out_.card.provider.name = std::string(author.string());
    mapped("/provider/name", top_at("/author"));
  } else if (auto slash = src_->name.find('/'); src_->top && slash != std::string::npos) {
    out_.card.provider.name = src_->name.substr(0, slash);
    mapped("/provider/name", concat({pointer_, "/id (namespace)"}));
  }
  missing("/provider/established_in_eu", "authorised_representative",
          "Hugging Face metadata does not say where the provider is established");
  constexpr std::string_view no_date = "Hugging Face metadata has no date of placing on the market";
  if (JsonView created = top("createdAt"); created && created.is_string()) {
    missing("/placed_on_market", "deadlines",
            concat({no_date, "; the Hub's createdAt (", created.string().substr(0, 10),
                    ") is an upload date, not necessarily placing on the market"}));
  } else {
    missing("/placed_on_market", "deadlines", std::string(no_date));
  }
}

void Mapper::map_license() {
  auto& lic = out_.card.license;
  std::string from;
  if (JsonView l = card_data("license")) {
    if (const auto id = first_string(l)) {
      lic.name = std::string(*id);
      from = cd_at("/license");
    }
  }
  if (lic.name.empty()) {
    if (JsonView tags = top("tags")) {
      std::optional<std::string_view> tagged;
      for_each_string(tags, [&](std::string_view t) {
        if (!tagged && starts_with(t, "license:")) tagged = t.substr(8);
      });
      if (tagged) {
        lic.name = std::string(*tagged);
        from = concat({pointer_, "/tags license:"});
      }
    }
  }
  if (lic.name.empty()) {
    missing("/license/name", "open_source_exemption", "no licence in the metadata");
  } else {
    if (lic.name == "other") {
      if (JsonView n = card_data("license_name"); n && n.is_string()) {
        lic.name = concat({"other: ", n.string()});
      }
      if (JsonView link = card_data("license_link"); link && link.is_string()) {
        out_.provenance.notes.push_back(concat({"license_link: ", link.string()}));
      }
    }
    mapped("/license/name", from);
    lic.open_source = vocabulary_.licence_is_open_source(lic.name);
    if (lic.open_source) {
      mapped("/license/open_source", concat({from, " (licence id classified)"}));
    } else {
      missing("/license/open_source", "open_source_exemption",
              concat({"licence '", lic.name, "' is not a known free and open-source licence id: its terms need review"}));
    }
  }
  if (format_ == CardFormat::hf_hub_api) {
    JsonView priv = top("private");
    JsonView gated = top("gated");
    const bool has_weights = bool(top("safetensors"));
    if (priv && priv.is_boolean() && priv.boolean()) {
      lic.weights_public = false;
      mapped("/license/weights_public", top_at("/private"));
    } else if (gated && !(gated.is_boolean() && !gated.boolean())) {
      missing("/license/weights_public", "open_source_exemption",
              concat({"gated repository (", text_of(gated), "): access to the weights is conditional"}));
    } else if (has_weights) {
      lic.weights_public = true;
      mapped("/license/weights_public", concat({pointer_, "/safetensors (public repository with weights)"}));
    } else {
      missing("/license/weights_public", "open_source_exemption", "the Hub JSON lists no weight files");
    }
  } else {
    missing("/license/weights_public", "open_source_exemption",
            "a README does not show whether the weights are published");
  }
}

void Mapper::map_modalities() {
  auto& p = out_.provenance;
  std::string_view tag;
  std::string from;
  if (JsonView t = top("pipeline_tag"); t && t.is_string()) {
    tag = t.string();
    from = top_at("/pipeline_tag");
  } else if (JsonView c = card_data("pipeline_tag"); c && c.is_string()) {
    tag = c.string();
    from = cd_at("/pipeline_tag");
  }
  if (tag.empty()) {
    missing("/modalities", "gpai", "no pipeline_tag");
    return;
  }
  const HfTask* task = vocabulary_.unspecified(tag) ? nullptr : vocabulary_.task(tag);
  if (task) {
    out_.card.modalities.input = task->input;
    out_.card.modalities.output = task->output;
    mapped("/modalities", concat({from, " (", tag, ")"}));
    if (task->output.empty()) {
      p.notes.push_back(concat({"pipeline_tag ", tag, " outputs labels or scores, no generated content"}));
    }
  } else {
    std::string note = vocabulary_.unspecified(tag)
                           ? concat({"pipeline_tag ", tag, " does not say which modalities; none mapped"})
                           : concat({"pipeline_tag ", tag, " is not a known Hugging Face task"});
    p.flag("pipeline_tag_unmapped", "warning", note);
    missing("/modalities", "gpai", std::move(note));
  }
}

void Mapper::map_lineage() {
  auto& lin = out_.provenance.lineage;
  for_each_string(card_data("base_model"), [&](std::string_view b) { lin.base_models.emplace_back(b); });
  if (!lin.base_models.empty()) lin.from = cd_at("/base_model");
  if (JsonView r = card_data("base_model_relation"); r && r.is_string()) {
    lin.relation = std::string(r.string());
  }
  // Hub tags: "base_model:<id>" and "base_model:<relation>:<id>".
  for_each_string(top("tags"), [&](std::string_view t) {
    if (!starts_with(t, "base_model:")) return;
    std::string_view rest = t.substr(11);
    for (std::string_view rel : {"finetune:", "adapter:", "quantized:", "merge:"}) {
      if (starts_with(rest, rel)) {
        if (lin.relation.empty()) lin.relation = std::string(rel.substr(0, rel.size() - 1));
        rest = rest.substr(rel.size());
        break;
      }
    }
    if (std::find(lin.base_models.begin(), lin.base_models.end(), rest) == lin.base_models.end()) {
      lin.base_models.emplace_back(rest);
      if (lin.from.empty()) lin.from = concat({pointer_, "/tags base_model:"});
    }
  });
  if (lin.base_models.empty()) return;
  Modification m;
  m.base_model = lin.base_models.front();
  out_.card.modification = m;
  mapped("/modification/base_model", lin.from);
  if (lin.relation == "quantized") {
    out_.provenance.flag("quantised_derivative", "info",
                         concat({"quantised copy of ", m.base_model,
                                 ": quantisation is not training, so the training compute is the base model's"}));
  } else {
    missing("/modification/compute_flop", "modification", "the modification's own training compute is not stated");
  }
}

void Mapper::map_co2() {
  auto& p = out_.provenance;
  JsonView co2 = card_data("co2_eq_emissions");
  if (!co2) return;
  std::optional<double> grams;
  std::string detail;
  if (co2.is_object()) {
    if (const JsonView e = co2.find("emissions")) grams = as_count(e);
    for (const char* k : {"source", "training_type", "geographical_location", "hardware_used"}) {
      if (const JsonView f = co2.find(k); f && !f.is_null()) {
        detail += (detail.empty() ? "" : ", ") + std::string(k) + ": " + text_of(f);
      }
    }
    if (const JsonView tt = co2.find("training_type"); tt.is_string()) {
      co2_training_type_ = lower(std::string(tt.string()));
    }
    if (const JsonView hw = co2.find("hardware_used"); hw.is_string()) {
      // "384 A100 80GB GPUs", "NVIDIA A100-SXM4-40GB": optional count, then the chip.
      std::string text = std::string(hw.string());
      std::optional<double> count;
      std::size_t i = 0;
      while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',')) ++i;
      if (i > 0 && i < text.size() && text[i] == ' ') {
        count = parse_quantity(text.substr(0, i));
        text = text.substr(i + 1);
      }
      for (std::string_view suffix : {" GPUs", " GPU", " TPUs", " TPU", " chips", " accelerators"}) {
        if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
          text.resize(text.size() - suffix.size());
        }
      }
      const std::string from = cd_at("/co2_eq_emissions/hardware_used");
      if (const AcceleratorSpec* spec = catalogue_.find(text)) {
        HardwareUse use;
        use.accelerator = spec->id;
        use.accelerator_as_given = std::string(hw.string());
        if (count && *count > 0) use.count = input(*count, from);
        co2_hardware_ = use;
      } else {
        std::string close;
        for (const auto& id : catalogue_.close_matches(text, 3)) close += (close.empty() ? "" : ", ") + id;
        p.flag("hardware_not_in_catalogue", "info",
               "hardware_used '" + std::string(hw.string()) + "' names no single catalogue accelerator" +
                   (close.empty() ? std::string() : " (close: " + close + ")") + "; not mapped");
      }
    }
  } else {
    grams = as_count(co2);
  }
  if (!grams) {
    p.flag("co2_unreadable", "info", "co2_eq_emissions has no numeric emissions value");
    return;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", *grams);
  p.notes.push_back("co2_eq_emissions: " + std::string(buf) + " g CO2eq" +
                    (detail.empty() ? std::string() : " (" + detail + ")") +
                    "; not converted to energy (carbon intensity unknown)");
  if (*grams < kImplausibleCo2Grams) {
    p.flag("co2_unit_suspect", "warning",
           "co2_eq_emissions " + std::string(buf) +
               " g is implausibly small for a training run; the Hub specifies grams but some cards "
               "give kilograms. Not converted: confirm the unit with the provider");
  }
}

}  // namespace gpai::io::hf
