// CSV telemetry: dcgm-exporter CSV, nvidia-smi --query-gpu CSV, and generic
// CSV with a column mapping share one hot loop driven by a column spec.
#include <array>
#include <initializer_list>

#include "readers.hpp"

namespace gpai::io::logs {
namespace {

constexpr std::size_t kMaxColumns = 256;

struct CsvSpec {
  std::string format;
  std::vector<std::string> names;  // header names, for messages
  int time = -1, host = -1, gpu = -1, uuid = -1, name = -1, mig = -1;
  std::array<int, kActivityMetricCount> activity{-1, -1, -1};
  std::array<double, kActivityMetricCount> activity_scale{1, 1, 1};
  int power = -1, energy = -1;
  double energy_mj_per_unit = 1;
  double time_seconds_per_unit = 1;
};

int find_column(const std::vector<std::string>& names, std::initializer_list<std::string_view> wanted) {
  for (auto w : wanted) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (iequals(names[i], w)) return static_cast<int>(i);
    }
  }
  return -1;
}

// nvidia-smi prints "utilization.gpu [%]": the unit is not part of the name.
std::string strip_unit(std::string_view name) {
  name = trim(name);
  if (const auto b = name.find(" ["); b != std::string_view::npos && name.back() == ']') {
    name = name.substr(0, b);
  }
  return std::string(trim(name));
}

void require(const ReaderContext& ctx, const CsvSpec& spec, int column, const std::string& what) {
  if (column >= 0) return;
  // Header names are input: each capped, and the list too.
  constexpr std::size_t kListed = 24;
  std::string have;
  for (std::size_t i = 0; i < spec.names.size() && i < kListed; ++i) {
    have += (i ? ", " : "") + excerpt(spec.names[i], kExcerptBytes, 0);
  }
  if (spec.names.size() > kListed) have += ", ... (" + std::to_string(spec.names.size()) + " columns)";
  throw InputError(ctx.here(), spec.format + " header: no " + what + " column (columns: " + have + ")");
}

CsvSpec dcgm_spec(const ReaderContext& ctx, std::vector<std::string> names) {
  CsvSpec s;
  s.format = "dcgm-csv";
  s.names = std::move(names);
  s.time = find_column(s.names, {"timestamp", "time", "ts"});
  s.host = find_column(s.names, {"Hostname", "host", "instance", "node"});
  s.gpu = find_column(s.names, {"gpu", "gpu_index", "gpu_id", "index", "device"});
  s.uuid = find_column(s.names, {"UUID"});
  s.name = find_column(s.names, {"modelName", "model_name", "model", "name"});
  s.mig = find_column(s.names, {"GPU_I_ID"});
  s.activity[0] = find_column(s.names, {"DCGM_FI_PROF_PIPE_TENSOR_ACTIVE"});
  s.activity[1] = find_column(s.names, {"DCGM_FI_PROF_SM_ACTIVE"});
  s.activity[2] = find_column(s.names, {"DCGM_FI_DEV_GPU_UTIL"});
  s.activity_scale[2] = 0.01;  // GPU_UTIL is a percentage
  s.power = find_column(s.names, {"DCGM_FI_DEV_POWER_USAGE"});
  s.energy = find_column(s.names, {"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"});  // mJ
  require(ctx, s, s.time, "timestamp");
  if (s.gpu < 0 && s.uuid < 0) require(ctx, s, -1, "gpu or UUID");
  return s;
}

CsvSpec nvidia_smi_spec(const ReaderContext& ctx, const std::vector<std::string>& raw) {
  CsvSpec s;
  s.format = "nvidia-smi";
  for (const auto& n : raw) s.names.push_back(strip_unit(n));
  s.time = find_column(s.names, {"timestamp"});
  s.gpu = find_column(s.names, {"index"});
  s.uuid = find_column(s.names, {"uuid"});
  s.name = find_column(s.names, {"name", "gpu_name"});
  s.activity[2] = find_column(s.names, {"utilization.gpu"});
  s.activity_scale[2] = 0.01;
  s.power = find_column(s.names, {"power.draw", "power.draw.average", "power.draw.instant"});
  require(ctx, s, s.time, "timestamp");
  return s;
}

