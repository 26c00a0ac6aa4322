#pragma once
// The steps of assess() after the compute estimate, one per legal question.
// Private to the core; each sets its typed verdict in the Assessment and
// records why as reason codes (gpai/decision.hpp), never as text.
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

bool has_systemic_risk(const Assessment& a);  // presumed or designated

}  // namespace gpai::legal
