// A user catalogue (--catalogue FILE) extends ours: same strict reader, but
// its errors are the user's (exit 2) and name the user's file and pointer.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/error.hpp"
#include "gpai/io/data_files.hpp"

using namespace gpai;
namespace fs = std::filesystem;

namespace {

std::string user_file(const std::string& name, const std::string& accelerators) {
  const fs::path p = fs::temp_directory_path() / ("gpai-catalogue-" + std::to_string(::getpid()) + "-" + name + ".json");
  std::ofstream(p) << R"({"schema": "gpai-accelerators/1", "version": "site-1", "accelerators": [)" << accelerators
                   << "]}";
  return p.string();
}

const char* kChip = R"({"id": "Site-X1", "vendor": "Site", "name": "Site X1 accelerator", "aliases": ["SITE X1 rev-b"],
  "default_precision": "bf16", "peak_flop_per_s_dense": {"bf16": 4e14, "fp8": 8e14},
  "memory_gb": 64, "tdp_w": 500, "source": "our vendor's datasheet rev b"})";

// The error a user file gives, with its exit code.
std::pair<ExitCode, std::string> user_error(const std::string& accelerators) {
  const std::string path = user_file("bad", accelerators);
  try {
    io::extend_accelerator_catalogue(test::data().catalogue, path);
  } catch (const Error& e) {
    fs::remove(path);
    return {e.exit_code(), e.what()};
  }
  fs::remove(path);
  return {ExitCode::success, ""};
}

}  // namespace

TEST_CASE("a user catalogue adds entries and replaces shipped ones by id", "[data][catalogue]") {
  const auto& shipped = test::data().catalogue;
  const std::string path = user_file("ok", std::string(kChip) + R"(, {"id": "H100-SXM", "vendor": "NVIDIA",
    "name": "H100 SXM at our 500 W cap", "aliases": ["NVIDIA H100 80GB HBM3"], "default_precision": "bf16",
    "peak_flop_per_s_dense": {"bf16": 7e14}, "tdp_w": 500, "source": "measured at our power cap"})");
  const AcceleratorCatalogue cat = io::extend_accelerator_catalogue(shipped, path);
  fs::remove(path);

  CHECK(cat.specs().size() == shipped.specs().size() + 1);
  const AcceleratorSpec* added = cat.find("site x1 REV B");
  REQUIRE(added);
  CHECK(added->id == "Site-X1");
  CHECK(added->origin == SpecOrigin::user_added);
  CHECK(added->origin_file == path);
  CHECK(*added->peak_flop_per_s(Precision::fp8) == Approx(8e14));

  const AcceleratorSpec* replaced = cat.find("NVIDIA H100 80GB HBM3");
  REQUIRE(replaced);
  CHECK(replaced->origin == SpecOrigin::user_override);
  CHECK(*replaced->peak_flop_per_s(Precision::bf16) == Approx(7e14));
  CHECK_FALSE(replaced->peak_flop_per_s(Precision::fp8));  // the whole entry is replaced
  CHECK(cat.find("H100 SXM5") == nullptr);                 // a shipped alias the user entry dropped
  CHECK(&cat.specs()[6] == replaced);                      // in the shipped entry's place
  CHECK(cat.find("H100-PCIe")->origin == SpecOrigin::shipped);
  CHECK(cat.version().rfind(shipped.version() + " + ", 0) == 0);
  CHECK(cat.version().find("site-1") != std::string::npos);
}

