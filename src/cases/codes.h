#pragma once
// The report form's code lists beyond its enums (model.h names those): symptoms and risk
// factors as docs/openapi.yaml lists them (Symptom, RiskFactor), and the labels of the legal
// form that notices quote.
#include <string_view>
#include <vector>

#include "cases/model.h"

namespace hersys::cases {

// Codes accepted in ReportFields::symptoms and ::risk_factors.
extern const std::vector<std::string_view> kSymptoms;
extern const std::vector<std::string_view> kRiskFactors;

// 診断類型 as the legal form writes it (確定患者 …), for notices to health centers.
std::string_view label_of(DiagnosisClass diagnosis_class);

}  // namespace hersys::cases
