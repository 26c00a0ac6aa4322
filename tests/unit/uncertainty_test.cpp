#include "gpai/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "catch.hpp"

using gpai::Draws;
using gpai::MonteCarloConfig;
using gpai::Quantity;

TEST_CASE("exact inputs stay exact through arithmetic", "[uncertainty]") {
  const MonteCarloConfig mc{1, 100000};
  const Draws n = Draws::sample(Quantity::exact(1e12), mc, "n");
  const Draws d = Draws::sample(Quantity::exact(1e13), mc, "d");
  const Draws f = n * d * 1.0;
  REQUIRE(f.is_exact());
  const auto s = f.summary();
  CHECK(s.median == 1e25);
  CHECK(s.p05 == 1e25);
  CHECK(s.p95 == 1e25);
  CHECK(s.exact);
  CHECK(f.probability_above(1e25) == 0.0);  // strictly greater: exactly 1e25 is not above
  CHECK(f.probability_above(std::nextafter(1e25, 0.0)) == 1.0);
}

TEST_CASE("a 90 % interval is reproduced exactly, in closed form", "[uncertainty]") {
  const MonteCarloConfig mc{42, 200000};
  const Draws u = Draws::sample(Quantity::interval90(0.3, 0.5), mc, "utilisation");
  const auto s = u.summary();
  CHECK_FALSE(s.exact);
  CHECK(s.propagation == gpai::Propagation::closed_form);
  CHECK(s.samples == 0);
  CHECK(s.median == Approx(std::sqrt(0.15)).epsilon(1e-12));
  CHECK(s.p05 == Approx(0.3).epsilon(1e-12));
  CHECK(s.p95 == Approx(0.5).epsilon(1e-12));
  CHECK(s.median_se == 0);
  CHECK(s.p05_se == 0);
  CHECK(s.p95_se == 0);
  CHECK(u.probability_above(std::sqrt(0.15)) == Approx(0.5).margin(1e-12));
  CHECK(u.probability_above(0.5) == Approx(0.05).margin(1e-12));
  CHECK(u.probability_above(0.3) == Approx(0.95).margin(1e-12));
  // The sample values are log-normal with these percentiles too.
  const auto v = u.values();
  CHECK(v.size() == 200000);
  CHECK(gpai::percentile(v, 5) == Approx(0.3).epsilon(0.001));
  CHECK(gpai::percentile(v, 95) == Approx(0.5).epsilon(0.001));
}

TEST_CASE("streams are keyed: same seed and key give identical draws", "[uncertainty]") {
  const MonteCarloConfig mc{9, 1000};
  const auto a = Draws::sample(Quantity::interval90(1, 10), mc, "/training/phases/0/tokens");
  const auto b = Draws::sample(Quantity::interval90(1, 10), mc, "/training/phases/0/tokens");
  const auto c = Draws::sample(Quantity::interval90(1, 10), mc, "/training/phases/1/tokens");
  const auto d = Draws::sample(Quantity::interval90(1, 10), MonteCarloConfig{10, 1000}, "/training/phases/0/tokens");
  CHECK(a.values() == b.values());
  CHECK(a.values()[0] != c.values()[0]);
  CHECK(a.values()[0] != d.values()[0]);
}

TEST_CASE("product of independent log-normals has the closed-form median", "[uncertainty]") {
  const MonteCarloConfig mc{3, 200000};
  const auto x = Draws::sample(Quantity::interval90(1e9, 4e9), mc, "x");
  const auto y = Draws::sample(Quantity::interval90(1e12, 9e12), mc, "y");
  // median of a product of log-normals = product of medians = 2e9 * 3e12
  CHECK((x * y).summary().median == Approx(6e21).epsilon(1e-12));
}

TEST_CASE("percentile interpolates between order statistics (type 7)", "[uncertainty]") {
  const std::vector<double> v = {4, 1, 3, 2, 5};
  CHECK(gpai::percentile(v, 0) == 1);
  CHECK(gpai::percentile(v, 50) == 3);
  CHECK(gpai::percentile(v, 100) == 5);
  CHECK(gpai::percentile(v, 5) == Approx(1.2));
  CHECK(gpai::percentile(v, 95) == Approx(4.8));
}

TEST_CASE("min clips draws", "[uncertainty]") {
  const auto d = Draws::from_values({0.5, 1.5, 2.0}).min(1.0);
  CHECK(d.values()[0] == 0.5);
  CHECK(d.values()[1] == 1.0);
  CHECK(d.values()[2] == 1.0);
}

TEST_CASE("sampled log-normals are log-normal out to the tails", "[uncertainty]") {
  // The ziggurat has three paths (rectangles, wedges, the tail beyond 3.44
  // sigma); a slip in any of them shows as a CDF off at some z. Checked at
  // 5 binomial standard errors, with moments alongside.
  const std::size_t n = 2000000;
  const MonteCarloConfig mc{20250802, n};
  const double low = 1e24, high = 1e26;
  const Draws d = Draws::sample(Quantity::interval90(low, high), mc, "/tail/check");
  const double mu = 0.5 * (std::log(low) + std::log(high));
  const double sigma = (std::log(high) - std::log(low)) / (2 * 1.6448536269514722);
  std::vector<double> z;
  z.reserve(n);
  double sum = 0, sum2 = 0;
  for (double v : d.values()) {
    z.push_back((std::log(v) - mu) / sigma);
    sum += z.back();
    sum2 += z.back() * z.back();
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(std::fabs(mean) < 5 / std::sqrt(double(n)));
  CHECK(std::fabs(var - 1) < 5 * std::sqrt(2.0 / n));
  for (double at : {-4.5, -3.6, -3.44, -3.0, -2.0, -1.0, -0.3, 0.0, 0.3, 1.0, 2.0, 3.0, 3.44, 3.6, 4.5}) {
    CAPTURE(at);
    const double expected = 0.5 * std::erfc(-at / std::sqrt(2.0));
    const double below = static_cast<double>(std::count_if(z.begin(), z.end(), [&](double x) { return x <= at; })) / n;
    CHECK(std::fabs(below - expected) < 5 * std::sqrt(expected * (1 - expected) / n) + 1e-7);
  }
}
