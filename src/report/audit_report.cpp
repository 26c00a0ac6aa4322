#include "gpai/report/audit_report.hpp"

#include <cmath>
#include <cstdio>

namespace gpai::report {
namespace {
using OJson = nlohmann::ordered_json;

OJson date_or_null(const std::optional<Date>& d) { return d ? OJson(d->to_string()) : OJson(nullptr); }

OJson number_or_null(const std::optional<double>& v) { return v ? OJson(*v) : OJson(nullptr); }

// Unix seconds as "YYYY-MM-DDThh:mm:ssZ"; relative times stay seconds.
OJson time_json(double t, bool absolute) {
  if (!absolute) return OJson(t);
  const auto days = static_cast<long>(std::floor(t / 86400));
  const auto secs = static_cast<int>(std::floor(t - static_cast<double>(days) * 86400)) % 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", secs / 3600, secs / 60 % 60, secs % 60);
  return OJson(Date::from_days(days).to_string() + buf);
}

OJson verdict_json(AuditVerdict v) {
  return v == AuditVerdict::none ? OJson(nullptr) : OJson(std::string(to_string(v)));
}

OJson interval_json(const Quantity& q) { return OJson{{"low", q.low()}, {"high", q.high()}}; }

OJson method_json(const MessageCatalogue& msg, const AuditMethod& m) {
  OJson j{{"method", m.method}, {"flop", m.summary.median}, {"p05", m.summary.p05}, {"p95", m.summary.p95}};
  j["status"] = verdict_json(m.status);
  j["p_above_threshold"] = m.p_above;
  j["source"] = m.source;
  j["formula"] = audit_method_formula(msg, m);
  j["utilisation"] = m.utilisation;
  j["peak"] = m.peak;
  j["assumptions"] = audit_method_assumptions(msg, m);
  return j;
}

OJson hours_by_type(const LogEvidence& e) {
  OJson h = OJson::object();
  for (const auto& u : e.accelerators) {
    h[u.accelerator.empty() ? std::string("unspecified") : u.accelerator] = u.total.accelerator_seconds / 3600;
  }
  return h;
}

OJson quality_json(const DataQuality& q) {
  OJson j{{"rows_read", q.rows_read}, {"rows_rejected", q.rows_rejected}, {"missing_values", q.missing_values},
          {"header_repeats", q.header_repeats}, {"truncated_last_lines", q.truncated_last_lines},
          {"mixed_types", q.mixed_types}};
  j["telemetry"] = OJson{{"samples", q.samples},
                         {"duplicates", q.duplicates},
                         {"overlaps", q.overlaps},
                         {"gaps", q.gaps},
                         {"gap_hours_excluded", q.gap_seconds_excluded / 3600},
                         {"clock_skew_events", q.clock_skew_events},
                         {"max_clock_skew_seconds", q.max_clock_skew_seconds},
                         {"skewed_hosts", q.skewed_hosts},
                         {"energy_counter_resets", q.counter_resets},
                         {"model_changes", q.type_changes},
                         {"mig_rows", q.mig_rows}};
  j["accounting"] = OJson{{"jobs", q.jobs},
                          {"job_steps_skipped", q.job_steps_skipped},
                          {"orphan_steps", q.orphan_steps},
                          {"duplicate_jobs", q.duplicate_jobs},
                          {"restarts", q.restarts},
                          {"failed_jobs", q.failed_jobs},
                          {"failed_accelerator_hours", q.failed_accelerator_seconds / 3600},
                          {"cancelled_jobs", q.cancelled_jobs},
                          {"cancelled_accelerator_hours", q.cancelled_accelerator_seconds / 3600},
                          {"running_jobs", q.running_jobs},
                          {"jobs_without_gpus", q.jobs_without_gpus}};
  OJson logged = OJson::object();
  for (const auto m : kActivityMetrics) logged[std::string(to_string(m))] = q.metrics_logged[static_cast<std::size_t>(m)];
  logged["power"] = q.power_logged;
  logged["energy"] = q.energy_logged;
  j["counters_logged"] = logged;
  return j;
}

}  // namespace

std::vector<LogNote> log_notes(const AuditSources& sources) {
  std::vector<LogNote> out;
  for (const LogEvidence* e : {sources.accounting, sources.telemetry}) {
    if (e) out.insert(out.end(), e->notes.begin(), e->notes.end());
  }
  return out;
}

OJson evidence_json(const LogEvidence& e) {
  OJson j;
  j["kind"] = std::string(to_string(e.kind));
  j["files"] = OJson::array();
  for (const auto& f : e.files) {
    j["files"].push_back(OJson{{"path", f.path}, {"format", f.format}, {"gzip", f.gzip},
                               {"rows_read", f.rows_read}, {"rows_rejected", f.rows_rejected},
                               {"relative_time", f.relative_time}, {"truncated_last_line", f.truncated_last_line}});
  }
  j["rows_read"] = e.quality.rows_read;
  j["rows_rejected"] = e.quality.rows_rejected;
  j["accelerator_hours"] = hours_by_type(e);
  j["absolute_time"] = e.absolute_time;
  j["first_time"] = e.first_time_s() ? time_json(*e.first_time_s(), e.absolute_time) : OJson(nullptr);
  j["last_time"] = e.last_time_s() ? time_json(*e.last_time_s(), e.absolute_time) : OJson(nullptr);
  j["window_seconds"] = e.window_seconds;
  if (e.kind == EvidenceKind::telemetry) {
    j["median_interval_seconds"] = e.median_interval_seconds;
    j["max_gap_seconds"] = e.max_gap_seconds;
  }
  j["accelerators"] = OJson::array();
  for (const auto& u : e.accelerators) {
    OJson a{{"accelerator", u.accelerator.empty() ? OJson(nullptr) : OJson(u.accelerator)},
            {"in_catalogue", u.in_catalogue},
            {"names_logged", u.names_logged},
            {e.kind == EvidenceKind::telemetry ? "devices" : "jobs", u.devices},
            {"accelerator_hours", u.total.accelerator_seconds / 3600},
            {"windows", u.windows.size()}};
    OJson act = OJson::object();
    for (const auto m : kActivityMetrics) {
      const auto& s = u.total.of(m);
      if (s.covered_seconds <= 0) continue;
      act[std::string(to_string(m))] = OJson{{"mean", *s.mean()}, {"covered_hours", s.covered_seconds / 3600}};
    }
    a["activity"] = act;
    const auto energy = u.total.energy_joules();
    a["energy_kwh"] = energy ? OJson(*energy / 3.6e6) : OJson(nullptr);
    a["energy_source"] = u.total.counter_covered_seconds > 0 ? "counter"
                         : u.total.power_covered_seconds > 0 ? "power"
                                                             : "none";
    a["mean_power_w"] = u.total.power_covered_seconds > 0
                            ? OJson(u.total.power_joules / u.total.power_covered_seconds)
                            : OJson(nullptr);
    j["accelerators"].push_back(a);
  }
  j["notes"] = OJson::array();
  for (const auto& n : e.notes) j["notes"].push_back(OJson{{"id", n.id}, {"severity", n.severity}, {"message", n.message}});
  j["quality"] = quality_json(e.quality);
  j["rejected"] = OJson::array();
  for (const auto& r : e.quality.rejected) {
    j["rejected"].push_back(OJson{{"file", r.file}, {"line", r.line}, {"reason", r.reason}});
  }
  return j;
}

OJson audit_json(const Audit& a, const AuditSources& src, const RunInfo& run, const MessageCatalogue& messages) {
  OJson j;
  j["schema"] = "gpai-eval/audit/1";
  j["model"] = a.model.empty() ? OJson(nullptr) : OJson(a.model);
  j["card"] = src.card.empty() ? OJson(nullptr) : OJson(src.card);
  j["as_of"] = a.as_of.to_string();
  j["claim"] = OJson{{"flop", number_or_null(a.claim_flop)},
                     {"pointer", a.claim_pointer.empty() ? OJson(nullptr) : OJson(a.claim_pointer)}};
  j["threshold"] = OJson{{"flop", number_or_null(a.threshold_flop)},
                         {"article", a.threshold_source.cite},
                         {"url", a.threshold_source.url}};
  OJson rec;
  if (const AuditMethod* h = a.headline()) {
    rec = OJson{{"method", h->method}, {"flop", h->summary.median}, {"p05", h->summary.p05}, {"p95", h->summary.p95}};
    rec["status"] = verdict_json(h->status);
    rec["p_above_threshold"] = h->p_above;
  } else {
    rec = OJson{{"method", nullptr}, {"flop", nullptr}, {"p05", nullptr}, {"p95", nullptr}, {"status", nullptr},
                {"p_above_threshold", nullptr}};
  }
  rec["policy"] = a.recomputed_policy;
  rec["tolerance_factor"] = a.tolerance_factor;
  rec["methods"] = OJson::array();
  for (const auto& m : a.methods) rec["methods"].push_back(method_json(messages, m));
  j["recomputed"] = rec;
  j["implied_utilisation"] = number_or_null(a.implied_utilisation);
  j["readings"] = OJson::array();
  for (const auto& r : a.readings) {
    j["readings"].push_back(OJson{
        {"metric", std::string(to_string(r.metric))},
        {"mean", r.mean},
        {"covered_share", r.accelerator_seconds > 0 ? r.covered_seconds / r.accelerator_seconds : 0.0},
        {"mfu_per_unit", r.mfu_per_unit ? interval_json(*r.mfu_per_unit) : OJson(nullptr)}});
  }
  j["findings"] = OJson::array();
  for (const auto& f : a.findings) {
    j["findings"].push_back(OJson{{"id", f.id}, {"severity", f.severity}, {"message", audit_finding_message(messages, f)}});
  }
  for (const LogNote& n : log_notes(src)) {
    j["findings"].push_back(OJson{{"id", n.id}, {"severity", n.severity}, {"message", n.message}});
  }

  OJson logs;
  std::size_t rows = 0, rejected = 0;
  for (const LogEvidence* e : {src.accounting, src.telemetry}) {
    if (!e) continue;
    rows += e->quality.rows_read;
    rejected += e->quality.rows_rejected;
  }
  logs["rows_read"] = rows;
  logs["rows_rejected"] = rejected;
  const LogEvidence* primary = src.telemetry ? src.telemetry : src.accounting;
  logs["accelerator_hours"] = primary ? hours_by_type(*primary) : OJson::object();
  logs["accelerator_hours_source"] = primary ? OJson(std::string(to_string(primary->kind))) : OJson(nullptr);
  logs["telemetry"] = src.telemetry ? evidence_json(*src.telemetry) : OJson(nullptr);
  logs["accounting"] = src.accounting ? evidence_json(*src.accounting) : OJson(nullptr);
  j["logs"] = logs;

  const Projection& p = a.projection;
  OJson pj{{"basis", std::string(to_string(p.basis))},
           {"threshold_crossing_date", date_or_null(p.threshold_crossing_date)},
           {"notification_deadline", date_or_null(p.notification_deadline)},
           {"earliest_crossing_date", date_or_null(p.earliest_crossing_date)},
           {"latest_crossing_date", date_or_null(p.latest_crossing_date)},
           {"crossed", p.crossed},
           {"projected", p.projected},
           {"notification_deadline_if_known_now", date_or_null(p.notification_deadline_if_known_now)},
           {"notification_days", number_or_null(p.notification_days)},
           {"notification_article", p.notification_source.cite},
           {"threshold_article", p.threshold_source.cite},
           {"explanation", projection_explanation(p)}};
  pj["curve"] = OJson::array();
  for (const auto& pt : p.curve) {
    pj["curve"].push_back(OJson{{"date", pt.date.to_string()},
                                {"accelerator_hours", pt.accelerator_hours},
                                {"flop_at_median_utilisation", pt.flop_median}});
  }
  j["projection"] = pj;
  j["run"] = OJson{{"tool_version", run.tool_version}, {"data_dir", run.data_dir},
                   {"accelerator_catalogue", run.catalogue_version}, {"assumptions", run.assumptions_version},
                   {"ruleset", run.ruleset}, {"seed", run.seed}, {"samples", run.samples}};
  return j;
}

}  // namespace gpai::report
