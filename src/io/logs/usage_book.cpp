#include "usage_book.hpp"

#include <algorithm>
#include <cmath>

#include "text_scan.hpp"

namespace gpai::io::logs {

UsageBook::UsageBook(const AcceleratorCatalogue& catalogue,
                     std::optional<std::string> default_accelerator, double window_seconds)
    : catalogue_(catalogue),
      default_accelerator_(std::move(default_accelerator)),
      window_seconds_(window_seconds) {}

std::uint32_t UsageBook::type_for(std::string_view logged_name) {
  if (auto it = by_logged_name_.find(logged_name); it != by_logged_name_.end()) return it->second;
  std::string name(trim(logged_name));
  if (name.empty() && default_accelerator_) name = *default_accelerator_;
  std::string id = name;
  bool known = false;
  if (const AcceleratorSpec* spec = name.empty() ? nullptr : catalogue_.find(name)) {
    id = spec->id;
    known = true;
  }
  std::uint32_t index;
  if (auto it = by_id_.find(id); it != by_id_.end()) {
    index = it->second;
  } else {
    index = static_cast<std::uint32_t>(types_.size());
    AcceleratorUsage u;
    u.accelerator = id;
    u.in_catalogue = known;
    types_.push_back(std::move(u));
    touched_.push_back(0);
    by_id_.emplace(id, index);
  }
  auto& names = types_[index].names_logged;
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  by_logged_name_.emplace(std::string(logged_name), index);
  return index;
}

std::int64_t UsageBook::window_index(double t) const {
  return static_cast<std::int64_t>(std::floor(t / window_seconds_));
}

void UsageBook::touch(std::uint32_t type, double t0, double t1) {
  AcceleratorUsage& u = types_[type];
  if (!touched_[type]) {
    touched_[type] = 1;
    u.first_time_s = t0;
    u.last_time_s = t1;
    return;
  }
  u.first_time_s = std::min(u.first_time_s, t0);
  u.last_time_s = std::max(u.last_time_s, t1);
}

void UsageBook::add_spread(std::uint32_t type, double t0, double t1, double accelerator_seconds) {
  touch(type, t0, t1);
  if (!(t1 > t0)) {
    window(type, window_index(t0)).accelerator_seconds += accelerator_seconds;
    return;
  }
  const double rate = accelerator_seconds / (t1 - t0);
  for (double t = t0; t < t1;) {
    const std::int64_t w = window_index(t);
    const double w_end = std::min(t1, static_cast<double>(w + 1) * window_seconds_);
    window(type, w).accelerator_seconds += rate * (w_end - t);
    if (w_end <= t) break;  // guards against rounding at huge t
    t = w_end;
  }
}

std::vector<AcceleratorUsage> UsageBook::finish() {
  std::vector<AcceleratorUsage> out;
  for (auto& u : types_) {
    u.total = UsageTotals{};
    for (const auto& [w, totals] : u.windows) u.total.add(totals);
    if (u.total.accelerator_seconds > 0 || u.devices > 0) out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(),
            [](const AcceleratorUsage& a, const AcceleratorUsage& b) { return a.accelerator < b.accelerator; });
  types_.clear();
  touched_.clear();
  by_logged_name_.clear();
  by_id_.clear();
  return out;
}

}  // namespace gpai::io::logs
