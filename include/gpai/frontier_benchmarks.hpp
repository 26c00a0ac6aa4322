#pragma once
// A dated table of frontier benchmark results (data/reference/frontier_benchmarks.json),
// the reference for Annex XIII point (e). Indicators, not law: each row cites
// the publication it comes from, and the table says how old it is.

#include <string>
#include <vector>

#include "gpai/date.hpp"

namespace gpai {

struct FrontierResult {
  std::string benchmark;
  std::vector<std::string> aliases;
  double score = 0;
  double max = 100;
  std::string model;
  std::string source;
};

struct FrontierBenchmarks {
  std::string version;
  Date as_of;
  // A card's result counts as frontier-level when score/max >= this share
  // of the best published score/max.
  double within_share = 0.9;
  std::string method_source;
  std::vector<FrontierResult> results;

  const FrontierResult* find(const std::string& benchmark) const;  // case/punctuation-insensitive
};

}  // namespace gpai
