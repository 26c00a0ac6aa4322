#pragma once
// Turns per-GPU telemetry samples into accelerator-seconds (the interval
// policy of docs/audit.md):
//  - a sample covers the time until the next sample of the same GPU, capped
//    at the max gap (default 2 x the median interval); the excess is a gap;
//  - the last sample of a GPU covers one median interval;
//  - a sample at the same time as the previous one of its GPU is a duplicate,
//    an earlier one an overlap: neither is counted;
//  - cumulative energy counters count by deltas; a decrease is a reset and
//    the new reading is the energy since the reset (Prometheus increase());
//  - a row more than the tolerance behind the previous row of another host
//    is clock skew (reported; intervals use one host's clock, so unaffected).
// The median interval is taken over the first kWarmupIntervals intervals,
// which are buffered and replayed once it is known: memory stays bounded.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpai/io/telemetry.hpp"
#include "usage_book.hpp"

namespace gpai::io::logs {

struct Reading {
  std::array<double, kActivityMetricCount> activity{};  // fractions in [0, 1]
  std::uint8_t present = 0;                            // bit per ActivityMetric
  bool has_power = false;
  bool has_energy = false;
  double power_w = 0;
  double energy_mj = 0;  // cumulative counter, millijoules

  void set(ActivityMetric m, double fraction) {
    activity[static_cast<std::size_t>(m)] = fraction;
    present = static_cast<std::uint8_t>(present | (1u << static_cast<unsigned>(m)));
  }
};

class SampleAccumulator {
 public:
  static constexpr std::size_t kWarmupIntervals = 4096;

  SampleAccumulator(UsageBook& book, DataQuality& quality, const IngestOptions& options);

  // The device for `key`, created at first sight. A device whose logged
  // accelerator name changes is re-typed and counted as a type change.
  std::uint32_t device(std::string_view key, std::string_view accelerator_name, std::string_view host);
  // `mig`: a MIG instance row; instances of one GPU share its time, so equal
  // timestamps are expected and not counted as duplicates.
  void add(std::uint32_t device, double t_seconds, const Reading& r, bool mig = false);
  // Closes every GPU's last sample. Call once, after the last file.
  void finish();

  double median_interval_seconds() const noexcept { return median_; }
  double max_gap_seconds() const noexcept { return max_gap_; }

 private:
  struct Device {
    std::string key;
    std::uint32_t type = 0;
    std::uint32_t host = 0;
    std::string accelerator_name;
    bool has_pending = false;
    double last_t = 0;
    Reading pending;
    std::int64_t window = 0;
    UsageTotals* win = nullptr;  // cached window of `type`
  };
  struct Interval {
    std::uint32_t device;
    double t0, dt;
    Reading r;
    bool has_delta;
    double delta_mj;
  };

  void emit(std::uint32_t device, double t0, double dt, const Reading& r, bool has_delta, double delta_mj);
  void account(Device& d, double t0, double dt, const Reading& r, bool has_delta, double delta_mj);
  void settle();
  void check_skew(const Device& d, double t);

  UsageBook& book_;
  DataQuality& quality_;
  const IngestOptions& options_;
  StringMap<std::uint32_t> by_key_;
  std::vector<Device> devices_;
  // Logs list GPUs in the same order every round: guessing the one after the
  // last saves most hash lookups.
  std::uint32_t guess_ = 0;
  StringMap<std::uint32_t> host_ids_;
  std::vector<std::string> host_names_;
  std::vector<char> host_seen_, host_flagged_;
  std::uint32_t prev_host_ = UINT32_MAX;
  double prev_t_ = 0;
  bool settled_ = false;
  double median_ = 0;
  double max_gap_ = 0;
  std::vector<Interval> warmup_;
};

}  // namespace gpai::io::logs
