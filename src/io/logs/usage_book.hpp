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
  // `default_accelerator` (--accelerator) and the alias targets must be
  // catalogue names: ingest_logs checks them first.
  UsageBook(const AcceleratorCatalogue& catalogue, std::optional<std::string> default_accelerator,
            const std::map<std::string, std::string>& gres_aliases, double window_seconds);

  // Type index for a logged name; an empty name means the log names none and
  // takes the default accelerator (or stays unspecified).
  std::uint32_t type_for(std::string_view logged_name);
  // The same for a Slurm GRES type ("h100" in gres/gpu:h100=4), which is a
  // site's own short name: a --gres-alias maps it, else a catalogue name is
  // taken as is, else the default accelerator takes it unless the name
  // points at another chip ("a100" when the default is an H100).
  std::uint32_t type_for_gres(std::string_view gres_type);

  // How names were mapped, for the report; in the order they arose.
  const std::vector<LogNote>& notes() const noexcept { return notes_; }

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
  std::uint32_t index_of(const std::string& id, bool known, const std::string& logged_name);
  std::vector<std::string> other_chips_named(std::string_view gres_type) const;

  const AcceleratorCatalogue& catalogue_;
  std::optional<std::string> default_accelerator_;
  const AcceleratorSpec* default_spec_ = nullptr;
  std::map<std::string, const AcceleratorSpec*> gres_aliases_;  // lower-case type -> chip
  std::vector<LogNote> notes_;
  StringMap<std::uint32_t> by_gres_type_;
  double window_seconds_;
  std::vector<AcceleratorUsage> types_;
  std::vector<char> touched_;  // first/last time set
  StringMap<std::uint32_t> by_logged_name_;
  std::map<std::string, std::uint32_t> by_id_;
};

}  // namespace gpai::io::logs
