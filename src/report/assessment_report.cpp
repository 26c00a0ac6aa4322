#include "gpai/report/assessment_report.hpp"

#include <cstdio>
#include <sstream>

#include "compute_text.hpp"
#include "explanation.hpp"
#include "legal_report.hpp"
#include "status_label.hpp"

namespace gpai::report {
namespace {
using OJson = nlohmann::ordered_json;

constexpr const char* kHeadlinePolicy =
    "per counted phase: architecture_6nd if tokens and parameters are given, else the stated "
    "compute_flop, else hardware (accelerator time x dense peak x utilisation); phases summed";

OJson finding_json(const MessageCatalogue& m, const Finding& f) {
  return OJson{{"id", f.id}, {"severity", f.severity}, {"message", finding_message(m, f)}};
}

OJson method_json(const MessageCatalogue& msg, const MethodEstimate& m) {
  OJson j{{"method", m.method}};
  const OJson s = summary_json(m.summary);
  for (const auto& [k, v] : s.items()) j[k] = v;
  j["formula"] = method_formula(msg, m.method, m.basis);
  j["inputs"] = method_inputs(m.method, m.basis);
  j["assumptions"] = method_assumptions(msg, m.method, m.basis);
  return j;
}

// "<name>_flop", "<name>_p05", "<name>_p95": the summary's values, or nulls
// when there is no such total.
void interval_fields(OJson& c, const std::string& name, const DistributionSummary* s) {
  c[name + "_flop"] = s ? OJson(s->median) : OJson(nullptr);
  c[name + "_p05"] = s ? OJson(s->p05) : OJson(nullptr);
  c[name + "_p95"] = s ? OJson(s->p95) : OJson(nullptr);
  c[name + "_propagation"] = s ? OJson(to_string(s->propagation)) : OJson(nullptr);
  c[name + "_samples"] = s ? OJson(s->samples) : OJson(nullptr);
  c[name + "_flop_se"] = s ? OJson(s->median_se) : OJson(nullptr);
  c[name + "_p05_se"] = s ? OJson(s->p05_se) : OJson(nullptr);
  c[name + "_p95_se"] = s ? OJson(s->p95_se) : OJson(nullptr);
}

OJson phase_json(const MessageCatalogue& msg, const PhaseEstimate& p) {
  OJson j{{"name", p.name},
          {"kind", p.kind},
          {"pointer", p.pointer},
          {"counts_cumulative", p.counts_cumulative},
          {"counts_training", p.counts_training},
          {"counts_indicative", p.counts_indicative},
          {"ledger_reason", ledger_reason(p)},
          {"ledger_source", ledger_source(p)}};
  if (const auto* h = p.headline_method()) {
    j["headline_method"] = h->method;
    const OJson s = summary_json(h->summary);
    for (const auto& [k, v] : s.items()) j[k] = v;
  } else {
    j["headline_method"] = nullptr;
    j["flop"] = nullptr;
  }
  j["methods"] = OJson::array();
  for (const auto& m : p.methods) j["methods"].push_back(method_json(msg, m));
  return j;
}

std::string sci(double v) { return format_sig(v, 2); }

std::string interval_text(const DistributionSummary& s) {
  if (s.exact) return sci(s.median) + " FLOP (exact inputs)";
  return sci(s.median) + " FLOP (90 % interval " + sci(s.p05) + " - " + sci(s.p95) + ")";
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return s;
}

}  // namespace

OJson summary_json(const DistributionSummary& s) {
  return OJson{{"flop", s.median},
               {"p05", s.p05},
               {"p95", s.p95},
               {"propagation", to_string(s.propagation)},
               {"samples", s.samples},
               {"flop_se", s.median_se},
               {"p05_se", s.p05_se},
               {"p95_se", s.p95_se}};
}

OJson assessment_json(const Assessment& a, const std::string& source, const RunInfo& run,
                      const MessageCatalogue& messages, bool explain) {
  OJson j;
  j["schema"] = "gpai-eval/assessment/1";
  j["model"] = a.model;
  j["source"] = source;
  j["as_of"] = a.as_of.to_string();
  j["gpai"] = nullptr;  // placeholders fix the key order: verdicts first
  j["systemic_risk"] = nullptr;

  OJson c;
  const auto& est = a.compute;
  if (est.cumulative) {
    c["flop"] = est.cumulative_summary.median;
    c["p05"] = est.cumulative_summary.p05;
    c["p95"] = est.cumulative_summary.p95;
    c["exact"] = est.cumulative_summary.exact;
    c["propagation"] = to_string(est.cumulative_summary.propagation);
    c["samples"] = est.cumulative_summary.samples;
    c["flop_se"] = est.cumulative_summary.median_se;
    c["p05_se"] = est.cumulative_summary.p05_se;
    c["p95_se"] = est.cumulative_summary.p95_se;
  } else {
    for (const char* k : {"flop", "p05", "p95", "exact", "propagation", "samples", "flop_se", "p05_se", "p95_se"}) {
      c[k] = nullptr;
    }
  }
  const bool has_p = est.cumulative && a.threshold.threshold_flop;
  c["p_above_threshold"] = has_p ? OJson(a.threshold.p_above) : OJson(nullptr);
  c["p_above_threshold_se"] =
      has_p ? OJson(est.cumulative_above ? est.cumulative_above->se : 0.0) : OJson(nullptr);
  interval_fields(c, "training", est.training ? &est.training_summary : nullptr);
  interval_fields(c, "indicative", est.indicative ? &est.indicative_summary : nullptr);
  const std::string figure = notification_figure(a, messages);
  c["notification_text"] = figure.empty() ? OJson(nullptr) : OJson(figure);
  c["complete"] = est.complete;
  c["headline_policy"] = kHeadlinePolicy;
  c["methods"] = OJson::array();
  for (const auto& m : est.methods) {
    OJson mj{{"method", m.method}};
    const OJson s = summary_json(m.summary);
    for (const auto& [k, v] : s.items()) mj[k] = v;
    mj["phases_covered"] = m.phases_covered;
    mj["phases_counted"] = m.phases_counted;
    c["methods"].push_back(mj);
  }
  c["phases"] = OJson::array();
  for (const auto& p : est.phases) c["phases"].push_back(phase_json(messages, p));
  j["compute"] = c;

  const auto& tv = a.threshold;
  j["threshold"] = OJson{
      {"flop", tv.threshold_flop ? OJson(*tv.threshold_flop) : OJson(nullptr)},
      {"comparison", tv.comparison == Comparison::greater_than ? "greater_than" : "greater_or_equal"},
      {"status", to_string(tv.status)},
      {"article", tv.citation ? tv.citation->cite : std::string()},
      {"rule_id", tv.rule_id},
      {"effective_from", tv.effective_from ? OJson(tv.effective_from->to_string()) : OJson(nullptr)},
      {"url", tv.citation ? tv.citation->url : std::string()},
      {"reasons", threshold_reasons(a, messages)}};
  j["systemic_risk"] = OJson{{"status", to_string(a.systemic_risk.status)},
                             {"reasons", systemic_risk_reasons(a, messages)}};
  j["findings"] = OJson::array();
  for (const auto& f : a.findings) j["findings"].push_back(finding_json(messages, f));
  add_legal_json(j, a, messages, explain);
  j["rules"] = OJson{{"ruleset", run.ruleset}, {"version", a.rules_version}, {"as_of", a.as_of.to_string()}};
  j["run"] = OJson{{"tool_version", run.tool_version},
                   {"data_dir", run.data_dir},
                   {"accelerator_catalogue", run.catalogue_version},
                   {"assumptions", run.assumptions_version},
                   {"seed", run.seed},
                   {"samples", run.samples}};
  return j;
}

namespace {
std::string render_text(const Assessment& a, const std::string& source, const RunInfo& run,
                        const MessageCatalogue& messages, bool legal, bool explain) {
  std::ostringstream out;
  const auto& est = a.compute;
  const auto& tv = a.threshold;
  out << a.model << "  (" << source << ", as of " << a.as_of.to_string() << ")\n\n";
  if (legal) {
    out << "Systemic risk: " << upper(status_label(to_string(a.systemic_risk.status)));
    // The threshold's article only where the threshold decided: a designation
    // or a modification cites its own article in the reasons below.
    const auto& st = a.systemic_risk.status;
    const bool by_threshold = (st == SystemicRiskStatus::presumed || st == SystemicRiskStatus::borderline ||
                               st == SystemicRiskStatus::not_presumed) &&
                              !a.modification.result_presumed_systemic && a.gpai.status != GpaiStatus::not_gpai;
    if (by_threshold && tv.citation && !tv.citation->cite.empty()) out << " (" << tv.citation->cite << ")";
    out << "\n";
    for (const auto& r : systemic_risk_reasons(a, messages)) out << "  - " << r << "\n";
    out << legal_memo_text(a, messages);
  }
  out << (legal ? "\n" : "") << "Cumulative training compute: "
      << (est.cumulative ? interval_text(est.cumulative_summary) : "unknown") << "\n";
  if (est.training) out << "Training compute (weight updates only): " << interval_text(est.training_summary) << "\n";
  if (est.indicative && est.indicative_includes_base) {
    out << "Training compute with the weights it was built on (GPAI indicative criterion): "
        << interval_text(est.indicative_summary) << "\n";
  }
  out << "Threshold: ";
  if (tv.threshold_flop) {
    out << sci(*tv.threshold_flop) << " FLOP, "
        << (tv.comparison == Comparison::greater_than ? "strictly greater than" : "at least") << " ("
        << (tv.citation ? tv.citation->cite : std::string()) << ", from " << (tv.effective_from ? tv.effective_from->to_string() : "?")
        << ") -> " << status_label(to_string(tv.status));
    if (est.cumulative && !est.cumulative_summary.exact) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", tv.p_above);
      out << ", P(above) = " << buf;
    }
    out << "\n";
  } else {
    out << "none in force -> " << status_label(to_string(tv.status)) << "\n";
  }
  for (const auto& r : threshold_reasons(a, messages)) out << "  - " << r << "\n";

