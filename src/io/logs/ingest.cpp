// ingest_logs(): detect each file's format, dispatch to its reader (both
// through the registry in log_formats.cpp), and
// gather telemetry and job accounting into one LogEvidence each.
#include <memory>

#include "gpai/io/telemetry.hpp"
#include "log_formats.hpp"

namespace gpai::io {
namespace {

using logs::iequals;
using logs::trim;

std::optional<ActivityMetric> metric_named(std::string_view s) {
  for (const auto m : kActivityMetrics) {
    if (to_string(m) == s) return m;
  }
  if (s == "tensor" || s == "tensor-active") return ActivityMetric::tensor_active;
  if (s == "sm" || s == "sm-active") return ActivityMetric::sm_active;
  if (s == "utilization.gpu" || s == "gpu_util") return ActivityMetric::occupancy;
  return std::nullopt;
}

// A catalogue id for an option naming an accelerator; UsageError otherwise.
std::string catalogue_id(const AcceleratorCatalogue& catalogue, const std::string& option, const std::string& name) {
  if (const AcceleratorSpec* spec = catalogue.find(name)) return spec->id;
  std::string close;
  for (const auto& id : catalogue.close_matches(name, 3)) close += (close.empty() ? "" : ", ") + id;
  throw UsageError(option + ": " + excerpt(name) + " is not in the accelerator catalogue" +
                   (close.empty() ? std::string() : " (close: " + close + ")") +
                   "; `gpai-eval hardware` lists it (data/hardware/accelerators.json)");
}

// A file that adds nothing must not pass as evidence that was read.
LogNote empty_file_note(const LogFileSummary& f, const logs::LineReader& in) {
  const std::string what = in.line_number() <= 1 ? "only a header line" : "only headers, comments or blank lines";
  return {"log_without_rows", "warning",
          f.path + " (" + f.format + "): no data rows were read (" + what + "); it adds nothing to the evidence"};
}

struct Sink {
  LogEvidence evidence;
  std::unique_ptr<logs::UsageBook> book;
  std::unique_ptr<logs::SampleAccumulator> samples;
};

}  // namespace

std::optional<double> parse_wall_clock(std::string_view text) {
  text = trim(text);
  if (text.size() == 10) {  // a date alone: its midnight, UTC
    if (const auto d = Date::parse(text)) return static_cast<double>(d->days_since_epoch()) * 86400.0;
    return std::nullopt;
  }
  const auto ts = logs::parse_timestamp(text);
  if (!ts || ts->relative) return std::nullopt;
  return ts->seconds;
}

void add_gres_alias(IngestOptions& options, std::string_view text) {
  const auto eq = text.find('=');
  const std::string type = eq == std::string_view::npos ? std::string() : logs::lower_ascii(trim(text.substr(0, eq)));
  const std::string accelerator = eq == std::string_view::npos ? std::string() : std::string(trim(text.substr(eq + 1)));
  if (type.empty() || accelerator.empty()) {
    throw UsageError("--gres-alias: expected TYPE=ACCELERATOR (e.g. h100=H100-SXM for gres/gpu:h100), found " +
                     excerpt(text));
  }
  const auto [it, inserted] = options.gres_aliases.emplace(type, accelerator);
  if (!inserted && it->second != accelerator) {
    throw UsageError("--gres-alias: GRES type '" + type + "' given twice (" + it->second + ", " + accelerator + ")");
  }
}

ColumnMapping parse_column_mapping(std::string_view text) {
  ColumnMapping m;
  std::optional<std::string> util_column;
  std::optional<ActivityMetric> util_kind;
  std::optional<double> util_scale;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size()) {
      throw UsageError("--columns: expected KEY=VALUE, found '" + std::string(item) + "'");
    }
    const std::string key(trim(item.substr(0, eq)));
    const std::string value(trim(item.substr(eq + 1)));
    if (key == "time") m.time = value;
    else if (key == "host") m.host = value;
    else if (key == "gpu") m.gpu = value;
    else if (key == "uuid") m.uuid = value;
    else if (key == "accelerator") m.accelerator = value;
    else if (key == "power") m.power = value;
    else if (key == "energy") m.energy = value;
    else if (key == "util") util_column = value;
    else if (key == "util-kind") {
      util_kind = metric_named(value);
      if (!util_kind) throw UsageError("--columns util-kind: expected tensor_active, sm_active or occupancy, found '" + value + "'");
    } else if (key == "util-scale") {
      if (value == "percent" || value == "%") util_scale = 0.01;
      else if (value == "fraction") util_scale = 1.0;
      else throw UsageError("--columns util-scale: expected percent or fraction, found '" + value + "'");
    } else if (key == "energy-unit") {
      if (iequals(value, "mJ")) m.energy_joules_per_unit = 1e-3;
      else if (iequals(value, "J")) m.energy_joules_per_unit = 1;
      else if (iequals(value, "Wh")) m.energy_joules_per_unit = 3600;
      else if (iequals(value, "kWh")) m.energy_joules_per_unit = 3.6e6;
      else throw UsageError("--columns energy-unit: expected mJ, J, Wh or kWh, found '" + value + "'");
    } else if (key == "time-unit") {
      if (value == "s") m.time_seconds_per_unit = 1;
      else if (value == "ms") m.time_seconds_per_unit = 1e-3;
      else throw UsageError("--columns time-unit: expected s or ms, found '" + value + "'");
    } else if (auto metric = metric_named(key)) {
      m.activity[*metric] = value;
    } else {
      throw UsageError("--columns: unknown key '" + key + "' (time, host, gpu, uuid, accelerator, util, "
                       "util-kind, util-scale, tensor_active, sm_active, occupancy, power, energy, "
                       "energy-unit, time-unit)");
    }
  }
  if (util_column) {
    if (!util_kind) throw UsageError("--columns: util= needs util-kind= (tensor_active, sm_active or occupancy)");
    m.activity[*util_kind] = *util_column;
    if (util_scale) m.activity_scale[*util_kind] = *util_scale;
  } else if (util_kind || util_scale) {
    throw UsageError("--columns: util-kind/util-scale given without util=");
  }
  if (m.time.empty()) throw UsageError("--columns: time= is required");
  return m;
}

