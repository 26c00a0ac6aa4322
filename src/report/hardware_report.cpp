#include "gpai/report/hardware_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace gpai::report {
namespace {
using OJson = nlohmann::ordered_json;

OJson optional_number(const std::optional<double>& v) { return v ? OJson(*v) : OJson(nullptr); }

// "989.4", "2250", "65.13": four significant figures without an exponent.
std::string tflops_text(double flop_per_s) {
  const double t = flop_per_s / 1e12;
  char buf[32];
  std::snprintf(buf, sizeof buf, t >= 1e4 ? "%.0f" : "%.4g", t);
  return buf;
}

std::string amount_text(const std::optional<double>& v, const char* unit) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g %s", *v, unit);
  return buf;
}

std::string origin_text(const AcceleratorSpec& s) {
  switch (s.origin) {
    case SpecOrigin::shipped: return "shipped";
    case SpecOrigin::user_added: return "yours: added";
    case SpecOrigin::user_override: return "yours: replaces shipped";
  }
  return "?";
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}
}  // namespace

OJson hardware_json(const AcceleratorCatalogue& catalogue, const std::vector<const AcceleratorSpec*>& shown,
                    const HardwareListing& listing) {
  OJson j{{"schema", "gpai-eval/hardware/1"},
          {"catalogue_version", catalogue.version()},
          {"catalogue_file", listing.catalogue_file},
          {"user_catalogue_file", listing.user_catalogue_file.empty() ? OJson(nullptr) : OJson(listing.user_catalogue_file)},
          {"filter", listing.filter.empty() ? OJson(nullptr) : OJson(listing.filter)},
          {"total", catalogue.specs().size()},
          {"shown", shown.size()},
          {"units", "peak_flop_per_s_dense: FLOP/s per chip, dense (int8: operations/s); memory_gb: GB; tdp_w: W"}};
  OJson list = OJson::array();
  for (const AcceleratorSpec* s : shown) {
    OJson peaks = OJson::object();
    for (const auto& [p, v] : s->peak_flop_per_s_dense) peaks[std::string(to_string(p))] = v;
    list.push_back({{"id", s->id},
                    {"vendor", s->vendor},
                    {"name", s->name},
                    {"aliases", s->aliases},
                    {"default_precision", to_string(s->default_precision)},
                    {"default_peak_flop_per_s_dense", optional_number(s->peak_flop_per_s(s->default_precision))},
                    {"peak_flop_per_s_dense", peaks},
                    {"memory_gb", optional_number(s->memory_gb)},
                    {"tdp_w", optional_number(s->tdp_w)},
                    {"source", s->source},
                    {"notes", s->notes},
                    {"origin", to_string(s->origin)},
                    {"origin_file", s->origin_file.empty() ? OJson(nullptr) : OJson(s->origin_file)}});
  }
  j["accelerators"] = list;
  return j;
}

std::string hardware_text(const AcceleratorCatalogue& catalogue, const std::vector<const AcceleratorSpec*>& shown,
                          const HardwareListing& listing) {
  std::ostringstream out;
  out << "Accelerator catalogue " << catalogue.version() << ": ";
  if (listing.filter.empty()) out << catalogue.specs().size() << " accelerators\n";
  else out << shown.size() << " of " << catalogue.specs().size() << " match '" << listing.filter << "'\n";
  out << "  from " << listing.catalogue_file;
  if (!listing.user_catalogue_file.empty()) out << " and your " << listing.user_catalogue_file;
  out << "\n  peak: dense FLOP/s per chip at the default precision (\"with sparsity\" headlines are 2x or more);\n"
         "  every precision, sources and counting notes: --format json\n\n";

  const bool with_origin = !listing.user_catalogue_file.empty();
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"ID", "VENDOR", "PRECISION", "TFLOP/S", "MEMORY", "TDP"});
  if (with_origin) rows.back().push_back("FROM");
  rows.back().push_back("NAMES TOOLS PRINT (matched ignoring case, spaces, punctuation)");
  for (const AcceleratorSpec* s : shown) {
    const auto peak = s->peak_flop_per_s(s->default_precision);
    rows.push_back({s->id, s->vendor, std::string(to_string(s->default_precision)), peak ? tflops_text(*peak) : "-",
                    amount_text(s->memory_gb, "GB"), amount_text(s->tdp_w, "W")});
    if (with_origin) rows.back().push_back(origin_text(*s));
    rows.back().push_back(s->aliases.empty() ? "-" : join(s->aliases, "; "));
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c + 1 < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  const std::size_t peak_column = 3;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool last = c + 1 == row.size();
      const std::string pad(last ? 0 : width[c] - row[c].size(), ' ');
      // Numbers right-aligned so magnitudes line up.
      line += c == peak_column ? pad + row[c] : row[c] + (last ? "" : pad);
      if (!last) line += "  ";
    }
    out << line << "\n";
  }
  return out.str();
}

}  // namespace gpai::report
