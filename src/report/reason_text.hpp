#pragma once
// Texts of the core's reasons, from the message catalogue (private to gpai_report).
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "gpai/decision.hpp"
#include "gpai/messages.hpp"

namespace gpai::report {

// Extra named texts a reporter supplies itself (e.g. a reason inside a reason).
using TextArgs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// The text of `r` (empty for an empty reason). {cite} is the reason's
// citation. A code or value the catalogue lacks is an InternalError: the
// catalogue test renders every code the core records.
std::string reason_text(const MessageCatalogue& messages, const Reason& r, TextArgs extra = {});
// A message without values of its own (a label, an article).
std::string message_text(const MessageCatalogue& messages, std::string_view code, TextArgs extra = {});

}  // namespace gpai::report
