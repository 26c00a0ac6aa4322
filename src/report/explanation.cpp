#include "explanation.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "compute_text.hpp"
#include "gpai/quantity.hpp"
#include "reason_text.hpp"

namespace gpai::report {
namespace {

std::string flop(double v) { return format_sig(v, 2) + " FLOP"; }

std::vector<std::string> texts(const MessageCatalogue& m, const std::vector<Reason>& reasons, TextArgs extra = {}) {
  std::vector<std::string> out;
  out.reserve(reasons.size());
  for (const auto& r : reasons) out.push_back(reason_text(m, r, extra));
  return out;
}

// "(a), (b)" or the catalogue's "none": the Annex XIII points met.
std::string points_met(const Assessment& a, const MessageCatalogue& m) {
  std::string out;
  for (const auto& c : a.annex_xiii) {
    if (c.status == CriterionStatus::met) out += (out.empty() ? "(" : ", (") + c.point + ")";
  }
  return out.empty() ? message_text(m, "annex_xiii.none_met") : out;
}

// The GPAI texts' "training compute 1.2e24 FLOP (with the weights it was built on) (90 % ...)".
std::string indicative_compute_text(const Assessment& a, const MessageCatalogue& m) {
  if (!a.compute.indicative) return {};
  const auto& s = a.compute.indicative_summary;
  std::string out = message_text(m, "gpai.compute", {{"compute", flop(s.median)}});
  if (a.compute.indicative_includes_base) out += message_text(m, "gpai.compute_with_base");
  if (!s.exact) out += message_text(m, "gpai.compute_interval", {{"p05", flop(s.p05)}, {"p95", flop(s.p95)}});
  return out;
}

std::string_view unit_code(Indicator i) {
  switch (i) {
    case Indicator::parameters: return "unit.parameters";
    case Indicator::tokens: return "unit.tokens";
    case Indicator::compute: return "unit.compute";
    case Indicator::business_users: return "unit.business_users";
    case Indicator::end_users: return "unit.end_users";
    case Indicator::modalities:
    case Indicator::benchmarks: break;
  }
  return "unit.none";
}

std::string benchmarks_value(const CriterionResult& c, const MessageCatalogue& m) {
  std::string out;
  for (const bool frontier : {true, false}) {
    for (const auto& b : c.benchmarks) {
      if (b.frontier_level != frontier) continue;
      char buf[160];
      std::snprintf(buf, sizeof buf, "%.*s %.1f/%.0f vs %.1f (%.*s)", static_cast<int>(b.name.size()), b.name.data(),
                    b.score, b.max, b.frontier_score, static_cast<int>(b.frontier_model.size()),
                    b.frontier_model.data());
      out += (out.empty() ? "" : "; ") + std::string(buf);
      if (frontier) out += message_text(m, "criterion.frontier_level");
    }
  }
  if (c.tool_use || c.autonomy) {
    auto yes_no = [&](const std::optional<bool>& b) { return message_text(m, b.value_or(false) ? "word.yes" : "word.no"); };
    out += (out.empty() ? "" : "; ") +
           message_text(m, "criterion.agency", {{"tool_use", yes_no(c.tool_use)}, {"autonomy", yes_no(c.autonomy)}});
  }
  return out.empty() ? message_text(m, "criterion.not_stated") : out;
}

std::string gpai_cite(const Assessment& a, const MessageCatalogue& m) {
  return a.gpai.cite ? a.gpai.cite->cite : message_text(m, "gpai.default_cite");
}

std::string method_story(const ComputeEstimate& est, const MessageCatalogue& m) {
  // "architecture_6nd for all counted phases" or a per-phase list.
  std::vector<std::pair<std::string, std::string>> used;  // phase, method
  for (const auto& p : est.phases) {
    if (!p.counts_cumulative) continue;
    if (const auto* method = p.headline_method()) used.emplace_back(p.name, method->method);
  }
  if (used.empty()) return "no method";
  const bool same = std::all_of(used.begin(), used.end(),
                                [&](const auto& u) { return u.second == used.front().second; });
  if (same) {
    if (used.size() == 1) {
      for (const auto& p : est.phases) {
        if (p.counts_cumulative && p.headline_method()) {
          const MethodEstimate& head = *p.headline_method();
          return used.front().second + ": " + method_formula(m, head.method, head.basis);
        }
      }
    }
    return used.front().second + ", summed over " + std::to_string(used.size()) + " phases";
  }
  std::string out;
  for (const auto& [phase, method] : used) out += (out.empty() ? "" : "; ") + phase + " by " + method;
  return out;
}

}  // namespace

std::vector<std::string> threshold_reasons(const Assessment& a, const MessageCatalogue& m) {
  const std::string op = message_text(m, a.threshold.comparison == Comparison::greater_than
                                             ? "comparison.greater_than"
                                             : "comparison.greater_or_equal");
  return texts(m, a.threshold.reasons, {{"op", op}});
}

std::vector<std::string> systemic_risk_reasons(const Assessment& a, const MessageCatalogue& m) {
  const std::string met = points_met(a, m);
  return texts(m, a.systemic_risk.reasons, {{"met", met}});
}

std::vector<std::string> gpai_reasons(const Assessment& a, const MessageCatalogue& m) {
  const std::string compute = indicative_compute_text(a, m);
  const std::string base =
      a.modification.base_model.empty() ? message_text(m, "gpai.base_model_unnamed") : a.modification.base_model;
  std::vector<std::string> out;
  for (const auto& r : a.gpai.reasons) {
    // {cite} is the indicative criterion's entry; without one, the catalogue's default.
    const std::string cite = r.cite ? r.cite->cite : gpai_cite(a, m);
    out.push_back(reason_text(m, r, {{"compute_text", compute}, {"base", base}, {"cite", cite}}));
  }
  return out;
}

std::vector<std::string> modification_reasons(const Assessment& a, const MessageCatalogue& m) {
  return texts(m, a.modification.reasons);
}

std::string finding_message(const MessageCatalogue& m, const Finding& f) {
  return f.message.empty() ? reason_text(m, f.reason) : f.message;
}

std::string criterion_value(const CriterionResult& c, const MessageCatalogue& m) {
  if (c.indicator == Indicator::benchmarks) return benchmarks_value(c, m);
  std::string out = reason_text(m, c.value, {{"unit", message_text(m, unit_code(c.indicator))}});
  if (c.estimated) out += message_text(m, "criterion.estimated");
  return out;
}

std::string criterion_reference(const CriterionResult& c, const MessageCatalogue& m) {
  return reason_text(m, c.reference, {{"unit", message_text(m, unit_code(c.indicator))}});
}

std::string criterion_reference_source(const CriterionResult& c, const MessageCatalogue& m) {
  return reason_text(m, c.reference_source);
}

std::string notification_figure(const Assessment& a, const MessageCatalogue& m) {
  if (!a.compute.cumulative) return {};
  return format_sig(a.compute.cumulative_summary.median, 2) + " FLOP (" + method_story(a.compute, m) + ")";
}

std::vector<TraceStep> trace(const Assessment& a, const MessageCatalogue& m) {
  std::vector<TraceStep> out;
  const auto& tv = a.threshold;
  out.push_back({std::string(tv.rule_id), tv.citation ? tv.citation->cite : std::string(),
                 a.compute.cumulative ? flop(a.compute.cumulative_summary.median) : message_text(m, "trace.no_estimate"),
                 std::string(to_string(tv.status))});
  const auto& mod = a.modification;
  if (mod.present && mod.cite && mod.threshold_flop && mod.compute_flop) {
    out.push_back({"modification.compute_fraction", mod.cite->cite,
                   message_text(m, "trace.modification_inputs",
                                {{"compute", flop(*mod.compute_flop)}, {"cutoff", flop(*mod.threshold_flop)}}),
                   message_text(m, mod.modifier_is_provider ? "trace.modifier_is_provider"
                                                            : "trace.modifier_not_provider")});
  }
  if (!a.gpai.reasons.empty()) {
    const std::string last = gpai_reasons(a, m).back();
    out.push_back({"gpai.status", gpai_cite(a, m), "",
                   message_text(m, "trace.status_reason", {{"status", to_string(a.gpai.status)}, {"reason", last}})});
  }
  for (const auto& c : a.annex_xiii) {
    out.push_back({std::string(c.criterion), c.cite ? c.cite->cite : std::string(),
                   message_text(m, "trace.criterion_inputs",
                                {{"value", criterion_value(c, m)}, {"reference", criterion_reference(c, m)}}),
                   std::string(to_string(c.status))});
  }
  int met = 0;
  for (const auto& c : a.annex_xiii) met += c.status == CriterionStatus::met;
  out.push_back({"systemic_risk.status", message_text(m, "trace.systemic_risk_cite"),
                 message_text(m, "trace.systemic_risk_inputs",
                              {{"presumption", to_string(a.systemic_risk.presumption)}, {"met", std::to_string(met)}}),
                 std::string(to_string(a.systemic_risk.status))});
  const auto& n = a.notification;
  if (n.deadline) {
    out.push_back({"art52_1.notification", message_text(m, "trace.notification_cite"), notification_figure(a, m),
                   message_text(m, "trace.notification_outcome",
                                {{"status", to_string(n.status)}, {"deadline", n.deadline->to_string()}})});
  }
  for (const auto& o : a.obligations) {
    if (!o.parent.empty()) continue;
    std::string reason = reason_text(m, o.reason);
    if (o.conditional) reason = message_text(m, "obligation.conditional", {{"reason", reason}});
    out.push_back({std::string(o.id), o.cite ? o.cite->cite : std::string(), std::move(reason),
                   message_text(m, o.applies ? "trace.applies" : "trace.does_not_apply")});
  }
  return out;
}

}  // namespace gpai::report
