#pragma once
// Accelerator specifications: dense peak throughput per numeric precision.
// The values come from data/hardware/accelerators.json (each with a source);
// this header only defines the shape and the name lookup.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpai {

enum class Precision { fp64, fp32, tf32, bf16, fp16, fp8, int8 };

// Accepts "bf16", "bfloat16", "fp16", "float16", "half", "fp8", "e4m3", "e5m2",
// "fp32", "float32", "tf32", "fp64", "float64", "int8" (case-insensitive).
std::optional<Precision> parse_precision(std::string_view text);
std::string_view to_string(Precision p);

// Where a catalogue entry comes from: our data file, or a user file given
// with --catalogue that adds an entry or replaces one of ours with the same id.
enum class SpecOrigin { shipped, user_added, user_override };
std::string_view to_string(SpecOrigin origin);

struct AcceleratorSpec {
  std::string id;    // canonical id, e.g. "H100-SXM"
  std::string vendor;
  std::string name;  // full marketing name
  std::vector<std::string> aliases;  // names real tools print
  std::map<Precision, double> peak_flop_per_s_dense;  // FLOP/s per chip, dense
  Precision default_precision = Precision::bf16;
  std::optional<double> memory_gb;
  std::optional<double> tdp_w;
  std::string source;
  std::string notes;
  SpecOrigin origin = SpecOrigin::shipped;
  std::string origin_file;  // the user file, for entries not shipped

  // Dense peak at a precision; nullopt when the chip has no such figure.
  std::optional<double> peak_flop_per_s(Precision p) const;
};

class AcceleratorCatalogue {
 public:
  AcceleratorCatalogue() = default;
  AcceleratorCatalogue(std::vector<AcceleratorSpec> specs, std::string version);

  // Case-, space-, hyphen- and underscore-insensitive match on id, name or
  // alias, also after dropping a vendor prefix ("NVIDIA", "Tesla", "AMD
  // Instinct", "Google", "Intel", "AWS", "Amazon"). nullptr when nothing
  // matches exactly.
  const AcceleratorSpec* find(std::string_view name) const;
  // The entries a listing filter selects, in catalogue order: the one entry
  // `find` resolves the query to; else every entry whose id, name or alias
  // contains it (normalised as `find` does) or whose vendor it names.
  std::vector<const AcceleratorSpec*> matching(std::string_view query) const;
  // Up to `max` ids whose names contain the query or are a few edits away,
  // closest first: for "unknown accelerator" messages.
  std::vector<std::string> close_matches(std::string_view name, std::size_t max = 5) const;

  const std::vector<AcceleratorSpec>& specs() const noexcept { return specs_; }
  const std::string& version() const noexcept { return version_; }

 private:
  std::vector<AcceleratorSpec> specs_;
  std::map<std::string, std::size_t> index_;  // normalised name -> spec
  std::string version_;
};

// The normalised key used for matching ("NVIDIA H100 80GB HBM3" -> "h10080gbhbm3").
std::string normalise_accelerator_name(std::string_view name);

}  // namespace gpai
