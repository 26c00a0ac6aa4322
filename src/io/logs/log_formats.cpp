// The registry of log formats. Adding a format: write its reader file (a
// detector and a reader, declared in readers.hpp) and add its line here.
#include "log_formats.hpp"

#include "gpai/error.hpp"

namespace gpai::io::logs {
namespace {

// Message order: accounting first, then telemetry, the generic CSV last. The
// detectors are disjoint where two formats could share a first line, so this
// order is also a safe detection order.
constexpr LogFormatEntry kRegistry[] = {
    {"sacct", "", EvidenceKind::accounting, detect_sacct, read_sacct, "sacct needs --parsable2"},
    {"dcgm-csv", "", EvidenceKind::telemetry, detect_dcgm_csv, read_dcgm_csv, ""},
    {"prometheus", "prom", EvidenceKind::telemetry, detect_prometheus, read_prometheus, ""},
    {"nvidia-smi", "", EvidenceKind::telemetry, detect_nvidia_smi, read_nvidia_smi_csv, ""},
    {"dcgmi-dmon", "dmon", EvidenceKind::telemetry, detect_dmon, read_dmon, ""},
    {"csv", "generic,generic-csv", EvidenceKind::telemetry, detect_generic_csv, read_generic_csv, "", true},
};

bool has_alias(std::string_view aliases, std::string_view name) {
  while (!aliases.empty()) {
    const auto comma = aliases.find(',');
    if (iequals(aliases.substr(0, comma), name)) return true;
    aliases = comma == std::string_view::npos ? std::string_view() : aliases.substr(comma + 1);
  }
  return false;
}

std::string joined(std::string_view last_separator, bool with_auto, bool with_columns) {
  std::vector<std::string_view> names;
  if (with_auto) names.push_back(kAutomaticLogFormat);
  for (const auto& e : kRegistry) {
    if (with_columns || !e.needs_columns) names.push_back(e.name);
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? last_separator : std::string_view(", ");
    out += names[i];
  }
  return out;
}

}  // namespace

std::span<const LogFormatEntry> log_format_registry() { return kRegistry; }

const LogFormatEntry* find_log_format(std::string_view name) {
  for (const auto& e : kRegistry) {
    if (iequals(name, e.name) || has_alias(e.aliases, name)) return &e;
  }
  return nullptr;
}

const LogFormatEntry* detect_format(std::string_view head, const IngestOptions& options) {
  std::size_t examined = 0;
  while (!head.empty() && examined < 20) {
    const auto nl = head.find('\n');
    const std::string_view line = trim(head.substr(0, nl));
    head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
    if (line.empty()) continue;
    ++examined;
    for (const auto& e : kRegistry) {
      if (e.detect(line, options)) return &e;
    }
    if (line.front() != '#') return nullptr;  // the first line that is not a comment decides
  }
  for (const auto& e : kRegistry) {
    if (e.detect({}, options)) return &e;
  }
  return nullptr;
}

std::string unrecognised_format_hint() {
  std::string hints;
  for (const auto& e : kRegistry) {
    if (!e.hint.empty()) hints += (hints.empty() ? "" : "; ") + std::string(e.hint);
  }
  return "give --log-format (" + joined(", ", false, false) + ") or --columns for a generic CSV" +
         (hints.empty() ? std::string() : " (" + hints + ")");
}

}  // namespace gpai::io::logs

namespace gpai::io {

std::optional<std::string_view> parse_log_format(std::string_view text) {
  if (logs::iequals(text, kAutomaticLogFormat)) return kAutomaticLogFormat;
  if (const auto* e = logs::find_log_format(text)) return e->name;
  return std::nullopt;
}

std::vector<std::string_view> log_format_names() {
  std::vector<std::string_view> out;
  for (const auto& e : logs::kRegistry) out.push_back(e.name);
  return out;
}

std::string log_format_choices(std::string_view last_separator) {
  return logs::joined(last_separator, true, true);
}

std::string_view detect_log_format(std::string_view head, const IngestOptions& options) {
  const auto* e = logs::detect_format(head, options);
  return e ? e->name : std::string_view();
}

}  // namespace gpai::io
