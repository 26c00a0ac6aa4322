#pragma once
// Reading many cards: inputs (files, directories, standard input, gzip or
// not) -> records, one card's text each, in a deterministic order. What a
// record is scored with lives in the application layer (gpai/app/batch.hpp).
//
// Records: a line of a JSON Lines file or stream, a whole `.json` file (an
// array is split into its elements, each a record), or a whole README.md.
// A record that cannot be read is still a record, carrying its Diagnostic,
// so that it is counted and reported, never lost.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpai/batch_stats.hpp"
#include "gpai/io/card_reader.hpp"
#include "gpai/record_result.hpp"

namespace gpai::io {

// A record as read, not yet parsed.
struct RawRecord {
  RecordRef ref;
  // json: one JSON value (a JSON Lines line, a .json file or an array
  // element); markdown: a README.md file; sniff: decide from the text.
  CardText kind = CardText::json;
  // Lines are read with spare capacity after their end, so that the JSON
  // parser can read a record where it lies (see CardOrigin::readable_past_end).
  std::string text;
  std::optional<Diagnostic> read_error;  // set when the reader could not produce the text
};

struct ReaderOptions {
  // A record (line or file) longer than this is an error record, so that one
  // runaway line cannot exhaust memory.
  std::size_t max_record_bytes = std::size_t{64} << 20;
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

}  // namespace gpai::io
