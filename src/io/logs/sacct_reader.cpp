// Slurm job accounting, `sacct --parsable2` (or --parsable: a trailing '|').
// GPU time = Elapsed x allocated GPUs of the job allocation. Job steps
// (123.batch, 123.extern, 123.0) run inside their allocation and are never
// added to it. Failed and cancelled jobs count (the GPUs were held) but are
// tallied separately; see docs/audit.md.
#include <array>
#include <set>
#include <unordered_set>

#include "readers.hpp"

namespace gpai::io::logs {
namespace {

constexpr std::size_t kMaxColumns = 128;

int column(const std::vector<std::string>& names, std::string_view wanted) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (iequals(names[i], wanted)) return static_cast<int>(i);
  }
  return -1;
}

// "[D-]HH:MM:SS", "MM:SS" or "MM:SS.mmm".
std::optional<double> parse_elapsed(std::string_view s) {
  s = trim(s);
  double days = 0;
  if (const auto dash = s.find('-'); dash != std::string_view::npos) {
    int d;
    if (dash == 0 || dash > 5 || !digits(s.data(), static_cast<int>(dash), d)) return std::nullopt;
    days = d;
    s.remove_prefix(dash + 1);
  }
  double parts[3];
  std::size_t n = 0;
  while (!s.empty() && n < 3) {
    const auto colon = s.find(':');
    const std::string_view p = s.substr(0, colon);
    double v;
    if (parse_number(p, v) != Cell::ok || v < 0) return std::nullopt;
    parts[n++] = v;
    if (colon == std::string_view::npos) {
      s = {};
      break;
    }
    s.remove_prefix(colon + 1);
  }
  if (!s.empty() || n < 2) return std::nullopt;
  const double secs = n == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : parts[0] * 60 + parts[1];
  return days * 86400 + secs;
}

struct GpuAlloc {
  std::string type;  // "" when untyped
  double count = 0;
};

// AllocTRES "billing=8,cpu=2,gres/gpu:mi100=8,gres/gpu=8,mem=3G" or AllocGRES
// "gpu:a100:4(IDX:0-3)". Typed entries win; an untyped total larger than
// their sum adds the remainder untyped. False on a malformed count.
bool parse_gpus(std::string_view tres, bool gres_syntax, std::vector<GpuAlloc>& out) {
  out.clear();
  double untyped = -1, typed_sum = 0;
  std::array<std::string_view, 64> items;
  const std::size_t n = std::min(split_fields(tres, ',', items.data(), items.size()), items.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view it = trim(items[i]);
    if (gres_syntax) {
      // gpu[:type]:count[(IDX:...)]
      if (it.substr(0, 4) != "gpu:") continue;
      it.remove_prefix(4);
      if (const auto paren = it.find('('); paren != std::string_view::npos) it = it.substr(0, paren);
      const auto last = it.rfind(':');
      const std::string_view count_text = last == std::string_view::npos ? it : it.substr(last + 1);
      double c;
      if (parse_number(count_text, c) != Cell::ok || c < 0) return false;
      if (last == std::string_view::npos) {
        untyped = std::max(untyped, 0.0) + c;
      } else {
        out.push_back({std::string(it.substr(0, last)), c});
        typed_sum += c;
      }
      continue;
    }
    if (it.substr(0, 8) != "gres/gpu" || it.size() < 10) continue;
    const char kind = it[8];
    if (kind != '=' && kind != ':') continue;  // gres/gpumem, gres/gpuutil
    const auto eq = it.find('=');
    if (eq == std::string_view::npos) return false;
    double c;
    if (parse_number(it.substr(eq + 1), c) != Cell::ok || c < 0) return false;
    if (kind == '=') {
      untyped = c;
    } else {
      out.push_back({std::string(it.substr(9, eq - 9)), c});
      typed_sum += c;
    }
  }
  if (untyped > typed_sum) out.push_back({"", untyped - typed_sum});
  return true;
}

enum class Outcome { completed, running, failed, cancelled, pending };

Outcome outcome_of(std::string_view state) {
  state = trim(state);
  state = state.substr(0, state.find(' '));  // "CANCELLED by 123"
  if (state == "COMPLETED") return Outcome::completed;
  if (state == "RUNNING" || state == "COMPLETING" || state == "SUSPENDED") return Outcome::running;
  if (state == "CANCELLED") return Outcome::cancelled;
  if (state == "PENDING" || state == "REQUEUE_HOLD") return Outcome::pending;
  if (state.empty()) return Outcome::completed;
  return Outcome::failed;  // FAILED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED, REQUEUED, ...
}

}  // namespace

bool detect_sacct(std::string_view line, const IngestOptions&) {
  return !comment_line(line) && !prometheus_sample_line(line) && line.find('|') != std::string_view::npos &&
         icontains(line, "JobID");
}

