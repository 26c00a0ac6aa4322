#pragma once
// Sampled propagation: expressions over closed forms whose law is not known
// in closed form, evaluated by replicated Latin hypercube draws. Private to
// gpai_core; gpai/uncertainty.hpp documents the method.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "gpai/uncertainty.hpp"

namespace gpai::detail {

struct Expression {
  enum class Op : std::uint8_t { form, values, add, mul, min };
  Op op = Op::form;
  LogNormalForm form;                     // op == form
  std::vector<double> values;             // op == values: an empirical distribution
  std::shared_ptr<const Expression> lhs;  // add, mul, min
  std::shared_ptr<const Expression> rhs;  // add, mul
  double cap = 0;                         // op == min

  mutable std::once_flag summarised;
  mutable DistributionSummary summary;
};

std::shared_ptr<const Expression> leaf(const LogNormalForm& f);
std::shared_ptr<const Expression> empirical(std::vector<double> values);
std::shared_ptr<const Expression> combine(Expression::Op op, std::shared_ptr<const Expression> a,
                                          std::shared_ptr<const Expression> b, double cap = 0);

// Percentiles and, for each threshold, P(> threshold): exact when the
// expression is an increasing function of one input, else sampled with the
// count grown until config's targets hold (see Draws::summary, Draws::against).
DistributionSummary summarise(const Expression& e, const MonteCarloConfig& config, std::span<Exceedance> thresholds);
bool single_input_monotone(const Expression& e);

// n draws of the expression (Latin hypercube, in the replicated blocks
// summarise() uses).
std::vector<double> realise(const Expression& e, const MonteCarloConfig& config, std::size_t n);

// Standard normal quantile Phi^-1(p), p in (0, 1) (Acklam's rational
// approximation, relative error < 1.2e-9).
double normal_quantile(double p);
// 1 - Phi(z), accurate in the tails.
double normal_upper_tail(double z);

}  // namespace gpai::detail
