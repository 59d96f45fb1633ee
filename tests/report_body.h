#pragma once
// The body of a complete occurrence report (発生届, REP-1) as a clinic files it in the API tests:
// a typical confirmed case diagnosed on 2026-11-20 (the tests' clock stands at 2026-11-21) for
// `patient`, submitted at once. A test changes what it needs after the call.
#include <nlohmann/json.hpp>

namespace hersys::test {

inline nlohmann::json complete_report(nlohmann::json patient) {
  return {{"patient", std::move(patient)},
          {"diagnosis_class", "confirmed"},
          {"occupation", "無職"},
          {"symptoms", {"fever"}},
          {"onset_date", "2026-11-18"},
          {"diagnosis_date", "2026-11-20"},
          {"tests",
           {{{"method", "pcr"},
             {"specimen", "nasopharyngeal"},
             {"collected_on", "2026-11-19"},
             {"result", "positive"}}}},
          {"estimated_infection_date", "2026-11-15"},
          {"infection_route", "飛沫・接触"},
          {"infection_place", "家庭内"},
          {"travel_history", "なし"},
          {"risk_factors", {"hypertension"}},
          {"needs_hospitalisation", false},
          {"needs_drugs_or_oxygen", false},
          {"vaccination_count", 3},
          {"pregnant", false},
          {"doctor_name", "府中 一郎"},
          {"confirm_new_patient", true},
          {"submit", true}};
}

}  // namespace hersys::test
