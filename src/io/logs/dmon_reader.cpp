// `dcgmi dmon` output as operators hand it over: fixed-width columns, a
// two-line header (`#Entity ...` then a units line `ID ...`) repeated every
// few rows, N/A samples, and no timestamps: row k of an entity is taken at
// k x --sample-interval (the -d option of dmon) after the log start.
#include <array>

#include "readers.hpp"

namespace gpai::io::logs {
namespace {

enum class Column { other, tensor, sm, util, power, energy };

// dmon's short field names. SMOCC (SM occupancy: resident warps over the
// maximum) is not GPU_UTIL's "occupancy" and is ignored.
Column column_of(std::string_view name) {
  if (name == "TENSO") return Column::tensor;
  if (name == "SMACT") return Column::sm;
  if (name == "GPUTL") return Column::util;
  if (name == "POWER") return Column::power;
  if (name == "TOTEC") return Column::energy;  // DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION, mJ
  return Column::other;
}

constexpr std::size_t kMaxTokens = 64;

}  // namespace

bool detect_dmon(std::string_view line, const IngestOptions&) { return line.substr(0, 7) == "#Entity"; }

void read_dmon(ReaderContext& ctx) {
  if (!ctx.options.sample_interval_seconds) {
    throw UsageError(ctx.in.path() + ": dcgmi dmon logs carry no timestamps: give --sample-interval "
                     "(dmon's -d in seconds, e.g. 0.1 for -d 100)");
  }
  const double interval = *ctx.options.sample_interval_seconds;
  SampleAccumulator& acc = *ctx.samples;
  std::vector<Column> columns;  // value columns, after the two entity tokens
  StringMap<std::pair<std::uint32_t, std::size_t>> entities;  // key -> device, rows so far
  std::array<std::string_view, kMaxTokens> tok;
  std::string key, why;
  const std::string scope = ctx.file_scope();
  bool have_header = false;
  std::string_view line;

  while (ctx.in.next(line)) {
    const std::string_view t = trim(line);
    if (t.empty()) continue;
    if (t.substr(0, 7) == "#Entity") {
      if (have_header) ++ctx.quality.header_repeats;
      const std::size_t n = split_whitespace(t, tok.data(), tok.size());
      columns.clear();
      for (std::size_t i = 1; i < n && i < tok.size(); ++i) {
        const Column c = column_of(tok[i]);
        columns.push_back(c);
        if (c == Column::tensor) ctx.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::tensor_active)] = true;
        if (c == Column::sm) ctx.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::sm_active)] = true;
        if (c == Column::util) ctx.quality.metrics_logged[static_cast<std::size_t>(ActivityMetric::occupancy)] = true;
        if (c == Column::power) ctx.quality.power_logged = true;
        if (c == Column::energy) ctx.quality.energy_logged = true;
      }
      have_header = true;
      continue;
    }
    if (t.substr(0, 2) == "ID" && (t.size() == 2 || t[2] == ' ')) continue;  // units line
    if (t.front() == '#') continue;
    ++ctx.quality.rows_read;
    if (!have_header) {
      ctx.reject("data row before the first #Entity header");
      continue;
    }
    const std::size_t n = split_whitespace(t, tok.data(), tok.size());
    if (n != columns.size() + 2) {
      ctx.reject("expected an entity and " + std::to_string(columns.size()) + " values, found " +
                 std::to_string(n) + " fields");
      continue;
    }
    if (tok[0] != "GPU") {
      // MIG instances (GPU-I, GPU-CI) and other entities: time belongs to the
      // physical GPU, which dmon does not name on these rows.
      if (tok[0].substr(0, 3) == "GPU") ++ctx.quality.mig_rows;
      continue;
    }
    key.assign(scope).append(tok[0]).append(" ").append(tok[1]);
    auto it = entities.find(key);
    if (it == entities.end()) it = entities.emplace(key, std::make_pair(acc.device(key, "", ""), std::size_t{0})).first;
    Reading r;
    bool bad = false;
    for (std::size_t i = 0; i < columns.size() && !bad; ++i) {
      const std::string_view v = tok[i + 2];
      double x = 0;
      switch (columns[i]) {
        case Column::other: break;
        case Column::tensor:
        case Column::sm:
        case Column::util: {
          const Cell c = read_fraction(v, columns[i] == Column::util ? 0.01 : 1.0, x, why);
          if (c == Cell::bad) {
            ctx.reject(why);
            bad = true;
          } else if (c == Cell::missing) {
            ++ctx.quality.missing_values;
          } else {
            r.set(columns[i] == Column::tensor ? ActivityMetric::tensor_active
                  : columns[i] == Column::sm   ? ActivityMetric::sm_active
                                               : ActivityMetric::occupancy,
                  x);
          }
          break;
        }
        case Column::power:
        case Column::energy: {
          const Cell c = parse_number(v, x);
          if (c == Cell::missing) {
            ++ctx.quality.missing_values;
          } else if (c == Cell::bad || x < 0) {
            ctx.reject(quote(v) + " is not a non-negative number");
            bad = true;
          } else if (columns[i] == Column::power) {
            r.power_w = x;
            r.has_power = true;
          } else {
            r.energy_mj = x;
            r.has_energy = true;
          }
          break;
        }
      }
    }
    // A rejected row still took its sampling slot: the entity's clock moves on.
    auto& [device, rows] = it->second;
    if (!bad) acc.add(device, ctx.place(Timestamp{static_cast<double>(rows) * interval, true}), r);
    ++rows;
  }
}

}  // namespace gpai::io::logs
