#pragma once
// Statuses as a reader sees them in text reports. The JSON keeps the stable
// enum spellings (`not_presumed`); text says "not presumed".
#include <string>
#include <string_view>

#include "gpai/verdicts.hpp"

namespace gpai::report {

inline std::string status_label(std::string_view status) {
  std::string out(status);
  for (char& c : out) c = c == '_' ? ' ' : c;
  return out;
}

// "GPAI model: yes" reads better than "GPAI model: gpai".
inline std::string gpai_status_label(GpaiStatus status) {
  if (status == GpaiStatus::gpai) return "yes";
  if (status == GpaiStatus::not_gpai) return "no";
  return status_label(to_string(status));
}

}  // namespace gpai::report
