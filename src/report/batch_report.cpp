#include "gpai/report/batch_report.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace gpai::report {
namespace {

// ---- value writers ----------------------------------------------------------
// Hand-written instead of building nlohmann objects: a batch writes millions
// of rows, and a DOM per row costs more than scoring the card.

// Copies `s`, replacing bytes that are not valid UTF-8 with U+FFFD.
template <typename Emit>
void utf8_each(std::string_view s, Emit&& emit) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= n;
    for (std::size_t k = 1; valid && k < len; ++k) valid = (p[i + k] & 0xC0) == 0x80;
    if (valid && len == 2 && c < 0xC2) valid = false;  // overlong
    if (valid) {
      emit(s.substr(i, len));
      i += len;
    } else {
      emit(std::string_view("\xEF\xBF\xBD"));
      ++i;
    }
  }
}

// True when every byte is printable ASCII other than '"' and '\\': the string
// is written as is. Eight bytes per step (SWAR): rows are mostly such text.
bool plain_ascii(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_byte_below = [&](std::uint64_t w, unsigned char n) { return (w - ones * n) & ~w & highs; };
  auto has_byte_equal = [&](std::uint64_t w, unsigned char c) { return has_byte_below(w ^ (ones * c), 1); };
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if ((w & highs) || has_byte_below(w, 0x20) || has_byte_equal(w, '"') || has_byte_equal(w, '\\')) {
      return false;
    }
  }
  for (; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\') return false;
  }
  return true;
}

void json_string(std::string_view s, std::string& out) {
  out.push_back('"');
  if (plain_ascii(s)) {  // the common case (ids, statuses, file names): one append
    out.append(s);
    out.push_back('"');
    return;
  }
  utf8_each(s, [&](std::string_view ch) {
    if (ch.size() > 1) {
      out.append(ch);
      return;
    }
    const char c = ch[0];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  });
  out.push_back('"');
}

// Shortest text that reads back as the same double; JSON null if not finite.
void number(double v, std::string& out) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void count(std::size_t v, std::string& out) { out += std::to_string(v); }

class JsonRow {
 public:
  explicit JsonRow(std::string& out) : out_(out) { out_.push_back('{'); }
  void key(std::string_view k) {
    if (!first_) out_.push_back(',');
    first_ = false;
    json_string(k, out_);
    out_.push_back(':');
  }
  void str(std::string_view k, std::string_view v) {
    key(k);
    json_string(v, out_);
  }
  void str_or_null(std::string_view k, std::string_view v) {
    key(k);
    if (v.empty()) out_ += "null";
    else json_string(v, out_);
  }
  void num(std::string_view k, double v) {
    key(k);
    number(v, out_);
  }
  void whole(std::string_view k, std::size_t v) {
    key(k);
    count(v, out_);
  }
  void line(std::string_view k, std::size_t v) {
    key(k);
    if (v == 0) out_ += "null";
    else count(v, out_);
  }
  void boolean(std::string_view k, bool v) {
    key(k);
    out_ += v ? "true" : "false";
  }
  template <typename Range, typename Each>
  void array(std::string_view k, const Range& items, Each&& each) {
    key(k);
    out_.push_back('[');
    bool first = true;
    for (const auto& item : items) {
      if (!first) out_.push_back(',');
      first = false;
      each(item, out_);
    }
    out_.push_back(']');
  }
  void end() { out_ += "}\n"; }

 private:
  std::string& out_;
  bool first_ = true;
};

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

std::string num_text(double v) {
  std::string s;
  number(v, s);
  return s == "null" ? std::string() : s;
}

struct RowFacts {  // what both formats print, computed once
  bool has_compute = false;
  DistributionSummary compute;
  // Views into the assessment, which outlives the row: no copies per card.
  std::vector<std::string_view> obligations;
  std::vector<std::pair<std::string_view, std::string_view>> annex_xiii;
  std::vector<std::string_view> findings;
};

RowFacts facts_of(const io::ScoredRecord& r) {
  RowFacts f;
  const auto& a = r.assessment;
  f.has_compute = a.compute.cumulative.has_value();
  f.compute = a.compute.cumulative_summary;
  for (const auto& o : a.obligations) {
    if (o.applies) f.obligations.push_back(o.id);
  }
  for (const auto& c : a.annex_xiii) f.annex_xiii.emplace_back(c.point, c.status);
  for (const auto& x : a.findings) f.findings.push_back(x.id);
  return f;
}

}  // namespace

std::optional<BatchFormat> parse_batch_format(std::string_view name) {
  if (name == "jsonl") return BatchFormat::jsonl;
  if (name == "csv") return BatchFormat::csv;
  return std::nullopt;
}

std::string batch_result_header(BatchFormat format) {
  if (format != BatchFormat::csv) return {};
  std::string h = "record,source,line,pointer,format,id,compute_median_flop,compute_p05_flop,"
                  "compute_p95_flop,threshold_status,threshold_flop,p_above_threshold,";
  h += "gpai_status,systemic_risk_status,obligations,annex_xiii,";
  h += "insufficient_evidence,missing,undecidable,flags,findings,mapped_fields,base_model,"
       "base_model_relation\n";
  return h;
}