CsvSpec generic_spec(const ReaderContext& ctx, std::vector<std::string> names, const ColumnMapping& m) {
  CsvSpec s;
  s.format = "csv";
  for (auto& n : names) n = std::string(trim(n));
  s.names = std::move(names);
  auto col = [&](const std::string& name, const std::string& key) {
    if (name.empty()) return -1;
    const int c = find_column(s.names, {name});
    if (c < 0) require(ctx, s, -1, "'" + name + "' (--columns " + key + "=)");
    return c;
  };
  s.time = col(m.time, "time");
  s.host = col(m.host, "host");
  s.gpu = col(m.gpu, "gpu");
  s.uuid = col(m.uuid, "uuid");
  s.name = col(m.accelerator, "accelerator");
  for (const auto& [metric, column] : m.activity) {
    const auto i = static_cast<std::size_t>(metric);
    s.activity[i] = col(column, std::string(to_string(metric)));
    const auto scale = m.activity_scale.find(metric);
    s.activity_scale[i] = scale != m.activity_scale.end() ? scale->second
                                                          : (metric == ActivityMetric::occupancy ? 0.01 : 1.0);
  }
  s.power = col(m.power, "power");
  s.energy = col(m.energy, "energy");
  s.energy_mj_per_unit = m.energy_joules_per_unit * 1e3;
  s.time_seconds_per_unit = m.time_seconds_per_unit;
  require(ctx, s, s.time, "time");
  return s;
}

std::string metric_column_label(const CsvSpec& s, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < s.names.size()
             ? excerpt(s.names[static_cast<std::size_t>(column)], kExcerptBytes, 0)
             : std::string("value");
}

}  // namespace

Cell read_fraction(std::string_view text, double scale, double& out, std::string& why) {
  const Cell c = parse_number(text, out);
  if (c == Cell::bad) {
    why = quote(trim(text)) + " is not a number";
    return c;
  }
  if (c == Cell::missing) return c;
  out *= scale;
  if (out < 0 || out > 1.0 + 1e-6) {
    why = quote(trim(text)) + " is outside 0.." + (scale == 1 ? "1" : "100 %");
    return Cell::bad;
  }
  if (out > 1) out = 1;
  return Cell::ok;
}

namespace {

using SpecMaker = CsvSpec (*)(const ReaderContext& ctx, const std::vector<std::string>& names);

void read_csv_telemetry(ReaderContext& ctx, SpecMaker make_spec) {
  std::string_view line;
  std::array<std::string_view, kMaxColumns> f;
  // Header: the first line that is neither blank nor a comment.
  std::string header;
  while (ctx.in.next(line)) {
    if (trim(line).empty() || line.front() == '#') continue;
    header.assign(line);
    break;
  }
  if (header.empty()) throw InputError(ctx.here(), "no header line");
  const std::size_t ncols = split_fields(header, ',', f.data(), f.size());
  if (ncols > kMaxColumns) throw InputError(ctx.here(), "more than 256 columns");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < ncols; ++i) names.emplace_back(trim(f[i]));
  const CsvSpec s = make_spec(ctx, names);

  for (std::size_t m = 0; m < kActivityMetricCount; ++m) {
    if (s.activity[m] >= 0) ctx.quality.metrics_logged[m] = true;
  }
  if (s.power >= 0) ctx.quality.power_logged = true;
  if (s.energy >= 0) ctx.quality.energy_logged = true;

  const bool scoped = s.uuid < 0 && s.host < 0;
  const std::string scope = ctx.file_scope();
  std::string key, why, last_ts_text;
  Timestamp last_ts;
  bool have_ts = false;
  SampleAccumulator& acc = *ctx.samples;
  auto field = [&](int c) { return c >= 0 ? trim(f[static_cast<std::size_t>(c)]) : std::string_view(); };

