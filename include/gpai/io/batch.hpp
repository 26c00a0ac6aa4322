#pragma once
// Batch scoring: many model cards in, one result or one located error per
// card out, in input order, nothing dropped.
//
// Pipeline (minimap2's read -> compute -> write on bounded mini-batches):
// the calling thread reads up to N records, `jobs` worker threads score and
// render them (parse, detect the format, map, assess, format the output row),
// and the calling thread writes the rendered rows in input order while the
// next mini-batch is being read. Memory depends on the mini-batch size, not
// on the input size. Output bytes do not depend on `jobs`: every record is
// scored independently and Monte Carlo streams are keyed by seed and JSON
// pointer, never by thread or position.
//
// Records: a line of a JSON Lines file or stream, a whole `.json` file (an
// array is split into its elements, each a record), or a whole README.md.
// Formats are detected per record (see detect rules in docs/batch.md): our
// card v1 by `schema`, Hugging Face Hub API JSON by `id` plus Hub fields, a
// README by its leading "---" front-matter fence.
//
// Errors: a record that cannot be scored becomes a Diagnostic (never an
// exception, never an abort). Invariant, checked by run_batch: records read
// = results + errors.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "gpai/assessment.hpp"
#include "gpai/io/hf_model_card.hpp"

namespace gpai::io {

// Where a record came from.
struct RecordRef {
  std::size_t ordinal = 0;  // 1-based position in the run: the output order
  std::string source;       // path as given or walked; "<stdin>" for standard input
  std::size_t line = 0;     // 1-based first line of the record in its source
  std::string pointer;      // "" for a whole document; "/3" for an array element
};

// A record that could not be scored, with its location.
struct Diagnostic {
  RecordRef record;
  std::size_t line = 0;    // line of the problem (0: the record's line)
  std::size_t column = 0;  // 0: unknown
  std::string pointer;     // JSON pointer inside the record, with the record's own prefix
  std::string format;      // detected format, empty when detection failed
  std::string id;          // card id or name when it was read before the failure
  std::string kind;        // "input_error" (fix the card) or "internal_error" (a bug)
  std::string message;
};

// A value or a Diagnostic, in the spirit of simdjson_result (C++20 has no
// std::expected).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Diagnostic error) : v_(std::move(error)) {}   // NOLINT
  // A default value to fill in place (a ScoredRecord is large to move).
  explicit Result(std::in_place_t) : v_(std::in_place_index<0>) {}
  bool ok() const noexcept { return v_.index() == 0; }
  const T& value() const { return std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  const Diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

struct ScoredRecord {
  // User-provided: value-initialising (what an in-place Result does) would
  // first zero the whole record, several kilobytes, with `rep stos`.
  ScoredRecord() {}  // NOLINT(modernize-use-equals-default)
  RecordRef record;
  Provenance provenance;  // format, what was mapped and missing
  Assessment assessment;
};

using RecordResult = Result<ScoredRecord>;

// A record as read, not yet parsed.
struct RawRecord {
  enum class Kind {
    json,      // one JSON value (a JSON Lines line, a .json file or an array element)
    markdown,  // a README.md file
    sniff,     // decide from the text: "---" -> markdown, else JSON
  };
  RecordRef ref;
  Kind kind = Kind::json;
  std::string text;
  std::optional<Diagnostic> read_error;  // set when the reader could not produce the text
};

// Scores one record. Never throws: every failure is a Diagnostic. Thread-safe
// for concurrent calls sharing `ctx` (read-only).
// `vocabulary` is what the Hugging Face adapters read (DataBundle::hf_vocabulary).
RecordResult score_record(const RawRecord& record, const EstimationContext& ctx,
                          const HfVocabulary& vocabulary, Date as_of);
// The same, taking the record's location (RecordRef) instead of copying it:
// for callers that are done with the record. Its text is only read.
RecordResult score_record(RawRecord&& record, const EstimationContext& ctx,
                          const HfVocabulary& vocabulary, Date as_of);

// ---- reading --------------------------------------------------------------

struct ReaderOptions {
  // A record (line or file) longer than this is an error record, so that one
  // runaway line cannot exhaust memory.
  std::size_t max_record_bytes = std::size_t{64} << 20;
};

// Counts kept by the reader, for the summary.
struct ReaderStats {
  std::size_t files_opened = 0;
  std::size_t files_skipped = 0;  // directory entries that are not card files
  std::vector<std::string> skipped_examples;  // first few, for the summary
  std::size_t blank_lines = 0;    // blank JSON Lines lines (not records)
  std::size_t bytes = 0;          // decompressed bytes read
  std::size_t gzip_inputs = 0;
  // Gzip inputs whose stream ends early: the records before the cut are
  // read, the cut one (or, at a line boundary, the end) is an error record.
  std::size_t truncated_inputs = 0;
  std::vector<std::string> truncated_examples;  // first few: "path at compressed byte N"
};

// Streams records from inputs in order: files, directories (walked
// recursively, entries sorted by name, hidden entries skipped), or "-" for
// standard input. Gzip is recognised by its magic bytes, whatever the name.
// By extension (after an optional .gz): .jsonl/.ndjson -> one record per
// line; .json -> one record per document (array elements split); .md -> one
// README record. Directory entries with other extensions are skipped and
// counted; an explicitly named file or stdin of another kind is sniffed: a
// leading "---" makes it a README, anything else JSON Lines.
// Not thread-safe: one reader per thread.
class RecordReader {
 public:
  explicit RecordReader(std::vector<std::string> inputs, ReaderOptions options = {});
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // The next record, or nullopt after the last. Read failures are records
  // with `read_error` set, so they are counted and reported, not lost.
  std::optional<RawRecord> next();
  const ReaderStats& stats() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// ---- the run ---------------------------------------------------------------

struct BatchOptions {
  unsigned jobs = 0;                // scoring threads; 0 = hardware concurrency
  std::size_t batch_records = 0;    // records per mini-batch; 0 = 1024 x jobs
  std::size_t batch_bytes = std::size_t{64} << 20;  // also bounds a mini-batch
};

struct BatchStats {
  std::size_t records_read = 0;
  std::size_t results = 0;
  std::size_t errors = 0;
  std::size_t internal_errors = 0;
  std::size_t insufficient_evidence = 0;
  std::map<std::string, std::size_t> by_threshold;       // threshold status -> count
  std::map<std::string, std::size_t> by_systemic_risk;   // systemic-risk status -> count
  std::map<std::string, std::size_t> by_gpai;            // empty until the rule engine fills it
  std::map<std::string, std::size_t> by_format;          // format -> results
  ReaderStats reader;
  unsigned jobs = 0;
  double seconds = 0;
  bool conserved() const noexcept { return records_read == results + errors; }
};

// Called in worker threads: append the rendered row (result or error) to `out`.
using RenderFn = std::function<void(const RecordResult& result, std::string& out)>;
// Called in the calling thread, in input order, once per record (while the
// workers score later records: it must not share unguarded state with `render`).
using SinkFn = std::function<void(bool is_error, const std::string& bytes)>;
// Called in the calling thread after each mini-batch is written.
using ProgressFn = std::function<void(const BatchStats& so_far)>;

// Runs the pipeline until the reader is exhausted. Throws gpai::InternalError
// when the conservation invariant fails (a bug), and whatever `sink` throws
// (e.g. an output write error); record-level problems never throw.
BatchStats run_batch(RecordReader& reader, const EstimationContext& ctx, const HfVocabulary& vocabulary,
                     Date as_of,
                     const BatchOptions& options, const RenderFn& render, const SinkFn& sink,
                     const ProgressFn& progress = {});

}  // namespace gpai::io
