// One record: detect the format, map it to a card, assess it. Every failure
// becomes a Diagnostic with the record's location.
#include <optional>

#include "gpai/error.hpp"
#include "gpai/io/batch.hpp"
#include "gpai/io/model_card_json.hpp"
#include "byte_stream.hpp"
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

// `ref` is the record's location, moved into the diagnostic.
Diagnostic diagnostic(RecordRef& ref, std::string_view format, const std::string& id) {
  Diagnostic d;
  d.line = ref.line;
  d.pointer = ref.pointer;
  d.record = std::move(ref);
  d.format = std::string(format);
  d.id = id;
  d.kind = "input_error";
  return d;
}

// Lines and columns of a parse error are relative to the record's text; the
// record starts at line d.record.line of its source.
// The Hub adapter is given the record's pointer and reports full pointers;
// the v1 reader reads the element alone, so its pointers get the prefix.
void locate(Diagnostic& d, const SourceLocation& where, bool prefixed) {
  if (where.line > 0 && d.record.line > 0) d.line = d.record.line + where.line - 1;
  d.column = where.column;
  if (!where.json_pointer.empty() && where.json_pointer != "/") {
    d.pointer = (prefixed ? std::string() : d.record.pointer) + where.json_pointer;
  }
}

// Fills `out`, or returns why the record cannot be scored. `ref` is r.ref or
// a copy of it; it is moved into the result once the record has been read
// (r.ref is not used after that).
std::optional<Diagnostic> score_into(const RawRecord& r, RecordRef& ref, const EstimationContext& ctx,
                                     const HfVocabulary& vocabulary, Date as_of, ScoredRecord& out) {
  if (r.read_error) return r.read_error;
  std::string_view format;
  std::string id;
  try {
    MappedCard mapped;
    const bool markdown = r.kind == RawRecord::Kind::markdown ||
                          (r.kind == RawRecord::Kind::sniff && looks_like_hf_readme(r.text));
    if (markdown) {
      format = to_string(CardFormat::hf_readme);
      mapped = map_hf_readme(r.text, r.ref.source, ctx.catalogue, vocabulary);
    } else {
      // The fast parser takes nothing nested deeper than kFastMaxDepth, so
      // only the records it refuses need the nesting bound checked. The
      // records it takes are read straight from its DOM (a view valid until
      // this thread parses again); the others from nlohmann's.
      static_assert(kFastMaxDepth <= batch::kMaxJsonDepth);
      Json fallback;
      // Lines come with spare capacity (ByteStream), and then parse in place.
      static_assert(batch::kLineSlack >= kFastPadding);
      JsonView doc = parse_json_view_fast(r.text, r.text.capacity() - r.text.size());
      if (!doc) {
        if (batch::json_nested_too_deep(r.text)) {
          Diagnostic d = diagnostic(ref, format, id);
          d.message = "JSON nested more than " + std::to_string(batch::kMaxJsonDepth) + " levels deep";
          return d;
        }
        fallback = parse_json_strict(r.text, r.ref.source);
        doc = JsonView(fallback);
      }
      if (!doc.is_object()) {
        Diagnostic d = diagnostic(ref, format, id);
        d.message = "expected a JSON object (one model card per record), found " + describe_json(doc);
        return d;
      }
      if (doc.contains("schema")) {
        format = to_string(CardFormat::gpai_card_v1);
        if (const JsonView n = doc.find("name"); n.is_string()) id = std::string(n.string());
        mapped.card = read_model_card(doc, r.ref.source, ctx.catalogue);
        mapped.provenance.format = CardFormat::gpai_card_v1;
        mapped.provenance.record_id = mapped.card.name;
      } else if (looks_like_hub_api(doc)) {
        format = to_string(CardFormat::hf_hub_api);
        id = std::string(doc.find("id").string());
        mapped = map_hub_api(doc, r.ref.source, r.ref.pointer, ctx.catalogue, vocabulary);
      } else {
        Diagnostic d = diagnostic(ref, format, id);
        d.message = std::string(kUnrecognised);
        return d;
      }
    }
    id = mapped.provenance.record_id;
    // A batch row prints statuses and ids, never the reasons: skip building them.
    assess_into(mapped.card, ctx, as_of, AssessOptions{.explain = false}, out.assessment);
    note_missing_evidence(mapped.card, out.assessment.compute, mapped.provenance);
    out.provenance = std::move(mapped.provenance);
    out.record = std::move(ref);  // last: a failure above still reports the record's location
    return std::nullopt;
  } catch (const Error& e) {
    Diagnostic d = diagnostic(ref, format, id);
    locate(d, e.where(), format == to_string(CardFormat::hf_hub_api));
    d.kind = e.exit_code() == ExitCode::internal_error ? "internal_error" : "input_error";
    d.message = e.detail();
    return d;
  } catch (const std::exception& e) {
    // A bug must not stop the other cards; it is reported as such.
    Diagnostic d = diagnostic(ref, format, id);
    d.kind = "internal_error";
    d.message = std::string("internal error: ") + e.what();
    return d;
  }
}

// One result object, returned by name on every path: returning either a
// local result or a Diagnostic moved the whole ScoredRecord once more.
RecordResult score(const RawRecord& r, RecordRef& ref, const EstimationContext& ctx,
                   const HfVocabulary& vocabulary, Date as_of) {
  RecordResult result(std::in_place);
  if (std::optional<Diagnostic> error = score_into(r, ref, ctx, vocabulary, as_of, result.value())) {
    result = std::move(*error);
  }
  return result;
}

}  // namespace

RecordResult score_record(const RawRecord& r, const EstimationContext& ctx, const HfVocabulary& vocabulary,
                          Date as_of) {
  RecordRef ref = r.ref;
  return score(r, ref, ctx, vocabulary, as_of);
}

RecordResult score_record(RawRecord&& r, const EstimationContext& ctx, const HfVocabulary& vocabulary,
                          Date as_of) {
  return score(r, r.ref, ctx, vocabulary, as_of);
}

}  // namespace gpai::io