  while (ctx.in.next(line)) {
    if (line.empty() || line.front() == '#') continue;
    if (line.size() == header.size() && line == header) {  // concatenated exports
      ++ctx.quality.header_repeats;
      continue;
    }
    ++ctx.quality.rows_read;
    const std::size_t n = split_fields(line, ',', f.data(), f.size());
    if (n != ncols) {
      if (trim(line).empty()) {
        --ctx.quality.rows_read;
        continue;
      }
      ctx.reject("expected " + std::to_string(ncols) + " comma-separated fields, found " + std::to_string(n));
      continue;
    }
    // Every GPU of a round shares the timestamp: parse it once.
    const std::string_view ts_text = f[static_cast<std::size_t>(s.time)];
    if (!have_ts || ts_text != last_ts_text) {
      const auto parsed = parse_timestamp(ts_text, s.time_seconds_per_unit);
      if (!parsed) {
        ctx.reject("timestamp " + quote(field(s.time)) + " not understood");
        continue;
      }
      last_ts = *parsed;
      last_ts_text.assign(ts_text);
      have_ts = true;
    }
    const Timestamp* ts = &last_ts;
    const std::string_view uuid = field(s.uuid);
    key.clear();
    if (!uuid.empty()) {
      key.append(uuid);
    } else {
      if (scoped) key.append(scope);
      key.append(field(s.host));
      key.push_back('/');
      key.append(field(s.gpu));
    }
    const bool mig = s.mig >= 0 && !field(s.mig).empty();
    Reading r;
    bool bad = false;
    for (std::size_t m = 0; m < kActivityMetricCount && !bad; ++m) {
      if (s.activity[m] < 0) continue;
      double v;
      const Cell c = read_fraction(f[static_cast<std::size_t>(s.activity[m])], s.activity_scale[m], v, why);
      if (c == Cell::bad) {
        ctx.reject(metric_column_label(s, s.activity[m]) + ": " + why);
        bad = true;
      } else if (c == Cell::missing) {
        ++ctx.quality.missing_values;
      } else if (!(mig && m != static_cast<std::size_t>(ActivityMetric::occupancy))) {
        r.set(static_cast<ActivityMetric>(m), v);
      }
    }
    if (bad) continue;
    for (const int c : {s.power, s.energy}) {
      if (c < 0) continue;
      double v;
      const Cell cell = parse_number(f[static_cast<std::size_t>(c)], v);
      if (cell == Cell::missing) {
        ++ctx.quality.missing_values;
        continue;
      }
      if (cell == Cell::bad || v < 0) {
        ctx.reject(metric_column_label(s, c) + ": " + quote(field(c)) + " is not a non-negative number");
        bad = true;
        break;
      }
      if (c == s.power) {
        r.power_w = v;
        r.has_power = true;
      } else {
        r.energy_mj = v * s.energy_mj_per_unit;
        r.has_energy = true;
      }
    }
    if (bad) continue;
    if (mig) ++ctx.quality.mig_rows;
    const std::uint32_t dev = acc.device(key, field(s.name), field(s.host));
    acc.add(dev, ctx.place(*ts), r, mig);
  }
}

}  // namespace

bool detect_dcgm_csv(std::string_view line, const IngestOptions&) {
  return !comment_line(line) && !prometheus_sample_line(line) && line.find(',') != std::string_view::npos &&
         line.find("DCGM_FI_") != std::string_view::npos;
}

void read_dcgm_csv(ReaderContext& ctx) {
  read_csv_telemetry(ctx, [](const ReaderContext& c, const std::vector<std::string>& names) {
    return dcgm_spec(c, names);
  });
}

bool detect_nvidia_smi(std::string_view line, const IngestOptions&) {
  return !comment_line(line) && (icontains(line, "utilization.gpu") || icontains(line, "power.draw") ||
                                 (icontains(line, "timestamp") && line.find(", ") != std::string_view::npos));
}

void read_nvidia_smi_csv(ReaderContext& ctx) { read_csv_telemetry(ctx, nvidia_smi_spec); }

// Any first line a known format does not claim, once --columns maps it.
bool detect_generic_csv(std::string_view line, const IngestOptions& options) {
  return options.columns.has_value() && !comment_line(line);
}

void read_generic_csv(ReaderContext& ctx) {
  read_csv_telemetry(ctx, [](const ReaderContext& c, const std::vector<std::string>& names) {
    if (!c.options.columns) {
      throw UsageError("a generic CSV log needs --columns (e.g. time=ts,gpu=id,util=busy,util-kind=occupancy)");
    }
    return generic_spec(c, names, *c.options.columns);
  });
}

}  // namespace gpai::io::logs
