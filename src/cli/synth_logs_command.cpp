// gpai-eval synth-logs: write realistic hardware logs with injectable faults.
#include <iostream>
#include <limits>

#include "command.hpp"
#include "gpai/error.hpp"
#include "gpai/io/log_synth.hpp"

namespace gpai::cli {
namespace {

// The generator refuses more GPUs in all; each count alone is bounded first,
// so that hosts x GPUs per host cannot wrap around.
constexpr std::size_t kMaxSynthGpus = 1'000'000;

// A byte count such as 2G.
double size_bytes(const std::string& text) {
  std::string why;
  const auto v = parse_quantity(text, &why);
  if (!v || *v <= 0) {
    throw UsageError("--size: expected a positive number of bytes like 500M or 2G, found '" + text + "'" +
                     (why.empty() ? std::string() : " (" + why + ")"));
  }
  return *v;
}

// A fault rate is the probability that a row (or sample) is affected.
double rate(const std::string& fault, const std::string& text) {
  std::string why;
  const auto v = parse_quantity(text, &why);
  if (!v || *v < 0 || *v > 1) {
    throw UsageError("--faults " + fault + ": expected a rate from 0 to 1 (the share of rows affected, e.g. 0.001), "
                     "found '" + text + "'" + (why.empty() ? std::string() : " (" + why + ")"));
  }
  return *v;
}

// "gaps=0.001,duplicates=0.001,bad-rows=1e-4,resets=1e-4,skew=30,truncate,mixed=NVIDIA A100-SXM4-80GB"
io::SynthFaults parse_faults(const std::string& text) {
  io::SynthFaults f;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    const std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    pos = comma == std::string::npos ? text.size() + 1 : comma + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const std::string key = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (key == "truncate") f.truncate_last_line = true;
    else if (key == "mixed") f.mixed_accelerator = value.empty() ? "NVIDIA A100-SXM4-80GB" : value;
    else if (key == "gaps") f.gap_rate = rate(key, value);
    else if (key == "duplicates") f.duplicate_rate = rate(key, value);
    else if (key == "bad-rows") f.bad_row_rate = rate(key, value);
    else if (key == "resets") f.counter_reset_rate = rate(key, value);
    else if (key == "skew") f.skew_seconds = parse_duration_seconds("faults skew", value, /*allow_zero=*/true);
    else throw UsageError("--faults: unknown fault '" + key + "' (gaps, duplicates, bad-rows, resets, skew, truncate, mixed)");
  }
  return f;
}

}  // namespace

int run_synth_logs(const Invocation& inv) {
  io::SynthOptions o;
  std::string out = "-", format = "dcgm-csv";
  po::options_description desc(
      "gpai-eval synth-logs [options]\n\n"
      "Writes deterministic synthetic hardware logs (same options, same bytes) for tests and benchmarks.\n"
      "A one-line JSON summary with the ground truth goes to standard error");
  desc.add_options()("help,h", "show this help")
      ("format", po::value(&format)->default_value(format), "dcgm-csv, prometheus, nvidia-smi, dcgmi-dmon, sacct, csv")
      ("out,o", po::value(&out)->default_value(out), "output file (- for standard output)")
      ("gzip", po::bool_switch(&o.gzip), "gzip the output")
      ("hosts", whole_number("hosts", &o.hosts, std::size_t{1}, kMaxSynthGpus), "hosts")
      ("gpus-per-host", whole_number("gpus-per-host", &o.gpus_per_host, std::size_t{1}, kMaxSynthGpus), "GPUs per host")
      ("interval", po::value<std::string>(), "sampling interval: seconds, or with s, m, h, d (default 10s)")
      ("duration", po::value<std::string>(), "time covered: seconds, or with s, m, h, d (default 1h; e.g. 15m, 90d)")
      ("size", po::value<std::string>(), "stop after about this many bytes instead (e.g. 2G)")
      ("start", po::value<std::string>(), "start time (default 2025-03-01T00:00:00Z)")
      ("accelerator", po::value(&o.accelerator)->default_value(o.accelerator), "model name as the tools print it")
      ("tensor-active", po::value(&o.tensor_active)->default_value(o.tensor_active), "mean tensor-active reading")
      ("power", po::value(&o.power_w)->default_value(o.power_w), "mean power per GPU, W")
      ("seed", whole_number("seed", &o.seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max()), "random seed")
      ("faults", po::value<std::string>(), "gaps=RATE,duplicates=RATE,bad-rows=RATE,resets=RATE (rates from 0 to 1),skew=DURATION,truncate,mixed[=MODEL]");
  po::variables_map vm;
  parse_or_throw("synth-logs", inv, desc, po::positional_options_description{}, vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  const auto f = io::parse_synth_format(format);
  if (!f) {
    throw UsageError("--format: expected dcgm-csv, prometheus, nvidia-smi, dcgmi-dmon, sacct or csv");
  }
  o.format = *f;
  if (vm.count("interval")) o.interval_seconds = parse_duration_seconds("interval", vm["interval"].as<std::string>());
  if (vm.count("duration")) o.duration_seconds = parse_duration_seconds("duration", vm["duration"].as<std::string>());
  if (vm.count("size")) o.target_bytes = static_cast<std::uint64_t>(size_bytes(vm["size"].as<std::string>()));
  if (vm.count("start")) {
    const auto t = io::parse_wall_clock(vm["start"].as<std::string>());
    if (!t) throw UsageError("--start: expected a date or time like 2025-03-01T00:00:00Z");
    o.start_unix_s = *t;
  }
  if (vm.count("faults")) o.faults = parse_faults(vm["faults"].as<std::string>());
  const io::SynthSummary s = io::write_synthetic_log(out, o);
  std::cerr << "{\"rows\": " << s.rows << ", \"bytes\": " << s.bytes
            << ", \"expected_accelerator_hours\": " << s.expected_accelerator_seconds / 3600 << ", \"gaps\": " << s.gaps
            << ", \"duplicates\": " << s.duplicates << ", \"bad_rows\": " << s.bad_rows
            << ", \"counter_resets\": " << s.counter_resets << ", \"jobs\": " << s.jobs << ", \"steps\": " << s.steps
            << "}\n";
  if (o.format == io::SynthFormat::generic_csv) {
    std::cerr << "audit with: --columns time=ts,host=node,gpu=gpu,accelerator=model,occupancy=busy_pct,"
                 "tensor_active=tensor,power=watts,energy=energy_mj\n";
  }
  return 0;
}

}  // namespace gpai::cli
