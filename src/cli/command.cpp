#include "command.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <limits>

#include "gpai/error.hpp"
#include "gpai/version.hpp"

#ifndef GPAI_SOURCE_DATA_DIR
#define GPAI_SOURCE_DATA_DIR ""
#endif

namespace gpai::cli {

std::uint64_t parse_whole_number(const std::string& option, const std::string& text, std::uint64_t min,
                                 std::uint64_t max) {
  std::string_view digits(text);
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const bool plain = !digits.empty() && digits.front() >= '0' && digits.front() <= '9';
  if (!plain || ec != std::errc() || end != digits.data() + digits.size() || value < min || value > max) {
    std::string why;
    if (!text.empty() && text.front() == '-') why = " (negative)";
    else if (ec == std::errc::result_out_of_range || (plain && ec == std::errc() && value > max)) why = " (too large)";
    throw UsageError("--" + option + ": expected a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", found " + text + why);
  }
  return value;
}

double parse_duration_seconds(const std::string& option, const std::string& text, bool allow_zero) {
  std::string_view number(text);
  double unit = 1;
  if (!number.empty()) {
    switch (number.back()) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      default: unit = 0;
    }
    if (unit != 0) number.remove_suffix(1);
    else unit = 1;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  const double seconds = value * unit;
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() || !std::isfinite(seconds) ||
      seconds < 0 || (!allow_zero && seconds == 0)) {
    throw UsageError("--" + option + ": expected a " + (allow_zero ? "non-negative" : "positive") +
                     " duration in seconds (90, 0.1) or with a unit s, m, h or d (30s, 15m, 6h, 1d), found '" + text +
                     "'");
  }
  return seconds;
}

namespace {

void add_monte_carlo_options(po::options_description& desc, CommonOptions& common) {
  desc.add_options()
      ("seed", whole_number("seed", &common.seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max()),
       "Monte Carlo seed (same seed, same output)")
      ("samples", whole_number("samples", &common.samples, kMinSamples, kMaxSamples),
       "most Monte Carlo draws per sampled result (most ranges propagate in closed form; sampling stops earlier once the percentiles are precise)");
}

// "a, b or c"
std::string one_of(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  }
  return s;
}

void check_one_of(const std::string& option, const std::string& value, const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), value) != names.end()) return;
  throw UsageError("--" + option + ": expected " + one_of(names) + ", found '" + value + "'");
}

}  // namespace

void add_common_options(po::options_description& desc, CommonOptions& common, const CommonSpec& spec) {
  common.spec = spec;
  common.format = spec.format_default;
  desc.add_options()(spec.format_option.c_str(), po::value(&common.format)->default_value(spec.format_default),
                     ("output format: " + one_of(spec.formats) + spec.format_note).c_str());
  if (spec.as_of) {
    desc.add_options()("as-of", po::value<std::string>(),
                       "evaluate the law as it stood on this date (YYYY-MM-DD; default: today, UTC)");
  }
  if (spec.taxonomy) {
    desc.add_options()("taxonomy", po::value(&common.taxonomy),
                       "systemic-risk taxonomy id (default: the one in force on --as-of; see gpai-eval rules)");
  }
  if (spec.language) {
    // Program_options gives an option one long name only: --lang is a second
    // option that parse_command folds into --language.
    desc.add_options()("language", po::value(&common.language)->default_value(common.language),
                       "language of the report: a catalogue in DATA/messages/ (en, nl); also --lang")
                      ("lang", po::value<std::string>(), "the same as --language");
  }
  desc.add_options()("data", po::value<std::string>(),
                     "data directory (default: $GPAI_DATA_DIR, then the installed or source-tree data/)");
  if (spec.monte_carlo) add_monte_carlo_options(desc, common);
  desc.add_options()("catalogue", po::value(&common.catalogue),
                     "your accelerator catalogue FILE (gpai-accelerators/1, as data/hardware/accelerators.json): "
                     "an entry with a shipped id replaces it, others are added (see gpai-eval hardware)");
}

