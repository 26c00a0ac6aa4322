#include "gpai/frontier_benchmarks.hpp"

#include <cctype>

namespace gpai {
namespace {
std::string fold(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}
}  // namespace

const FrontierResult* FrontierBenchmarks::find(const std::string& benchmark) const {
  const std::string key = fold(benchmark);
  for (const auto& r : results) {
    if (fold(r.benchmark) == key) return &r;
    for (const auto& a : r.aliases) {
      if (fold(a) == key) return &r;
    }
  }
  return nullptr;
}

}  // namespace gpai
