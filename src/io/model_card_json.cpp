#include "gpai/io/model_card_json.hpp"

#include <algorithm>
#include <array>
#include <iostream>
#include <iterator>

#include "gpai/compute_bounds.hpp"
#include "json_reader.hpp"
#include "json_view_readers.hpp"

namespace gpai::io {
namespace {

constexpr std::array<std::string_view, 13> kModalities = {
    "text", "image", "audio", "video", "code", "biological_sequence", "chemical_structure",
    "tabular", "time_series", "3d", "action", "speech", "embedding"};

Input quantity_input(const JsonCursor& c, Range range) {
  return Input{c.as_quantity(range), c.pointer()};
}

std::optional<Input> optional_quantity(const JsonCursor& parent, std::string_view key, Range range) {
  auto f = parent.field(key);
  if (!f) return std::nullopt;
  return quantity_input(*f, range);
}

std::optional<bool> optional_bool(const JsonCursor& parent, std::string_view key) {
  auto f = parent.field(key);
  if (!f) return std::nullopt;
  return f->as_bool();
}

std::string optional_string(const JsonCursor& parent, std::string_view key) {
  auto f = parent.field(key);
  return f ? f->as_string() : std::string();
}

std::vector<std::string> modality_list(const JsonCursor& parent, std::string_view key) {
  std::vector<std::string> out;
  auto f = parent.field(key);
  if (!f) return out;
  f->for_each_element([&](const JsonCursor& item, std::size_t) {
    std::string m = item.as_string();
    if (std::find(kModalities.begin(), kModalities.end(), m) == kModalities.end()) {
      std::string known;
      for (auto k : kModalities) known += (known.empty() ? "" : ", ") + std::string(k);
      item.fail("a modality (" + known + ")");
    }
    out.push_back(std::move(m));
  });
  return out;
}

HardwareUse read_hardware(const JsonCursor& object, const AcceleratorCatalogue& catalogue) {
  object.expect_object();
  const JsonMembers members(object.value());
  const JsonCursor c = object.indexed(members);
  HardwareUse hw;
  hw.pointer = c.pointer();
  const JsonCursor acc = c.require("accelerator", "an accelerator name such as \"H100-SXM\"");
  hw.accelerator_as_given = acc.as_string();
  const AcceleratorSpec* spec = catalogue.find(hw.accelerator_as_given);
  if (!spec) {
    std::string hint;
    for (const auto& id : catalogue.close_matches(hw.accelerator_as_given)) {
      hint += (hint.empty() ? "" : ", ") + id;
    }
    acc.fail("an accelerator in the catalogue (data/hardware/accelerators.json)" +
             (hint.empty() ? std::string() : "; close matches: " + hint));
  }
  hw.accelerator = spec->id;
  hw.count = optional_quantity(c, "count", Range::positive);
  hw.hours = optional_quantity(c, "hours", Range::non_negative);
  hw.accelerator_hours = optional_quantity(c, "accelerator_hours", Range::non_negative);
  hw.utilization = optional_quantity(c, "utilization", Range::unit_interval);
  if (auto m = c.field("utilization_metric")) {
    const std::string s = m->as_string();
    if (s == "mfu") hw.utilization_metric = UtilizationMetric::mfu;
    else if (s == "tensor_active") hw.utilization_metric = UtilizationMetric::tensor_active;
    else if (s == "occupancy") hw.utilization_metric = UtilizationMetric::occupancy;
    else m->fail("one of \"mfu\", \"tensor_active\", \"occupancy\"");
  }
  if (auto p = c.field("precision")) {
    hw.precision = parse_precision(p->as_string());
    if (!hw.precision) p->fail("a precision: bf16, fp16, fp8, tf32, fp32, fp64 or int8");
  }
  return hw;
}

TrainingPhase read_phase(const JsonCursor& object, std::size_t index,
                         const AcceleratorCatalogue& catalogue) {
  object.expect_object();
  const JsonMembers members(object.value());
  const JsonCursor c = object.indexed(members);
  TrainingPhase p;
  p.pointer = c.pointer();
  p.name = optional_string(c, "name");
  if (p.name.empty()) p.name = "phase " + std::to_string(index);
  p.kind = c.require("kind", "a phase kind such as \"pretraining\" or \"fine_tuning\"").as_string();
  p.tokens = optional_quantity(c, "tokens", Range::non_negative);
  p.epochs = optional_quantity(c, "epochs", Range::positive);
  p.compute_flop = optional_quantity(c, "compute_flop", Range::non_negative);
  p.parameters = optional_quantity(c, "parameters", Range::positive);
  if (auto hw = c.field("hardware")) p.hardware = read_hardware(*hw, catalogue);
  return p;
}

Architecture read_architecture(const JsonCursor& object) {
  object.expect_object();
  const JsonMembers members(object.value());
  const JsonCursor c = object.indexed(members);
  Architecture a;
  const JsonCursor kind = c.require("kind", "\"dense\" or \"moe\"");
  const std::string k = kind.as_string();
  if (k == "dense") a.kind = ArchitectureKind::dense;
  else if (k == "moe") a.kind = ArchitectureKind::moe;
  else kind.fail("\"dense\" or \"moe\"");
  a.parameters = optional_quantity(c, "parameters", Range::positive);
  a.active_parameters = optional_quantity(c, "active_parameters", Range::positive);
  a.layers = optional_quantity(c, "layers", Range::positive);
  a.d_model = optional_quantity(c, "d_model", Range::positive);
  a.context_length = optional_quantity(c, "context_length", Range::positive);
  if (a.parameters && a.active_parameters &&
      a.active_parameters->value.low() > a.parameters->value.high()) {
    c.require("active_parameters", "").fail("active parameters no larger than total parameters");
  }
  return a;
}

std::vector<std::string> string_list(const JsonCursor& parent, std::string_view key) {
  std::vector<std::string> out;
  auto f = parent.field(key);
  if (!f) return out;
  f->for_each_element([&](const JsonCursor& item, std::size_t) {
    // Evaluations and mitigations may be strings or objects with a name.
    if (item.value().is_object()) {
      out.push_back(item.require("name", "a name").as_string());
    } else {
      out.push_back(item.as_string());
    }
  });
  return out;
}

Capabilities read_capabilities(const JsonCursor& c) {
  c.expect_object();
  Capabilities caps;
  if (auto list = c.field("benchmarks")) {
    list->for_each_element([&](const JsonCursor& b, std::size_t) {
      b.expect_object();
      Benchmark bm;
      bm.pointer = b.pointer();
      bm.name = b.require("name", "a benchmark name such as \"MMLU\"").as_string();
      bm.max = b.field("max") ? b.field("max")->as_number(Range::positive) : 100.0;
      bm.score = b.require("score", "the score, on the scale of max").as_number(Range::non_negative);
      if (bm.score > bm.max) b.require("score", "").fail("a score no larger than max (" + format_sig(bm.max, 3) + ")");
      caps.benchmarks.push_back(std::move(bm));
    });
  }
  caps.tool_use = optional_bool(c, "tool_use");
  caps.autonomy = optional_bool(c, "autonomy");
  caps.narrow_tasks = string_list(c, "narrow_tasks");
  return caps;
}

Reach read_reach(const JsonCursor& c) {
  c.expect_object();
  Reach r;
  r.eu_business_users = optional_quantity(c, "eu_business_users", Range::non_negative);
  r.eu_end_users = optional_quantity(c, "eu_end_users", Range::non_negative);
  r.vlop_monthly_eu_users = optional_quantity(c, "vlop_monthly_eu_users", Range::non_negative);
  return r;
}

std::vector<SystemicRiskEntry> read_systemic_risks(const JsonCursor& c) {
  std::vector<SystemicRiskEntry> out;
  c.for_each_element([&](const JsonCursor& e, std::size_t) {
    e.expect_object();
    SystemicRiskEntry r;
    r.pointer = e.pointer();
    r.category = e.require("category", "a risk category such as \"cbrn\"").as_string();
    r.assessed = optional_bool(e, "assessed");
    r.evaluations = string_list(e, "evaluations");
    r.mitigations = string_list(e, "mitigations");
    r.acceptable = optional_bool(e, "acceptable");
    out.push_back(std::move(r));
  });
  return out;
}

Modification read_modification(const JsonCursor& c) {
  c.expect_object();
  Modification m;
  m.base_model = optional_string(c, "base_model");
  m.base_training_compute_flop = optional_quantity(c, "base_training_compute_flop", Range::non_negative);
  m.base_has_systemic_risk = optional_bool(c, "base_has_systemic_risk");
  m.compute_flop = optional_quantity(c, "compute_flop", Range::non_negative);
  return m;
}

}  // namespace

ModelCard read_model_card(const nlohmann::json& doc, const std::string& source,
                          const AcceleratorCatalogue& catalogue) {
  return read_model_card(JsonView(doc), source, catalogue);
}

ModelCard read_model_card(JsonView doc, const std::string& source, const AcceleratorCatalogue& catalogue) {
  const JsonCursor document(doc, source);
  document.expect_object();
  const JsonMembers members(doc);  // the root's fields are read one by one, most absent
  const JsonCursor root = document.indexed(members);
  const std::optional<JsonCursor> schema = root.field("schema");
  // Messages built only on failure: every card of a batch passes through here.
  if (!schema) root.require("schema", "\"" + std::string(kModelCardSchema) + "\"");  // throws
  if (!schema->value().is_string()) schema->fail("a string");
  if (schema->value().string() != kModelCardSchema) {
    schema->fail("\"" + std::string(kModelCardSchema) + "\" (the only card format version this "
                "program reads)");
  }
  ModelCard card;
  card.source = source;
  card.name = root.require("name", "the model's name").as_string();
  if (auto p = root.field("provider")) {
    p->expect_object();
    card.provider.name = optional_string(*p, "name");
    card.provider.established_in_eu = optional_bool(*p, "established_in_eu");
    card.provider.annual_turnover_eur = optional_quantity(*p, "annual_turnover_eur", Range::non_negative);
  }
  if (auto d = root.field("placed_on_market")) card.placed_on_market = d->as_date();
  if (auto st = root.field("stage")) {
    card.stage = st->as_string();
    if (card.stage != "research" && card.stage != "development" && card.stage != "market") {
      st->fail("one of \"research\", \"development\", \"market\"");
    }
  }
  card.designated = optional_bool(root, "designated");
  if (auto c = root.field("capabilities")) card.capabilities = read_capabilities(*c);
  if (auto r = root.field("reach")) card.reach = read_reach(*r);
  if (auto r = root.field("systemic_risks")) card.systemic_risks = read_systemic_risks(*r);
  if (auto m = root.field("modification")) card.modification = read_modification(*m);
  if (auto l = root.field("license")) {
    l->expect_object();
    card.license.name = optional_string(*l, "name");
    card.license.open_source = optional_bool(*l, "open_source");
    card.license.weights_public = optional_bool(*l, "weights_public");
  }
  if (auto a = root.field("architecture")) card.architecture = read_architecture(*a);
  if (auto m = root.field("modalities")) {
    m->expect_object();
    card.modalities.input = modality_list(*m, "input");
    card.modalities.output = modality_list(*m, "output");
  }
  if (auto t = root.field("training")) {
    t->expect_object();
    if (auto phases = t->field("phases")) {
      phases->for_each_element(
          [&](const JsonCursor& phase, std::size_t i) { card.phases.emplace_back(read_phase(phase, i, catalogue)); });
    }
    card.reported_compute_flop = optional_quantity(*t, "reported_compute_flop", Range::non_negative);
    if (auto d = t->field("threshold_met_on")) card.threshold_met_on = d->as_date();
  }
  // Each value is finite, but the products the estimate forms need not be
  // (1e300 x 1e300): refused here, where the input's pointer is known.
  if (auto bad = find_implausible_compute_input(card, catalogue)) {
    throw InputError::wrong_value(SourceLocation{source, 0, 0, bad->pointer}, bad->field, bad->expected, bad->found);
  }
  return card;
}

ModelCard parse_model_card(std::string_view text, const std::string& source,
                           const AcceleratorCatalogue& catalogue) {
  return read_model_card(parse_json_strict(text, source), source, catalogue);
}

ModelCard load_model_card(const std::string& path, const AcceleratorCatalogue& catalogue) {
  if (path == "-") {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    return parse_model_card(text, "<stdin>", catalogue);
  }
  return parse_model_card(read_text_file(path), path, catalogue);
}

}  // namespace gpai::io
