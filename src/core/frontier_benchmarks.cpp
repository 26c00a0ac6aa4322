#include "gpai/frontier_benchmarks.hpp"

#include "gpai/name_key.hpp"

namespace gpai {

const FrontierResult* FrontierBenchmarks::find(const std::string& benchmark) const {
  const std::string key = name_key(benchmark);
  for (const auto& r : results) {
    if (name_key(r.benchmark) == key) return &r;
    for (const auto& a : r.aliases) {
      if (name_key(a) == key) return &r;
    }
  }
  return nullptr;
}

}  // namespace gpai
