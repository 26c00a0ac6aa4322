// Sizes, training phases and benchmark results of a Hugging Face card: the
// inputs of the compute estimate, where the pitfalls are.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "hf_mapper.hpp"

namespace gpai::io::hf {
namespace {

// Integer element counts below this share of the total are buffers (position
// ids, expert indices), not packed weights, and are left out of the count.
constexpr double kBufferShare = 1e-3;

std::string count_text(double v) { return format_count(v); }

bool is_full_float(std::string_view dtype) {
  return dtype == "F64" || dtype == "F32" || dtype == "BF16" || dtype == "F16";
}

std::optional<double> number_of(JsonView v) {
  if (!v.is_number()) return std::nullopt;
  const double d = v.number();
  return std::isfinite(d) && d >= 0 ? std::optional<double>(d) : std::nullopt;
}

// A JSON number as nlohmann's dump() prints it. Integers (Hub counts such as
// downloads) are printed here without building a serializer; other numbers
// take dump()'s own shortest-round-trip format.
std::string json_number_text(JsonView v) {
  const Json j = v.to_json();
  char buf[24];
  if (j.is_number_unsigned()) return {buf, std::to_chars(buf, buf + sizeof buf, j.get<std::uint64_t>()).ptr};
  if (j.is_number_integer()) return {buf, std::to_chars(buf, buf + sizeof buf, j.get<std::int64_t>()).ptr};
  return j.dump();
}

// Member `key` of `obj`; empty when absent or null, or when obj is no object.
JsonView field(JsonView obj, std::string_view key) {
  const JsonView v = obj.find(key);
  return v.is_null() ? JsonView() : v;
}

}  // namespace

// safetensors.parameters counts tensor elements per dtype, and `total` sums
// them. For a full-precision checkpoint that is the parameter count. Integer
// dtypes are either small buffers or packed quantised weights (e.g. eight
// 4-bit weights per I32), whose element counts are not parameter counts; the
// float entries of such a repository are scales and unquantised layers, so
// neither sum nor subset is the model's size and we map none.
void Mapper::map_safetensors(JsonView st) {
  auto& p = out_.provenance;
  const JsonView params = field(st, "parameters");
  const JsonView total = field(st, "total");
  if (!params.is_object() || params.empty()) {
    if (total) {
      if (auto t = number_of(total)) {
        std::string from = top_at("/safetensors/total");
        out_.card.architecture.parameters = input(*t, from);
        mapped("/architecture/parameters", std::move(from));
        p.flag("safetensors_total_only", "info",
               "safetensors.total without a per-dtype breakdown: a quantised checkpoint would not be recognised");
      }
    }
    return;
  }
  double floats = 0, low = 0, ints = 0, all = 0;
  std::string used;
  // In key order, as every document backend would list them.
  std::vector<std::pair<std::string_view, double>> counts;
  for (const auto& [dtype, v] : params.items()) {
    if (const auto n = number_of(v)) counts.emplace_back(dtype, *n);
  }
  std::sort(counts.begin(), counts.end());
  for (const auto& [dtype, n] : counts) {
    all += n;
    if (is_full_float(dtype)) {
      floats += n;
      if (!used.empty()) used += '+';
      used += dtype;
    } else if (dtype.rfind("F8", 0) == 0) {
      low += n;  // FP8-stored weights (natively FP8-trained models): one element per parameter
      if (!used.empty()) used += '+';
      used += dtype;
    } else {
      ints += n;
    }
  }
  // Formatted only for the flags that quote it (most checkpoints raise none).
  auto breakdown = [&counts] {
    std::string out;
    for (const auto& [dtype, n] : counts) out += (out.empty() ? "" : ", ") + std::string(dtype) + " " + count_text(n);
    return out;
  };
  if (all <= 0) return;
  if (auto t = number_of(total); t && std::fabs(*t - all) > 0.5) {
    p.flag("safetensors_total_mismatch", "info",
           "safetensors.total " + Json(*t).dump() + " differs from the sum of its dtypes " + Json(all).dump());
  }
  if (ints > kBufferShare * all) {
    p.flag("safetensors_quantised", "warning",
           "safetensors.total " + count_text(all) + " sums dtypes (" + breakdown() +
               "): integer tensors of a quantised checkpoint hold packed weights, so element counts are "
               "not parameter counts; parameters not mapped (give the base model's count)");
    missing("/architecture/parameters", "threshold",
            "quantised checkpoint: safetensors element counts are not the parameter count");
    return;
  }
  std::string from = concat({pointer_, "/safetensors/parameters (", used, ")"});
  out_.card.architecture.parameters = input(floats + low, from);
  mapped("/architecture/parameters", std::move(from));
  if (ints > 0) {
    p.flag("safetensors_buffers_ignored", "info",
           "integer tensors (" + count_text(ints) + " elements) left out as buffers: " + breakdown());
  }
  if (low > 0) {
    p.flag("safetensors_fp8", "info",
           "FP8 tensors counted as parameters; F32 entries of FP8 checkpoints include scaling factors: " + breakdown());
  }
}

void Mapper::map_size() {
  auto& p = out_.provenance;
  auto& arch = out_.card.architecture;
  if (const JsonView st = top("safetensors"); st.is_object()) map_safetensors(st);

  // Mixture-of-experts evidence, strongest first. The config is read in one
  // pass rather than searched once per key: it has a few members.
  constexpr std::array<std::string_view, 4> expert_keys = {"num_experts", "num_local_experts",
                                                           "n_routed_experts", "moe_num_experts"};
  std::array<JsonView, expert_keys.size()> experts;  // first occurrence of each key
  for (const auto& [key, value] : top("config").items()) {
    for (std::size_t k = 0; k < expert_keys.size(); ++k) {
      if (key == expert_keys[k] && !experts[k]) experts[k] = value;
    }
  }
  for (std::size_t k = 0; k < expert_keys.size(); ++k) {
    if (const auto n = number_of(experts[k]); n && *n > 1) {
      moe_ = true;
      moe_from_ = concat({pointer_, "/config/", expert_keys[k]});
      break;
    }
  }
  auto names_moe = [](JsonView tag) {
    if (!tag.is_string()) return false;
    const std::string_view t = tag.string();
    return t == "moe" || t == "mixture-of-experts";
  };
  if (!moe_) {
    for (const JsonView t : top("tags").elements()) {
      if (names_moe(t)) {
        moe_ = true;
        moe_from_ = concat({pointer_, "/tags moe"});
      }
    }
    if (const JsonView tags = card_data("tags"); !moe_) {
      for (const JsonView t : tags.elements()) {
        if (names_moe(t)) {
          moe_ = true;
          moe_from_ = concat({cd_at("/tags"), " moe"});
        }
      }
    }
  }
  NameSizes name;
  std::string_view name_text;
  for (const std::string_view hint : src_->name_hints) {
    name = sizes_from_name(hint);
    name_text = hint;
    if (name.total || name.moe_hint || name.ambiguous) break;
  }
  if (!moe_ && name.moe_hint) {
    moe_ = true;
    moe_from_ = concat({"repository name '", name_text, "'"});
  }
  if (!moe_ && prose_.active_parameters) {
    moe_ = true;
    moe_from_ = "README line " + std::to_string(prose_.active_parameters->line);
  }
  arch.kind = moe_ ? ArchitectureKind::moe : ArchitectureKind::dense;
  if (moe_) mapped("/architecture/kind", concat({moe_from_, " (moe)"}));

  // Total parameters: safetensors (above), else a stated exact count, else a
  // stated total/active pair, else the name.
  if (!arch.parameters && !p.missing.empty() &&
      std::any_of(p.missing.begin(), p.missing.end(),
                  [](const MissingField& m) { return m.field == "/architecture/parameters"; })) {
    // quantised: do not fall back to rounder sources for a count we refused.
  } else if (!arch.parameters && prose_.exact_parameters) {
    const std::string from = "README line " + std::to_string(prose_.exact_parameters->line) + ": " +
                             prose_.exact_parameters->excerpt;
    arch.parameters = input(prose_.exact_parameters->value, from);
    mapped("/architecture/parameters", from);
    p.flag("parameters_from_prose", "info", "parameter count read from the README text: " + from);
  } else if (!arch.parameters && prose_.total_parameters) {
    const std::string from = "README line " + std::to_string(prose_.total_parameters->line) + ": " +
                             prose_.total_parameters->excerpt;
    arch.parameters = input(prose_.total_parameters->value, from);
    mapped("/architecture/parameters", from);
  } else if (!arch.parameters && name.total) {
    std::string from = concat({"repository name '", name_text, "' (", name.token, ")"});
    arch.parameters = input(*name.total, from);
    mapped("/architecture/parameters", std::move(from));
    p.flag("parameters_from_name", "warning",
           concat({"parameters ", count_text(*name.total), " taken from the name '", name_text,
                   "': names give rounded sizes"}));
  }
  if (moe_) {
    if (prose_.active_parameters) {
      const std::string from = "README line " + std::to_string(prose_.active_parameters->line) + ": " +
                               prose_.active_parameters->excerpt;
      arch.active_parameters = input(prose_.active_parameters->value, from);
      mapped("/architecture/active_parameters", from);
      p.flag("moe_sizes_from_prose", "warning",
             "mixture-of-experts sizes read from the README text: " + prose_.active_parameters->excerpt);
    } else if (name.active) {
      std::string from = concat({"repository name '", name_text, "' (", name.token, ")"});
      arch.active_parameters = input(*name.active, from);
      mapped("/architecture/active_parameters", std::move(from));
      p.flag("moe_sizes_from_name", "warning",
             concat({"active parameters ", count_text(*name.active), " taken from the name '", name_text,
                     "': names give rounded sizes"}));
    } else {
      missing("/architecture/active_parameters", "threshold",
              concat({"mixture-of-experts (", moe_from_,
                      "): 6ND needs the parameters active per token; "
                      "the experts per token alone do not give it, since attention and shared layers are always "
                      "active"}));
    }
    if (arch.parameters && arch.active_parameters &&
        arch.active_parameters->value.median() > arch.parameters->value.median()) {
      p.flag("moe_sizes_inconsistent", "warning", "active parameters exceed total parameters; active not used");
      arch.active_parameters.reset();
    }
  }
  if (!arch.parameters) {
    missing("/architecture/parameters", "threshold",
            name.ambiguous ? concat({"the name '", name_text, "' has several sizes"})
                           : std::string("no parameter count in the metadata"));
  }
  if (prose_.training_tokens) {
    tokens_from_ = "README line " + std::to_string(prose_.training_tokens->line) + ": " +
                   prose_.training_tokens->excerpt;
    tokens_ = input(prose_.training_tokens->value, tokens_from_);
  } else if (prose_.token_candidates.size() > 1) {
    std::string list;
    for (const auto& c : prose_.token_candidates) {
      list += (list.empty() ? "" : "; ") + count_text(c.value) + " (line " + std::to_string(c.line) + ")";
    }
    p.flag("tokens_ambiguous", "warning", "the README states several training token counts: " + list + "; none used");
  }
}

void Mapper::map_phases() {
  auto& p = out_.provenance;
  auto& card = out_.card;
  const auto& lin = p.lineage;
  const bool fine_tune_by_co2 = co2_training_type_.find("fine") != std::string::npos;
  auto add_phase = [&](std::string name, std::string_view kind) {
    const std::size_t i = card.phases.size();
    char index[24];
    const auto end = std::to_chars(index, index + sizeof index, i).ptr;
    TrainingPhase& ph = card.phases.emplace_back();
    ph.name = std::move(name);
    ph.kind = kind;
    ph.pointer = concat({"/training/phases/", std::string_view(index, end - index)});
    return i;
  };
  card.phases.reserve(lin.relation == "merge" ? lin.base_models.size() : 2);
  std::optional<std::size_t> fine_tuning;
  if (lin.relation == "merge") {
    for (const auto& b : lin.base_models) add_phase(concat({"merged model ", b}), "merged_weights");
  } else if (!lin.base_models.empty() || fine_tune_by_co2) {
    const std::string_view base =
        lin.base_models.empty() ? std::string_view("(unnamed)") : std::string_view(lin.base_models.front());
    add_phase(concat({"base model ", base}), "initialization_weights");
    if (lin.relation != "quantized") fine_tuning = add_phase("fine-tuning", "fine_tuning");
  } else {
    add_phase("pre-training", "pretraining");
  }
  if (tokens_) {
    if (card.architecture.kind == ArchitectureKind::moe && !card.architecture.active_parameters) {
      p.notes.push_back("training tokens stated (" + tokens_from_ + ") but not used: active parameters unknown");
    } else {
      card.phases.front().tokens = tokens_;
      mapped(card.phases.front().pointer + "/tokens", tokens_from_);
      p.flag("tokens_from_prose", "warning", "training tokens read from the README text: " + tokens_from_);
    }
  }
  if (co2_hardware_) {
    const std::size_t i = fine_tune_by_co2 && fine_tuning ? *fine_tuning : 0;
    co2_hardware_->pointer = card.phases[i].pointer + "/hardware";
    card.phases[i].hardware = co2_hardware_;
    mapped(card.phases[i].pointer + "/hardware", cd_at("/co2_eq_emissions/hardware_used"));
    missing(concat({card.phases[i].pointer, "/hardware/accelerator_hours"}), "threshold",
            "hardware_used names the accelerators but not the training time");
  }
  for (const auto& ph : card.phases) {
    if (ph.tokens || ph.hardware) continue;
    std::string why = ph.kind == "pretraining"   ? "no training tokens, operation count or accelerator time"
                      : ph.kind == "fine_tuning" ? "the fine-tuning tokens or accelerator time are not stated"
                                                 : concat({"the training compute of ", ph.name, " is not stated"});
    missing(concat({ph.pointer, "/tokens"}), "threshold", std::move(why));
  }
}

void Mapper::map_benchmarks() {
  const JsonView index = card_data("model-index");
  std::size_t n = 0;
  std::size_t m = 0;
  for (const JsonView model : index.elements()) {
    const JsonView results = field(model, "results");
    std::size_t r = 0;
    for (const JsonView res : results.elements()) {
      const std::size_t result_index = r++;
      const JsonView dataset = field(res, "dataset");
      const JsonView metrics = field(res, "metrics");
      if (!dataset || !metrics.is_array() || metrics.empty()) continue;
      JsonView name = field(dataset, "name");
      if (!name.is_string()) name = field(dataset, "type");
      if (!name.is_string()) continue;
      // First accuracy-like metric: perplexity or BLEU are not "score out of max".
      for (const JsonView metric : metrics.elements()) {
        const JsonView type = field(metric, "type");
        const JsonView value = field(metric, "value");
        if (!type.is_string() || !value) continue;
        const std::string t(type.string());
        const bool accuracy_like = t.find("acc") != std::string::npos || t.find("exact_match") != std::string::npos ||
                                   t.find("pass@") != std::string::npos || t == "f1" || t == "mc1" || t == "mc2" ||
                                   t == "em";
        const auto v = number_of(value);
        if (!accuracy_like || !v || *v > 100) continue;
        Benchmark b;
        b.name = std::string(name.string());
        b.score = *v;
        b.max = *v <= 1 ? 1.0 : 100.0;  // fractions and percentages both occur
        b.pointer = cd_at("/model-index/" + std::to_string(m) + "/results/" + std::to_string(result_index));
        out_.card.capabilities.benchmarks.push_back(std::move(b));
        ++n;
        break;
      }
    }
    ++m;
  }
  if (n > 0) mapped("/capabilities/benchmarks", cd_at("/model-index") + " (" + std::to_string(n) + " results)");
}

void Mapper::map_notes() {
  auto& p = out_.provenance;
  const JsonView datasets = card_data("datasets");
  if (datasets.is_array() && !datasets.empty()) {
    std::string list = "datasets: ";
    bool first = true;
    for (const JsonView d : datasets.elements()) {
      if (!d.is_string()) continue;
      if (!first) list += ", ";
      list += d.string();
      first = false;
    }
    list += " (names only; sizes in tokens not stated)";
    p.notes.push_back(std::move(list));
  }
  if (const JsonView dl = top("downloads"); dl.is_number()) {
    p.notes.push_back(concat({"downloads: ", json_number_text(dl), " (Hub, last 30 days; not registered EU users)"}));
  }
  missing("/reach", "annex_xiii_reach",
          "Hugging Face metadata has no registered EU business or end users (downloads are not users)");
  p.undecidable.reserve(p.missing.size());
  for (const auto& m : p.missing) {
    if (std::find(p.undecidable.begin(), p.undecidable.end(), m.needed_for) == p.undecidable.end()) {
      p.undecidable.push_back(m.needed_for);
    }
  }
}

}  // namespace gpai::io::hf
