#include "sample_accumulator.hpp"

#include <algorithm>

namespace gpai::io::logs {

SampleAccumulator::SampleAccumulator(UsageBook& book, DataQuality& quality, const IngestOptions& options)
    : book_(book), quality_(quality), options_(options) {
  warmup_.reserve(kWarmupIntervals);
  if (options_.sample_interval_seconds) settle();  // nothing to estimate
}

std::uint32_t SampleAccumulator::device(std::string_view key, std::string_view accelerator_name,
                                        std::string_view host) {
  std::uint32_t found = UINT32_MAX;
  if (guess_ < devices_.size() && devices_[guess_].key == key) {
    found = guess_;
  } else if (auto it = by_key_.find(key); it != by_key_.end()) {
    found = it->second;
  }
  if (found != UINT32_MAX) {
    guess_ = found + 1 == devices_.size() ? 0 : found + 1;
    Device& d = devices_[found];
    if (d.accelerator_name != accelerator_name) {
      // The same GPU id reporting another model: a reused index or a swapped
      // board. Later samples go to the new type.
      ++quality_.type_changes;
      d.accelerator_name.assign(accelerator_name);
      d.type = book_.type_for(accelerator_name);
      d.win = nullptr;
      book_.add_device(d.type);
    }
    return found;
  }
  Device d;
  d.key.assign(key);
  d.type = book_.type_for(accelerator_name);
  d.accelerator_name.assign(accelerator_name);
  auto h = host_ids_.find(host);
  if (h == host_ids_.end()) {
    h = host_ids_.emplace(std::string(host), static_cast<std::uint32_t>(host_names_.size())).first;
    host_names_.emplace_back(host);
    host_seen_.push_back(0);
    host_flagged_.push_back(0);
  }
  d.host = h->second;
  book_.add_device(d.type);
  const auto index = static_cast<std::uint32_t>(devices_.size());
  devices_.push_back(std::move(d));
  by_key_.emplace(std::string(key), index);
  return index;
}

void SampleAccumulator::check_skew(const Device& d, double t) {
  if (d.host != prev_host_ && prev_host_ != UINT32_MAX && host_seen_[d.host] &&
      t < prev_t_ - options_.skew_tolerance_seconds) {
    ++quality_.clock_skew_events;
    quality_.max_clock_skew_seconds = std::max(quality_.max_clock_skew_seconds, prev_t_ - t);
    if (!host_flagged_[d.host]) {
      host_flagged_[d.host] = 1;
      if (quality_.skewed_hosts.size() < 20) quality_.skewed_hosts.push_back(host_names_[d.host]);
    }
  }
  host_seen_[d.host] = 1;
  prev_host_ = d.host;
  prev_t_ = t;
}

void SampleAccumulator::add(std::uint32_t index, double t, const Reading& r, bool mig) {
  Device& d = devices_[index];
  check_skew(d, t);
  if (!d.has_pending) {
    d.has_pending = true;
    d.pending = r;
    d.last_t = t;
    ++quality_.samples;
    return;
  }
  const double dt = t - d.last_t;
  if (dt == 0) {
    if (!mig) ++quality_.duplicates;
    return;
  }
  if (dt < 0) {
    ++quality_.overlaps;
    return;
  }
  bool has_delta = false;
  double delta_mj = 0;
  if (d.pending.has_energy && r.has_energy) {
    has_delta = true;
    delta_mj = r.energy_mj - d.pending.energy_mj;
    if (delta_mj < 0) {
      ++quality_.counter_resets;
      delta_mj = r.energy_mj;
    }
  }
  emit(index, d.last_t, dt, d.pending, has_delta, delta_mj);
  d.pending = r;
  d.last_t = t;
  ++quality_.samples;
}

void SampleAccumulator::emit(std::uint32_t index, double t0, double dt, const Reading& r, bool has_delta,
                             double delta_mj) {
  if (!settled_) {
    warmup_.push_back({index, t0, dt, r, has_delta, delta_mj});
    if (warmup_.size() >= kWarmupIntervals) settle();
    return;
  }
  account(devices_[index], t0, dt, r, has_delta, delta_mj);
}

void SampleAccumulator::settle() {
  if (options_.sample_interval_seconds) {
    median_ = *options_.sample_interval_seconds;
  } else if (!warmup_.empty()) {
    std::vector<double> dts;
    dts.reserve(warmup_.size());
    for (const auto& iv : warmup_) dts.push_back(iv.dt);
    auto mid = dts.begin() + static_cast<std::ptrdiff_t>(dts.size() / 2);
    std::nth_element(dts.begin(), mid, dts.end());
    median_ = *mid;
  }
  max_gap_ = options_.max_gap_seconds.value_or(options_.gap_factor * median_);
  settled_ = true;
  for (const auto& iv : warmup_) account(devices_[iv.device], iv.t0, iv.dt, iv.r, iv.has_delta, iv.delta_mj);
  warmup_.clear();
  warmup_.shrink_to_fit();
}

void SampleAccumulator::account(Device& d, double t0, double dt, const Reading& r, bool has_delta,
                                double delta_mj) {
  double counted = dt;
  if (dt > max_gap_) {
    ++quality_.gaps;
    quality_.gap_seconds_excluded += dt - max_gap_;
    counted = max_gap_;
  }
  if (counted <= 0) return;
  const std::int64_t w = book_.window_index(t0);
  if (!d.win || w != d.window) {
    d.win = &book_.window(d.type, w);
    d.window = w;
  }
  UsageTotals& u = *d.win;
  u.accelerator_seconds += counted;
  for (std::size_t m = 0; m < kActivityMetricCount; ++m) {
    if (r.present & (1u << m)) {
      u.activity[m].covered_seconds += counted;
      u.activity[m].weighted_seconds += r.activity[m] * counted;
    }
  }
  if (r.has_power) {
    u.power_joules += r.power_w * counted;
    u.power_covered_seconds += counted;
  }
  if (has_delta) {
    // Over a gap only the counted share of the delta is kept, so energy and
    // time stay on the same basis.
    u.counter_joules += delta_mj * 1e-3 * (counted / dt);
    u.counter_covered_seconds += counted;
  }
  book_.touch(d.type, t0, t0 + counted);
}

void SampleAccumulator::finish() {
  if (!settled_) settle();
  const double last = std::min(median_, max_gap_);
  if (last <= 0) return;
  for (auto& d : devices_) {
    if (!d.has_pending) continue;
    account(d, d.last_t, last, d.pending, false, 0);
    d.has_pending = false;
  }
}

}  // namespace gpai::io::logs