void read_sacct(ReaderContext& ctx) {
  std::string_view line;
  std::array<std::string_view, kMaxColumns> f;
  std::string header;
  while (ctx.in.next(line)) {
    if (!trim(line).empty()) {
      header.assign(line);
      break;
    }
  }
  const std::size_t ncols = split_fields(header, '|', f.data(), f.size());
  if (ncols > kMaxColumns) throw InputError(ctx.here(), "more than 128 columns");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < ncols; ++i) names.emplace_back(trim(f[i]));
  const int c_job = column(names, "JobID");
  const int c_start = column(names, "Start"), c_end = column(names, "End");
  const int c_elapsed = column(names, "Elapsed"), c_raw = column(names, "ElapsedRaw");
  const int c_tres = column(names, "AllocTRES"), c_gres = column(names, "AllocGRES");
  const int c_state = column(names, "State");
  if (c_job < 0) throw InputError(ctx.here(), "sacct header: no JobID column (use sacct --parsable2 -o JobID,...)");
  if (c_tres < 0 && c_gres < 0) throw InputError(ctx.here(), "sacct header: no AllocTRES or AllocGRES column");
  if (c_elapsed < 0 && c_raw < 0 && (c_start < 0 || c_end < 0)) {
    throw InputError(ctx.here(), "sacct header: no Elapsed, ElapsedRaw, or Start and End columns");
  }

  UsageBook& book = *ctx.book;
  DataQuality& q = ctx.quality;
  std::unordered_set<std::string> job_starts;           // JobID|Start seen
  std::unordered_set<std::string> jobs;                 // JobIDs with an allocation line
  std::set<std::string> step_parents;                   // parents named by steps
  std::vector<GpuAlloc> gpus;
  auto field = [&](int c) { return c >= 0 ? trim(f[static_cast<std::size_t>(c)]) : std::string_view(); };

  while (ctx.in.next(line)) {
    if (trim(line).empty()) continue;
    if (line == header) {
      ++q.header_repeats;
      continue;
    }
    ++q.rows_read;
    const std::size_t n = split_fields(line, '|', f.data(), f.size());
    if (n != ncols) {
      ctx.reject("expected " + std::to_string(ncols) + " '|'-separated fields, found " + std::to_string(n));
      continue;
    }
    const std::string_view id = field(c_job);
    if (id.empty()) {
      ctx.reject("empty JobID");
      continue;
    }
    if (const auto dot = id.find('.'); dot != std::string_view::npos) {
      ++q.job_steps_skipped;
      step_parents.emplace(id.substr(0, dot));
      continue;
    }
    const Outcome outcome = outcome_of(field(c_state));
    const auto start = parse_timestamp(field(c_start));
    const auto end = parse_timestamp(field(c_end));
    if (outcome == Outcome::pending || (!start && !end && field(c_elapsed).empty() && field(c_raw).empty())) {
      jobs.emplace(id);  // holds no GPUs yet
      continue;
    }
    std::optional<double> elapsed;
    if (c_raw >= 0 && !field(c_raw).empty()) {
      double v;
      if (parse_number(field(c_raw), v) == Cell::ok && v >= 0) elapsed = v;
    }
    // A malformed Elapsed rejects the row even when Start and End would give a
    // duration: a damaged row is reported, not silently repaired.
    if (!elapsed && c_elapsed >= 0 && !field(c_elapsed).empty()) elapsed = parse_elapsed(field(c_elapsed));
    else if (!elapsed && start && end) elapsed = end->seconds - start->seconds;
    if (!elapsed || *elapsed < 0) {
      ctx.reject("job " + excerpt(id, kExcerptBytes, 0) + ": elapsed time " + quote(field(c_elapsed)) + " not understood");
      continue;
    }
    if (!start && !end) {
      ctx.reject("job " + excerpt(id, kExcerptBytes, 0) + ": neither Start nor End is a time, so its GPU time cannot be dated");
      continue;
    }
    if (!parse_gpus(c_tres >= 0 ? field(c_tres) : field(c_gres), c_tres < 0, gpus)) {
      ctx.reject("job " + excerpt(id, kExcerptBytes, 0) + ": GPU count not understood in " +
                 quote(c_tres >= 0 ? field(c_tres) : field(c_gres)));
      continue;
    }
    std::string dedupe(id);
    dedupe.push_back('|');
    dedupe.append(field(c_start));
    if (!job_starts.insert(dedupe).second) {
      ++q.duplicate_jobs;
      continue;
    }
    if (!jobs.emplace(id).second) ++q.restarts;  // same job, another start: a requeued run
    double job_gpus = 0;
    for (const auto& g : gpus) job_gpus += g.count;
    if (job_gpus <= 0) {
      ++q.jobs_without_gpus;
      continue;
    }
    ++q.jobs;
    const double t0 = start ? ctx.place(*start) : ctx.place(*end) - *elapsed;
    const double t1 = t0 + *elapsed;
    for (const auto& g : gpus) {
      const std::uint32_t type = book.type_for_gres(g.type);
      book.add_device(type);
      book.add_spread(type, t0, t1, g.count * *elapsed);
    }
    const double gpu_seconds = job_gpus * *elapsed;
    switch (outcome) {
      case Outcome::failed:
        ++q.failed_jobs;
        q.failed_accelerator_seconds += gpu_seconds;
        break;
      case Outcome::cancelled:
        ++q.cancelled_jobs;
        q.cancelled_accelerator_seconds += gpu_seconds;
        break;
      case Outcome::running: ++q.running_jobs; break;
      default: break;
    }
  }
  for (const auto& parent : step_parents) {
    if (!jobs.count(parent)) ++q.orphan_steps;
  }
}

}  // namespace gpai::io::logs
