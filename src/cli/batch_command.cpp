// gpai-eval batch: score many cards; rows to stdout or --output, errors to
// --errors (or standard error), summary to standard error.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.hpp"
#include "gpai/error.hpp"
#include "gpai/app/batch.hpp"
#include "gpai/report/batch_report.hpp"
#include "gpai/version.hpp"

namespace gpai::cli {
namespace {

// An output file or a standard stream, with a large buffer: rows are small
// and many.
class Output {
 public:
  Output(const std::string& path, std::ostream& fallback) : path_(path) {
    pending_.reserve(kFlushBytes + (std::size_t{64} << 10));
    if (path.empty() || path == "-") {
      out_ = &fallback;
      path_ = "standard output";
      return;
    }
    file_.open(path, std::ios::binary | std::ios::trunc);
    if (!file_) throw UsageError("cannot open " + path + " for writing");
    out_ = &file_;
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() {
    try {
      flush_pending();  // what an error cut short is still written, as a stream's buffer would be
    } catch (...) {
    }
  }
  // Rows are gathered here and handed to the stream a megabyte at a time:
  // libstdc++'s filebuf writes any piece of 1 KiB or more straight through
  // (one writev per row), whatever its buffer size, which made the write
  // system call a tenth of a batch run's CPU time.
  void write(const std::string& bytes) {
    pending_.append(bytes);
    if (pending_.size() >= kFlushBytes) flush_pending();
  }
  void finish() {
    flush_pending();
    out_->flush();
    if (!*out_) throw InputError(SourceLocation{path_, 0, 0, ""}, "write failed (disk full or closed pipe?)");
  }
  const std::string& name() const { return path_; }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
  void flush_pending() {
    if (pending_.empty()) return;
    out_->write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    pending_.clear();
  }
  std::string path_;
  std::ofstream file_;
  std::ostream* out_ = nullptr;
  std::string pending_;
};

// Rows and errors in one file would truncate and interleave each other, so
// the two must differ as files, not only as spellings (out.jsonl and
// ./out.jsonl are one file). A character device such as /dev/null can take
// both. "-" is standard output for rows and standard error for errors.
void check_distinct_outputs(const std::string& output, const std::string& errors) {
  if (output.empty() || errors.empty() || output == "-" || errors == "-") return;
  namespace fs = std::filesystem;
  std::error_code ec_a, ec_b, ec;
  const fs::path a = fs::weakly_canonical(fs::absolute(output, ec_a), ec_a);
  const fs::path b = fs::weakly_canonical(fs::absolute(errors, ec_b), ec_b);
  bool same = output == errors || (!ec_a && !ec_b && a == b);
  if (!same && fs::exists(output, ec) && fs::exists(errors, ec)) same = fs::equivalent(output, errors, ec) && !ec;
  if (!same) return;
  if (fs::is_character_file(output, ec)) return;
  throw UsageError("batch: --output and --errors must be different files (both are " + output + ")");
}

void check_inputs(const std::vector<std::string>& inputs) {
  if (inputs.empty()) {
    throw UsageError("batch: give at least one INPUT (a JSON Lines file, a directory, a card file, or - for standard input)");
  }
  std::size_t stdin_count = 0;
  for (const auto& in : inputs) {
    if (in == "-") {
      if (++stdin_count > 1) throw UsageError("batch: standard input (-) can be given only once");
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::exists(in, ec)) throw UsageError("batch: input not found: " + in);
  }
}

}  // namespace

int run_batch(const Invocation& inv) {
  CommonOptions common;
  std::vector<std::string> inputs;
  std::string output, errors;
  unsigned jobs = 0;
  bool strict = false, quiet = false;
  po::options_description desc(
      "gpai-eval batch INPUT... [options]\n\n"
      "Scores many model cards: one row per card, in input order, never a silently dropped card.\n"
      "INPUT: a JSON Lines file (.jsonl/.ndjson), a card file (.json, README.md), a directory\n"
      "(searched recursively) or - for standard input; gzip is recognised by content.\n"
      "Formats per record: gpai-eval card v1, Hugging Face Hub API JSON, Hugging Face README.md.\n"
      "Exit code 0 when the run completed, even with record errors (see the summary);\n"
      "2 with --strict when any record could not be scored");
  desc.add_options()("help,h", "show this help")
      ("input", po::value(&inputs), "input files, directories or -")
      ("output,o", po::value(&output), "result rows to FILE (default: standard output)")
      ("errors", po::value(&errors), "error rows to FILE (default: one line each on standard error)")
      ("jobs,j", whole_number("jobs", &jobs, 0u, 1024u), "scoring threads (default 0: all cores); output does not depend on it")
      ("strict", po::bool_switch(&strict), "exit 2 when any record could not be scored")
      ("quiet,q", po::bool_switch(&quiet), "no progress line and no summary on standard error");
  add_common_options(desc, common,
                     CommonSpec{.format_option = "output-format", .format_default = "jsonl",
                                .formats = report::output_format_names(/*rows=*/true),
                                .format_note = " (also used for --errors)"});
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  if (!parse_command("batch", inv, desc, pos, vm, common)) return 0;
  check_distinct_outputs(output, errors);
  check_inputs(inputs);
  const Date as_of = common.as_of_date;
  const MonteCarloConfig mc = monte_carlo(common, /*many_cards=*/true);
  const io::DataBundle data = load_data(common, inv);  // checks --as-of and --taxonomy against it
  const EstimationContext ctx = data.context(mc, common.taxonomy);

  Output out(output, std::cout);
  std::optional<Output> err_out;
  if (!errors.empty()) err_out.emplace(errors, std::cerr);
  // Rows and error rows in the --output-format; without --errors, errors
  // are text lines on standard error.
  const auto rows = report::make_writer(*report::parse_output_format(common.format));
  const auto error_lines = report::make_writer(report::OutputFormat::text);
  const bool errors_to_file = err_out.has_value();
  const report::OutputWriter& errors_writer = errors_to_file ? *rows : *error_lines;
  out.write(rows->results_header());
  if (err_out) err_out->write(rows->errors_header());

  const app::RenderFn render = [&](const RecordResult& r, std::string& bytes) {
    if (r.ok()) rows->write_result(r.value(), bytes);
    else errors_writer.write_error(r.error(), bytes);
  };
  const app::SinkFn sink = [&](bool is_error, const std::string& bytes) {
    if (!is_error) out.write(bytes);
    else if (err_out) err_out->write(bytes);
    else std::cerr << bytes;
  };
  const bool show_progress = !quiet && isatty(STDERR_FILENO);
  auto last_progress = std::chrono::steady_clock::now();
  const app::ProgressFn progress = [&](const BatchStats& s) {
    if (!show_progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_progress < std::chrono::milliseconds(250)) return;
    last_progress = now;
    std::cerr << "\r" << report::batch_progress(s) << "\033[K" << std::flush;
  };

  io::RecordReader reader(inputs);
  app::BatchOptions options;
  options.jobs = jobs;
  const BatchStats stats =
      app::run_batch(reader, ctx, data.hf_vocabulary, as_of, options, render, sink, progress);
  out.finish();
  if (err_out) err_out->finish();
  if (show_progress) std::cerr << "\r\033[K";
  if (!quiet) {
    std::cerr << report::batch_summary(stats, errors_to_file ? err_out->name() : "the lines above")
              << "  run:            gpai-eval " << kVersion << ", rules " << data.rules.ruleset << " "
              << data.rules.version << ", as of " << as_of.to_string()
              << (common.taxonomy.empty() ? std::string() : ", taxonomy " + common.taxonomy) << ", seed " << mc.seed << ", "
              << mc.samples << " samples, data " << data.dir << "\n";
  }
  if (strict && stats.errors > 0) return static_cast<int>(ExitCode::input_error);
  return 0;
}

}  // namespace gpai::cli
