#pragma once
// Magnitude checks on a card's compute inputs. Each input is finite on its
// own, but the products an estimate forms from them need not be: 1e300
// parameters x 1e300 tokens is inf FLOP, which compared "above" the threshold
// and became a verdict. Adapters run this after reading a card, while they
// still know where each input came from, and turn a finding into a located
// input error (the core refuses a non-finite estimate too, as a last resort).

#include <optional>
#include <string>

#include "gpai/audit.hpp"
#include "gpai/hardware_catalogue.hpp"
#include "gpai/model_card.hpp"

namespace gpai {

// No FLOP figure a card states or implies may exceed this. The largest
// training runs are near 1e27 FLOP; a bound far below the double range
// (1.8e308) also keeps sums over phases and the arithmetic on them finite.
inline constexpr double kMaxPlausibleFlop = 1e40;

// Monte Carlo draws of an interval reach beyond its high end (a log-normal
// tail): the product of the factors' far tails must stay below this, or the
// draws themselves could overflow to inf (or to NaN against an exact 0).
inline constexpr double kMaxDrawnFlop = 1e300;

struct ImplausibleInput {
  std::string pointer;   // the input to correct: the largest or widest factor
  std::string field;     // its name: the pointer's last token
  std::string expected;  // what the value must allow
  std::string found;     // the product it implies
};

// The first input (phases in order, then the card's stated totals) whose
// product with the others of a method exceeds kMaxPlausibleFlop: k N D with
// k = 6 (the largest factor of the ledger), the attention term of the Kaplan
// count, the stated operation count, accelerator time x 3600 x the chip's
// highest dense peak, count x hours likewise; or whose interval is so wide
// that the draws could overflow. nullopt when every product is in range.
std::optional<ImplausibleInput> find_implausible_compute_input(const ModelCard& card,
                                                               const AcceleratorCatalogue& catalogue);

// The audit's own card facts, likewise: energy_kwh x 3.6e6 J/kWh x the
// catalogue's highest FLOP per joule of TDP, and cost_usd / price x 3600 x
// the catalogue's highest peak (the card need not name the chip).
std::optional<ImplausibleInput> find_implausible_audit_input(const AuditClaim& claim,
                                                             const AcceleratorCatalogue& catalogue);

}  // namespace gpai