std::string batch_error_header(BatchFormat format) {
  if (format != BatchFormat::csv) return {};
  return "record,source,line,column,pointer,format,id,error,message\n";
}

void append_batch_result(const io::ScoredRecord& r, BatchFormat format, std::string& out) {
  const auto& a = r.assessment;
  const auto& p = r.provenance;
  const RowFacts f = facts_of(r);
  const bool insufficient = a.threshold.status == "insufficient_evidence";
  if (format == BatchFormat::csv) {
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
    field(a.threshold.status);
    field(a.threshold.threshold_flop ? num_text(*a.threshold.threshold_flop) : "");
    field(f.has_compute ? num_text(a.threshold.p_above) : "");
    field(a.gpai.status);
    field(a.systemic_risk.status);
    field(joined(f.obligations, [](const auto& s) { return s; }));
    field(joined(f.annex_xiii, [](const auto& c) { return std::string(c.first) + "=" + std::string(c.second); }));
    field(insufficient ? "true" : "false");
    field(joined(p.missing, [](const auto& m) { return m.field; }));
    field(joined(p.undecidable, [](const auto& s) { return s; }));
    field(joined(p.flags, [](const auto& x) { return x.id; }));
    field(joined(f.findings, [](const auto& s) { return s; }));
    field(joined(p.mapped, [](const auto& m) { return m.field; }));
    field(p.lineage.base_models.empty() ? std::string() : p.lineage.base_models.front());
    csv_field(p.lineage.relation, out);
    out.push_back('\n');
    return;
  }
  JsonRow row(out);
  row.whole("record", r.record.ordinal);
  row.str("source", r.record.source);
  row.line("line", r.record.line);
  row.str("pointer", r.record.pointer);
  row.str("format", to_string(p.format));
  row.str("id", p.record_id);
  row.key("compute_flop");
  if (f.has_compute) {
    JsonRow c(out);
    c.num("median", f.compute.median);
    c.num("p05", f.compute.p05);
    c.num("p95", f.compute.p95);
    out.push_back('}');
  } else {
    out += "null";
  }
  row.str("threshold_rule", a.threshold.rule_id);
  row.str("threshold_status", a.threshold.status);
  row.key("threshold_flop");
  if (a.threshold.threshold_flop) number(*a.threshold.threshold_flop, out);
  else out += "null";
  row.key("p_above_threshold");
  if (f.has_compute) number(a.threshold.p_above, out);
  else out += "null";
  row.str("gpai_status", a.gpai.status);
  row.str("systemic_risk_status", a.systemic_risk.status);
  row.array("obligations", f.obligations, [](const auto& s, std::string& o) { json_string(s, o); });
  row.key("annex_xiii");
  {
    JsonRow points(out);
    for (const auto& [point, status] : f.annex_xiii) points.str(point, status);
  }
  out.push_back('}');
  row.boolean("insufficient_evidence", insufficient);
  row.array("missing", p.missing, [](const io::MissingField& m, std::string& o) {
    JsonRow x(o);
    x.str("field", m.field);
    x.str("needed_for", m.needed_for);
    if (!m.why.empty()) x.str("why", m.why);
    o.push_back('}');
  });
  row.array("undecidable", p.undecidable, [](const auto& s, std::string& o) { json_string(s, o); });
  row.array("flags", p.flags, [](const Finding& x, std::string& o) {
    JsonRow j(o);
    j.str("id", x.id);
    j.str("severity", x.severity);
    j.str("message", x.message);
    o.push_back('}');
  });
  row.array("findings", f.findings, [](const auto& s, std::string& o) { json_string(s, o); });
  row.array("mapped", p.mapped, [](const io::FieldSource& m, std::string& o) {
    JsonRow j(o);
    j.str("field", m.field);
    j.str("from", m.from);
    o.push_back('}');
  });
  row.array("notes", p.notes, [](const auto& s, std::string& o) { json_string(s, o); });
  row.str_or_null("base_model", p.lineage.base_models.empty() ? "" : p.lineage.base_models.front());
  row.str_or_null("base_model_relation", p.lineage.relation);
  row.end();
}

void append_batch_error(const io::Diagnostic& e, BatchFormat format, std::string& out) {
  const std::size_t line = e.line ? e.line : e.record.line;
  if (format == BatchFormat::csv) {
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
  JsonRow row(out);
  row.whole("record", e.record.ordinal);
  row.str("source", e.record.source);
  row.line("line", line);
  row.line("column", e.column);
  row.str("pointer", e.pointer);
  row.str_or_null("format", e.format);
  row.str_or_null("id", e.id);
  row.str("error", e.kind);
  row.str("message", e.message);
  row.end();
}

std::string batch_error_line(const io::Diagnostic& e) {
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
