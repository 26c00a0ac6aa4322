// Synthetic hardware logs: every reader's format, any size, seeded faults.
// Rows are formatted by hand into a 1 MiB buffer so that multi-GB files for
// the benchmark take seconds, not minutes.
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/error.hpp"
#include "gpai/io/log_synth.hpp"

namespace gpai::io {
namespace {

class Out {
 public:
  explicit Out(const std::string& path, bool gzip) : path_(path) {
    if (gzip) {
      gz_ = path == "-" ? ::gzdopen(1, "wb6") : ::gzopen(path.c_str(), "wb6");
      if (!gz_) throw InputError(SourceLocation{path, 0, 0, ""}, "cannot open for writing");
    } else {
      file_ = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
      if (!file_) throw InputError(SourceLocation{path, 0, 0, ""}, "cannot open for writing");
    }
    buf_.reserve(kBlock + 4096);
  }
  ~Out() {
    if (gz_) ::gzclose(static_cast<gzFile>(gz_));
    if (file_ && file_ != stdout) std::fclose(file_);
  }
  // Lines are appended whole; the buffer is flushed before a line, so the
  // last line is always still here for truncate_last_line().
  void line(std::string_view s) {
    if (buf_.size() > kBlock) flush();
    buf_.append(s);
    bytes_ += s.size();
  }
  void truncate_last_line() {
    if (buf_.size() < 2) return;
    const auto prev = buf_.rfind('\n', buf_.size() - 2);
    const std::size_t start = prev == std::string::npos ? 0 : prev + 1;
    const std::size_t cut = start + (buf_.size() - start) / 2;
    bytes_ -= buf_.size() - cut;
    buf_.resize(cut);
  }
  void finish() {
    flush();
    if (file_) std::fflush(file_);
  }
  std::uint64_t bytes() const { return bytes_; }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  void flush() {
    if (buf_.empty()) return;
    const bool ok = gz_ ? ::gzwrite(static_cast<gzFile>(gz_), buf_.data(), static_cast<unsigned>(buf_.size())) > 0
                        : std::fwrite(buf_.data(), 1, buf_.size(), file_) == buf_.size();
    if (!ok) throw InputError(SourceLocation{path_, 0, 0, ""}, "write failed");
    buf_.clear();
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  void* gz_ = nullptr;
  std::string buf_;
  std::uint64_t bytes_ = 0;
};

// splitmix64: fast, and its sequence is fixed by its definition.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return p > 0 && uniform() < p; }
};

// Small append-only text builder over a stack buffer.
struct Row {
  char buf[4096];
  std::size_t n = 0;
  Row& s(std::string_view v) {
    std::memcpy(buf + n, v.data(), v.size());
    n += v.size();
    return *this;
  }
  Row& c(char ch) {
    buf[n++] = ch;
    return *this;
  }
  Row& i(std::uint64_t v) {
    n = static_cast<std::size_t>(std::to_chars(buf + n, buf + sizeof buf, v).ptr - buf);
    return *this;
  }
  Row& f(double v, int decimals) {
    n = static_cast<std::size_t>(std::to_chars(buf + n, buf + sizeof buf, v, std::chars_format::fixed, decimals).ptr - buf);
    return *this;
  }
  std::string_view view() const { return {buf, n}; }
};

struct Gpu {
  std::size_t host, index;
  std::string uuid, model;
  double energy_mj = 0;
  int skip_rounds = 0;
  double last_good_energy = -1;
  double last_t = -1;
  std::uint64_t dmon_rows = 0;
};

// "2025-03-01T00:00:10Z" or "2025/03/01 00:00:10.000" (nvidia-smi).
std::string stamp(double t, bool smi) {
  const auto days = static_cast<long>(std::floor(t / 86400));
  const double sod = t - static_cast<double>(days) * 86400;
  std::string d = Date::from_days(days).to_string();
  if (smi) {
    d[4] = '/';
    d[7] = '/';
  }
  const auto secs = static_cast<int>(sod);
  const int ms = static_cast<int>(std::lround((sod - secs) * 1000)) % 1000;
  char buf[32];
  if (smi) std::snprintf(buf, sizeof buf, " %02d:%02d:%02d.%03d", secs / 3600, secs / 60 % 60, secs % 60, ms);
  else if (ms) std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03dZ", secs / 3600, secs / 60 % 60, secs % 60, ms);
  else std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", secs / 3600, secs / 60 % 60, secs % 60);
  return d + buf;
}

std::string host_name(std::size_t h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "node%04zu", h + 1);
  return buf;
}

double jitter(Rng& r, double mean, double spread) {
  return std::clamp(mean + spread * (2 * r.uniform() - 1), 0.0, 1.0);
}

void write_sacct(const SynthOptions& o, Out& out, Rng& rng, SynthSummary& sum) {
  out.line("JobID|JobName|Partition|Start|End|Elapsed|AllocTRES|State|NodeList\n");
  const std::uint64_t gpus = o.hosts * o.gpus_per_host;
  double t = o.start_unix_s;
  for (std::uint64_t job = 1000;; ++job) {
    if (o.target_bytes ? out.bytes() >= *o.target_bytes : t >= o.start_unix_s + o.duration_seconds) break;
    const double elapsed = std::round(3600 + 11 * 3600 * rng.uniform());
    const double u = rng.uniform();
    const char* state = u < 0.05 ? "FAILED" : u < 0.07 ? "CANCELLED by 1001" : "COMPLETED";
    char elapsed_text[32];
    const auto e = static_cast<long>(elapsed);
    std::snprintf(elapsed_text, sizeof elapsed_text, "%02ld:%02ld:%02ld", e / 3600, e / 60 % 60, e % 60);
    std::string tres = "billing=" + std::to_string(gpus * 16) + ",cpu=" + std::to_string(gpus * 16) +
                       ",gres/gpu=" + std::to_string(gpus) + ",mem=" + std::to_string(o.hosts * 1000) + "G,node=" +
                       std::to_string(o.hosts);
    const std::string nodes = "node[0001-" + host_name(o.hosts - 1).substr(4) + "]";
    const std::string start = stamp(t, false).substr(0, 19), end = stamp(t + elapsed, false).substr(0, 19);
    auto job_line = [&](const std::string& id, const std::string& name, const std::string& el) {
      out.line(id + "|" + name + "|gpu|" + start + "|" + end + "|" + el + "|" + tres + "|" + state + "|" + nodes + "\n");
      ++sum.rows;
    };
    if (rng.chance(o.faults.bad_row_rate)) {
      job_line(std::to_string(job), "train", "xx:yy");
      ++sum.bad_rows;
    } else {
      job_line(std::to_string(job), "train", elapsed_text);
      ++sum.jobs;
      sum.expected_accelerator_seconds += static_cast<double>(gpus) * elapsed;
      if (rng.chance(o.faults.duplicate_rate)) {
        job_line(std::to_string(job), "train", elapsed_text);
        ++sum.duplicates;
      }
    }
    for (const char* step : {".batch", ".extern", ".0"}) {
      job_line(std::to_string(job) + step, step + 1, elapsed_text);
      ++sum.steps;
    }
    t += elapsed + 60;
  }
}

}  // namespace

