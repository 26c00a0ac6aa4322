// The read -> score -> write pipeline on bounded mini-batches.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "gpai/error.hpp"
#include "gpai/io/batch.hpp"

namespace gpai::io {
namespace {

// Records a worker takes at a time: large enough that the shared counter is
// not contended, small enough to balance uneven records (a Monte Carlo card
// costs a thousand plain ones).
constexpr std::size_t kClaim = 8;

struct Slot {
  RawRecord raw;
  std::string bytes;  // the rendered row
  bool error = false;
  bool internal = false;
  bool insufficient = false;
  std::string format, threshold, systemic, gpai;
};

void score_slot(Slot& slot, const EstimationContext& ctx, const HfVocabulary& vocabulary, Date as_of,
                const RenderFn& render) {
  const RecordResult result = score_record(slot.raw, ctx, vocabulary, as_of);
  if (result.ok()) {
    const ScoredRecord& s = result.value();
    slot.format = std::string(to_string(s.provenance.format));
    slot.threshold = s.assessment.threshold.status;
    slot.systemic = s.assessment.systemic_risk.status;
    slot.gpai = s.assessment.gpai.status;
    slot.insufficient = slot.threshold == "insufficient_evidence";
  } else {
    slot.error = true;
    slot.internal = result.error().kind == "internal_error";
  }
  render(result, slot.bytes);
  std::string().swap(slot.raw.text);  // the text is not needed any more: keep memory flat
}

}  // namespace

BatchStats run_batch(RecordReader& reader, const EstimationContext& ctx, const HfVocabulary& vocabulary,
                     Date as_of,
                     const BatchOptions& options, const RenderFn& render, const SinkFn& sink,
                     const ProgressFn& progress) {
  const auto started = std::chrono::steady_clock::now();
  BatchStats stats;
  stats.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t max_records = options.batch_records ? options.batch_records : 1024 * stats.jobs;
  const std::size_t max_bytes = std::max<std::size_t>(options.batch_bytes, 1);

  auto fill = [&](std::vector<Slot>& batch) {
    batch.clear();
    std::size_t bytes = 0;
    while (batch.size() < max_records && bytes < max_bytes) {
      std::optional<RawRecord> r = reader.next();
      if (!r) break;
      bytes += r->text.size();
      Slot slot;
      slot.raw = std::move(*r);
      batch.push_back(std::move(slot));
    }
    stats.records_read += batch.size();
  };

  // Written (on this thread) while the workers score the next mini-batch.
  auto write = [&](std::vector<Slot>& batch) {
    if (batch.empty()) return;
    for (const Slot& slot : batch) {
      sink(slot.error, slot.bytes);
      if (slot.error) {
        ++stats.errors;
        if (slot.internal) ++stats.internal_errors;
        continue;
      }
      ++stats.results;
      ++stats.by_format[slot.format];
      ++stats.by_threshold[slot.threshold];
      ++stats.by_systemic_risk[slot.systemic];
      if (!slot.gpai.empty()) ++stats.by_gpai[slot.gpai];
      if (slot.insufficient) ++stats.insufficient_evidence;
    }
    batch.clear();
    stats.reader = reader.stats();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress) progress(stats);
  };

  // Three mini-batches in flight: `scored` is written and `upcoming` read
  // while the workers score `current`, so the workers never wait for either.
  std::vector<Slot> scored, current, upcoming;
  fill(current);
  while (!current.empty()) {
    std::atomic<std::size_t> next_index{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    {
      std::vector<std::jthread> workers;
      workers.reserve(stats.jobs);
      for (unsigned j = 0; j < stats.jobs; ++j) {
        workers.emplace_back([&] {
          try {
            for (;;) {
              const std::size_t begin = next_index.fetch_add(kClaim);
              if (begin >= current.size()) return;
              const std::size_t end = std::min(begin + kClaim, current.size());
              for (std::size_t i = begin; i < end; ++i) score_slot(current[i], ctx, vocabulary, as_of, render);
            }
          } catch (...) {
            // score_record never throws; this is a bug in rendering. Stop the
            // workers and rethrow on the calling thread after the join.
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next_index.store(current.size());
          }
        });
      }
      write(scored);
      fill(upcoming);
    }  // jthreads join here
    if (failure) std::rethrow_exception(failure);
    std::swap(scored, current);
    std::swap(current, upcoming);
  }
  write(scored);
  stats.reader = reader.stats();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!stats.conserved()) {
    throw InternalError("batch invariant violated: " + std::to_string(stats.records_read) +
                        " records read, but " + std::to_string(stats.results) + " results + " +
                        std::to_string(stats.errors) + " errors written");
  }
  return stats;
}

}  // namespace gpai::io
