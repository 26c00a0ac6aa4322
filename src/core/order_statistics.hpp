#pragma once
// Order statistics (k-th smallest values) of Monte Carlo draws. Private to
// gpai_core: the percentiles of gpai/uncertainty.hpp are built on it.

#include <cstddef>
#include <span>

namespace gpai {

// out[i] = the ranks[i]-th smallest value (0-based) of `values`, exactly as a
// full sort would give it. `ranks` ascending, each < values.size().
void order_statistics(std::span<const double> values, std::span<const std::size_t> ranks, double* out);

}  // namespace gpai