std::optional<SynthFormat> parse_synth_format(std::string_view text) {
  static constexpr std::pair<std::string_view, SynthFormat> kNames[] = {
      {"sacct", SynthFormat::sacct},           {"dcgm-csv", SynthFormat::dcgm_csv},
      {"prometheus", SynthFormat::prometheus}, {"nvidia-smi", SynthFormat::nvidia_smi},
      {"dcgmi-dmon", SynthFormat::dcgmi_dmon}, {"csv", SynthFormat::generic_csv},
  };
  const auto name = parse_log_format(text);
  for (const auto& [n, f] : kNames) {
    if (name && *name == n) return f;
  }
  return std::nullopt;
}

SynthSummary write_synthetic_log(const std::string& path, const SynthOptions& o) {
  if (o.hosts == 0 || o.gpus_per_host == 0 || o.hosts * o.gpus_per_host > 1000000) {
    throw UsageError("synth-logs: hosts and GPUs per host must be at least 1 (and at most 1e6 GPUs)");
  }
  if (!(o.interval_seconds > 0) || !(o.duration_seconds > 0)) {
    throw UsageError("synth-logs: the interval and the duration must be positive");
  }
  Out out(path, o.gzip);
  Rng rng{o.seed};
  SynthSummary sum;
  if (o.format == SynthFormat::sacct) {
    write_sacct(o, out, rng, sum);
    if (o.faults.truncate_last_line) out.truncate_last_line();
    out.finish();
    sum.bytes = out.bytes();
    return sum;
  }
  std::vector<Gpu> gpus;
  for (std::size_t h = 0; h < o.hosts; ++h) {
    for (std::size_t g = 0; g < o.gpus_per_host; ++g) {
      char uuid[64];
      std::snprintf(uuid, sizeof uuid, "GPU-%08zx-%04zx-4000-8000-%012llx", h, g,
                    static_cast<unsigned long long>(o.seed));
      const bool mixed = !o.faults.mixed_accelerator.empty() && h + 1 == o.hosts && o.hosts > 1;
      gpus.push_back({h, g, uuid, mixed ? o.faults.mixed_accelerator : o.accelerator, 1e9 * static_cast<double>(g + 1)});
    }
  }
  const SynthFormat f = o.format;
  switch (f) {
    case SynthFormat::dcgm_csv:
      out.line("timestamp,Hostname,gpu,UUID,modelName,DCGM_FI_PROF_PIPE_TENSOR_ACTIVE,DCGM_FI_PROF_SM_ACTIVE,"
               "DCGM_FI_DEV_GPU_UTIL,DCGM_FI_DEV_POWER_USAGE,DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION\n");
      break;
    case SynthFormat::nvidia_smi: out.line("timestamp, name, index, uuid, utilization.gpu [%], power.draw [W]\n"); break;
    case SynthFormat::generic_csv: out.line("ts,node,gpu,model,busy_pct,tensor,watts,energy_mj\n"); break;
    default: break;
  }
  const bool dmon = f == SynthFormat::dcgmi_dmon;
  Row r;
  for (std::uint64_t round = 0;; ++round) {
    const double t = o.start_unix_s + static_cast<double>(round) * o.interval_seconds;
    if (o.target_bytes ? out.bytes() >= *o.target_bytes : t >= o.start_unix_s + o.duration_seconds) break;
    const std::string ts = f == SynthFormat::nvidia_smi ? stamp(t, true) : stamp(t, false);
    const std::string ts_skewed =
        o.faults.skew_seconds > 0 ? (f == SynthFormat::nvidia_smi ? stamp(t - o.faults.skew_seconds, true)
                                                                : stamp(t - o.faults.skew_seconds, false))
                                  : ts;
    if (dmon && round % 14 == 0) {
      out.line("#Entity   SMACT        TENSO        POWER             GPUTL\nID                                  W\n");
    }
    for (auto& g : gpus) {
      if (dmon && g.host > 0) continue;  // dmon watches one host
      if (g.skip_rounds > 0) {
        --g.skip_rounds;
        continue;
      }
      if (!dmon && rng.chance(o.faults.gap_rate)) {
        g.skip_rounds = 3;
        ++sum.gaps;
      }
      const bool skewed = o.faults.skew_seconds > 0 && g.host + 1 == o.hosts && o.hosts > 1;
      const double tensor = jitter(rng, o.tensor_active, 0.08), sm = jitter(rng, o.sm_active, 0.03);
      const double util = jitter(rng, o.occupancy, 0.0);
      const double power = o.power_w * (0.95 + 0.1 * rng.uniform());
      if (rng.chance(o.faults.counter_reset_rate)) {
        g.energy_mj = 0;
        // counted below when a reader can see it: a drop between two good samples
      }
      g.energy_mj += power * o.interval_seconds * 1000;
      const bool bad = rng.chance(o.faults.bad_row_rate);
      r.n = 0;
      switch (f) {
        case SynthFormat::dcgm_csv:
          r.s(skewed ? ts_skewed : ts).c(',').s(host_name(g.host)).c(',').i(g.index).c(',').s(g.uuid).c(',').s(g.model).c(',');
          if (bad) r.s("n/a?"); else r.f(tensor, 3);
          r.c(',').f(sm, 3).c(',').i(static_cast<std::uint64_t>(util * 100)).c(',').f(power, 3).c(',');
          r.i(static_cast<std::uint64_t>(g.energy_mj)).c('\n');
          break;
        case SynthFormat::nvidia_smi:
          r.s(skewed ? ts_skewed : ts).s(", ").s(g.model).s(", ").i(g.index).s(", ").s(g.uuid).s(", ");
          if (bad) r.s("lots"); else r.i(static_cast<std::uint64_t>(util * 100));
          r.s(" %, ").f(power, 2).s(" W\n");
          break;
        case SynthFormat::generic_csv:
          r.f(t - (skewed ? o.faults.skew_seconds : 0), 3).c(',').s(host_name(g.host)).c(',').i(g.index).c(',').s(g.model).c(',');
          if (bad) r.s("?"); else r.i(static_cast<std::uint64_t>(util * 100));
          r.c(',').f(tensor, 3).c(',').f(power, 2).c(',').i(static_cast<std::uint64_t>(g.energy_mj)).c('\n');
          break;
        case SynthFormat::dcgmi_dmon:
          r.s("GPU ").i(g.index).s("     ");
          if (g.dmon_rows == 0) r.s("N/A          N/A   ");
          else if (bad) r.s("0.9x0        ").f(tensor, 3);
          else r.f(sm, 3).s("        ").f(tensor, 3);
          r.s("        ").f(power, 3).s("           ").i(static_cast<std::uint64_t>(util * 100)).c('\n');
          break;
        case SynthFormat::prometheus: {
          const std::string labels = "{gpu=\"" + std::to_string(g.index) + "\",UUID=\"" + g.uuid + "\",modelName=\"" +
                                     g.model + "\",Hostname=\"" + host_name(g.host) + "\"} ";
          const auto ms = static_cast<std::uint64_t>(std::llround((t - (skewed ? o.faults.skew_seconds : 0)) * 1000));
          r.s("DCGM_FI_DEV_GPU_UTIL").s(labels).i(static_cast<std::uint64_t>(util * 100)).c(' ').i(ms).c('\n');
          r.s("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE").s(labels);
          if (bad) r.s("x"); else r.f(tensor, 6);
          r.c(' ').i(ms).c('\n');
          r.s("DCGM_FI_PROF_SM_ACTIVE").s(labels).f(sm, 6).c(' ').i(ms).c('\n');
          r.s("DCGM_FI_DEV_POWER_USAGE").s(labels).f(power, 3).c(' ').i(ms).c('\n');
          r.s("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION").s(labels).i(static_cast<std::uint64_t>(g.energy_mj)).c(' ').i(ms).c('\n');
          break;
        }
        default: throw UsageError("synth-logs: unsupported format");
      }
      out.line(r.view());
      sum.rows += f == SynthFormat::prometheus ? 5 : 1;
      ++g.dmon_rows;
      if (bad) {
        ++sum.bad_rows;
        // dmon keeps the slot's time; a lost sample elsewhere is a missing sample
        if (f == SynthFormat::dcgmi_dmon) sum.expected_accelerator_seconds += o.interval_seconds;
        if (f != SynthFormat::prometheus) continue;
      }
      if (g.last_good_energy >= 0 && g.energy_mj < g.last_good_energy) ++sum.counter_resets;
      g.last_good_energy = g.energy_mj;
      if (!dmon) {
        if (g.last_t >= 0) sum.expected_accelerator_seconds += std::min(t - g.last_t, 2 * o.interval_seconds);
        g.last_t = t;
      } else {
        sum.expected_accelerator_seconds += o.interval_seconds;
      }
      // A repeated dmon row is indistinguishable from the next sample: none.
      if (!dmon && rng.chance(o.faults.duplicate_rate)) {
        out.line(r.view());
        sum.rows += f == SynthFormat::prometheus ? 5 : 1;
        ++sum.duplicates;
      }
    }
  }
  if (!dmon) {
    for (const auto& g : gpus) {
      if (g.last_t >= 0) sum.expected_accelerator_seconds += o.interval_seconds;
    }
  }
  if (o.faults.truncate_last_line) out.truncate_last_line();
  out.finish();
  sum.bytes = out.bytes();
  return sum;
}

}  // namespace gpai::io
