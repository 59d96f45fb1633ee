#include "cases/codes.h"

namespace hersys::cases {

const std::vector<std::string_view> kSymptoms = {
    "fever",    "cough",     "sore_throat", "breathing_difficulty", "fatigue", "taste_smell",
    "headache", "diarrhoea", "pneumonia",   "runny_nose",           "other",   "none"};
const std::vector<std::string_view> kRiskFactors = {
    "none",         "diabetes", "heart_disease", "kidney_disease",
    "lung_disease", "obesity",  "hypertension",  "immunosuppression",
    "malignancy",   "smoking",  "dialysis",      "other"};

std::string_view label_of(DiagnosisClass c) {
  switch (c) {
    case DiagnosisClass::confirmed: return "確定患者";
    case DiagnosisClass::asymptomatic: return "無症状病原体保有者";
    case DiagnosisClass::suspected: return "疑似症患者";
    case DiagnosisClass::dead_body: return "感染症死亡者の死体";
    case DiagnosisClass::suspected_dead_body: return "感染症死亡疑い者の死体";
  }
  return {};
}

}  // namespace hersys::cases
