// The Prometheus text exposition that dcgm-exporter serves: one line per
// metric and GPU, `NAME{label="v",...} VALUE [TIMESTAMP_MS]`. One scrape is
// one sample per GPU: the lines of a GPU are assembled until a metric repeats,
// which starts the next scrape.
#include <optional>

#include "readers.hpp"

namespace gpai::io::logs {
namespace {

enum class Field { none, tensor, sm, util, power, energy };

Field field_of(std::string_view name) {
  if (name == "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE") return Field::tensor;
  if (name == "DCGM_FI_PROF_SM_ACTIVE") return Field::sm;
  if (name == "DCGM_FI_DEV_GPU_UTIL") return Field::util;
  if (name == "DCGM_FI_DEV_POWER_USAGE") return Field::power;
  if (name == "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION") return Field::energy;
  return Field::none;
}

struct Labels {
  std::string_view gpu, uuid, model, host, mig_instance;
};

// Parses `{k="v",...}` starting at s[0] == '{'; returns the rest after '}'.
std::optional<std::string_view> parse_labels(std::string_view s, Labels& out) {
  std::size_t i = 1;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    if (i < s.size() && s[i] == '}') return s.substr(i + 1);
    const std::size_t eq = s.find('=', i);
    if (eq == std::string_view::npos || eq + 1 >= s.size() || s[eq + 1] != '"') return std::nullopt;
    const std::string_view key = trim(s.substr(i, eq - i));
    std::size_t j = eq + 2;
    while (j < s.size() && !(s[j] == '"' && s[j - 1] != '\\')) ++j;
    if (j >= s.size()) return std::nullopt;
    const std::string_view value = s.substr(eq + 2, j - eq - 2);
    if (key == "gpu") out.gpu = value;
    else if (key == "UUID") out.uuid = value;
    else if (key == "modelName") out.model = value;
    else if (key == "Hostname") out.host = value;
    else if (key == "GPU_I_ID") out.mig_instance = value;
    i = j + 1;
  }
  return std::nullopt;
}

struct Scrape {
  std::uint32_t device = 0;
  bool mig = false;
  unsigned set = 0;  // Field bits seen in the current scrape
  Reading reading;
  std::optional<double> time;
  std::size_t count = 0;  // scrapes flushed
};

}  // namespace

bool detect_prometheus(std::string_view line, const IngestOptions&) {
  return line.substr(0, 6) == "# HELP" || line.substr(0, 6) == "# TYPE" || prometheus_sample_line(line);
}

void read_prometheus(ReaderContext& ctx) {
  SampleAccumulator& acc = *ctx.samples;
  StringMap<std::size_t> index;
  std::vector<Scrape> scrapes;
  std::string key, why;
  std::string_view line;
  const std::string scope = ctx.file_scope();

  auto flush = [&](Scrape& sc) {
    if (!sc.set) return;
    double t;
    if (sc.time) {
      t = *sc.time;
    } else {
      if (!ctx.options.sample_interval_seconds && sc.count > 0) {
        throw UsageError(ctx.in.path() + ": Prometheus scrapes without timestamps: give "
                         "--sample-interval (the scrape interval in seconds)");
      }
      t = ctx.place(Timestamp{static_cast<double>(sc.count) * ctx.options.sample_interval_seconds.value_or(0), true});
    }
    acc.add(sc.device, t, sc.reading, sc.mig);
    ++sc.count;
    sc.set = 0;
    sc.reading = Reading{};
    sc.time.reset();
  };

  while (ctx.in.next(line)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    ++ctx.quality.rows_read;
    std::size_t name_end = 0;
    while (name_end < line.size() && line[name_end] != '{' && line[name_end] != ' ') ++name_end;
    const std::string_view name = line.substr(0, name_end);
    Labels labels;
    std::string_view rest = line.substr(name_end);
    if (!rest.empty() && rest.front() == '{') {
      auto r = parse_labels(rest, labels);
      if (!r) {
        ctx.reject("malformed label set");
        continue;
      }
      rest = *r;
    }
    const Field field = field_of(name);
    if (field == Field::none) continue;  // a metric the audit does not use
    std::string_view parts[3];
    const std::size_t n = split_whitespace(rest, parts, 3);
    double value = 0;
    if (n < 1 || n > 2) {
      ctx.reject(std::string(name) + ": expected a value and an optional timestamp");
      continue;
    }
    const Cell cell = parse_number(parts[0], value);
    if (cell == Cell::bad) {
      ctx.reject(std::string(name) + ": " + quote(parts[0]) + " is not a number");
      continue;
    }
    std::optional<double> time;
    if (n == 2) {
      double ms;
      if (parse_number(parts[1], ms) != Cell::ok) {
        ctx.reject(std::string(name) + ": timestamp " + quote(parts[1]) + " is not milliseconds");
        continue;
      }
      time = ms * 1e-3;
    }
    if (labels.gpu.empty() && labels.uuid.empty()) {
      ctx.reject(std::string(name) + ": no gpu or UUID label");
      continue;
    }
    key.clear();
    if (!labels.uuid.empty()) {
      key.append(labels.uuid);
    } else {
      if (labels.host.empty()) key.append(scope);
      key.append(labels.host).append("/").append(labels.gpu);
    }
    const std::size_t physical_key_size = key.size();
    const bool mig = !labels.mig_instance.empty();
    if (mig) key.append("#mig").append(labels.mig_instance);
    auto it = index.find(key);
    if (it == index.end()) {
      Scrape sc;
      sc.device = acc.device(std::string_view(key).substr(0, physical_key_size), labels.model, labels.host);
      sc.mig = mig;
      it = index.emplace(key, scrapes.size()).first;
      scrapes.push_back(sc);
    }
    Scrape& sc = scrapes[it->second];
    const unsigned bit = 1u << static_cast<unsigned>(field);
    if (sc.set & bit) flush(sc);
    sc.set |= bit;
    if (time && !sc.time) sc.time = time;
    if (mig) ++ctx.quality.mig_rows;
    if (cell == Cell::missing) {
      ++ctx.quality.missing_values;
      continue;
    }
    switch (field) {
      case Field::tensor:
      case Field::sm: {
        const auto m = field == Field::tensor ? ActivityMetric::tensor_active : ActivityMetric::sm_active;
        ctx.quality.metrics_logged[static_cast<std::size_t>(m)] = true;
        if (value < 0 || value > 1 + 1e-6) {
          ctx.reject(std::string(name) + ": " + quote(parts[0]) + " is outside 0..1");
          continue;
        }
        if (!mig) sc.reading.set(m, std::min(value, 1.0));  // per-instance PROF is not per GPU
        break;
      }
      case Field::util:
        ctx.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::occupancy)] = true;
        if (read_fraction(parts[0], 0.01, value, why) == Cell::bad) {
          ctx.reject(std::string(name) + ": " + why);
          continue;
        }
        sc.reading.set(ActivityMetric::occupancy, value);
        break;
      case Field::power:
        ctx.quality.power_logged = true;
        if (value < 0) {
          ctx.reject(std::string(name) + ": negative power");
          continue;
        }
        sc.reading.power_w = value;
        sc.reading.has_power = true;
        break;
      case Field::energy:
        ctx.quality.energy_logged = true;
        if (value < 0) {
          ctx.reject(std::string(name) + ": negative energy");
          continue;
        }
        sc.reading.energy_mj = value;
        sc.reading.has_energy = true;
        break;
      case Field::none: break;
    }
  }
  for (auto& sc : scrapes) flush(sc);
}

}  // namespace gpai::io::logs
