#include "gpai/name_key.hpp"

#include <cctype>

namespace gpai {

std::string name_key(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

}  // namespace gpai
