#pragma once
// classify --interactive: asks the questions that can still change the
// outcome, one at a time in the guide's order, and returns the card built
// from the answers. Reads answers line by line, so it works with a terminal
// and with answers piped on standard input (how it is tested); end of input
// stops the questions and leaves the rest unknown.
#include <iosfwd>
#include <string>

#include "gpai/messages.hpp"
#include "gpai/system_card.hpp"
#include "gpai/system_rules.hpp"

namespace gpai::cli {

SystemCard interview(std::istream& in, std::ostream& out, SystemCard start, const SystemRuleSet& rules,
                     const MessageCatalogue& messages, Date as_of, const std::string& language);

}  // namespace gpai::cli