LogIngestion ingest_logs(const std::vector<std::string>& paths, const IngestOptions& options,
                         const AcceleratorCatalogue& catalogue) {
  if (!(options.window_seconds > 0)) throw UsageError("--window: must be positive");
  if (options.sample_interval_seconds && !(*options.sample_interval_seconds > 0)) {
    throw UsageError("--sample-interval: must be positive");
  }
  if (options.max_gap_seconds && !(*options.max_gap_seconds > 0)) throw UsageError("--max-gap: must be positive");
  const logs::LogFormatEntry* forced = logs::find_log_format(options.format);
  if (!forced && !logs::iequals(options.format, kAutomaticLogFormat)) {
    throw UsageError("--log-format: expected " + log_format_choices(" or "));
  }
  if (options.accelerator) catalogue_id(catalogue, "--accelerator", *options.accelerator);
  for (const auto& [type, accelerator] : options.gres_aliases) {
    catalogue_id(catalogue, "--gres-alias " + type + "=" + accelerator, accelerator);
  }
  auto make_sink = [&](EvidenceKind kind) {
    auto s = std::make_unique<Sink>();
    s->evidence.kind = kind;
    s->evidence.window_seconds = options.window_seconds;
    s->evidence.quality.rejected_list_cap = options.rejected_list_cap;
    s->book = std::make_unique<logs::UsageBook>(catalogue, options.accelerator, options.gres_aliases,
                                                options.window_seconds);
    if (kind == EvidenceKind::telemetry) {
      s->samples = std::make_unique<logs::SampleAccumulator>(*s->book, s->evidence.quality, options);
    }
    return s;
  };
  std::unique_ptr<Sink> telemetry, accounting;

  for (std::size_t i = 0; i < paths.size(); ++i) {
    logs::LineReader in(paths[i], options.block_bytes);
    const std::string_view head = in.head();
    if (head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      throw InputError(SourceLocation{paths[i], 0, 0, ""}, "empty log file (no text, or blank lines only)");
    }
    const logs::LogFormatEntry* format = forced ? forced : logs::detect_format(head, options);
    if (!format) {
      const std::string first = excerpt(trim(head.substr(0, head.find('\n'))), 120);
      throw InputError(SourceLocation{paths[i], 1, 0, ""},
                       "log format not recognised from its first line " + first + "; " +
                           logs::unrecognised_format_hint());
    }
    auto& sink = format->kind == EvidenceKind::accounting ? accounting : telemetry;
    if (!sink) sink = make_sink(format->kind);
    LogEvidence& ev = sink->evidence;
    LogFileSummary summary;
    summary.path = paths[i];
    summary.format = std::string(format->name);
    summary.gzip = in.gzip();
    const std::size_t read_before = ev.quality.rows_read, rejected_before = ev.quality.rows_rejected;
    logs::ReaderContext ctx{in, i, options, ev.quality, summary, sink->samples.get(), sink->book.get()};
    format->read(ctx);
    if (in.last_line_unterminated() || !in.stream_error().empty()) {
      summary.truncated_last_line = true;
      ++ev.quality.truncated_last_lines;
    }
    if (!in.stream_error().empty()) {
      ev.quality.add_rejected({paths[i], in.line_number(), in.stream_error() + "; rows before it were read"});
    }
    summary.rows_read = ev.quality.rows_read - read_before;
    summary.rows_rejected = ev.quality.rows_rejected - rejected_before;
    if (summary.rows_read == 0) ev.notes.push_back(empty_file_note(summary, in));
    if (summary.relative_time) ev.absolute_time = false;
    ev.files.push_back(std::move(summary));
  }

  LogIngestion out;
  for (auto* sink : {&telemetry, &accounting}) {
    if (!*sink) continue;
    Sink& s = **sink;
    if (s.samples) {
      s.samples->finish();
      s.evidence.median_interval_seconds = s.samples->median_interval_seconds();
      s.evidence.max_gap_seconds = s.samples->max_gap_seconds();
    }
    // Mapping notes first: they explain the types the file notes' rows went to.
    const auto& mapped = s.book->notes();
    s.evidence.notes.insert(s.evidence.notes.begin(), mapped.begin(), mapped.end());
    s.evidence.accelerators = s.book->finish();
    std::size_t used = 0;
    for (const auto& a : s.evidence.accelerators) used += a.total.accelerator_seconds > 0;
    s.evidence.quality.mixed_types = used > 1;
    (s.evidence.kind == EvidenceKind::telemetry ? out.telemetry : out.accounting) = std::move(s.evidence);
  }
  return out;
}

}  // namespace gpai::io
