#pragma once
// Helpers for the log-ingestion tests: the shipped accelerator catalogue and
// the small hand-written logs in tests/fixtures/logs/.
#include <string>
#include <string_view>
#include <vector>

#include "gpai/error.hpp"
#include "gpai/io/data_files.hpp"
#include "gpai/io/telemetry.hpp"

namespace gpai::test {

inline const AcceleratorCatalogue& shipped_catalogue() {
  static const AcceleratorCatalogue c =
      io::load_accelerator_catalogue(std::string(GPAI_TEST_DATA_DIR) + "/hardware/accelerators.json");
  return c;
}

inline std::string log_fixture(std::string_view name) {
  return std::string(GPAI_TEST_DIR) + "/fixtures/logs/" + std::string(name);
}

inline io::LogIngestion ingest_fixtures(const std::vector<std::string>& names, io::IngestOptions options = {}) {
  std::vector<std::string> paths;
  for (const auto& n : names) paths.push_back(log_fixture(n));
  return io::ingest_logs(paths, options, shipped_catalogue());
}

inline const AcceleratorUsage* usage_of(const LogEvidence& e, std::string_view id) {
  for (const auto& a : e.accelerators) {
    if (a.accelerator == id) return &a;
  }
  return nullptr;
}

}  // namespace gpai::test
