// The read -> score -> write pipeline on bounded mini-batches.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "gpai/error.hpp"
#include "gpai/app/batch.hpp"

namespace gpai::app {
namespace {

// Records a worker takes at a time: large enough that the shared counter is
// not contended, small enough to balance uneven records (a Monte Carlo card
// costs a thousand plain ones).
constexpr std::size_t kClaim = 8;

struct Slot {
  io::RawRecord raw;
  std::string bytes;  // the rendered row
  bool error = false;
  bool internal = false;
  bool insufficient = false;
  CardFormat format{};
  ThresholdStatus threshold{};
  SystemicRiskStatus systemic{};
  GpaiStatus gpai{};
};

void score_slot(Slot& slot, const EstimationContext& ctx, const io::HfVocabulary& vocabulary, Date as_of,
                const RenderFn& render) {
  const RecordResult result = score_record(std::move(slot.raw), ctx, vocabulary, as_of);
  if (result.ok()) {
    const ScoredRecord& s = result.value();
    slot.format = s.provenance.format;
    slot.threshold = s.assessment.threshold.status;
    slot.systemic = s.assessment.systemic_risk.status;
    slot.gpai = s.assessment.gpai.status;
    slot.insufficient = slot.threshold == ThresholdStatus::insufficient_evidence;
  } else {
    slot.error = true;
    slot.internal = result.error().kind == "internal_error";
  }
  render(result, slot.bytes);
  std::string().swap(slot.raw.text);  // the text is not needed any more: keep memory flat
}

// Counts by value of a small enum, folded into the stats' maps (keyed by the
// value's spelling) after each mini-batch.
template <typename Enum, std::size_t N>
class Counts {
 public:
  void add(Enum e) { ++counts_[static_cast<std::size_t>(e)]; }
  void fold_into(std::map<std::string, std::size_t>& out) {
    for (std::size_t i = 0; i < N; ++i) {
      if (counts_[i] > 0) out[std::string(to_string(static_cast<Enum>(i)))] += std::exchange(counts_[i], 0);
    }
  }

 private:
  std::array<std::size_t, N> counts_{};
};

// The scoring threads, started once per run. A thread per mini-batch (a
// thousand starts per million cards) began each with a cold allocator heap,
// abandoned to the next thread at its exit, and a new thread-local parser.
class ScoringPool {
 public:
  ScoringPool(unsigned jobs, const EstimationContext& ctx, const io::HfVocabulary& vocabulary, Date as_of,
              const RenderFn& render)
      : jobs_(jobs), ctx_(ctx), vocabulary_(vocabulary), as_of_(as_of), render_(render) {
    threads_.reserve(jobs);
    try {
      for (unsigned j = 0; j < jobs; ++j) threads_.emplace_back([this] { work(); });
    } catch (...) {
      stop();  // the threads already started must not wait forever at the join
      throw;
    }
  }
  ~ScoringPool() { stop(); }  // then the jthreads join

  // The workers score `batch` while the caller does other work; `wait` for them.
  void start(std::vector<Slot>& batch) {
    {
      std::lock_guard lock(mutex_);
      batch_ = &batch;
      next_.store(0);
      busy_ = jobs_;
      ++generation_;
    }
    wake_.notify_all();
  }

  // Until every worker is done with the batch; rethrows a worker's exception
  // (score_record never throws: that would be a bug in rendering).
  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return busy_ == 0; });
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
  }

  void work() {
    std::uint64_t seen = 0;
    for (;;) {
      std::vector<Slot>* batch = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        batch = batch_;
      }
      try {
        for (;;) {
          const std::size_t begin = next_.fetch_add(kClaim);
          if (begin >= batch->size()) break;
          const std::size_t end = std::min(begin + kClaim, batch->size());
          for (std::size_t i = begin; i < end; ++i) score_slot((*batch)[i], ctx_, vocabulary_, as_of_, render_);
        }
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
        next_.store(batch->size());  // the other workers stop too
      }
      std::lock_guard lock(mutex_);
      if (--busy_ == 0) done_.notify_one();
    }
  }

  const unsigned jobs_;
  const EstimationContext& ctx_;
  const io::HfVocabulary& vocabulary_;
  const Date as_of_;
  const RenderFn& render_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<Slot>* batch_ = nullptr;
  std::uint64_t generation_ = 0;
  unsigned busy_ = 0;
  bool stop_ = false;
  std::atomic<std::size_t> next_{0};
  std::exception_ptr failure_;
  std::vector<std::jthread> threads_;  // last: started once the state above exists
};

}  // namespace

BatchStats run_batch(io::RecordReader& reader, const EstimationContext& ctx, const io::HfVocabulary& vocabulary,
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
      std::optional<io::RawRecord> r = reader.next();
      if (!r) break;
      bytes += r->text.size();
      batch.emplace_back().raw = std::move(*r);
    }
    stats.records_read += batch.size();
  };

  Counts<CardFormat, 3> formats;
  Counts<ThresholdStatus, 5> thresholds;
  Counts<SystemicRiskStatus, 6> systemic_risks;
  Counts<GpaiStatus, 3> gpai_statuses;
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
      formats.add(slot.format);
      thresholds.add(slot.threshold);
      systemic_risks.add(slot.systemic);
      gpai_statuses.add(slot.gpai);
      if (slot.insufficient) ++stats.insufficient_evidence;
    }
    formats.fold_into(stats.by_format);
    thresholds.fold_into(stats.by_threshold);
    systemic_risks.fold_into(stats.by_systemic_risk);
    gpai_statuses.fold_into(stats.by_gpai);
    batch.clear();
    stats.reader = reader.stats();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress) progress(stats);
  };

  // Three mini-batches in flight: `scored` is written and `upcoming` read
  // while the workers score `current`, so the workers never wait for either.
  std::vector<Slot> scored, current, upcoming;
  ScoringPool pool(stats.jobs, ctx, vocabulary, as_of, render);
  fill(current);
  while (!current.empty()) {
    pool.start(current);
    write(scored);
    fill(upcoming);
    pool.wait();
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

}  // namespace gpai::app
