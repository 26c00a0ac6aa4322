#pragma once
// The compute estimate's texts, made from what each method recorded
// (MethodBasis) through the message catalogue (private to gpai_report).
#include <string>
#include <string_view>
#include <vector>

#include "gpai/messages.hpp"
#include "gpai/training_compute.hpp"

namespace gpai::report {

// "6 x 405B parameters x 15.6T tokens": what the method multiplied.
std::string method_formula(const MessageCatalogue& m, std::string_view method, const MethodBasis& b);
// The JSON pointers of the card inputs the method read.
std::vector<std::string> method_inputs(std::string_view method, const MethodBasis& b);
// What the method assumed, in the order reports list it.
std::vector<std::string> method_assumptions(const MessageCatalogue& m, std::string_view method, const MethodBasis& b);
// The compute ledger's reason for counting the phase, and its source.
std::string ledger_reason(const PhaseEstimate& p);
std::string ledger_source(const PhaseEstimate& p);

}  // namespace gpai::report
