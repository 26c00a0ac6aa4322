#pragma once
// The CLI is a thin layer: parse options, load data, call the library, print.
// Each subcommand is one function; main() maps errors to exit codes.

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/io/data_files.hpp"
#include "gpai/report/assessment_report.hpp"
#include "gpai/report/output_writer.hpp"
#include "gpai/uncertainty.hpp"

namespace gpai::cli {

namespace po = boost::program_options;

struct Invocation {
  std::string executable;            // argv[0]
  std::vector<std::string> args;     // after the subcommand name
};

// Which of the common options a command takes. Every command registers its
// common options with add_common_options and has them validated by
// parse_command (syntax, names) and load_data (against the data: --as-of
// coverage, --taxonomy), so that one option reads and fails alike everywhere.
struct CommonSpec {
  bool as_of = true;        // --as-of DATE, refused before the rule data's coverage
  bool taxonomy = true;     // --taxonomy ID, checked against the data
  bool monte_carlo = true;  // --seed, --samples
  bool language = true;     // --language, or --lang (a catalogue in DATA/messages/)
  // The output format option: its name, default and accepted names
  // (report::output_formats: batch writes rows, the others documents).
  std::string format_option = "format";
  std::string format_default = "text";
  std::vector<std::string> formats = report::output_format_names(/*rows=*/false);
  std::string format_note;  // appended to the format option's help
};

// The common options' values (--data and --catalogue: every command).
struct CommonOptions {
  CommonSpec spec;  // set by add_common_options
  std::optional<std::string> data_dir;
  std::string format = "text";
  std::optional<std::string> as_of;  // as given
  Date as_of_date;                   // resolved by parse_command: --as-of, else today (UTC)
  std::uint64_t seed = MonteCarloConfig{}.seed;
  std::size_t samples = MonteCarloConfig{}.samples;
  std::string taxonomy;  // empty: the systemic-risk taxonomy in force on as_of
  std::string catalogue;  // --catalogue FILE: user accelerator entries; empty: none
  std::string language = "en";
  std::string language_option = "language";  // as given ("lang" or "language"): errors name it
};


// The Monte Carlo sample count every computing command accepts.
inline constexpr std::size_t kMinSamples = 2;
inline constexpr std::size_t kMaxSamples = 100'000'000;

// "--option: expected a whole number from MIN to MAX, found TEXT" unless
// `text` is plain decimal digits (an optional '+') within [min, max].
std::uint64_t parse_whole_number(const std::string& option, const std::string& text, std::uint64_t min,
                                 std::uint64_t max);

// A whole-number option read as text and checked by parse_whole_number:
// Boost.Program_options reads "-5" into an unsigned as 2^64 - 5 and then
// reports that number. `option` is the long name, for messages.
template <class T>
po::typed_value<std::string>* whole_number(const std::string& option, T* target, T min, T max) {
  return po::value<std::string>()
      ->default_value(std::to_string(*target))
      ->notifier([=](const std::string& text) {
        *target = static_cast<T>(parse_whole_number(option, text, min, max));
      });
}

// The one reading of a duration option, for every command: plain seconds
// ("90", "0.1") or a number with s, m, h or d ("30s", "15m", "6h", "1d").
// Quantity suffixes are not durations ("15M" is refused, not 15e6 s).
double parse_duration_seconds(const std::string& option, const std::string& text, bool allow_zero = false);

// Registers the common options `spec` names (and --data, --catalogue).
void add_common_options(po::options_description& desc, CommonOptions& common, const CommonSpec& spec = {});
// Parses args into `vm`; a po error becomes a UsageError naming the command.
void parse_or_throw(const std::string& command, const Invocation& inv,
                    const po::options_description& desc,
                    const po::positional_options_description& positional, po::variables_map& vm);

// parse_or_throw, then --help (prints `desc`, returns false); then reads and
// validates the common options into `common`: --data, --as-of (a date),
// the format (one of spec.formats), --language, --samples.
bool parse_command(const std::string& command, const Invocation& inv, const po::options_description& desc,
                   const po::positional_options_description& positional, po::variables_map& vm,
                   CommonOptions& common);

// Loads the data files, then checks the common options that need them:
// --as-of within the rule data's coverage, a known --taxonomy.
io::DataBundle load_data(const CommonOptions& common, const Invocation& inv);
// A date before the rule data's formalised_from is a usage error: the data
// does not say what the law was then.
void check_as_of_covered(const io::DataBundle& data, Date as_of);
Date resolve_as_of(const CommonOptions& common);
// An unknown --taxonomy id is a usage error that lists the known ones.
void check_taxonomy(const io::DataBundle& data, const CommonOptions& common);
// Also warns on standard error when --samples is large enough to make the
// run slow; `many_cards` says whether the run scores many cards (batch).
MonteCarloConfig monte_carlo(const CommonOptions& common, bool many_cards = false);
report::RunInfo run_info(const io::DataBundle& data, const CommonOptions& common);

int run_assess(const Invocation& inv);
int run_explain(const Invocation& inv);
int run_rules(const Invocation& inv);
int run_estimate(const Invocation& inv);
int run_batch(const Invocation& inv);
int run_audit(const Invocation& inv);
int run_synth_logs(const Invocation& inv);
int run_hardware(const Invocation& inv);
int run_classify(const Invocation& inv);

}  // namespace gpai::cli
