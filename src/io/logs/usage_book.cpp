#include "usage_book.hpp"

#include <algorithm>
#include <cmath>

#include "text_scan.hpp"

namespace gpai::io::logs {

UsageBook::UsageBook(const AcceleratorCatalogue& catalogue,
                     std::optional<std::string> default_accelerator,
                     const std::map<std::string, std::string>& gres_aliases, double window_seconds)
    : catalogue_(catalogue),
      default_accelerator_(std::move(default_accelerator)),
      window_seconds_(window_seconds) {
  if (default_accelerator_) default_spec_ = catalogue_.find(*default_accelerator_);
  for (const auto& [type, accelerator] : gres_aliases) {
    if (const AcceleratorSpec* spec = catalogue_.find(accelerator)) gres_aliases_[lower_ascii(type)] = spec;
  }
}

std::uint32_t UsageBook::index_of(const std::string& id, bool known, const std::string& logged_name) {
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
  if (!logged_name.empty() && std::find(names.begin(), names.end(), logged_name) == names.end()) {
    names.push_back(logged_name);
  }
  return index;
}

std::uint32_t UsageBook::type_for(std::string_view logged_name) {
  if (auto it = by_logged_name_.find(logged_name); it != by_logged_name_.end()) return it->second;
  std::string name(trim(logged_name));
  if (name.empty() && default_accelerator_) {
    name = *default_accelerator_;
    notes_.push_back({"accelerator_mapped", "info",
                      "time the logs name no accelerator for (dcgmi dmon, untyped gres/gpu=N, no model column) "
                      "is counted as " + (default_spec_ ? default_spec_->id : name) + " (source: --accelerator)"});
  }
  const AcceleratorSpec* spec = name.empty() ? nullptr : catalogue_.find(name);
  const std::uint32_t index = index_of(spec ? spec->id : name, spec != nullptr, name);
  by_logged_name_.emplace(std::string(logged_name), index);
  return index;
}

std::vector<std::string> UsageBook::other_chips_named(std::string_view gres_type) const {
  std::vector<std::string> ids;
  const std::string n = normalise_accelerator_name(gres_type);
  if (n.size() < 2 || !default_spec_) return ids;
  auto names_it = [&](const std::string& s) { return normalise_accelerator_name(s).find(n) != std::string::npos; };
  for (const auto& spec : catalogue_.specs()) {
    bool hit = names_it(spec.id) || names_it(spec.name);
    for (const auto& a : spec.aliases) hit = hit || names_it(a);
    if (!hit) continue;
    if (spec.id == default_spec_->id) return {};  // the default's own name: no contradiction
    ids.push_back(spec.id);
  }
  return ids;
}

std::uint32_t UsageBook::type_for_gres(std::string_view gres_type) {
  if (auto it = by_gres_type_.find(gres_type); it != by_gres_type_.end()) return it->second;
  const std::string type(trim(gres_type));
  std::uint32_t index;
  const auto alias = type.empty() ? gres_aliases_.end() : gres_aliases_.find(lower_ascii(type));
  if (type.empty()) {
    index = type_for("");
  } else if (alias != gres_aliases_.end()) {
    index = index_of(alias->second->id, true, type);
    notes_.push_back({"accelerator_mapped", "info",
                      "GRES type " + quote(type) + " is counted as " + alias->second->id + " (source: --gres-alias " +
                          excerpt(alias->first, kExcerptBytes, 0) + "=" + alias->second->id + ")"});
  } else if (catalogue_.find(type) || !default_spec_) {
    index = type_for(type);
  } else if (const auto others = other_chips_named(type); others.empty()) {
    index = index_of(default_spec_->id, true, type);
    notes_.push_back({"accelerator_mapped", "info",
                      "GRES type " + quote(type) + " is not a catalogue name: counted as " + default_spec_->id +
                          " (source: --accelerator)"});
  } else {
    index = type_for(type);
    std::string listed;
    for (std::size_t i = 0; i < others.size() && i < 3; ++i) listed += (i ? ", " : "") + others[i];
    notes_.push_back({"gres_type_not_mapped", "warning",
                      "GRES type " + quote(type) + " names another chip (" + listed + ") than --accelerator " +
                          default_spec_->id + ", so --accelerator does not claim it; map it with --gres-alias " +
                          excerpt(type, kExcerptBytes, 0) + "=ACCELERATOR"});
  }
  by_gres_type_.emplace(std::string(gres_type), index);
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
  by_gres_type_.clear();
  by_id_.clear();
  return out;
}

}  // namespace gpai::io::logs
