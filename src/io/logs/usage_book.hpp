#pragma once
// Accelerator types and their per-window usage, shared by the telemetry and
// accounting readers. Logged names are resolved once through the catalogue;
// different names of one chip merge under its canonical id.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gpai/hardware_catalogue.hpp"
#include "gpai/log_evidence.hpp"

namespace gpai::io::logs {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

class UsageBook {
 public:
  UsageBook(const AcceleratorCatalogue& catalogue, std::optional<std::string> default_accelerator,
            double window_seconds);

  // Type index for a logged name; an empty name means the log names none and
  // takes the default accelerator (or stays unspecified).
  std::uint32_t type_for(std::string_view logged_name);

  std::int64_t window_index(double t) const;
  UsageTotals& window(std::uint32_t type, std::int64_t index) { return types_[type].windows[index]; }
  void touch(std::uint32_t type, double t0, double t1);
  void add_device(std::uint32_t type) { ++types_[type].devices; }

  // Adds `accelerator_seconds` spread evenly over [t0, t1) across windows
  // (uniform progress within a job); t1 == t0 puts it all in t0's window.
  void add_spread(std::uint32_t type, double t0, double t1, double accelerator_seconds);

  // Totals from windows, sorted by id; empty types dropped.
  std::vector<AcceleratorUsage> finish();
  double window_seconds() const noexcept { return window_seconds_; }

 private:
  const AcceleratorCatalogue& catalogue_;
  std::optional<std::string> default_accelerator_;
  double window_seconds_;
  std::vector<AcceleratorUsage> types_;
  std::vector<char> touched_;  // first/last time set
  StringMap<std::uint32_t> by_logged_name_;
  std::map<std::string, std::uint32_t> by_id_;
};

}  // namespace gpai::io::logs
