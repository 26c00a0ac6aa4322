#include "gpai/compute_bounds.hpp"
#include "gpai/io/card_reader.hpp"
#include "gpai/io/log_audit_card.hpp"
#include "gpai/io/model_card_json.hpp"
#include "json_reader.hpp"

namespace gpai::io {
namespace {

std::optional<Input> quantity(const JsonCursor& parent, std::string_view key, Range range) {
  auto f = parent.field(key);
  if (!f) return std::nullopt;
  return Input{f->as_quantity(range), f->pointer()};
}

}  // namespace

AuditCard parse_audit_card(std::string_view text, const std::string& source, const AcceleratorCatalogue& catalogue) {
  const Json doc = parse_json_strict(text, source);
  AuditCard out{read_model_card(doc, source, catalogue), {}};
  const JsonCursor root(doc, source);
  const auto training = root.field("training");
  if (!training) return out;
  AuditClaim& c = out.claim;
  c.compute_flop = out.card.reported_compute_flop;
  if (auto d = training->field("start")) c.training_start = d->as_date();
  if (auto d = training->field("end")) c.training_end = d->as_date();
  if (c.training_start && c.training_end && *c.training_end < *c.training_start) {
    training->require("end", "").fail("a date on or after /training/start");
  }
  c.energy_kwh = quantity(*training, "energy_kwh", Range::positive);
  c.pue = quantity(*training, "pue", Range::positive);
  if (c.pue && c.pue->value.low() < 1) training->require("pue", "").fail("a PUE of at least 1");
  c.cost_usd = quantity(*training, "cost_usd", Range::positive);
  c.price_per_accelerator_hour_usd = quantity(*training, "price_per_accelerator_hour_usd", Range::positive);
  if (auto bad = find_implausible_audit_input(c, catalogue)) {  // 1e300 kWh: inf FLOP, then a verdict
    throw InputError::wrong_value(SourceLocation{source, 0, 0, bad->pointer}, bad->field, bad->expected, bad->found);
  }
  return out;
}

AuditCard load_audit_card(const std::string& path, const AcceleratorCatalogue& catalogue,
                          const HfVocabulary& vocabulary) {
  const CardFile f = read_card_file(path);
  MappedCard mapped = read_card(f.text, f.source, f.origin, catalogue, vocabulary);
  // Only our card carries the auditor's training facts; it is small, and read again for them.
  if (mapped.provenance.format == CardFormat::gpai_card_v1) return parse_audit_card(f.text, f.source, catalogue);
  AuditCard out{std::move(mapped.card), {}};
  out.claim.compute_flop = out.card.reported_compute_flop;
  return out;
}

}  // namespace gpai::io