TEST_CASE("a bad user catalogue is the user's input error, located in their file", "[data][catalogue][bad_input]") {
  auto expect = [](const std::string& accelerators, const std::string& pointer, const std::string& says) {
    const auto [code, message] = user_error(accelerators);
    INFO(message);
    CHECK(code == ExitCode::input_error);  // not rule_data_error: it is not our data
    // Syntax-level errors (a duplicate key) carry line and column instead of a pointer.
    CHECK(message.find(pointer.empty() ? std::string(".json:") : ".json: " + pointer) != std::string::npos);
    CHECK(message.find(says) != std::string::npos);
  };
  const std::string chip(kChip);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = chip;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  expect(with(R"("memory_gb")", R"("memroy_gb")"), "/accelerators/0/memroy_gb", "unknown key \"memroy_gb\"");
  expect(with(R"("tdp_w": 500)", R"("tdp_w": 500, "tdp_w": 600)"), "", "duplicate key \"tdp_w\"");
  expect(with(R"(, "source": "our vendor's datasheet rev b")", ""), "/accelerators/0/source", "required");
  expect(with(R"("source": "our vendor's datasheet rev b")", R"("source": " ")"), "/accelerators/0/source", "datasheet");
  expect(with(R"("bf16": 4e14)", R"("bf16": -4e14)"), "/accelerators/0/peak_flop_per_s_dense/bf16", "positive");
  expect(with(R"("bf16": 4e14)", R"("bf16": "inf")"), "/accelerators/0/peak_flop_per_s_dense/bf16", "");
  expect(with(R"("bf16": 4e14)", R"("bf16": 4e14, "fp4": 1e15)"), "/accelerators/0/peak_flop_per_s_dense/fp4",
         "unknown precision key fp4");
  expect(with(R"("default_precision": "bf16")", R"("default_precision": "int8")"), "/accelerators/0/default_precision",
         "one of the chip's peaks");
  expect(with(R"(["SITE X1 rev-b"])", R"(["SITE X1 rev-b", " - "])"), "/accelerators/0/aliases/1", "letter or digit");
  expect(chip + ", " + chip, "/accelerators/1/id", "duplicate id Site-X1");
  expect(chip + ", " + with(R"("id": "Site-X1")", R"("id": "Site-X2")"), "/accelerators/1/name",
         "also names Site-X1");
  // A name of a different shipped entry: both are named, and how to replace it.
  const auto [code, message] = user_error(with(R"(["SITE X1 rev-b"])", R"(["SITE X1 rev-b", "NVIDIA H100 80GB HBM3"])"));
  CHECK(code == ExitCode::input_error);
  CHECK(message.find("/accelerators/0/aliases/1") != std::string::npos);
  CHECK(message.find("Site-X1") != std::string::npos);
  CHECK(message.find("H100-SXM") != std::string::npos);
  CHECK(message.find("give your entry the id \"H100-SXM\"") != std::string::npos);
  // Not a catalogue at all.
  const std::string wrong = (fs::temp_directory_path() / ("gpai-catalogue-" + std::to_string(::getpid()) + "-schema.json")).string();
  std::ofstream(wrong) << R"({"schema": "gpai-eval/model-card/1", "name": "x"})";
  try {
    io::extend_accelerator_catalogue(test::data().catalogue, wrong);
    FAIL("a model card was accepted as a catalogue");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("/schema") != std::string::npos);
  }
  fs::remove(wrong);
  CHECK_THROWS_AS(io::extend_accelerator_catalogue(test::data().catalogue, "/nonexistent/catalogue.json"), InputError);
}

TEST_CASE("a listing filter selects by the catalogue's own name matching", "[data][catalogue]") {
  const auto& cat = test::data().catalogue;
  auto ids = [&](const char* q) {
    std::vector<std::string> out;
    for (const AcceleratorSpec* s : cat.matching(q)) out.push_back(s->id);
    return out;
  };
  CHECK(ids("NVIDIA H100 80GB HBM3") == std::vector<std::string>{"H100-SXM"});  // resolves exactly
  CHECK(ids("a10") == std::vector<std::string>{"A10"});                        // exact beats substring
  CHECK(ids("h100") == std::vector<std::string>{"H100-SXM", "H100-PCIe", "H100-NVL"});
  const auto amd = ids("AMD");
  CHECK(amd.size() == 6);
  CHECK(std::find(amd.begin(), amd.end(), "MI355X") != amd.end());
  CHECK(ids("trainium").size() == 2);
  CHECK(ids("zzz").empty());
  CHECK(ids("").empty());
}
