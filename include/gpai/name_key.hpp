#pragma once
// Matching names as people and tools write them: "NVIDIA H100 80GB HBM3",
// "GPQA-Diamond", "Cyber offence" all compare by their lower-case letters and
// digits only.
#include <string>
#include <string_view>

namespace gpai {

// Lower-case ASCII letters and digits of `name`, everything else dropped.
std::string name_key(std::string_view name);

}  // namespace gpai
