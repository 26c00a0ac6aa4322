#pragma once
// Deterministic generator of realistic hardware logs in every format the
// readers accept, of any size, with injectable faults, for tests and
// benchmarks (`gpai-eval synth-logs`). Same options, same bytes.
//
// The summary carries the ground truth the readers should recover: the
// accelerator-seconds the documented interval policy gives (each sample
// covers the time to the next sample of its GPU, capped at 2 x the sampling
// interval; the last one covers one interval), and how many faults of each
// kind were written.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gpai/io/telemetry.hpp"

namespace gpai::io {

// The formats the generator writes (a subset of the readers' registry, by the
// same names): a writer is separate from a reader, so a new log format need
// not come with one.
enum class SynthFormat { sacct, dcgm_csv, prometheus, nvidia_smi, dcgmi_dmon, generic_csv };

// A --log-format name or alias of a format the generator writes; nullopt otherwise.
std::optional<SynthFormat> parse_synth_format(std::string_view text);

struct SynthFaults {
  double gap_rate = 0;            // per GPU and round: the next 3 samples go missing
  double duplicate_rate = 0;      // per row: written twice
  double bad_row_rate = 0;        // per row: a corrupted copy is written instead
  double counter_reset_rate = 0;  // per GPU and round: the energy counter restarts at 0
  double skew_seconds = 0;        // the last host's clock runs this far behind
  bool truncate_last_line = false;
  std::string mixed_accelerator;  // the last host has this model instead
};

struct SynthOptions {
  SynthFormat format = SynthFormat::dcgm_csv;
  std::size_t hosts = 2;
  std::size_t gpus_per_host = 8;
  double interval_seconds = 10;
  double duration_seconds = 3600;
  std::optional<std::uint64_t> target_bytes;  // stop at the first whole round past this size
  double start_unix_s = 1740787200;           // 2025-03-01T00:00:00Z
  std::string accelerator = "NVIDIA H100 80GB HBM3";
  double tensor_active = 0.55;  // mean readings; each sample varies around them
  double sm_active = 0.9;
  double occupancy = 1.0;
  double power_w = 650;
  std::uint64_t seed = 1;
  bool gzip = false;
  SynthFaults faults;
};

struct SynthSummary {
  std::uint64_t rows = 0;   // data rows written (sacct: job and step lines)
  std::uint64_t bytes = 0;  // uncompressed
  double expected_accelerator_seconds = 0;
  std::uint64_t gaps = 0, duplicates = 0, bad_rows = 0, counter_resets = 0;
  std::uint64_t jobs = 0, steps = 0;  // sacct
};

// Writes to `path` ("-" is standard output). Throws UsageError for options
// that make no sense and InputError when the file cannot be written.
SynthSummary write_synthetic_log(const std::string& path, const SynthOptions& options);

}  // namespace gpai::io