  out << "\nHow the compute was obtained (* = used in the total):\n";
  for (const auto& p : est.phases) {
    out << "  " << p.name << " [" << p.kind << "]: "
        << (p.counts_cumulative ? "counted, " : "not counted, ") << ledger_reason(p) << " ("
        << ledger_source(p) << ")\n";
    if (p.methods.empty()) out << "      no method: the phase gives no tokens, compute_flop or hardware time\n";
    for (std::size_t i = 0; i < p.methods.size(); ++i) {
      const auto& m = p.methods[i];
      const bool used = p.counts_cumulative && p.headline && *p.headline == i;
      char name[32];
      std::snprintf(name, sizeof name, "%-20s", m.method.c_str());
      out << "    " << (used ? "* " : "  ") << name << " " << interval_text(m.summary) << "\n"
          << "        = " << method_formula(messages, m.method, m.basis) << "\n";
      for (const auto& as : method_assumptions(messages, m.method, m.basis)) out << "        assumption: " << as << "\n";
    }
  }
  if (!est.methods.empty()) {
    out << "  Totals by method over counted phases:\n";
    for (const auto& m : est.methods) {
      char name[32];
      std::snprintf(name, sizeof name, "%-20s", m.method.c_str());
      out << "      " << name << " " << interval_text(m.summary) << "  (" << m.phases_covered << " of "
          << m.phases_counted << " phases)\n";
    }
  }
  if (!a.findings.empty()) {
    out << "\nFindings:\n";
    for (const auto& f : a.findings) out << "  [" << f.severity << "] " << f.id << ": " << finding_message(messages, f) << "\n";
  }
  if (const std::string figure = notification_figure(a, messages); !figure.empty()) {
    out << "\nCompute figure (two significant figures): " << figure << "\n";
  }
  if (explain) out << "\n" << trace_text(a, messages);
  out << "\nrules " << run.ruleset << " " << a.rules_version << "; accelerators " << run.catalogue_version
      << "; assumptions " << run.assumptions_version << "; seed " << run.seed << ", " << run.samples
      << " samples; gpai-eval " << run.tool_version << "\n";
  return out.str();
}
}  // namespace

std::string assessment_text(const Assessment& a, const std::string& source, const RunInfo& run,
                            const MessageCatalogue& messages, bool explain) {
  return render_text(a, source, run, messages, true, explain);
}

std::string compute_text(const Assessment& a, const std::string& source, const RunInfo& run,
                         const MessageCatalogue& messages) {
  return render_text(a, source, run, messages, false, false);
}

}  // namespace gpai::report
