#include "gpai/report/batch_report.hpp"

#include "json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace gpai::report {
namespace {

// Shortest text that reads back as the same double; empty if not finite.
std::string num_text(double v) {
  if (!std::isfinite(v)) return {};
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// Rows are written into a per-thread buffer, then copied out in one append.
std::vector<char>& row_buffer() {
  thread_local std::vector<char> buffer;
  return buffer;
}

// ---- CSV --------------------------------------------------------------------

void csv_field(std::string_view s, std::string& out) {
  std::string clean;
  utf8_each(s, [&](std::string_view ch) { clean.append(ch); });
  if (clean.find_first_of(",\"\r\n") == std::string::npos) {
    out += clean;
    return;
  }
  out.push_back('"');
  for (char c : clean) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

template <typename Range, typename Get>
std::string joined(const Range& items, Get&& get) {
  std::string s;
  for (const auto& i : items) {
    if (!s.empty()) s.push_back(';');
    s += get(i);
  }
  return s;
}

struct RowFacts {  // what both formats print, computed once
  bool has_compute = false;
  DistributionSummary compute;
  double p_above_se = 0;  // Monte Carlo standard error of p_above_threshold
};

RowFacts facts_of(const ScoredRecord& r) {
  const auto& a = r.assessment;
  return {a.compute.cumulative.has_value(), a.compute.cumulative_summary,
          a.compute.cumulative_above ? a.compute.cumulative_above->se : 0.0};
}

}  // namespace

std::string batch_result_header(OutputFormat format) {
  if (format != OutputFormat::csv) return {};
  std::string h = "record,source,line,pointer,format,id,compute_median_flop,compute_p05_flop,"
                  "compute_p95_flop,threshold_status,threshold_flop,p_above_threshold,";
  h += "gpai_status,systemic_risk_status,obligations,annex_xiii,";
  h += "insufficient_evidence,missing,undecidable,flags,findings,mapped_fields,base_model,"
       "base_model_relation,compute_propagation,compute_samples,compute_median_se_flop,compute_p05_se_flop,"
       "compute_p95_se_flop,p_above_threshold_se\n";
  return h;
}

std::string batch_error_header(OutputFormat format) {
  if (format != OutputFormat::csv) return {};
  return "record,source,line,column,pointer,format,id,error,message\n";
}

void append_batch_result(const ScoredRecord& r, OutputFormat format, std::string& out) {
  const auto& a = r.assessment;
  const auto& p = r.provenance;
  const RowFacts f = facts_of(r);
  const bool insufficient = a.threshold.status == ThresholdStatus::insufficient_evidence;
  if (format == OutputFormat::csv) {
    auto field = [&](std::string_view s) {
      csv_field(s, out);
      out.push_back(',');
    };
    field(std::to_string(r.record.ordinal));
    field(r.record.source);
    field(r.record.line ? std::to_string(r.record.line) : std::string());
    field(r.record.pointer);
    field(to_string(p.format));
    field(p.record_id);
    field(f.has_compute ? num_text(f.compute.median) : "");
    field(f.has_compute ? num_text(f.compute.p05) : "");
    field(f.has_compute ? num_text(f.compute.p95) : "");
    field(to_string(a.threshold.status));
    field(a.threshold.threshold_flop ? num_text(*a.threshold.threshold_flop) : "");
    field(f.has_compute ? num_text(a.threshold.p_above) : "");
    field(to_string(a.gpai.status));
    field(to_string(a.systemic_risk.status));
    std::string applying;
    for (const auto& o : a.obligations) {
      if (!o.applies) continue;
      if (!applying.empty()) applying.push_back(';');
      applying += o.id;
    }
    field(applying);
    field(joined(a.annex_xiii, [](const auto& c) { return c.point + "=" + std::string(to_string(c.status)); }));
    field(insufficient ? "true" : "false");
    field(joined(p.missing, [](const auto& m) { return m.field; }));
    field(joined(p.undecidable, [](const auto& s) { return s; }));
    field(joined(p.flags, [](const auto& x) { return x.id; }));
    field(joined(a.findings, [](const auto& x) { return x.id; }));
    field(joined(p.mapped, [](const auto& m) { return m.field; }));
    field(p.lineage.base_models.empty() ? std::string() : p.lineage.base_models.front());
    field(p.lineage.relation);
    field(f.has_compute ? to_string(f.compute.propagation) : "");
    field(f.has_compute ? std::to_string(f.compute.samples) : "");
    field(f.has_compute ? num_text(f.compute.median_se) : "");
    field(f.has_compute ? num_text(f.compute.p05_se) : "");
    field(f.has_compute ? num_text(f.compute.p95_se) : "");
    csv_field(f.has_compute && a.threshold.threshold_flop ? num_text(f.p_above_se) : "", out);
    out.push_back('\n');
    return;
  }
  JsonText j(row_buffer());
  j.begin_object();
  j.key("record"), j.whole(r.record.ordinal);
  j.str("source", r.record.source);
  j.key("line"), j.whole_or_null(r.record.line);
  j.str("pointer", r.record.pointer);
  j.str("format", to_string(p.format));
  j.str("id", p.record_id);
  j.key("compute_flop");
  if (f.has_compute) {
    j.begin_object();
    j.num("median", f.compute.median);
    j.num("p05", f.compute.p05);
    j.num("p95", f.compute.p95);
    j.num("median_se", f.compute.median_se);
    j.num("p05_se", f.compute.p05_se);
    j.num("p95_se", f.compute.p95_se);
    j.str("propagation", to_string(f.compute.propagation));
    j.key("samples"), j.whole(f.compute.samples);
    j.end_object();
  } else {
    j.null();
  }
  j.str("threshold_rule", a.threshold.rule_id);
  j.str("threshold_status", to_string(a.threshold.status));
  j.key("threshold_flop");
  if (a.threshold.threshold_flop) j.number(*a.threshold.threshold_flop);
  else j.null();
  j.key("p_above_threshold");
  if (f.has_compute) j.number(a.threshold.p_above);
  else j.null();
  j.key("p_above_threshold_se");
  if (f.has_compute) j.number(f.p_above_se);
  else j.null();
  j.str("gpai_status", to_string(a.gpai.status));
  j.str("systemic_risk_status", to_string(a.systemic_risk.status));
  auto strings = [&](std::string_view k, const auto& items) {
    j.key(k);
    j.begin_array();
    for (const auto& s : items) j.element(), j.string(s);
    j.end_array();
  };
  j.key("obligations");
  j.begin_array();
  for (const auto& o : a.obligations) {
    if (o.applies) j.element(), j.string(o.id);
  }
  j.end_array();
  j.key("annex_xiii");
  j.begin_object();
  for (const auto& c : a.annex_xiii) j.data_key(c.point), j.string(to_string(c.status));
  j.end_object();
  j.key("insufficient_evidence"), j.boolean(insufficient);
  j.key("missing");
  j.begin_array();
  for (const MissingField& m : p.missing) {
    j.element();
    j.begin_object();
    j.str("field", m.field);
    j.str("needed_for", m.needed_for);
    if (!m.why.empty()) j.str("why", m.why);
    j.end_object();
  }
  j.end_array();
  strings("undecidable", p.undecidable);
  j.key("flags");
  j.begin_array();
  for (const Finding& x : p.flags) {
    j.element();
    j.begin_object();
    j.str("id", x.id);
    j.str("severity", x.severity);
    j.str("message", x.message);
    j.end_object();
  }
  j.end_array();
  j.key("findings");
  j.begin_array();
  for (const auto& x : a.findings) j.element(), j.string(x.id);
  j.end_array();
  j.key("mapped");
  j.begin_array();
  for (const FieldSource& m : p.mapped) {
    j.element();
    j.begin_object();
    j.str("field", m.field);
    j.str("from", m.from);
    j.end_object();
  }
  j.end_array();
  strings("notes", p.notes);
  j.str_or_null("base_model", p.lineage.base_models.empty() ? "" : p.lineage.base_models.front());
  j.str_or_null("base_model_relation", p.lineage.relation);
  j.end_object();
  j.newline();
  out += j.text();
}

void append_batch_error(const Diagnostic& e, OutputFormat format, std::string& out) {
  const std::size_t line = e.line ? e.line : e.record.line;
  if (format == OutputFormat::csv) {
    for (const std::string& s :
         {std::to_string(e.record.ordinal), e.record.source, line ? std::to_string(line) : std::string(),
          e.column ? std::to_string(e.column) : std::string(), e.pointer, e.format, e.id, e.kind}) {
      csv_field(s, out);
      out.push_back(',');
    }
    csv_field(e.message, out);
    out.push_back('\n');
    return;
  }
  JsonText j(row_buffer());
  j.begin_object();
  j.key("record"), j.whole(e.record.ordinal);
  j.str("source", e.record.source);
  j.key("line"), j.whole_or_null(line);
  j.key("column"), j.whole_or_null(e.column);
  j.str("pointer", e.pointer);
  j.str_or_null("format", e.format);
  j.str_or_null("id", e.id);
  j.str("error", e.kind);
  j.str("message", e.message);
  j.end_object();
  j.newline();
  out += j.text();
}

std::string batch_error_line(const Diagnostic& e) {
  std::string s = e.record.source;
  const std::size_t line = e.line ? e.line : e.record.line;
  if (line) s += ":" + std::to_string(line);
  if (line && e.column) s += ":" + std::to_string(e.column);
  s += ": ";
  if (!e.pointer.empty()) s += e.pointer + ": ";
  std::string clean;
  utf8_each(e.message, [&](std::string_view ch) { clean.append(ch); });
  return "gpai-eval: batch: " + s + clean + " (record " + std::to_string(e.record.ordinal) + ")\n";
}

}  // namespace gpai::report
