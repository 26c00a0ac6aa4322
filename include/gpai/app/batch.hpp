#pragma once
// Batch scoring: many model cards in, one result or one located error per
// card out, in input order, nothing dropped. The application layer: it joins
// the record reader and the card reader (gpai/io/) to the assessment (core);
// the rows are written by gpai/report/.
//
// Pipeline (minimap2's read -> compute -> write on bounded mini-batches):
// the calling thread reads up to N records, `jobs` worker threads score and
// render them (read the card, assess, format the output row), and the
// calling thread writes the rendered rows in input order while the next
// mini-batch is being read. Memory depends on the mini-batch size, not on
// the input size. Output bytes do not depend on `jobs`: every record is
// scored independently and Monte Carlo streams are keyed by seed and JSON
// pointer, never by thread or position.
//
// Errors: a record that cannot be scored becomes a Diagnostic (never an
// exception, never an abort). Invariant, checked by run_batch: records read
// = results + errors.

#include <cstddef>
#include <functional>
#include <string>

#include "gpai/assessment.hpp"
#include "gpai/batch_stats.hpp"
#include "gpai/io/hf_vocabulary.hpp"
#include "gpai/io/record_reader.hpp"
#include "gpai/record_result.hpp"

namespace gpai::app {

// Scores one record: reads the card through io::read_card (formats detected
// per record), assesses it and notes the evidence it lacks. Never throws:
// every failure is a Diagnostic. Thread-safe for concurrent calls sharing
// `ctx` (read-only). `vocabulary` is what the Hugging Face adapters read
// (DataBundle::hf_vocabulary).
RecordResult score_record(const io::RawRecord& record, const EstimationContext& ctx,
                          const io::HfVocabulary& vocabulary, Date as_of);
// The same, taking the record's location (RecordRef) instead of copying it:
// for callers that are done with the record. Its text is only read.
RecordResult score_record(io::RawRecord&& record, const EstimationContext& ctx,
                          const io::HfVocabulary& vocabulary, Date as_of);

struct BatchOptions {
  unsigned jobs = 0;                // scoring threads; 0 = hardware concurrency
  std::size_t batch_records = 0;    // records per mini-batch; 0 = 1024 x jobs
  std::size_t batch_bytes = std::size_t{64} << 20;  // also bounds a mini-batch
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
BatchStats run_batch(io::RecordReader& reader, const EstimationContext& ctx, const io::HfVocabulary& vocabulary,
                     Date as_of, const BatchOptions& options, const RenderFn& render, const SinkFn& sink,
                     const ProgressFn& progress = {});

}  // namespace gpai::app
