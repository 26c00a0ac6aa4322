#include "gpai/hardware_catalogue.hpp"

#include <algorithm>
#include <array>

#include "gpai/name_key.hpp"

namespace gpai {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::optional<Precision> parse_precision(std::string_view text) {
  const std::string s = name_key(text);
  if (s == "bf16" || s == "bfloat16") return Precision::bf16;
  if (s == "fp16" || s == "float16" || s == "half") return Precision::fp16;
  if (s == "fp8" || s == "e4m3" || s == "e5m2" || s == "float8") return Precision::fp8;
  if (s == "fp32" || s == "float32" || s == "single") return Precision::fp32;
  if (s == "tf32" || s == "tensorfloat32") return Precision::tf32;
  if (s == "fp64" || s == "float64" || s == "double") return Precision::fp64;
  if (s == "int8") return Precision::int8;
  return std::nullopt;
}

std::string_view to_string(Precision p) {
  switch (p) {
    case Precision::fp64: return "fp64";
    case Precision::fp32: return "fp32";
    case Precision::tf32: return "tf32";
    case Precision::bf16: return "bf16";
    case Precision::fp16: return "fp16";
    case Precision::fp8: return "fp8";
    case Precision::int8: return "int8";
  }
  return "?";
}

std::string_view to_string(SpecOrigin origin) {
  switch (origin) {
    case SpecOrigin::shipped: return "shipped";
    case SpecOrigin::user_added: return "user_added";
    case SpecOrigin::user_override: return "user_override";
  }
  return "?";
}

std::optional<double> AcceleratorSpec::peak_flop_per_s(Precision p) const {
  auto it = peak_flop_per_s_dense.find(p);
  if (it == peak_flop_per_s_dense.end()) return std::nullopt;
  return it->second;
}

std::string normalise_accelerator_name(std::string_view name) {
  std::string s = name_key(name);
  static constexpr std::array<std::string_view, 9> kPrefixes = {
      "nvidia", "tesla", "amdinstinct", "amd", "google", "intel", "habana", "amazon", "aws"};
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (auto prefix : kPrefixes) {
      if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0) {
        s.erase(0, prefix.size());
        stripped = true;
      }
    }
  }
  return s;
}

AcceleratorCatalogue::AcceleratorCatalogue(std::vector<AcceleratorSpec> specs,
                                           std::string version)
    : specs_(std::move(specs)), version_(std::move(version)) {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    index_.emplace(normalise_accelerator_name(specs_[i].id), i);
    index_.emplace(normalise_accelerator_name(specs_[i].name), i);
    for (const auto& alias : specs_[i].aliases) index_.emplace(normalise_accelerator_name(alias), i);
  }
}

const AcceleratorSpec* AcceleratorCatalogue::find(std::string_view name) const {
  auto it = index_.find(normalise_accelerator_name(name));
  return it == index_.end() ? nullptr : &specs_[it->second];
}

std::vector<const AcceleratorSpec*> AcceleratorCatalogue::matching(std::string_view query) const {
  std::vector<const AcceleratorSpec*> out;
  if (const AcceleratorSpec* exact = find(query)) {
    out.push_back(exact);
    return out;
  }
  const std::string q = normalise_accelerator_name(query);
  const std::string vendor_query = name_key(query);
  if (q.empty()) return out;
  auto contains = [&](std::string_view name) {
    return normalise_accelerator_name(name).find(q) != std::string::npos;
  };
  for (const auto& s : specs_) {
    bool hit = name_key(s.vendor) == vendor_query || contains(s.id) || contains(s.name);
    for (std::size_t i = 0; !hit && i < s.aliases.size(); ++i) hit = contains(s.aliases[i]);
    if (hit) out.push_back(&s);
  }
  return out;
}

std::vector<std::string> AcceleratorCatalogue::close_matches(std::string_view name,
                                                             std::size_t max) const {
  const std::string query = normalise_accelerator_name(name);
  std::vector<std::pair<std::size_t, std::string>> scored;  // (distance, id)
  for (const auto& [key, i] : index_) {
    std::size_t d = edit_distance(query, key);
    if (!query.empty() && key.find(query) != std::string::npos) d = std::min<std::size_t>(d, 1);
    if (d <= std::max<std::size_t>(2, query.size() / 3)) scored.emplace_back(d, specs_[i].id);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, id] : scored) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    if (out.size() == max) break;
  }
  return out;
}

}  // namespace gpai