void parse_or_throw(const std::string& command, const Invocation& inv,
                    const po::options_description& desc,
                    const po::positional_options_description& positional, po::variables_map& vm) {
  try {
    po::store(po::command_line_parser(inv.args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command + ": " + e.what() + " (see 'gpai-eval " + command + " --help')");
  }
}

bool parse_command(const std::string& command, const Invocation& inv, const po::options_description& desc,
                   const po::positional_options_description& positional, po::variables_map& vm,
                   CommonOptions& common) {
  parse_or_throw(command, inv, desc, positional, vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return false;
  }
  if (vm.count("data")) common.data_dir = vm["data"].as<std::string>();
  if (vm.count("as-of")) common.as_of = vm["as-of"].as<std::string>();
  if (vm.count("lang")) {
    const auto& lang = vm["lang"].as<std::string>();
    if (!vm["language"].defaulted() && common.language != lang) {
      throw UsageError("--lang '" + lang + "' and --language '" + common.language + "' differ: give one of them");
    }
    common.language = lang;
    common.language_option = "lang";
  }
  check_one_of(common.spec.format_option, common.format, common.spec.formats);
  common.as_of_date = resolve_as_of(common);
  return true;
}

void check_as_of_covered(const io::DataBundle& data, Date as_of) {
  if (as_of < data.rules.formalised_from) {
    throw UsageError("--as-of " + as_of.to_string() + ": the rule data formalises the law only from " +
                     data.rules.formalised_from.to_string());
  }
}

void check_taxonomy(const io::DataBundle& data, const CommonOptions& common) {
  if (common.taxonomy.empty() || data.taxonomies.by_id(common.taxonomy)) return;
  std::string known;
  for (const auto& t : data.taxonomies.taxonomies) known += (known.empty() ? "" : ", ") + t.id;
  throw UsageError("--taxonomy: unknown taxonomy '" + common.taxonomy + "' (known: " + known + ")");
}

io::DataBundle load_data(const CommonOptions& common, const Invocation& inv) {
  const std::string dir = io::find_data_dir(common.data_dir, inv.executable, GPAI_SOURCE_DATA_DIR);
  // The languages are the catalogues the data holds: checked before loading,
  // so that a missing one is a usage error listing those there are.
  const auto languages = io::available_languages(dir);
  if (std::find(languages.begin(), languages.end(), common.language) == languages.end()) {
    throw UsageError("--" + common.language_option + ": '" + common.language + "' is not available (available: " + one_of(languages) + ")");
  }
  io::DataBundle data = io::load_data_bundle(dir, common.catalogue, common.language);
  if (common.spec.as_of) check_as_of_covered(data, common.as_of_date);
  if (common.spec.taxonomy) check_taxonomy(data, common);
  return data;
}

Date resolve_as_of(const CommonOptions& common) {
  if (common.as_of) {
    auto d = Date::parse(*common.as_of);
    if (!d) throw UsageError("--as-of: expected a date YYYY-MM-DD, found '" + *common.as_of + "'");
    return *d;
  }
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
  return Date::from_days(static_cast<long>(days));
}

namespace {

// Cost of one card with ranges per Monte Carlo sample, measured on the
// bundled examples at 10^7 samples (assess, one thread): 0.07 us and 16 B
// (one ranged phase) to 0.41 us and 87 B (DeepSeek-V3's several). Re-measure
// when the propagation changes: the warning quotes these.
constexpr double kSecondsPerSampleLow = 0.07e-6, kSecondsPerSampleHigh = 0.41e-6;
constexpr double kBytesPerSampleLow = 16, kBytesPerSampleHigh = 87;
// Warn from here: about a second per card, or a tenth of one in a batch.
constexpr std::size_t kSlowSamples = 10'000'000, kSlowSamplesPerBatchCard = 1'000'000;

std::string about(double low, double high, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2g-%.2g %s", low, high, unit);
  return buf;
}

// `assess --samples 100000000` took 14 s and gigabytes without a word.
void warn_if_slow(std::size_t samples, bool many_cards) {
  if (samples < (many_cards ? kSlowSamplesPerBatchCard : kSlowSamples)) return;
  const double n = static_cast<double>(samples);
  std::cerr << "gpai-eval: warning: --samples " << samples << ": each input given as a range is drawn "
            << samples << " times and each total sorted for its percentiles, so every card with ranges takes about "
            << about(n * kSecondsPerSampleLow, n * kSecondsPerSampleHigh, "s") << " and "
            << about(n * kBytesPerSampleLow / 1e9, n * kBytesPerSampleHigh / 1e9, "GB") << " of memory"
            << (many_cards ? " per scoring thread" : "") << " (default " << MonteCarloConfig{}.samples << ")\n";
}

}  // namespace

MonteCarloConfig monte_carlo(const CommonOptions& common, bool many_cards) {
  if (common.samples < kMinSamples || common.samples > kMaxSamples) {
    throw UsageError("--samples: expected a whole number from " + std::to_string(kMinSamples) + " to " +
                     std::to_string(kMaxSamples) + ", found " + std::to_string(common.samples));
  }
  warn_if_slow(common.samples, many_cards);
  return MonteCarloConfig{common.seed, common.samples};
}

report::RunInfo run_info(const io::DataBundle& data, const CommonOptions& common) {
  return report::RunInfo{kVersion, data.dir, data.catalogue.version(), data.assumptions.version,
                         data.rules.ruleset, common.seed, common.samples, common.language};
}

}  // namespace gpai::cli
