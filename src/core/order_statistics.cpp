#include "order_statistics.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <vector>

namespace gpai {
namespace {

// Radix select needs keys that order like the values; for positive finite
// doubles the IEEE-754 bit patterns do, read as unsigned integers.
constexpr std::uint64_t kInfinityBits = 0x7FF0000000000000ULL;
constexpr int kBucketBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kBucketBits;

// Any values (zeros, negatives): selection by successive nth_element calls,
// each on the part right of the previous rank.
void by_partition(std::span<const double> values, std::span<const std::size_t> ranks, double* out) {
  thread_local std::vector<double> v;
  v.assign(values.begin(), values.end());
  std::size_t done = 0;  // v[0, done) holds the `done` smallest values
  for (std::size_t r : ranks) {
    const auto at = v.begin() + static_cast<std::ptrdiff_t>(r);
    std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(std::min(done, r)), at, v.end());
    *out++ = *at;
    done = r + 1;
  }
}

}  // namespace

// Positive draws (every log-normal product): one pass for the key range, one
// for a histogram of 2048 buckets over it, one to gather the few buckets the
// ranks fall in; then nth_element on a few dozen keys. nth_element over all
// 10^4-10^5 draws, with its unpredictable branches, was most of the cost of
// summarising a distribution.
void order_statistics(std::span<const double> values, std::span<const std::size_t> ranks, double* out) {
  assert(!values.empty() && std::is_sorted(ranks.begin(), ranks.end()));
  if (ranks.empty()) return;
  const std::size_t n = values.size();
  // The keys are read from the values in each pass, not copied out first:
  // three passes over the draws instead of four, and no second buffer.
  const auto key = [&](std::size_t i) { return std::bit_cast<std::uint64_t>(values[i]); };
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    lo = std::min(lo, key(i));
    hi = std::max(hi, key(i));
  }
  // +0, negatives (sign bit set), infinities and NaN: not ordered by their bits.
  if (lo == 0 || hi >= kInfinityBits) return by_partition(values, ranks, out);
  if (lo == hi) {
    std::fill(out, out + ranks.size(), values[0]);
    return;
  }
  const int width = static_cast<int>(std::bit_width(hi - lo));
  const int shift = width > kBucketBits ? width - kBucketBits : 0;
  auto bucket_of = [&](std::uint64_t k) { return static_cast<std::size_t>((k - lo) >> shift); };

  std::array<std::uint32_t, kBuckets> counts{};
  for (std::size_t i = 0; i < n; ++i) ++counts[bucket_of(key(i))];

  // The bucket of each rank and the rank within it (ranks ascending: one sweep).
  struct Wanted {
    std::size_t bucket, local;
  };
  std::array<Wanted, 16> wanted_small{};
  std::vector<Wanted> wanted_large;
  Wanted* wanted = wanted_small.data();
  if (ranks.size() > wanted_small.size()) {
    wanted_large.resize(ranks.size());
    wanted = wanted_large.data();
  }
  std::size_t bucket = 0, below = 0;  // values in buckets before `bucket`
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    assert(ranks[i] < n);
    while (below + counts[bucket] <= ranks[i]) below += counts[bucket++];
    wanted[i] = {bucket, ranks[i] - below};
  }

  // Gather the keys of the wanted buckets (a few distinct ones).
  thread_local std::vector<std::vector<std::uint64_t>> gathered;
  std::array<std::uint8_t, kBuckets> slot{};  // 0: not wanted, else 1 + index into gathered
  std::size_t slots = 0;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (slot[wanted[i].bucket] == 0 && slots < 255) slot[wanted[i].bucket] = static_cast<std::uint8_t>(++slots);
  }
  if (slots >= 255) return by_partition(values, ranks, out);  // hundreds of ranks: not our use
  if (gathered.size() < slots) gathered.resize(slots);
  for (std::size_t s = 0; s < slots; ++s) gathered[s].clear();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = key(i);
    if (const std::uint8_t s = slot[bucket_of(k)]) gathered[s - 1u].push_back(k);
  }
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    auto& g = gathered[slot[wanted[i].bucket] - 1u];
    const auto at = g.begin() + static_cast<std::ptrdiff_t>(wanted[i].local);
    std::nth_element(g.begin(), at, g.end());
    std::memcpy(&out[i], &*at, sizeof out[i]);
  }
}

}  // namespace gpai
