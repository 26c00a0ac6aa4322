#pragma once
// The steps of assess() after the compute estimate, one per legal question.
// Private to the core; each appends its conclusions and trace to Assessment.
#include "gpai/assessment.hpp"

namespace gpai::legal {

void decide_modification(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void decide_gpai_status(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void evaluate_annex_xiii(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void decide_systemic_risk(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void decide_notification(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void decide_obligations(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void map_systemic_risks(const ModelCard& card, const EstimationContext& ctx, Assessment& a);
void assess_fines_and_flags(const ModelCard& card, const EstimationContext& ctx, Assessment& a);

// "1.0e25 FLOP" style text for reasons.
std::string flop_text(double flop);
bool has_systemic_risk(const Assessment& a);  // presumed or designated

}  // namespace gpai::legal
