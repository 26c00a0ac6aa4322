// One record: read the card (io::read_card detects its format), assess it.
// Every failure becomes a Diagnostic with the record's location.
#include <optional>

#include "gpai/app/batch.hpp"
#include "gpai/error.hpp"
#include "gpai/io/card_checks.hpp"
#include "gpai/io/card_reader.hpp"

namespace gpai::app {
namespace {

// `ref` is the record's location, moved into the diagnostic.
Diagnostic diagnostic(RecordRef& ref, const io::CardSeen& seen) {
  Diagnostic d;
  d.line = ref.line;
  d.pointer = ref.pointer;
  d.record = std::move(ref);
  if (seen.format) d.format = std::string(to_string(*seen.format));
  d.id = seen.id;
  d.kind = "input_error";
  return d;
}

// Lines and columns of a parse error are relative to the record's text; the
// record starts at line d.record.line of its source. Pointers from the card
// reader already carry the record's own prefix.
void locate(Diagnostic& d, const SourceLocation& where) {
  if (where.line > 0 && d.record.line > 0) d.line = d.record.line + where.line - 1;
  d.column = where.column;
  if (!where.json_pointer.empty() && where.json_pointer != "/") d.pointer = where.json_pointer;
}

// Fills `out`, or returns why the record cannot be scored. `ref` is r.ref or
// a copy of it; it is moved into the result once the record has been read
// (r.ref is not used after that).
std::optional<Diagnostic> score_into(const io::RawRecord& r, RecordRef& ref, const EstimationContext& ctx,
                                     const io::HfVocabulary& vocabulary, Date as_of, ScoredRecord& out) {
  if (r.read_error) return r.read_error;
  io::CardSeen seen;
  try {
    const io::CardOrigin origin{r.ref.pointer, r.kind, r.text.capacity() - r.text.size()};
    MappedCard mapped = io::read_card(r.text, r.ref.source, origin, ctx.catalogue, vocabulary, &seen);
    io::check_card_for_estimate(mapped.card, ctx.catalogue, ctx.rules);
    // A batch row prints statuses and ids, never the reasons or method bases,
    // which view this card and so must not be worded once it is gone.
    assess_into(mapped.card, ctx, as_of, out.assessment);
    note_missing_evidence(mapped.card, out.assessment.compute, mapped.provenance);
    out.provenance = std::move(mapped.provenance);
    out.record = std::move(ref);  // last: a failure above still reports the record's location
    return std::nullopt;
  } catch (const Error& e) {
    Diagnostic d = diagnostic(ref, seen);
    locate(d, e.where());
    d.kind = e.exit_code() == ExitCode::internal_error ? "internal_error" : "input_error";
    d.message = e.detail();
    return d;
  } catch (const std::exception& e) {
    // A bug must not stop the other cards; it is reported as such.
    Diagnostic d = diagnostic(ref, seen);
    d.kind = "internal_error";
    d.message = std::string("internal error: ") + e.what();
    return d;
  }
}

// One result object, returned by name on every path: returning either a
// local result or a Diagnostic moved the whole ScoredRecord once more.
RecordResult score(const io::RawRecord& r, RecordRef& ref, const EstimationContext& ctx,
                   const io::HfVocabulary& vocabulary, Date as_of) {
  RecordResult result(std::in_place);
  if (std::optional<Diagnostic> error = score_into(r, ref, ctx, vocabulary, as_of, result.value())) {
    result = std::move(*error);
  }
  return result;
}

}  // namespace

RecordResult score_record(const io::RawRecord& r, const EstimationContext& ctx, const io::HfVocabulary& vocabulary,
                          Date as_of) {
  RecordRef ref = r.ref;
  return score(r, ref, ctx, vocabulary, as_of);
}

RecordResult score_record(io::RawRecord&& r, const EstimationContext& ctx, const io::HfVocabulary& vocabulary,
                          Date as_of) {
  return score(r, r.ref, ctx, vocabulary, as_of);
}

}  // namespace gpai::app
