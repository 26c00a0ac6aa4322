// assess_into a default-constructed result (what batch calls) must decide
// as assess does: every status, id, number, deadline and recorded reason is
// the same. And what the compute estimate records (method bases, findings'
// reasons) can always be worded through the catalogue. Checked on every
// hand-worked legal case and every example card, at dates on both sides of
// each application date.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "fixtures.hpp"
#include "gpai/assessment.hpp"
#include "gpai/io/model_card_json.hpp"
#include "compute_text.hpp"
#include "explanation.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The cards to compare: legal cases (their "card") and the shipped examples.
std::vector<std::pair<std::string, std::string>> card_texts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : fs::directory_iterator(fs::path(GPAI_TEST_DIR) / "rules" / "cases")) {
    if (e.path().extension() != ".json") continue;
    const auto doc = nlohmann::json::parse(read_file(e.path()));
    out.emplace_back(e.path().string(), doc.at("card").dump());
  }
  for (const auto& e : fs::directory_iterator(fs::path(GPAI_TEST_DATA_DIR) / "examples")) {
    if (e.path().extension() == ".json") out.emplace_back(e.path().string(), read_file(e.path()));
  }
  return out;
}

void check_same_summary(const gpai::DistributionSummary& lean, const gpai::DistributionSummary& full) {
  CHECK(lean.median == full.median);
  CHECK(lean.p05 == full.p05);
  CHECK(lean.p95 == full.p95);
}

void check_same_verdicts(const gpai::Assessment& full, const gpai::Assessment& lean) {
  CHECK(lean.compute.cumulative.has_value() == full.compute.cumulative.has_value());
  check_same_summary(lean.compute.cumulative_summary, full.compute.cumulative_summary);
  REQUIRE(lean.compute.phases.size() == full.compute.phases.size());
  for (std::size_t i = 0; i < full.compute.phases.size(); ++i) {
    const auto& l = lean.compute.phases[i];
    const auto& f = full.compute.phases[i];
    CHECK(l.headline == f.headline);
    REQUIRE(l.methods.size() == f.methods.size());
    for (std::size_t m = 0; m < f.methods.size(); ++m) {
      CHECK(l.methods[m].method == f.methods[m].method);
      check_same_summary(l.methods[m].summary, f.methods[m].summary);
    }
  }
  CHECK(lean.threshold.status == full.threshold.status);
  CHECK(lean.threshold.p_above == full.threshold.p_above);
  CHECK(lean.threshold.threshold_flop == full.threshold.threshold_flop);
  CHECK(lean.gpai.status == full.gpai.status);
  CHECK(lean.systemic_risk.status == full.systemic_risk.status);
  REQUIRE(lean.annex_xiii.size() == full.annex_xiii.size());
  for (std::size_t i = 0; i < full.annex_xiii.size(); ++i) {
    CHECK(lean.annex_xiii[i].criterion == full.annex_xiii[i].criterion);
    CHECK(lean.annex_xiii[i].point == full.annex_xiii[i].point);
    CHECK(lean.annex_xiii[i].status == full.annex_xiii[i].status);
  }
  REQUIRE(lean.obligations.size() == full.obligations.size());
  for (std::size_t i = 0; i < full.obligations.size(); ++i) {
    const auto& l = lean.obligations[i];
    const auto& f = full.obligations[i];
    CHECK(l.id == f.id);
    CHECK(l.applies == f.applies);
    CHECK(l.deadline == f.deadline);
    CHECK(l.parent == f.parent);
    CHECK(l.scope == f.scope);
  }
  CHECK(lean.notification.required == full.notification.required);
  CHECK(lean.notification.status == full.notification.status);
  CHECK(lean.notification.deadline == full.notification.deadline);
  CHECK(lean.modification.present == full.modification.present);
  CHECK(lean.modification.modifier_is_provider == full.modification.modifier_is_provider);
  CHECK(lean.modification.result_presumed_systemic == full.modification.result_presumed_systemic);
  CHECK(lean.modification.threshold_flop == full.modification.threshold_flop);
  CHECK(lean.fines.max_eur == full.fines.max_eur);
  CHECK(lean.incident_reporting.has_value() == full.incident_reporting.has_value());
  auto ids = [](const std::vector<gpai::Finding>& v) {
    std::vector<std::string> out;
    for (const auto& f : v) out.push_back(f.id);
    return out;
  };
  CHECK(ids(lean.findings) == ids(full.findings));
  CHECK(ids(lean.gaps) == ids(full.gaps));
  CHECK(ids(lean.flags) == ids(full.flags));
}

}  // namespace

TEST_CASE("assess_into decides as assess; the compute records can be worded", "[assessment][explain]") {
  const auto& data = gpai::test::data();
  const auto ctx = gpai::test::context(2000, 20250802);
  const auto cards = card_texts();
  REQUIRE(cards.size() >= 30);
  for (const char* date : {"2025-06-01", "2025-08-10", "2026-01-01", "2026-09-01", "2027-09-01"}) {
    const auto as_of = *gpai::Date::parse(date);
    for (const auto& [name, text] : cards) {
      CAPTURE(name, date);
      const auto card = gpai::io::parse_model_card(text, name, data.catalogue);
      const auto full = gpai::assess(card, ctx, as_of);
      // What batch scoring calls: assess_into a default-constructed result.
      gpai::Assessment lean;
      gpai::assess_into(card, ctx, as_of, lean);
      check_same_verdicts(full, lean);
      auto codes = [](const std::vector<gpai::Reason>& reasons) {
        std::vector<std::string_view> out;
        for (const auto& r : reasons) out.push_back(r.code);
        return out;
      };
      CHECK(codes(lean.threshold.reasons) == codes(full.threshold.reasons));
      CHECK(codes(lean.gpai.reasons) == codes(full.gpai.reasons));
      CHECK(codes(lean.systemic_risk.reasons) == codes(full.systemic_risk.reasons));
      CHECK(codes(lean.notification.reasons) == codes(full.notification.reasons));
      for (const auto& phase : lean.compute.phases) {
        CHECK_FALSE(gpai::report::ledger_reason(phase).empty());
        for (const auto& m : phase.methods) {
          CHECK_FALSE(gpai::report::method_formula(data.messages, m.method, m.basis).empty());
          CHECK_FALSE(gpai::report::method_inputs(m.method, m.basis).empty());
          (void)gpai::report::method_assumptions(data.messages, m.method, m.basis);
        }
      }
      for (const auto& f : lean.findings) CHECK_FALSE(gpai::report::finding_message(data.messages, f).empty());
      CHECK_FALSE(full.threshold.reasons.empty());
    }
  }
}
