// Radix selection must give exactly the values a full sort gives, for every
// shape of input: it replaces sorting in every Monte Carlo summary.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "catch.hpp"
#include "order_statistics.hpp"

namespace {

void check_against_sort(const std::vector<double>& values, std::vector<std::size_t> ranks) {
  std::sort(ranks.begin(), ranks.end());
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> got(ranks.size());
  gpai::order_statistics(values, ranks, got.data());
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    INFO("n " << values.size() << ", rank " << ranks[i]);
    REQUIRE(got[i] == sorted[ranks[i]]);
  }
}

std::vector<std::size_t> summary_ranks(std::size_t n) {  // p05, median, p95 and their neighbours
  std::vector<std::size_t> r;
  for (double p : {0.05, 0.5, 0.95}) {
    const auto lo = static_cast<std::size_t>(std::floor(p * static_cast<double>(n - 1)));
    r.push_back(lo);
    r.push_back(std::min(lo + 1, n - 1));
  }
  return r;
}

}  // namespace

TEST_CASE("order statistics equal a full sort", "[uncertainty][order]") {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> lognormal(std::log(1e25), 1.2);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (std::size_t n : {1, 2, 3, 5, 17, 100, 1000, 10000, 100000}) {
    std::vector<double> v(n);
    SECTION("log-normal draws, n = " + std::to_string(n)) {
      for (auto& x : v) x = lognormal(rng);
      check_against_sort(v, summary_ranks(n));
      check_against_sort(v, {0, n / 3, n - 1});
    }
    SECTION("few distinct values, n = " + std::to_string(n)) {
      for (auto& x : v) x = static_cast<double>(1 + rng() % 4) * 0.25;
      check_against_sort(v, summary_ranks(n));
    }
    SECTION("all equal, n = " + std::to_string(n)) {
      std::fill(v.begin(), v.end(), 3.8e25);
      check_against_sort(v, summary_ranks(n));
    }
    SECTION("signs and zeros (the partition path), n = " + std::to_string(n)) {
      for (auto& x : v) x = rng() % 5 == 0 ? 0.0 : uniform(rng);
      check_against_sort(v, summary_ranks(n));
    }
  }
}

TEST_CASE("order statistics across the whole positive range", "[uncertainty][order]") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-320, 308);
  std::vector<double> v(5000);
  for (auto& x : v) x = std::pow(10.0, exponent(rng));  // includes subnormals
  v[0] = std::numeric_limits<double>::denorm_min();
  v[1] = std::numeric_limits<double>::max();
  check_against_sort(v, summary_ranks(v.size()));
  check_against_sort(v, {0, 1, 2, 2499, 4998, 4999});
}
